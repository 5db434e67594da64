/**
 * Delivery: each unit's workers take mail from its spool, in order, and deliver it to the
 * downstream server; deliveries stop (and go back to the spool) when the unit stops.
 *
 * @module
 */
import { sampleExponentialUs, sampleUs } from "../kernel/dist.js";
import { processesMail } from "../ha/role.js";
import type { EntryTag } from "../ha/spool.js";
import { checkDrain } from "./drain.js";
import { downstreamReachable } from "./health.js";
import { BIT, type ClusterState } from "./state.js";
import type { UnitRuntime } from "./unit.js";

/** Starts deliveries on free workers while the unit processes mail and the downstream answers. */
export function startDeliveries(c: ClusterState, u: UnitRuntime): void {
  const W = u.workerMail.length;
  if (u.busy >= W || u.spool.size === 0 || !processesMail(u.role)) return;
  const now = c.sched.nowUs;
  if (now < u.deferredUntilUs) return;
  if (!downstreamReachable(c, u)) {
    u.deferredUntilUs = now + c.sc.mta.queueRetryUs;
    c.sched.arm(u.queueRetryTimer, u.deferredUntilUs);
    return;
  }
  while (u.busy < W && u.spool.size > 0) {
    const w = assignNext(c, u, now);
    if (w >= 0) c.sched.arm(u.workerTimers[w]!, u.workerDoneUs[w]!);
  }
}

/**
 * Takes the spool's head onto the lowest free worker at `nowUs` and draws its delivery time
 * (its completion time is left in `u.workerDoneUs`); returns the worker, or -1 when the head had
 * waited past `mta.queueGiveUp` and bounced instead. The caller has checked that a worker is free.
 */
export function assignNext(c: ClusterState, u: UnitRuntime, nowUs: number): number {
  const m = u.spool.shift();
  const acc = u.spool.lastAcceptUs;
  if (nowUs - acc > c.sc.mta.queueGiveUpUs) {
    c.mail.expire(m);
    c.setWhere(m, c.whereOf(m) & ~BIT[u.index]);
    c.depthTotal--;
    c.obs.depthChanged(nowUs, c.depthTotal, u.depth);
    return -1;
  }
  const w = u.takeWorker();
  u.workerMail[w] = m;
  u.workerAcceptUs[w] = acc;
  u.workerFirstTryUs[w] = u.spool.lastFirstTryUs;
  u.workerTag[w] = u.spool.lastTag;
  u.busy++;
  const mean = c.deliveryExpMeanUs;
  const d =
    mean > 0
      ? sampleExponentialUs(mean, c.rng.delivery)
      : sampleUs(c.sc.mta.deliveryTime, c.rng.delivery);
  u.workerDoneUs[w] = nowUs + d;
  return w;
}

/**
 * Worker `w` of unit `u` hands its mail to the downstream at `nowUs`: the ledger is told and the
 * worker is free. Shared with the quiet-mail gate (quiet.ts).
 */
export function finishDelivery(c: ClusterState, u: UnitRuntime, w: number, nowUs: number): void {
  const m = u.workerMail[w]!;
  u.workerMail[w] = -1;
  u.releaseWorker(w);
  u.busy--;
  c.mail.deliver(m, u.workerTag[w]!, u.workerAcceptUs[w]!, nowUs, u.workerFirstTryUs[w]!);
  c.setWhere(m, c.whereOf(m) & ~BIT[u.index]);
  c.depthTotal--;
  c.obs.depthChanged(nowUs, c.depthTotal, u.depth);
}

/** Worker `w` of unit `u` finished its delivery. */
export function onDeliveryDone(c: ClusterState, u: UnitRuntime, w: number): void {
  finishDelivery(c, u, w, c.sched.nowUs);
  startDeliveries(c, u);
  if (u.role.mode !== "MASTER" && u.depth === 0) c.refresh();
  else if (c.draining && c.depthTotal === 0) checkDrain(c);
}

/** Deliveries in flight stop. After a crash some had already reached the downstream [I]. */
export function abortInflight(c: ClusterState, u: UnitRuntime, mayHaveArrived: boolean): void {
  const p = c.sc.assumptions.inflightDeliveredProbability;
  for (let w = u.workerMail.length - 1; w >= 0; w--) {
    const m = u.workerMail[w]!;
    if (m < 0) continue;
    c.sched.cancel(u.workerTimers[w]!);
    const acc = u.workerAcceptUs[w]!;
    const tag = u.workerTag[w]! as EntryTag;
    const first = u.workerFirstTryUs[w]!;
    if (mayHaveArrived && c.rng.inflight.bernoulli(p)) {
      c.mail.deliver(m, tag, acc, c.sched.nowUs, first);
    }
    u.spool.unshift(m, acc, tag, first);
    u.workerMail[w] = -1;
    u.releaseWorker(w);
  }
  u.busy = 0;
}
