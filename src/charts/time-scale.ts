/**
 * Readable time axes: a chart's time field is a plain number in the one unit (seconds, minutes,
 * hours or days) that suits the span shown, so tick labels read `6, 12, 18` h rather than
 * `21600000000` µs, and the unit goes in the axis title.
 *
 * @module
 */
import { US_PER_D, US_PER_H, US_PER_MIN, US_PER_S } from "../kernel/time.js";

/** A unit for a time or duration axis. */
export interface TimeUnit {
  /** Short name for titles: `s`, `min`, `h`, `d`. */
  readonly name: "s" | "min" | "h" | "d";
  /** Microseconds per unit. */
  readonly us: number;
}

const S: TimeUnit = { name: "s", us: US_PER_S };
const MIN: TimeUnit = { name: "min", us: US_PER_MIN };
const H: TimeUnit = { name: "h", us: US_PER_H };
const D: TimeUnit = { name: "d", us: US_PER_D };

/**
 * The unit for a time axis spanning `spanUs`: at most about a hundred ticks' worth of units, at
 * least a few, so the numbers stay short (10 min → s; 5 h → min; 4 d → h; more → d).
 */
export function timeUnitForSpan(spanUs: number): TimeUnit {
  if (spanUs <= 10 * US_PER_MIN) return S;
  if (spanUs <= 5 * US_PER_H) return MIN;
  if (spanUs <= 4 * US_PER_D) return H;
  return D;
}

/** The unit for showing durations whose largest value is `maxUs` (120 s → s, 2 h → min, 2 d → h). */
export function durationUnitFor(maxUs: number): TimeUnit {
  const m = Math.abs(maxUs);
  if (m < 120 * US_PER_S) return S;
  if (m < 2 * US_PER_H) return MIN;
  if (m < 2 * US_PER_D) return H;
  return D;
}

/** `us` in `unit`, rounded to 6 significant digits so chart data (and thus SVG) text is stable. */
export function inUnit(us: number, unit: TimeUnit): number {
  return round6(us / unit.us);
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
  const parts: Array<[number, string]> = [
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
      return next && rest > 0 ? `${sign}${whole}${name} ${rest}${next[1]}` : `${sign}${whole}${name}`;
    }
  }
  return `${sign}${Math.round(abs / US_PER_S)}s`;
}
