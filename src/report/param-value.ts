/**
 * A varied parameter's value in base units, for the numeric columns of sweep.csv: durations in
 * seconds, rates per second, plain numbers as themselves. The text as written stays beside it.
 *
 * @module
 */
import { parseDurationUs, parseRatePerS } from "../scenario/units.js";

/** What the values of one axis are, and the suffix of its numeric column. */
export type ParamKind = "value" | "s" | "per_s";

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

function tryParse(f: (v: string) => number, v: string): number | null {
  try {
    const x = f(v);
    return Number.isFinite(x) ? x : null;
  } catch {
    return null;
  }
}

/** One value in a kind's base unit, or null when it is not of that kind. */
export function paramNumber(kind: ParamKind, text: string): number | null {
  if (kind === "value") return PLAIN_NUMBER.test(text.trim()) ? Number(text) : null;
  if (kind === "s") return PLAIN_NUMBER.test(text.trim()) ? null : tryParse(parseSeconds, text);
  return PLAIN_NUMBER.test(text.trim()) ? null : tryParse(parseRatePerS, text);
}

function parseSeconds(text: string): number {
  return parseDurationUs(text) / 1e6;
}

/**
 * The kind every value of an axis shares (plain numbers first, then durations, then rates), or
 * null when they share none (e.g. a list of policies): the axis then has only its text column.
 */
export function paramKind(values: readonly string[]): ParamKind | null {
  for (const kind of ["value", "s", "per_s"] as const)
    if (values.every((v) => paramNumber(kind, v) !== null)) return kind;
  return null;
}

/** The numeric column of a varied path: `ha.holdOff` → `ha.holdOff_s`. */
export function paramColumn(path: string, kind: ParamKind): string {
  return `${path}_${kind}`;
}
