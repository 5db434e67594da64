/**
 * Deterministic cell formatting shared by every CSV: the same number always prints the same
 * way, whatever machine or worker computed it.
 *
 * @module
 */
import { stringify } from "csv-stringify/sync";

/** Significant digits kept for non-integers: plenty for a simulation, stable across platforms. */
export const SIGNIFICANT_DIGITS = 10;

/** A value as it goes into a CSV cell. */
export type Cell = string | number | boolean | null | undefined;

/**
 * Formats a number for a CSV cell: integers print as integers, other finite numbers with at
 * most {@link SIGNIFICANT_DIGITS} significant digits (shortest form, so `0.1` not
 * `0.1000000000`), null/undefined/NaN/±Infinity as an empty cell, and -0 as 0.
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  if (Object.is(value, -0)) return "0";
  if (Number.isSafeInteger(value)) return String(value);
  const rounded = Number(value.toPrecision(SIGNIFICANT_DIGITS));
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

/** Formats any cell value: numbers by {@link formatNumber}, null/undefined as empty. */
export function formatCell(value: Cell): string {
  if (typeof value === "number") return formatNumber(value);
  if (value === null || value === undefined) return "";
  return String(value);
}

/**
 * Formats whole microseconds as seconds exactly (`1500000` → `1.5`, `1` → `0.000001`), with
 * no float rounding in between, so trace times compare as text.
 */
export function formatMicrosAsSeconds(us: number): string {
  if (!Number.isSafeInteger(us)) return formatNumber(us / 1e6);
  const sign = us < 0 ? "-" : "";
  const abs = Math.abs(us);
  const whole = Math.floor(abs / 1e6);
  const frac = String(abs % 1e6)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return frac === "" ? `${sign}${whole}` : `${sign}${whole}.${frac}`;
}

/**
 * Renders a CSV document: a header line, then one line per row, `\n` line ends, RFC 4180
 * quoting where needed (csv-stringify).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const records = [header, ...rows.map((row) => row.map(formatCell))];
  return stringify(records, { record_delimiter: "unix" });
}
