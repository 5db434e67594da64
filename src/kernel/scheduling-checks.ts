/**
 * The scheduler's argument rules and the errors it throws when a request breaks them: the
 * priority range, and one thrower per kind of bad request. The throwers are module functions
 * called only on the failing branch, so the scheduler's hot path stays a single inline test.
 *
 * @module
 */

import { MAX_TIME_US, formatClock } from "./time.js";

/** Lowest (most urgent) priority number accepted. */
export const PRIORITY_MIN = -1024;
/** Highest (least urgent) priority number accepted. */
export const PRIORITY_MAX = 1023;

/** Thrown for an invalid scheduling request: a time in the past, a non-integer time, a bad id. */
export class SchedulingError extends Error {
  override readonly name = "SchedulingError";
}

/** Throws unless `priority` is an integer in [{@link PRIORITY_MIN}, {@link PRIORITY_MAX}]. */
export function checkPriority(priority: number): void {
  if (!((priority | 0) === priority && priority >= PRIORITY_MIN && priority <= PRIORITY_MAX)) {
    throw new SchedulingError(
      `priority must be an integer in [${PRIORITY_MIN}, ${PRIORITY_MAX}], got ${priority}`,
    );
  }
}

/** Throws for a handler id that is not one of the `registered` handlers. */
export function badHandler(handler: number, registered: number): never {
  throw new SchedulingError(`unknown handler id ${handler} (${registered} registered)`);
}

/** Throws for a timer id that is not one of the `created` timers. */
export function badTimer(timer: number, created: number): never {
  throw new SchedulingError(`unknown timer id ${timer} (${created} created)`);
}

/** Throws for an absolute time (µs) that is in the past, not an integer or past the horizon. */
export function badTime(timeUs: number, nowUs: number): never {
  if (typeof timeUs === "number" && timeUs < nowUs) {
    const clock = timeUs >= 0 ? ` (${formatClock(timeUs)})` : "";
    throw new SchedulingError(
      `cannot schedule in the past: time ${timeUs}µs${clock} is before now ${nowUs}µs (${formatClock(nowUs)})`,
    );
  }
  throw new SchedulingError(
    `time must be an integer number of µs in [now, ${MAX_TIME_US}], got ${timeUs} (now ${nowUs}µs)`,
  );
}

/** Throws for a delay (µs) that is negative, not an integer or reaches past the horizon. */
export function badDelay(delayUs: number, nowUs: number): never {
  throw new SchedulingError(
    `delay must be a non-negative integer number of µs keeping the time <= ${MAX_TIME_US}, got ${delayUs} (now ${nowUs}µs)`,
  );
}

/** Throws when `span` sequence numbers have all been taken. */
export function seqExhausted(span: number): never {
  throw new SchedulingError(`sequence numbers exhausted after ${span} scheduling calls`);
}

/** A copy of `old` in an array of `capacity` entries (the rest zero). */
export function grownInt32(old: Int32Array, capacity: number): Int32Array {
  const next = new Int32Array(capacity);
  next.set(old);
  return next;
}

/** A copy of `old` in an array of `capacity` entries (the rest zero). */
export function grownFloat64(old: Float64Array, capacity: number): Float64Array {
  const next = new Float64Array(capacity);
  next.set(old);
  return next;
}
