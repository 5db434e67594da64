/**
 * How big a piece of work is before it starts: runs, simulated mails and kernel events, CPU
 * time and peak memory, computed from the qualified scenarios alone. Rough by design (within a
 * small factor for the shipped scenarios): its job is to catch the run that would take hours or
 * more memory than the machine has (`rate: 1e9/s`, `replications: 1e7`, `mtbf: 1us`, heartbeats
 * every microsecond) and to decide whether worker threads pay.
 *
 * The constants were measured on the 2-core build machine with the event engine
 * (`node dist/src/cli/main.js run … --jobs 1`, whole process): re-measure them when the engine
 * changes speed (see results/README.md, "Before long work").
 *
 * @module
 */
import { meanUs } from "../kernel/dist.js";
import type { FaultKind, QualifiedScenario } from "../config/scenario.js";

/** Kernel events per arriving mail (arrival, delivery; measured 2.0 on primary-crash and tiny). */
const EVENTS_PER_MAIL = 2;
/** Events per fault occurrence (start, end, detection, mode changes, pushes, admin). */
const EVENTS_PER_FAULT = 40;
/** Events per flapping cycle (down, up, heartbeat loss and return). */
const EVENTS_PER_FLAP = 10;
/**
 * Warm event rate of one thread, events/s: measured 2.6–5.6 M/s on the shipped scenarios
 * (2026-12-07: 2.6 with a full spool's sender retries, 4.4 with failovers, 5.6 with quiet mail;
 * `--jobs 1`, whole process over 9 runs). Near the low end, so estimates err long; at 2 M/s a
 * year of faults was announced at three times its length.
 */
export const EVENTS_PER_S = 4e6;
/** CPU to start one thread's simulation: loading the modules and warming the JIT, seconds (measured 0.8–1.5). */
export const THREAD_START_S = 1;
/** Memory of the process before any run, bytes (measured 60 MiB RSS). */
const BASE_BYTES = 80 * 2 ** 20;
/** Memory of a worker thread before its first run, bytes. */
const WORKER_BYTES = 40 * 2 ** 20;
/**
 * Memory per mail held at once, bytes: per-mail records are windows over the mails in the system
 * (sim/retire.ts), about 3 bytes per id of the window plus the spool entry; the window is sized
 * by the largest backlog (the arrivals of the longest outage).
 */
const BYTES_PER_HELD_MAIL = 40;
/** Warm-up before each model event of `engine.mail: episodes`, seconds (sim/skip.ts, the floor). */
const EPISODE_WARMUP_S = 600;
/** Memory per delivery worker of a unit, bytes. */
const BYTES_PER_DELIVERY_WORKER = 64;
/** Memory per finished run kept until the CSVs are written, bytes (a RunResult, its task). */
const BYTES_PER_RESULT = 2048;

/** The size of a piece of work. */
export interface WorkEstimate {
  /** Replications to run, summed over policies and grid points. */
  readonly runs: number;
  /** Mails that arrive, summed over every run. */
  readonly mails: number;
  /** Kernel events, summed over every run. */
  readonly events: number;
  /** CPU seconds of all runs on one warm thread (no start-up). */
  readonly cpuS: number;
  /** The largest run's memory while in progress, bytes. */
  readonly runBytes: number;
}

/**
 * Seconds of mail simulated in one run: the horizon, or with `engine.mail: episodes` a warm-up
 * before each fault and what follows it: a downstream outage and the backlog it leaves (it
 * drains at the spare capacity, so d / (1 − ρ) in all); a split brain for its whole duration; a
 * fault of a unit or a monitor a second warm-up at its end (mail is skipped while the peer
 * serves alone).
 */
function simulatedS(q: QualifiedScenario): number {
  const horizonS = q.horizonUs / 1e6;
  if (q.engine.mail !== "episodes") return horizonS;
  const rho = Math.min(
    0.95,
    (q.workload.arrivals.ratePerS * meanUs(q.mta.deliveryTime)) / 1e6 / q.mta.deliveryWorkers,
  );
  let sum = EPISODE_WARMUP_S;
  for (const f of faultsOf(q)) {
    const d = f.durationS;
    let spanS = Math.min(d, EPISODE_WARMUP_S);
    if (f.kind === "downstream-outage") spanS = d / (1 - rho);
    else if (f.kind === "link-down" || f.kind === "partition" || f.kind === "flapping") spanS = d;
    sum += f.times * (EPISODE_WARMUP_S + spanS);
  }
  return Math.min(horizonS, sum);
}

/** Arrivals of one run, and the mail that is refused and retried. */
function mailEvents(q: QualifiedScenario): { mails: number; events: number } {
  const rate = q.workload.arrivals.ratePerS;
  const mails = rate * simulatedS(q);
  // Mail refused for s seconds is retried every retry interval until it is accepted or given
  // up: about rate·s·(1 + min(s, give-up)/(2·interval)) attempts. (Spooled mail waiting for the
  // downstream costs nothing per mail: the queue retry is one timer per unit.)
  const retryS = Math.max(q.workload.senderRetry.intervalUs, 1) / 1e6;
  const giveUpS = q.workload.senderRetry.giveUpUs / 1e6;
  let retries = 0;
  for (const { spanS: s, times } of refusedS(q))
    retries += times * rate * s * (1 + Math.min(s, giveUpS) / (2 * retryS));
  return { mails, events: mails * EVENTS_PER_MAIL + retries };
}

