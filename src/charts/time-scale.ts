/**
 * Readable time: timeline axes read as a clock since the start (`1d 06:00`) or in days, and
 * durations on comparison axes in the one unit (s, min, h, d) that suits their size, with the
 * unit in the axis title — never raw microseconds.
 *
 * @module
 */
import { US_PER_D, US_PER_H, US_PER_MIN, US_PER_S } from "../kernel/time.js";

/** A unit for a time or duration axis. */
export interface TimeUnit {
  /** Short name for titles: `s`, `min`, `h`, `d` (`ms` only for clock axes). */
  readonly name: "ms" | "s" | "min" | "h" | "d";
  /** Microseconds per unit. */
  readonly us: number;
}

const S: TimeUnit = { name: "s", us: US_PER_S };
const MIN: TimeUnit = { name: "min", us: US_PER_MIN };
const H: TimeUnit = { name: "h", us: US_PER_H };
const D: TimeUnit = { name: "d", us: US_PER_D };

/** Milliseconds: the unit of a clock axis's data. */
export const MS: TimeUnit = { name: "ms", us: 1000 };

/** How a timeline's time axis is drawn: always a plain number scale, labelled as days or a clock. */
export interface TimeAxis {
  /** The unit of the data's time fields. */
  readonly unit: TimeUnit;
  readonly title: string;
  /** Tick positions (in `unit`) for a clock axis; absent: vega picks them. */
  readonly ticks?: readonly number[];
  /** Vega expression for tick labels of a clock axis. */
  readonly labelExpr?: string;
}

/** Clock tick steps, µs: ticks land on round clock times. */
const CLOCK_STEPS = [1, 2, 5, 10, 15, 30]
  .map((s) => s * US_PER_S)
  .concat([1, 2, 5, 10, 15, 30].map((m) => m * US_PER_MIN))
  .concat(
    [1, 2, 3, 6, 12].map((h) => h * US_PER_H),
    [US_PER_D],
  );

/**
 * The time axis for the window [startUs, endUs] about `maxTicks` ticks wide. Up to 4 days it is
 * a clock since the start (`06:00`, `1d 05:59:30`) with ticks on round clock times, so an
 * episode a day and a half in reads `1d 12:05` rather than minute 2165. Longer windows are
 * counted in days.
 *
 * The scale stays numeric (milliseconds) rather than vega's UTC time scale: that keeps every
 * panel's explicit domain identical, which vega-lite otherwise reports as conflicting.
 */
export function timeAxisFor(startUs: number, endUs: number, maxTicks = 10): TimeAxis {
  const span = endUs - startUs;
  if (span > 4 * US_PER_D) return { unit: D, title: "time since start (days)" };
  const step = CLOCK_STEPS.find((s) => span / s <= maxTicks) ?? US_PER_D;
  const ticks: number[] = [];
  for (let t = Math.ceil(startUs / step) * step; t <= endUs; t += step) ticks.push(inUnit(t, MS));
  const seconds = step < US_PER_MIN;
  const day = "floor(datum.value / 86400000)";
  return {
    unit: MS,
    title: `time since start (${seconds ? "d hh:mm:ss" : "d hh:mm"})`,
    ticks,
    labelExpr: `(${day} > 0 ? ${day} + 'd ' : '') + utcFormat(datum.value, '${seconds ? "%H:%M:%S" : "%H:%M"}')`,
  };
}

/** The unit for showing durations whose largest value is `maxUs` (120 s → s, 2 h → min, 2 d → h). */
export function durationUnitFor(maxUs: number): TimeUnit {
  const m = Math.abs(maxUs);
  if (m < 120 * US_PER_S) return S;
  if (m < 2 * US_PER_H) return MIN;
  if (m < 2 * US_PER_D) return H;
  return D;
}

/**
 * `us` in `unit`, to a millionth of the unit: short numbers in the chart data without float noise
 * (`0.30000000000000004`). Absolute, not significant-digit, rounding: a time 300 days in must
 * keep its milliseconds, or a zoomed episode's steps would snap to 100-second multiples.
 */
export function inUnit(us: number, unit: TimeUnit): number {
  const x = us / unit.us;
  if (Number.isInteger(x)) return x;
  const r = Number(x.toFixed(6));
  return Object.is(r, -0) ? 0 : r;
}

/** Rounds to 6 significant digits: far below a pixel, and free of float noise in the output. */
export function round6(x: number): number {
  if (!Number.isFinite(x) || x === 0) return 0;
  const r = Number(x.toPrecision(6));
  return Object.is(r, -0) ? 0 : r;
}

/**
 * A short human duration with at most two units: `2h 5min`, `45s`, `3d 4h`, `250ms`, `0s`.
 * Used in labels where the kernel's exact `2h5m0s12ms` would be noise.
 */
export function shortDuration(us: number): string {
  const abs = Math.abs(us);
  const sign = us < 0 ? "-" : "";
  if (abs < US_PER_S) return abs === 0 ? "0s" : `${sign}${Math.round(abs / 1000)}ms`;
  const parts: [number, string][] = [
    [US_PER_D, "d"],
    [US_PER_H, "h"],
    [US_PER_MIN, "min"],
    [US_PER_S, "s"],
  ];
  for (let i = 0; i < parts.length; i++) {
    const [size, name] = parts[i]!;
    if (abs >= size) {
      const whole = Math.floor(abs / size);
      const next = parts[i + 1];
      const rest = next ? Math.floor((abs - whole * size) / next[0]) : 0;
      return next && rest > 0
        ? `${sign}${whole}${name} ${rest}${next[1]}`
        : `${sign}${whole}${name}`;
    }
  }
  return `${sign}${Math.round(abs / US_PER_S)}s`;
}
