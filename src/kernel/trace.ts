/**
 * A bounded event trace: records the last events a scheduler ran, for debugging and for tests
 * that check what ran when. Attach with `sched.setTracer(recorder.tracer)`.
 *
 * @module
 */

import type { HandlerId, Tracer } from "./scheduler.js";
import { formatClock } from "./time.js";

/** One traced event. */
export interface TraceEntry {
  /** Simulated time of the event, µs. */
  readonly timeUs: number;
  /** The handler that ran. */
  readonly handler: HandlerId;
  /** The argument it was called with. */
  readonly arg: number;
}

/**
 * Keeps the last `capacity` traced events in a ring of typed arrays (no allocation per event).
 */
export class TraceRecorder {
  /** Pass this to `Scheduler.setTracer`. */
  readonly tracer: Tracer;
  private readonly times: Float64Array;
  private readonly handlers: Int32Array;
  private readonly args: Float64Array;
  private total = 0;

  /** @param capacity - how many of the most recent events to keep. Default 1000. */
  constructor(readonly capacity = 1000) {
    if (!Number.isSafeInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.times = new Float64Array(capacity);
    this.handlers = new Int32Array(capacity);
    this.args = new Float64Array(capacity);
    this.tracer = (timeUs, handler, arg) => {
      const i = this.total % this.capacity;
      this.times[i] = timeUs;
      this.handlers[i] = handler;
      this.args[i] = arg;
      this.total++;
    };
  }

  /** Number of events traced since creation (including those no longer kept). */
  get count(): number {
    return this.total;
  }

  /** The kept events, oldest first. */
  entries(): TraceEntry[] {
    const n = Math.min(this.total, this.capacity);
    const out: TraceEntry[] = [];
    for (let k = this.total - n; k < this.total; k++) {
      const i = k % this.capacity;
      out.push({ timeUs: this.times[i]!, handler: this.handlers[i]!, arg: this.args[i]! });
    }
    return out;
  }

  /**
   * The kept events as lines `"<clock> <handler name>(<arg>)"`.
   *
   * @param nameOf - maps a handler id to a name, e.g. `(h) => sched.handlerName(h)`.
   */
  lines(nameOf: (handler: HandlerId) => string = (h) => `handler#${h}`): string[] {
    return this.entries().map((e) => `${formatClock(e.timeUs)} ${nameOf(e.handler)}(${e.arg})`);
  }
}
