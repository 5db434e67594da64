/**
 * The timers' state, kept as parallel typed arrays indexed by timer id so that arming and firing
 * a timer allocates nothing. {@link Scheduler} extends this class (which extends the heap), so
 * the fields are read on the scheduler's hot path exactly as if declared there; the timer
 * protocol itself (arm, re-arm, lazy deletion) is described and implemented in scheduler.ts.
 *
 * @module
 */

import { EventHeap } from "./event-heap.js";
import {
  PRIORITY_MIN,
  SchedulingError,
  badDelay,
  badHandler,
  badTime,
  badTimer,
  checkPriority,
  grownFloat64,
  grownInt32,
  seqExhausted,
} from "./scheduling-checks.js";
import type { Handler, HandlerId, TimerId } from "./scheduler.js";
import { MAX_TIME_US } from "./time.js";

/** 2^42: sequence numbers live in the low 42 bits of the key, priorities in the 11 bits above. */
export const SEQ_SPAN = 4_398_046_511_104;
/** The heap is compacted when stale entries outnumber live ones and it holds at least this many. */
export const COMPACT_MIN_SIZE = 64;

/** The time stored for a timer with no heap entry, or not armed. */
export const NO_TIME = -1;

/**
 * Per-timer arrays (handler, key, argument, generation, entry and target times), their growth,
 * and the compaction that drops the heap entries of timers that were re-armed or cancelled.
 */
export abstract class TimerTable extends EventHeap {
  // Every field is initialised with a value of its final type (see scheduler.ts: V8 field
  // representations).
  protected timerCount = 0;
  protected tHandler: Int32Array = new Int32Array(16);
  /** `(priority - PRIORITY_MIN) * 2^42`: the timer's key without the sequence. */
  protected tKeyBase: Float64Array = new Float64Array(16);
  protected tArg: Float64Array = new Float64Array(16);
  /** Generation of the timer's current heap entry; older entries are stale. */
  protected tGen: Int32Array = new Int32Array(16);
  /** Time of the timer's current heap entry, or NO_TIME when it has none. */
  protected tEntryTime: Float64Array = new Float64Array(16);
  /** Time the timer is armed for, or NO_TIME when disarmed. */
  protected tTarget: Float64Array = new Float64Array(16);
  /** Key (priority and sequence) of the timer's latest arming. */
  protected tKey: Float64Array = new Float64Array(16);

  /** The clock (µs). */
  protected now = 0;
  /** The next sequence number. */
  protected seq = 0;
  /** Live pending events: one-shot entries plus armed timers. */
  protected live = 0;
  protected readonly handlers: Handler[] = [];

  /**
   * Creates a reusable, cancellable timer, initially disarmed. When it fires, `handler` is called
   * with `arg`. The priority is fixed for the timer's life; its sequence is taken at each arm.
   *
   * @param priority - integer in [PRIORITY_MIN, PRIORITY_MAX].
   * @param arg - passed to the handler. Default 0.
   */
  createTimer(handler: HandlerId, priority: number, arg = 0): TimerId {
    if (!(handler >>> 0 === handler && handler < this.handlers.length))
      badHandler(handler, this.handlers.length);
    checkPriority(priority);
    const id = this.timerCount;
    if (id === this.tHandler.length) this.growTimers();
    this.tHandler[id] = handler;
    this.tKeyBase[id] = (priority - PRIORITY_MIN) * SEQ_SPAN;
    this.tArg[id] = arg;
    this.tGen[id] = 0;
    this.tEntryTime[id] = NO_TIME;
    this.tTarget[id] = NO_TIME;
    this.tKey[id] = 0;
    this.timerCount = id + 1;
    return id;
  }

  /**
   * Arms (or re-arms) a timer to fire at `timeUs`, replacing any earlier arming. The firing order
   * is as if the timer were a one-shot event scheduled by this call.
   *
   * @param timeUs - absolute time in integer µs, `>= nowUs`.
   */
  arm(timer: TimerId, timeUs: number): void {
    if (!(timeUs >= this.now && timeUs <= MAX_TIME_US && Math.floor(timeUs) === timeUs))
      badTime(timeUs, this.now);
    this.armChecked(timer, timeUs);
  }

  /** Arms a timer `delayUs` (a non-negative integer) after now; see {@link arm}. */
  armAfter(timer: TimerId, delayUs: number): void {
    const time = this.now + delayUs;
    if (!(delayUs >= 0 && time <= MAX_TIME_US && Math.floor(delayUs) === delayUs))
      badDelay(delayUs, this.now);
    this.armChecked(timer, time);
  }

  /** Disarms a timer. O(1) (amortised, counting compaction); a no-op if it is not armed. */
  cancel(timer: TimerId): void {
    if (!(timer >>> 0 === timer && timer < this.timerCount)) badTimer(timer, this.timerCount);
    if (this.tTarget[timer]! < 0) return;
    this.tTarget[timer] = NO_TIME;
    this.live--;
    // The timer's heap entry stays; it is stale until dropped, or reused by a later arm.
    if (this.size - this.live > this.live && this.size >= COMPACT_MIN_SIZE) this.compact();
  }

