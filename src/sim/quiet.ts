/**
 * Quiet mail: the exact fast path of `engine.mail: exact`.
 *
 * Most of a long run is quiet: one reachable MASTER takes every mail and delivers it, the
 * downstream answers, nothing drains (sender retries may be pending: each is an event of the
 * queue, before which the gate hands over). There the mail model is an M/G/c
 * FIFO queue, and running it through the general event queue (a heap holding every pending event
 * of the model) costs most of the run. This gate ({@link Gate}) takes the mail events of the
 * quiet MASTER out of the queue (the next arrival and its busy workers' completions) and runs
 * them itself: the next arrival in a variable and the completions in a heap of at most
 * `deliveryWorkers` entries, doing per mail exactly what `onArrival`, `accept`, `startDeliveries`
 * and `onDeliveryDone` do in the quiet case.
 *
 * Exactness. Every event the gate runs gets the sequence number the event queue would have given
 * it (it takes them from the scheduler in the same order), so ties at the same microsecond fall
 * as they would in the queue, worker indices are chosen the same way, the same random streams are
 * drawn in the same order, and the observers are told the same things with the same times. Before
 * any other event runs, the gate runs its own events that come before it, then hands its pending
 * events back to the queue as timers armed with their original sequence numbers: the other
 * handler sees the state the event engine would show it. After that event, if the group is still
 * quiet, the gate takes the mail events back. So results are byte-identical to `engine.mail:
 * events` (test/model/mail-engine.test.ts compares every column over random fault schedules), and
 * the `events` column counts the events the gate ran.
 *
 * Why not the Kiefer–Wolfowitz recursion (start = max(arrival, earliest free worker), no
 * departure processed in order): it cannot tell which worker index a mail runs on, nor the order
 * of an arrival and a completion in the same microsecond, and both change results (the order in
 * which a crash puts in-flight mails back in the spool, the spool maximum at a tie). With integer
 * microseconds such ties happen about 200 times a day at 50 mails/s.
 *
 * @module
 */
import type { Gate } from "../kernel/scheduler.js";
import { Scheduler } from "../kernel/scheduler.js";
import { processesMail } from "../ha/role.js";
import { EntryTag } from "../ha/spool.js";
import { nextArrivalUs } from "./arrivals.js";
import { assignNext, finishDelivery } from "./delivery.js";
import { downstreamReachable, holdsVip } from "./health.js";
import { P_MAIL } from "./priorities.js";
import { CalmSkipper, warmupUs } from "./skip.js";
import { takeIntoSpool } from "./smtp.js";
import type { ClusterState } from "./state.js";
import type { UnitRuntime } from "./unit.js";

/** Key of a mail event with sequence number 0: mail events all have priority P_MAIL. */
const MAIL_KEY_BASE = Scheduler.keyOf(P_MAIL, 0);

/** The unit that takes and delivers all mail while the group is quiet, or null. */
export function quietUnit(c: ClusterState): UnitRuntime | null {
  // Pending sender retries do not stop it: each retry is an event of the queue, before which the
  // gate hands over (the episodes skipper, though, waits for them: see `advance`).
  if (c.draining) return null;
  const [a, b] = c.units;
  const va = holdsVip(c, a);
  if (va === holdsVip(c, b)) return null;
  const u = va ? a : b;
  if (!u.up || !u.reachable || u.role.mode !== "MASTER" || !processesMail(u.role)) return null;
  // Near a full spool the next arrival may be refused: leave that to the event engine.
  if (u.depth + 1 >= c.spoolCapacity) return null;
  // Deliveries wait for the queue retry (the downstream did not answer): mail is only taken in.
  if (u.deferredUntilUs > c.sched.nowUs) return u;
  if (c.sched.isArmed(u.queueRetryTimer) || !downstreamReachable(c, u)) return null;
  return u;
}

