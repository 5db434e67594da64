/**
 * The kernel's own speed at the pending-set size the mail model runs at, for the target "model
 * events/s ≥ 50% of the kernel hold figure at a similar pending-set size".
 *
 * - {@link holdAt}: the kernel benchmark's hold model (`holdOnce` of bench/kernel-hold.ts: N
 *   one-shot events pending, each schedules one more at now + Exp(1 s) in µs) at the model's N,
 *   timed in CPU seconds as well as wall seconds.
 * - {@link mailFloor}: the kernel work of the mail model and nothing else: Poisson arrivals as
 *   one-shot events and delivery workers as re-armed timers, with a counter for a spool. The gap
 *   between it and the model is what the model itself costs per event.
 *
 * Both run in-process and report the median of a few repetitions (the machine may be shared).
 *
 * @module
 */
import { Rng } from "../src/kernel/rng.js";
import { Scheduler, type TimerId } from "../src/kernel/scheduler.js";
import { holdOnce } from "./kernel-hold.js";

export interface KernelFigure {
  readonly label: string;
  readonly pending: number;
  readonly events: number;
  /** Median over repetitions: events per wall second. */
  readonly eventsPerSec: number;
  /** Median over repetitions: events per CPU second. */
  readonly eventsPerCpuSec: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timed(body: () => number): { events: number; sec: number; cpuSec: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const events = body();
  const sec = (performance.now() - t0) / 1e3;
  const c = process.cpuUsage(c0);
  return { events, sec, cpuSec: (c.user + c.system) / 1e6 };
}

function repeat(label: string, pending: number, times: number, body: () => number): KernelFigure {
  const runs = Array.from({ length: times }, () => timed(body));
  return {
    label,
    pending,
    events: runs[0]?.events ?? 0,
    eventsPerSec: median(runs.map((r) => r.events / r.sec)),
    eventsPerCpuSec: median(runs.map((r) => r.events / r.cpuSec)),
  };
}

/** The kernel benchmark's hold model with `n` events pending, `events` events per repetition. */
export function holdAt(n: number, events: number, times = 5): KernelFigure {
  return repeat(`kernel hold, N=${n}`, n, times, () => {
    holdOnce(n, events);
    return events;
  });
}

/**
 * The mail model's kernel work alone: arrivals at `ratePerS` for `horizonS` simulated seconds,
 * `workers` timers with Exp(`deliveryMeanUs`) holds, a counter as the spool.
 */
export function mailFloor(
  horizonS: number,
  ratePerS = 50,
  workers = 8,
  deliveryMeanUs = 100_000,
  times = 3,
): KernelFigure {
  // Pending: the next arrival plus the deliveries in progress (on average rate × mean delivery).
  const pending = 1 + Math.min(workers, (ratePerS * deliveryMeanUs) / 1e6);
  return repeat(`kernel only, mail event pattern`, pending, times, () => {
    const s = new Scheduler();
    const ra = Rng.fromSeed(1).fork("arrivals");
    const rd = Rng.fromSeed(1).fork("delivery");
    const horizonUs = horizonS * 1e6;
    const meanUs = 1e6 / ratePerS;
    const busy = new Uint8Array(workers);
    const timers: TimerId[] = [];
    let queued = 0;
    const start = (): void => {
      while (queued > 0) {
        let w = 0;
        while (w < workers && busy[w] === 1) w++;
        if (w === workers) return;
        busy[w] = 1;
        queued--;
        s.arm(timers[w]!, s.nowUs + Math.floor(rd.exponential(deliveryMeanUs) + 0.5));
      }
    };
    const arrival = s.register(() => {
      queued++;
      start();
      const x = Math.floor(ra.exponential(meanUs) + 0.5);
      const t = s.nowUs + (x > 1 ? x : 1);
      if (t < horizonUs) s.at(t, 110, arrival);
    });
    const done = s.register((w) => {
      busy[w] = 0;
      start();
    });
    for (let w = 0; w < workers; w++) timers.push(s.createTimer(done, 110, w));
    s.at(1, 110, arrival);
    s.run();
    return s.eventsRun;
  });
}
