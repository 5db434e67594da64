/**
 * Mail arrivals at the sending MTAs: Poisson (constant or diurnal rate, by thinning) or periodic.
 * The next arrival is drawn when the previous one happens, from the `arrivals` stream.
 *
 * @module
 */
import { EntryTag } from "../ha/spool.js";
import { offer } from "./smtp.js";
import type { ClusterState } from "./state.js";

const DAY_US = 86_400e6;

/** Schedules the next arrival, if it falls before the horizon. */
export function scheduleNextArrival(c: ClusterState): void {
  const t = nextArrivalUs(c, c.sched.nowUs);
  if (t >= 0) c.sched.arm(c.arrivalTimer, t);
}

/**
 * Draws the time of the arrival after one at `fromUs` (µs), or -1 when it falls at or past the
 * horizon. The quiet-mail gate calls it too, with its own clock.
 */
export function nextArrivalUs(c: ClusterState, fromUs: number): number {
  let t = fromUs;
  const mean = c.poissonMeanUs;
  if (mean > 0) {
    // Hot path. Math.floor(x + 0.5) equals Math.round(x) for 0 <= x < 2^52 except at
    // x = 0.5 - 2^-54 (0 against 1), where the max with 1 makes them agree again; it is faster.
    const x = Math.floor(c.rng.arrivals.exponential(mean) + 0.5);
    t += x > 1 ? x : 1;
    return t < c.horizonUs ? t : -1;
  }
  const w = c.sc.workload.arrivals;
  const r = c.rng.arrivals;
  if (w.process === "periodic") {
    t = Math.round((c.mailsArrived + c.mailsSkipped + 1) * (1e6 / w.ratePerS));
  } else if (w.profile === "constant") {
    t += Math.max(1, Math.round(r.exponential(1e6 / w.ratePerS)));
  } else {
    // Thinning against the peak rate: exact for the sinusoidal profile. The loop ends once t
    // passes the horizon, so a tiny rate cannot spin for ever.
    const peak = w.ratePerS * w.peakFactor;
    for (;;) {
      t += Math.max(1, Math.round(r.exponential(1e6 / peak)));
      if (t >= c.horizonUs) return -1;
      const phase = (2 * Math.PI * (((t - w.peakAtUs) % DAY_US) + DAY_US)) / DAY_US;
      const rate = w.ratePerS * (1 + (w.peakFactor - 1) * Math.cos(phase));
      if (r.uniform() * peak <= rate) break;
    }
  }
  return t < c.horizonUs ? t : -1;
}

/** A mail reaches a sending MTA, which offers it at once. */
export function onArrival(c: ClusterState): void {
  const m = c.mailsArrived++;
  c.ensureMail(m);
  c.mail.arrive(m);
  offer(c, m, c.sched.nowUs, EntryTag.Original);
  scheduleNextArrival(c);
}