/** The quiet-mail gate of one cluster; see the module documentation. */
export class QuietMail implements Gate {
  active = false;
  private u: UnitRuntime;
  /** The next arrival's time (µs, -1 for none) and sequence number. */
  private arrivalUs = -1;
  private arrivalSeq = 0;
  /** Per worker: sequence number of its completion (its time is in `u.workerDoneUs`). */
  private readonly doneSeq: Float64Array;
  /** Busy workers, a min-heap on (completion time, sequence number). */
  private readonly heap: Int32Array;
  private n = 0;
  /**
   * While deliveries are deferred (µs; Infinity otherwise): the gate takes mail in and lets
   * in-flight deliveries finish but starts none, as `startDeliveries` would, and hands over
   * before anything at or after this time (the queue retry decides what comes next).
   */
  private deferredUntilUs = Infinity;
  /** Events run since the last hand-over (added to the scheduler's count then). */
  private events = 0;
  /** Skips calm spans (`engine.mail: episodes`); null otherwise. */
  private readonly skipper: CalmSkipper | null;

  constructor(private readonly c: ClusterState) {
    const workers = c.sc.mta.deliveryWorkers;
    this.doneSeq = new Float64Array(workers);
    this.heap = new Int32Array(workers);
    this.u = c.units[0];
    const w = c.sc.engine.mail === "episodes" ? warmupUs(c) : -1;
    this.skipper = w > 0 ? new CalmSkipper(c, w) : null;
  }

  poll(): boolean {
    if (this.skipper !== null && this.c.activeFaults > 0) this.skipper.stopSampling();
    return this.takeOver();
  }

  before(timeUs: number, key: number): boolean {
    if (this.skipper !== null && this.c.activeFaults > 0) this.skipper.stopSampling();
    // Handed over early: a handed-back event may come first, so the queue must look again.
    if (!this.advance(timeUs, key)) return true;
    this.handOver();
    return false;
  }

  flush(untilUs: number): void {
    if (this.advance(untilUs, Infinity)) this.handOver();
  }

  /** Takes the quiet MASTER's mail events out of the queue; false when the group is not quiet. */
  private takeOver(): boolean {
    const c = this.c;
    const u = quietUnit(c);
    if (u === null) return false;
    const s = c.sched;
    this.arrivalUs = -1;
    if (s.isArmed(c.arrivalTimer)) {
      this.arrivalUs = s.armedAtUs(c.arrivalTimer);
      this.arrivalSeq = s.armedSeq(c.arrivalTimer);
    }
    if (this.arrivalUs < 0 && u.busy === 0) return false; // nothing to run
    this.deferredUntilUs = u.deferredUntilUs > s.nowUs ? u.deferredUntilUs : Infinity;
    if (this.deferredUntilUs !== Infinity && this.firstEventUs(u) >= this.deferredUntilUs)
      return false;
    if (this.arrivalUs >= 0) s.cancel(c.arrivalTimer);
    this.n = 0;
    this.u = u;
    for (let w = 0; w < u.workerMail.length; w++) {
      if (u.workerMail[w]! < 0) continue;
      const timer = u.workerTimers[w]!;
      u.workerDoneUs[w] = s.armedAtUs(timer);
      this.doneSeq[w] = s.armedSeq(timer);
      s.cancel(timer);
      this.push(w);
    }
    this.active = true;
    return true;
  }

  /** The time (µs) of the first of `u`'s mail events the gate would run, before taking them. */
  private firstEventUs(u: UnitRuntime): number {
    let t = this.arrivalUs < 0 ? Infinity : this.arrivalUs;
    for (let w = 0; w < u.workerMail.length; w++)
      if (u.workerMail[w]! >= 0) t = Math.min(t, this.c.sched.armedAtUs(u.workerTimers[w]!));
    return t;
  }

  /** Hands the pending events back to the queue, each in its original place in the order. */
  private handOver(): void {
    const c = this.c;
    const s = c.sched;
    const u = this.u;
    for (let i = 0; i < this.n; i++) {
      const w = this.heap[i]!;
      s.armWithSeq(u.workerTimers[w]!, u.workerDoneUs[w]!, this.doneSeq[w]!);
    }
    if (this.arrivalUs >= 0) s.armWithSeq(c.arrivalTimer, this.arrivalUs, this.arrivalSeq);
    s.countGateEvents(this.events);
    this.events = 0;
    this.n = 0;
    this.active = false;
  }

