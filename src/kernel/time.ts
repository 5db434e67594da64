/**
 * Simulated time: an integer number of microseconds since the start of a run.
 *
 * Integers below 2^53 are exact in a float64, so microseconds stay exact for about 285 years of
 * simulated time. Every duration that enters the kernel is rounded to a whole microsecond here,
 * the one place where float time is turned into integer time.
 *
 * @module
 */

/** A point in simulated time, in whole microseconds since the run started. */
export type SimTimeUs = number;
/** A span of simulated time, in whole microseconds. */
export type DurationUs = number;

export const US_PER_MS = 1_000;
export const US_PER_S = 1_000_000;
export const US_PER_MIN = 60 * US_PER_S;
export const US_PER_H = 60 * US_PER_MIN;
export const US_PER_D = 24 * US_PER_H;
/** The largest representable time: about 285 years. */
export const MAX_TIME_US = Number.MAX_SAFE_INTEGER;

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

/** Thrown for a malformed duration, rate or time value; the message says what was expected. */
export class TimeFormatError extends Error {
  override readonly name = "TimeFormatError";
}

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;
const DURATION_PART = new RegExp(`(${NUMBER})(us|ms|min|s|m|h|d|w)`, "gy");
const PLAIN_NUMBER = new RegExp(`^${NUMBER}$`, "i");

/**
 * Parses a duration into whole microseconds.
 *
 * Accepts `250ms`, `15s`, `5m`, `2h`, `7d`, `1w`, combinations such as `1h30m` or `2d 4h`, and
 * plain numbers (or numeric strings), which are seconds. Negative values are rejected.
 *
 * @param value - the duration as written by a user.
 * @returns the duration in microseconds, rounded to the nearest microsecond.
 * @throws TimeFormatError when the value is not a duration.
 */
export function parseDurationUs(value: string | number): DurationUs {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) {
      throw new TimeFormatError(
        `expected a duration such as 15s, 5m or 1h30m (or a non-negative number of seconds), got ${value}`,
      );
    }
    return Math.round(value * US_PER_S);
  }
  const text = value.trim().toLowerCase();
  if (PLAIN_NUMBER.test(text)) return parseDurationUs(Number(text));
  const compact = text.replace(/\s+/g, "");
  let total = 0;
  let consumed = 0;
  DURATION_PART.lastIndex = 0;
  for (let m = DURATION_PART.exec(compact); m !== null; m = DURATION_PART.exec(compact)) {
    total += Number(m[1]) * UNIT_US[m[2]!]!;
    consumed = DURATION_PART.lastIndex;
  }
  if (compact.length === 0 || consumed !== compact.length || !Number.isFinite(total)) {
    throw new TimeFormatError(
      `expected a duration such as 250ms, 15s, 5m, 2h, 7d or 1h30m, got "${value}"`,
    );
  }
  return Math.round(total);
}

/**
 * Formats a duration compactly with the largest units first: `1h30m`, `15s`, `250ms`, `0s`.
 * The result parses back to the same number of microseconds with {@link parseDurationUs}.
 */
export function formatDuration(us: DurationUs): string {
  if (us === 0) return "0s";
  const sign = us < 0 ? "-" : "";
  let rest = Math.abs(Math.round(us));
  const parts: string[] = [];
  for (const [unit, size] of [
    ["d", US_PER_D],
    ["h", US_PER_H],
    ["m", US_PER_MIN],
    ["s", US_PER_S],
    ["ms", US_PER_MS],
    ["us", 1],
  ] as const) {
    if (rest >= size) {
      const n = Math.floor(rest / size);
      parts.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  return sign + parts.join("");
}

/**
 * Formats a point in time as a clock reading for traces and stories: `00:10:15`, `1d 02:00:00`,
 * with milliseconds when the time is not a whole second (`00:00:01.250`).
 */
export function formatClock(us: SimTimeUs): string {
  const days = Math.floor(us / US_PER_D);
  let rest = us - days * US_PER_D;
  const h = Math.floor(rest / US_PER_H);
  rest -= h * US_PER_H;
  const m = Math.floor(rest / US_PER_MIN);
  rest -= m * US_PER_MIN;
  const s = Math.floor(rest / US_PER_S);
  const frac = rest - s * US_PER_S;
  const pad = (n: number): string => String(n).padStart(2, "0");
  const clock = `${pad(h)}:${pad(m)}:${pad(s)}${frac > 0 ? "." + String(Math.floor(frac / US_PER_MS)).padStart(3, "0") : ""}`;
  return days > 0 ? `${days}d ${clock}` : clock;
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

/** Converts microseconds to seconds (for reports; never for kernel arithmetic). */
export function usToS(us: DurationUs): number {
  return us / US_PER_S;
}