  /** Reserves the next sequence number, exactly as scheduling an event would take it. */
  takeSeq(): number {
    const seq = this.seq;
    if (++this.seq >= SEQ_SPAN) seqExhausted(SEQ_SPAN);
    return seq;
  }

  /** The key of an event of `priority` scheduled with sequence number `seq`. */
  static keyOf(priority: number, seq: number): number {
    return (priority - PRIORITY_MIN) * SEQ_SPAN + seq;
  }

  /** The sequence number of the timer's latest arming (meaningful while it is armed). */
  armedSeq(timer: TimerId): number {
    if (!(timer >>> 0 === timer && timer < this.timerCount)) badTimer(timer, this.timerCount);
    return this.tKey[timer]! - this.tKeyBase[timer]!;
  }

  /**
   * Arms a timer as if it had been armed when `seq` was taken ({@link takeSeq}): a gate hands
   * back an event it had scheduled outside the heap, keeping its place in the order.
   */
  armWithSeq(timer: TimerId, timeUs: number, seq: number): void {
    if (!(timeUs >= this.now && timeUs <= MAX_TIME_US && Math.floor(timeUs) === timeUs))
      badTime(timeUs, this.now);
    if (!(seq >= 0 && seq < this.seq && Math.floor(seq) === seq))
      throw new SchedulingError(`armWithSeq: ${seq} is not a sequence number taken earlier`);
    this.armAt(timer, timeUs, this.tKeyBase[timer]! + seq);
  }

  protected armChecked(timer: TimerId, time: number): void {
    if (!(timer >>> 0 === timer && timer < this.timerCount)) badTimer(timer, this.timerCount);
    const key = this.tKeyBase[timer]! + this.seq;
    if (++this.seq >= SEQ_SPAN) seqExhausted(SEQ_SPAN);
    this.armAt(timer, time, key);
  }

  protected armAt(timer: TimerId, time: number, key: number): void {
    if (this.tTarget[timer]! < 0) this.live++;
    this.tTarget[timer] = time;
    this.tKey[timer] = key;
    const entryTime = this.tEntryTime[timer]!;
    // A current entry at or before the new time sorts before it, so it pops first and is then
    // re-inserted at (time, key): nothing to push now.
    if (entryTime >= 0 && time >= entryTime) return;
    // Otherwise push a fresh entry; a bump of the generation makes any older entry stale.
    const gen = (this.tGen[timer]! + 1) | 0;
    this.tGen[timer] = gen;
    this.tEntryTime[timer] = time;
    this.push(time, key, gen, ~timer);
    if (this.size - this.live > this.live && this.size >= COMPACT_MIN_SIZE) this.compact();
  }

  /** Whether the timer is armed. */
  isArmed(timer: TimerId): boolean {
    if (!(timer >>> 0 === timer && timer < this.timerCount)) badTimer(timer, this.timerCount);
    return this.tTarget[timer]! >= 0;
  }

  /** The time (µs) the timer is armed for, or -1 when it is not armed. */
  armedAtUs(timer: TimerId): number {
    if (!(timer >>> 0 === timer && timer < this.timerCount)) badTimer(timer, this.timerCount);
    return this.tTarget[timer]!;
  }

  /** Doubles the capacity of every timer array. */
  protected growTimers(): void {
    const cap = this.tHandler.length * 2;
    this.tHandler = grownInt32(this.tHandler, cap);
    this.tKeyBase = grownFloat64(this.tKeyBase, cap);
    this.tArg = grownFloat64(this.tArg, cap);
    this.tGen = grownInt32(this.tGen, cap);
    this.tEntryTime = grownFloat64(this.tEntryTime, cap);
    this.tTarget = grownFloat64(this.tTarget, cap);
    this.tKey = grownFloat64(this.tKey, cap);
  }

  /** Drops stale timer entries (releasing their slots) and rebuilds the heap bottom-up, O(n). */
  protected compact(): void {
    const ht = this.hTime,
      hs = this.hSlot,
      data = this.slotData;
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const slot = hs[i]!;
      const code = data[slot * 3 + 2]!;
      if (code < 0) {
        const timer = ~code;
        let stale = data[slot * 3 + 1] !== this.tGen[timer];
        if (!stale && this.tTarget[timer]! < 0) {
          this.tEntryTime[timer] = NO_TIME;
          stale = true;
        }
        if (stale) {
          this.freeSlots[this.freeCount++] = slot;
          continue;
        }
      }
      ht[n] = ht[i]!;
      hs[n] = slot;
      n++;
    }
    this.size = n;
    for (let start = (n >> 1) - 1; start >= 0; start--) this.siftDown(start);
  }
}
