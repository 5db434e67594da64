/**
 * The readable summary printed on stdout at the end of a run or sweep: one line per policy
 * (and sweep point), the headline metrics as `mean [95% CI]`.
 *
 * @module
 */
import type { PolicyRuns } from "../report/groups.js";
import { METRIC_COLUMNS } from "../report/columns.js";
import { summarize } from "../stats/summary.js";

/** The headline metrics: [column label, metric name]. */
export const TABLE_METRICS: readonly (readonly [string, string])[] = [
  ["lost", "lost"],
  ["duplicated", "duplicated"],
  ["ttr service (s)", "ttr_service_mean_s"],
  ["unavailable (s)", "unavailable_s"],
  ["split brain (s)", "split_brain_s"],
];

/** A number in at most 4 significant digits, without exponent for everyday magnitudes. */
function short(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

/** `12.5 [10.1, 14.9]`, `12.5` when n = 1, `-` when no run had a value. */
function cell(values: readonly (number | null)[]): string {
  const s = summarize(values);
  if (s.mean === null) return "-";
  if (s.ci95Low === null || s.ci95High === null) return short(s.mean);
  return `${short(s.mean)} [${short(s.ci95Low)}, ${short(s.ci95High)}]`;
}

/**
 * Renders the table. The first column is the policy, preceded by the sweep point's values when
 * `paramNames` is given.
 */
export function summaryTable(
  groups: readonly PolicyRuns[],
  paramNames: readonly string[] = [],
): string {
  const header = [...paramNames, "policy", "runs", ...TABLE_METRICS.map(([label]) => label)];
  const rows = groups.map((g) => [
    ...(g.point ?? []),
    g.policy,
    String(g.metrics.length),
    ...TABLE_METRICS.map(([, name]) => {
      const col = METRIC_COLUMNS.find((c) => c.name === name);
      return col === undefined ? "-" : cell(g.metrics.map(col.get));
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}