  /**
   * Runs the gate's events ordered before `(timeUs, key)`. Returns false if it had to hand over
   * before that (an arrival the quiet case cannot take), true otherwise.
   */
  private advance(timeUs: number, key: number): boolean {
    const doneUs = this.u.workerDoneUs;
    const doneSeq = this.doneSeq;
    for (;;) {
      const w = this.n > 0 ? this.heap[0]! : -1;
      const a = this.arrivalUs;
      let t: number;
      let seq: number;
      const completion =
        w >= 0 && (a < 0 || doneUs[w]! < a || (doneUs[w] === a && doneSeq[w]! < this.arrivalSeq));
      if (completion) {
        t = doneUs[w]!;
        seq = doneSeq[w]!;
      } else if (a >= 0) {
        t = a;
        seq = this.arrivalSeq;
      } else return true;
      if (t > timeUs || (t === timeUs && MAIL_KEY_BASE + seq > key)) return true;
      if (t >= this.deferredUntilUs) {
        this.handOver();
        return false;
      }
      if (
        !completion &&
        this.skipper !== null &&
        this.u.depth === 0 &&
        !this.deferred() &&
        this.c.senders.size === 0
      ) {
        const next = this.skipper.trySkip(this.u, t);
        if (next !== t) {
          this.arrivalUs = next;
          if (next >= 0) this.arrivalSeq = this.c.sched.takeSeq();
          continue;
        }
      }
      if (completion) this.complete(w, t);
      else if (!this.arrive(t)) {
        this.handOver();
        return false;
      }
    }
  }

  /** `onArrival` and `accept` in the quiet case; false (nothing done) if it must be refused. */
  private arrive(t: number): boolean {
    const c = this.c;
    const u = this.u;
    if (u.depth >= c.spoolCapacity) return false;
    this.events++;
    const m = c.mailsArrived++;
    c.ensureMail(m);
    c.mail.arrive(m);
    takeIntoSpool(c, u, m, t, EntryTag.Original, t);
    if (u.busy < u.workerMail.length && !this.deferred()) this.start(t);
    const next = nextArrivalUs(c, t);
    this.arrivalUs = next;
    if (next >= 0) this.arrivalSeq = c.sched.takeSeq();
    return true;
  }

  /**
   * `startDeliveries` in the quiet case (the unit delivers and the downstream answers). With
   * `replaceTop`, the heap's top entry is a worker that has just finished: the first delivery
   * started takes its place (one sift instead of a pop and a push: in a backlog every
   * completion starts the next mail at once), and it is popped if none starts.
   */
  private start(t: number, replaceTop = false): void {
    const u = this.u;
    const W = u.workerMail.length;
    while (u.busy < W && u.spool.size > 0) {
      const w = assignNext(this.c, u, t);
      if (w < 0) continue;
      this.doneSeq[w] = this.c.sched.takeSeq();
      if (replaceTop) {
        this.siftDown(w);
        replaceTop = false;
      } else this.push(w);
    }
    if (replaceTop) this.popTop();
  }

  /** `onDeliveryDone` in the quiet case: worker `w` (the heap's top) finished at `t`. */
  private complete(w: number, t: number): void {
    const c = this.c;
    const u = this.u;
    this.events++;
    const acc = u.workerAcceptUs[w]!;
    finishDelivery(c, u, w, t);
    // Mail delivered while senders retry is not calm (the event engine used to run it).
    if (this.skipper !== null && acc >= this.skipper.sampleFromUs && c.senders.size === 0)
      c.mail.calmSample(t - acc);
    if (!this.deferred()) this.start(t, true);
    else this.popTop();
  }

  private deferred(): boolean {
    return this.deferredUntilUs !== Infinity;
  }

  private before2(x: number, y: number): boolean {
    const tx = this.u.workerDoneUs[x]!;
    const ty = this.u.workerDoneUs[y]!;
    return tx < ty || (tx === ty && this.doneSeq[x]! < this.doneSeq[y]!);
  }

  private push(w: number): void {
    const h = this.heap;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before2(w, h[p]!)) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = w;
  }

  private popTop(): void {
    const n = --this.n;
    if (n > 0) this.siftDown(this.heap[n]!);
  }

  /** Puts worker `w` at the heap's root (replacing what was there) and sifts it down. */
  private siftDown(w: number): void {
    const h = this.heap;
    const n = this.n;
    let i = 0;
    for (;;) {
      let ch = 2 * i + 1;
      if (ch >= n) break;
      if (ch + 1 < n && this.before2(h[ch + 1]!, h[ch]!)) ch++;
      if (!this.before2(h[ch]!, w)) break;
      h[i] = h[ch]!;
      i = ch;
    }
    h[i] = w;
  }
}
