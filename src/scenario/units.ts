/**
 * Durations and rates as a user writes them (`1h30m`, `250ms`, `3000/min`), read into whole
 * microseconds and events per second.
 *
 * This is the scenario layer's job, not the kernel's: the kernel works in integer µs and never sees
 * text. The CLI's duration flags (`--horizon`, `--time-budget`, `--vary` ranges) use the same
 * readers so a duration means the same everywhere.
 *
 * @module
 */
import { US_PER_D, US_PER_H, US_PER_MIN, US_PER_MS, US_PER_S } from "../kernel/time.js";

const UNIT_US: Readonly<Record<string, number>> = {
  us: 1,
  ms: US_PER_MS,
  s: US_PER_S,
  m: US_PER_MIN,
  min: US_PER_MIN,
  h: US_PER_H,
  d: US_PER_D,
  w: 7 * US_PER_D,
};

/** Thrown for a malformed duration or rate; the message says what was expected. */
export class TimeFormatError extends Error {
  override readonly name = "TimeFormatError";
}

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;
const DURATION_PART = new RegExp(`(${NUMBER})(us|ms|min|s|m|h|d|w)`, "gy");
const PLAIN_NUMBER = new RegExp(`^${NUMBER}$`, "i");

/**
 * Why a value is not a duration: a `number` that is negative or not finite (including numeric
 * text such as `1e400`), or `text` that does not read as one.
 */
export type DurationProblem = "number" | "text";

/**
 * Reads a duration into whole microseconds, or says why it cannot.
 *
 * Accepts `250ms`, `15s`, `5m`, `2h`, `7d`, `1w`, combinations such as `1h30m` or `2d 4h`, and
 * plain numbers (or numeric strings), which are seconds. Negative values are rejected.
 *
 * @returns the duration in µs, rounded to the nearest µs; or the {@link DurationProblem}.
 */
export function readDurationUs(value: string | number): number | DurationProblem {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return "number";
    return Math.round(value * US_PER_S);
  }
  const text = value.trim().toLowerCase();
  if (PLAIN_NUMBER.test(text)) return readDurationUs(Number(text));
  const compact = text.replace(/\s+/g, "");
  let total = 0;
  let consumed = 0;
  DURATION_PART.lastIndex = 0;
  for (let m = DURATION_PART.exec(compact); m !== null; m = DURATION_PART.exec(compact)) {
    total += Number(m[1]) * UNIT_US[m[2]!]!;
    consumed = DURATION_PART.lastIndex;
  }
  if (compact.length === 0 || consumed !== compact.length || !Number.isFinite(total)) return "text";
  return Math.round(total);
}

/** What a duration should look like, by {@link DurationProblem}. */
export const DURATION_EXPECTED: Readonly<Record<DurationProblem, string>> = {
  number: "expected a duration such as 15s, 5m or 1h30m (or a non-negative number of seconds)",
  text: "expected a duration such as 250ms, 15s, 5m, 2h, 7d or 1h30m",
};

/**
 * {@link readDurationUs} for callers that only need a yes or no (the CLI's duration flags).
 *
 * @param value - the duration as written by a user.
 * @returns the duration in microseconds, rounded to the nearest microsecond.
 * @throws TimeFormatError when the value is not a duration.
 */
export function parseDurationUs(value: string | number): number {
  const us = readDurationUs(value);
  if (typeof us === "number") return us;
  const shown = typeof value === "number" ? String(value) : `"${value}"`;
  throw new TimeFormatError(`${DURATION_EXPECTED[us]}, got ${shown}`);
}

const RATE_UNIT_S: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  min: 60,
  m: 60,
  h: 3600,
  d: 86_400,
};
const RATE = new RegExp(`^(${NUMBER})\\s*/\\s*(s|sec|min|m|h|d)$`, "i");

/**
 * Parses a rate into events per second: `50/s`, `3000/min`, `120/h`, `1e6/d`; a plain number is
 * per second. Zero and negative rates are rejected (a rate of zero is "no arrivals", which a
 * scenario says by leaving the process out).
 *
 * @throws TimeFormatError when the value is not a positive rate.
 */
export function parseRatePerS(value: string | number): number {
  let perS: number;
  if (typeof value === "number") {
    perS = value;
  } else {
    const text = value.trim();
    const m = RATE.exec(text);
    if (m !== null) perS = Number(m[1]) / RATE_UNIT_S[m[2]!.toLowerCase()]!;
    else if (PLAIN_NUMBER.test(text)) perS = Number(text);
    else
      throw new TimeFormatError(`expected a rate such as 50/s, 3000/min or 1e6/d, got "${value}"`);
  }
  if (!Number.isFinite(perS) || perS <= 0) {
    throw new TimeFormatError(
      `expected a positive rate such as 50/s or 3000/min, got ${JSON.stringify(value)}`,
    );
  }
  return perS;
}
