/**
 * `--vary path=v1,v2,v3` and `--vary path=from:to:step`: the axes of a sweep and their full
 * factorial grid. Values stay strings, exactly like `--set` values, so the scenario qualifier
 * parses them (a `5s` stays `5s`); a range of durations is written back as durations.
 *
 * @module
 */
import { formatDuration } from "../kernel/time.js";
import { parseDurationUs } from "../scenario/units.js";
import { UserError } from "./errors.js";

/** One varied parameter: its scenario path and the values it takes, in order. */
export interface VaryAxis {
  readonly path: string;
  readonly values: readonly string[];
}

/** Most values one axis may take, and most grid points: a typo such as 0:1e6:1 fails fast. */
export const MAX_AXIS_VALUES = 1000;
export const MAX_GRID_POINTS = 10_000;

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const EXPECTED = "expected path=v1,v2,... or path=from:to:step (e.g. ha.holdOff=5m:30m:5m)";

function bad(spec: string, why = ""): UserError {
  return new UserError(
    `--vary ${JSON.stringify(spec)}: ${EXPECTED}${why === "" ? "" : `, got ${why}`}`,
  );
}

/** from, from+step, ... up to `to` (inclusive, with a little slack for float steps). */
function steps(spec: string, from: number, to: number, step: number): number[] {
  if (!(step > 0)) throw bad(spec, "a step that is not positive");
  if (to < from) throw bad(spec, "from greater than to");
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_AXIS_VALUES) throw bad(spec, `${count} values (at most ${MAX_AXIS_VALUES})`);
  return Array.from({ length: count }, (_, i) => from + i * step);
}

function range(spec: string, text: string): string[] {
  const parts = text.split(":").map((s) => s.trim());
  if (parts.length !== 3 || parts.some((p) => p === ""))
    throw bad(spec, `a range of ${parts.length} parts`);
  const [a, b, c] = parts as [string, string, string];
  if (PLAIN_NUMBER.test(a) && PLAIN_NUMBER.test(b) && PLAIN_NUMBER.test(c)) {
    // Rounding to 12 significant digits removes float noise such as 0.30000000000000004.
    return steps(spec, Number(a), Number(b), Number(c)).map((x) =>
      String(Number(x.toPrecision(12))),
    );
  }
  let us: number[];
  try {
    us = [a, b, c].map(parseDurationUs);
  } catch {
    throw bad(spec, "a range whose ends and step are neither numbers nor durations");
  }
  return steps(spec, us[0]!, us[1]!, us[2]!).map(formatDuration);
}

/** Parses one `--vary` value. */
export function parseVary(spec: string): VaryAxis {
  const eq = spec.indexOf("=");
  if (eq <= 0) throw bad(spec, "no path=");
  const path = spec.slice(0, eq).trim();
  const text = spec.slice(eq + 1).trim();
  if (path === "" || text === "") throw bad(spec, "an empty path or value");
  if (text.includes(":")) return { path, values: range(spec, text) };
  const values = text.split(",").map((s) => s.trim());
  if (values.some((v) => v === "")) throw bad(spec, "an empty value in the list");
  return { path, values };
}

/** Parses every `--vary`, rejecting a path varied twice and grids too large to run. */
export function parseVaryAll(specs: readonly string[]): VaryAxis[] {
  if (specs.length === 0) throw new UserError(`--vary: ${EXPECTED}, got nothing`);
  const axes = specs.map(parseVary);
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.path))
      throw new UserError(`--vary: expected each path once, got ${a.path} twice`);
    seen.add(a.path);
  }
  const size = axes.reduce((n, a) => n * a.values.length, 1);
  if (size > MAX_GRID_POINTS)
    throw new UserError(`--vary: expected at most ${MAX_GRID_POINTS} grid points, got ${size}`);
  return axes;
}

/** The full factorial grid, the first axis varying slowest; each point lists one value per axis. */
export function gridPoints(axes: readonly VaryAxis[]): string[][] {
  let points: string[][] = [[]];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => [...p, v]));
  return points;
}
