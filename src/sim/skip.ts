/**
 * `engine.mail: episodes` — years at real mail rates.
 *
 * Lost, duplicated and stranded mail, outages and split brain only happen when something changes:
 * a fault starts or ends, a detector declares, a role timer fires, the admin acts. In between, a
 * quiet MASTER (the quiet-mail gate is running: it takes and delivers every mail) runs a stable
 * FIFO queue whose only outputs are counts and latencies — even while a fault that does not touch
 * the mail path is active (the SLAVE is down, a monitor is blind). So when the gate runs, the
 * MASTER's spool is empty (a regeneration point of the queue) and no sender retry is pending, it
 * may skip ahead: the mails that would arrive until `W` before the next model event (anything
 * below the sync priority in the event queue: fault starts and ends, role timers, detectors) or
 * until the next event of any kind are counted, not simulated, and the simulation resumes from an
 * empty spool. `W` is long enough for the queue to reach its steady state again before that event:
 *
 *   W = max(10 min, the queue-sync interval when on, 200 × E[S] / (1 − ρ)²),
 *   ρ = λ × E[S] / deliveryWorkers (E[S]: mean delivery time; λ: the arrival rate),
 *
 * far beyond the queue's relaxation time (of order E[S] / (1 − √ρ)²). With ρ ≥ 0.95, or arrivals
 * that are not constant-rate Poisson or periodic, nothing is skipped (the run is `exact`).
 *
 * What is exact: everything simulated (all mail around every episode, hence lost, duplicated,
 * given up, outages, split brain, times to restore); the number of skipped arrivals is exact in
 * distribution for Poisson arrivals (a Poisson count over the skipped span, with the memoryless
 * next arrival after it; only the microsecond rounding of gaps is ignored) and exact for periodic
 * ones; skipped mails are accepted and delivered once. What is estimated: their latencies (the
 * distribution of the calm mails: accepted at least W/2 into a resumed window and delivered
 * before any fault became active), their share of
 * the spool mean (by Little's law, count × mean calm latency), and which of them leave mail data
 * (a Poisson count at `mailDataShare` of the rate; for periodic arrivals a Poisson approximation
 * of the binomial). `spool_max` and `events` cover the simulated windows only. Skipped counts are
 * drawn per policy (stream `mail-skip`), so `arrived` is no longer common to all policies of a
 * replication; the faults and the simulated mail are.
 *
 * @module
 */
import { meanUs } from "../kernel/dist.js";
import { samplePoisson } from "../kernel/poisson.js";
import { P_OBSERVE, P_SYNC } from "./priorities.js";
import type { ClusterState } from "./state.js";
import type { UnitRuntime } from "./unit.js";

const MIN_WARMUP_US = 600e6;

/** The warm-up W (µs) before a model event, or -1 when the load does not allow skipping. */
export function warmupUs(c: ClusterState): number {
  const sc = c.sc;
  const a = sc.workload.arrivals;
  const constant = a.process === "periodic" || a.profile === "constant";
  const service = meanUs(sc.mta.deliveryTime);
  const rho = (a.ratePerS * service) / 1e6 / sc.mta.deliveryWorkers;
  if (!constant || !(rho < 0.95)) return -1;
  const sync = sc.ha.mailQueueSync.enabled ? sc.ha.mailQueueSync.intervalUs : 0;
  return Math.round(Math.max(MIN_WARMUP_US, sync, (200 * service) / (1 - rho) ** 2));
}

/** Skips calm spans of mail for the quiet-mail gate; see the module documentation. */
export class CalmSkipper {
  /** Mails accepted from here on, while no fault is active, are calm samples (µs). */
  sampleFromUs: number;

  constructor(
    private readonly c: ClusterState,
    readonly warmupUs: number,
  ) {
    this.sampleFromUs = warmupUs / 2; // the run starts from an empty spool, as after a skip
  }

  /** A fault is active: mails from now on are not calm samples until the next skip. */
  stopSampling(): void {
    this.sampleFromUs = Infinity;
  }

  /**
   * The next arrival is at `a` (µs) and the quiet MASTER `u`'s spool is empty: skips the calm
   * span from `a` to at most the next model event (observation events, such as the timeline
   * samples of `--trace`, do not count: results must not depend on them). Returns the time of
   * the first arrival not skipped (-1: none before the horizon), or `a` when nothing is skipped.
   */
  trySkip(u: UnitRuntime, a: number): number {
    const c = this.c;
    const s = c.sched;
    // Two scans of the queue; the second only when the first leaves room (in a warm-up window,
    // arrival after arrival, it does not).
    const beforeModelUs = s.nextTimeBelow(P_SYNC) - this.warmupUs;
    if (!(a < beforeModelUs)) return a;
    const end = Math.min(beforeModelUs, s.nextTimeBelow(P_OBSERVE), c.horizonUs);
    if (!(a < end)) return a;
    const w = c.sc.workload.arrivals;
    let count: number;
    let next: number;
    if (w.process === "periodic") {
      const periodUs = 1e6 / w.ratePerS;
      const first = c.mailsArrived + c.mailsSkipped; // the index of the mail arriving at `a`
      // Mail i arrives at round((i + 1) × period): count those before `end`, exactly at the edge.
      count = Math.max(1, Math.floor(end / periodUs) - first);
      while (Math.round((first + count + 1) * periodUs) < end) count++;
      while (count > 1 && Math.round((first + count) * periodUs) >= end) count--;
      next = Math.round((first + count + 1) * periodUs);
    } else {
      const meanGapUs = 1e6 / w.ratePerS;
      count = 1 + samplePoisson((end - a) / meanGapUs, c.rng.skip);
      next = end + Math.max(1, Math.round(c.rng.skip.exponential(meanGapUs)));
    }
    if (c.mailDataShare > 0)
      u.mailDataUnsynced += Math.min(count, samplePoisson(count * c.mailDataShare, c.rng.skip));
    c.mailsSkipped += count;
    c.mail.skip(count);
    // Calm samples resume W/2 into the new window, unless a fault (one that leaves the mail path
    // alone) is active: then not before the next skip. Deciding this here, and not at the next
    // event boundary, keeps the samples independent of observation events.
    this.sampleFromUs = c.activeFaults > 0 ? Infinity : end + this.warmupUs / 2;
    return next < c.horizonUs ? next : -1;
  }
}
