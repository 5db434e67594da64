/**
 * The gate protocol: a co-process that runs some events outside the scheduler's queue (a fast
 * special case), consulted by `Scheduler.run` so that the order of all events stays the
 * queue's `(time, priority, sequence)` order.
 *
 * @module
 */

/**
 * A gate runs events of its own outside the heap, in the same total order (see
 * `Scheduler.setGate`): a co-process that simulates a fast special case exactly.
 */
export interface Gate {
  /** Whether the gate holds events of its own now (then it is asked before every event). */
  readonly active: boolean;
  /**
   * Called while inactive, before each event: the gate may take events out of the queue and
   * become active. Returns true if it changed the queue (the scheduler then looks again).
   */
  poll(): boolean;
  /**
   * Called while active, before the next live event `(timeUs, key)` runs: run the gate's own
   * events that come before it (their time and key are below), then return true if the gate
   * scheduled or cancelled anything (the scheduler then looks at the queue again), else false.
   */
  before(timeUs: number, key: number): boolean;
  /** The run ends at `untilUs`: run the gate's events up to it and hand the rest to the queue. */
  flush(untilUs: number): void;
}
