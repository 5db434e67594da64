/**
 * The timers' state, kept as parallel typed arrays indexed by timer id so that arming and firing
 * a timer allocates nothing. {@link Scheduler} extends this class (which extends the heap), so
 * the fields are read on the scheduler's hot path exactly as if declared there; the timer
 * protocol itself (arm, re-arm, lazy deletion) is described and implemented in scheduler.ts.
 *
 * @module
 */

import { EventHeap } from "./event-heap.js";
import { badTimer, grownFloat64, grownInt32 } from "./scheduling-checks.js";
import type { TimerId } from "./scheduler.js";

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
