/**
 * A child process of the benchmarks: loads a scenario the way the CLI does (file, `--set`
 * overrides, `--horizon`), runs one replication, and prints one JSON line of figures.
 *
 * It runs in its own process so that the parent can time the whole process, start-up included,
 * and so that its peak resident set size is that of this run alone (read from VmHWM on Linux:
 * see peakRssBytes).
 *
 * Usage: node dist/bench/replication-child.js '{"scenario": "...", "horizon": "7d", "policy": "off", "sets": [...]}'
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { loadScenario } from "../src/cli/load.js";
import type { Policy } from "../src/config/scenario.js";
import { runReplication } from "../src/run/replication.js";

/** What the parent asks for. */
export interface ChildRequest {
  readonly scenario: string;
  readonly horizon?: string;
  readonly policy: Policy;
  readonly replication?: number;
  readonly sets?: readonly string[];
}

/** What the child reports. */
export interface ChildFigures {
  readonly mails: number;
  readonly delivered: number;
  readonly events: number;
  /** Seconds inside runReplication (the simulation alone). */
  readonly runSec: number;
  /** CPU seconds (user + system) inside runReplication. */
  readonly runCpuSec: number;
  /** Seconds from process start to the start of the simulation (Node start-up, imports, scenario). */
  readonly startupSec: number;
  /** Peak resident set size of the process, bytes (see {@link peakRssBytes}). */
  readonly maxRssBytes: number;
  /** Time-average of mails held by the units (queued plus in delivery). */
  readonly spoolMean: number;
  readonly latencyMeanS: number | null;
  readonly failovers: number;
}

/**
 * Peak resident set size of this process. On Linux, `VmHWM` of /proc/self/status: the high-water
 * mark of this process's own memory. `process.resourceUsage().maxRSS` (getrusage) is not that in
 * a child: Linux carries the parent's high-water mark across fork and exec, so a small child of a
 * large parent reports the parent's peak (measured: a one-minute run reported 94 MiB after the
 * kernel benchmark had grown the parent, against 60 MiB alone). Elsewhere, maxRSS.
 */
function peakRssBytes(): number {
  try {
    const m = /^VmHWM:\s*(\d+)\s*kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (m !== null) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

const req = JSON.parse(process.argv[2] ?? "{}") as ChildRequest;
const loaded = loadScenario(req.scenario, { set: req.sets ?? [], horizon: req.horizon });
// performance.now() counts from the process's time origin, so this is the start-up time.
const t0 = performance.now();
const c0 = process.cpuUsage();
const r = runReplication(loaded.scenario, req.policy, req.replication ?? 0);
const cpu = process.cpuUsage(c0);
const t1 = performance.now();
const figures: ChildFigures = {
  mails: r.metrics.arrived,
  delivered: r.metrics.delivered,
  events: r.metrics.events,
  runSec: (t1 - t0) / 1e3,
  runCpuSec: (cpu.user + cpu.system) / 1e6,
  startupSec: t0 / 1e3,
  maxRssBytes: peakRssBytes(),
  spoolMean: r.metrics.spool_mean,
  latencyMeanS: r.metrics.latency_mean_s,
  failovers: r.metrics.failovers,
};
console.log(JSON.stringify(figures));