/**
 * Seconds of refused mail in one run, with how many times each span happens. A downstream
 * outage refuses only once the spool is full; a fault of a unit at most until the peer takes
 * over (the heartbeat detection time and the ARP update; longer when both units are down, rare
 * enough to leave out); a blind monitor never. Counting each fault's whole duration instead made
 * a year of faults look half again as big as it is.
 */
function refusedS(q: QualifiedScenario): { spanS: number; times: number }[] {
  const hb = q.ha.heartbeat;
  const takeOverS = (hb.intervalUs * hb.lostThreshold + q.assumptions.arpUpdateDelayUs) / 1e6;
  const fillS = q.mta.spoolCapacity / Math.max(q.workload.arrivals.ratePerS, 1e-9);
  return faultsOf(q).map((f) => {
    const d = f.durationS;
    let spanS = Math.min(d, takeOverS);
    if (f.kind === "downstream-outage") spanS = Math.max(0, d - fillS);
    else if (f.kind === "monitor-blind") spanS = 0;
    return { spanS, times: f.times };
  });
}

/** One kind of fault episode of one run: its duration (s) and how many times it happens. */
interface FaultEpisodes {
  readonly kind: FaultKind;
  readonly durationS: number;
  readonly times: number;
}

/** The fault episodes of one run (random faults by their expected count, in ≤ 1000 entries). */
function faultsOf(q: QualifiedScenario): FaultEpisodes[] {
  const horizonS = q.horizonUs / 1e6;
  const out: FaultEpisodes[] = q.faults.map((f) => ({
    kind: f.kind,
    durationS: f.durationUs / 1e6,
    times: 1,
  }));
  for (const f of q.randomFaults) {
    const repairS = meanUs(f.repair) / 1e6;
    const count = Math.min(horizonS / (f.mtbfUs / 1e6 + repairS), 1e15);
    const entries = Math.ceil(Math.min(count, 1000));
    for (let i = 0; i < entries; i++)
      out.push({ kind: f.kind, durationS: repairS, times: count / entries });
  }
  return out;
}

/** Events of faults, flapping, heartbeats and probes in one run. */
function controlEvents(q: QualifiedScenario): number {
  const horizonS = q.horizonUs / 1e6;
  // One delivery timer per worker and unit is created at the start of the run.
  let events = q.faults.length * EVENTS_PER_FAULT + 2 * q.mta.deliveryWorkers;
  for (const f of q.faults)
    if (f.kind === "flapping")
      events += Math.floor((f.durationUs / Math.max(f.downUs + f.upUs, 1)) * EVENTS_PER_FLAP);
  for (const f of q.randomFaults)
    events += (horizonS / (f.mtbfUs / 1e6 + meanUs(f.repair) / 1e6)) * EVENTS_PER_FAULT;
  const per = (intervalUs: number): number => (2 * horizonS) / (Math.max(intervalUs, 1) / 1e6);
  if (q.engine.heartbeats === "simulated") {
    const hb = q.ha.heartbeat;
    events += per(hb.intervalUs) * (hb.secondaryLink ? 2 : 1);
    for (const p of q.ha.rservice) events += per(p.intervalUs);
    for (const c of [q.ha.lservice.ports, q.ha.lservice.hd])
      if (c !== null) events += per(c.intervalUs);
  }
  if (q.ha.mailQueueSync.enabled) events += per(q.ha.mailQueueSync.intervalUs);
  return events;
}

/**
 * Estimates the work of running every policy × replication of each scenario (a run has one
 * scenario; a sweep one per grid point).
 */
export function estimateWork(scenarios: readonly QualifiedScenario[]): WorkEstimate {
  let runs = 0;
  let mails = 0;
  let events = 0;
  let runBytes = 0;
  for (const q of scenarios) {
    const n = q.policies.length * q.replications;
    const m = mailEvents(q);
    runs += n;
    mails += n * m.mails;
    events += n * (m.events + controlEvents(q));
    // The longest single fault's arrivals (an outage's backlog), at least a minute's.
    const longestS = faultsOf(q).reduce((max, f) => Math.max(max, f.durationS), 60);
    const held = q.workload.arrivals.ratePerS * longestS;
    const bytes =
      Math.min(m.mails, held) * BYTES_PER_HELD_MAIL +
      2 * q.mta.deliveryWorkers * BYTES_PER_DELIVERY_WORKER;
    runBytes = Math.max(runBytes, bytes);
  }
  return { runs, mails, events, cpuS: events / EVENTS_PER_S, runBytes };
}

/** Peak memory of the work on `threads` threads (1 = in-process), bytes. */
export function peakBytes(w: WorkEstimate, threads: number): number {
  const workers = threads > 1 ? threads * WORKER_BYTES : 0;
  return BASE_BYTES + workers + Math.min(threads, w.runs) * w.runBytes + w.runs * BYTES_PER_RESULT;
}

/** Wall-clock seconds of the work on `threads` threads, start-up included. */
export function wallSeconds(w: WorkEstimate, threads: number): number {
  return THREAD_START_S + w.cpuS / Math.max(1, Math.min(threads, w.runs));
}
