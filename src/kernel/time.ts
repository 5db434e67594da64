/**
 * Simulated time: an integer number of microseconds since the start of a run.
 *
 * Integers below 2^53 are exact in a float64, so microseconds stay exact for about 285 years of
 * simulated time. Durations reach the kernel already in whole microseconds: the scenario layer
 * (`src/scenario/units.ts`) reads what users write and rounds it once.
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

/**
 * Formats a duration compactly with the largest units first: `1h30m`, `15s`, `250ms`, `0s`.
 * The result parses back to the same number of microseconds with the scenario layer's
 * `parseDurationUs`.
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
