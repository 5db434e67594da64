/**
 * The readable summary printed on stdout at the end of a run or sweep: one line per policy
 * (and sweep point), the headline metrics as `mean [interval]`, then a line saying what the
 * brackets are.
 *
 * @module
 */
import type { PolicyRuns } from "../report/groups.js";
import { METRIC_COLUMNS } from "../report/columns.js";
import { DEFAULT_CONFIDENCE } from "../stats/interval.js";
import { metricRange } from "../stats/range.js";
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

/**
 * `12.5 [10.1, 14.9]`, `12.5` when n = 1, `-` when no run had a value; ` n=7` is appended when
 * only 7 of the replications had a value (a conditional mean, e.g. TTR).
 */
function cell(values: readonly (number | null)[], metric: string, confidence: number): string {
  const s = summarize(values, { confidence, range: metricRange(metric) });
  if (s.mean === null) return "-";
  const n = s.n < values.length ? ` n=${s.n}` : "";
  if (s.ciLow === null || s.ciHigh === null) return short(s.mean) + n;
  return `${short(s.mean)} [${short(s.ciLow)}, ${short(s.ciHigh)}]${n}`;
}

/** The line under the table that says what the brackets and `n=` mean. */
export function bracketsLegend(confidence: number = DEFAULT_CONFIDENCE): string {
  const pct = Number((confidence * 100).toPrecision(6));
  return `mean per replication [${pct}% confidence interval of the mean, BCa bootstrap]; n=k: only k replications had a value\n`;
}

/**
 * Renders the table. The first column is the policy, preceded by the sweep point's values when
 * `paramNames` is given.
 */
export function summaryTable(
  groups: readonly PolicyRuns[],
  paramNames: readonly string[] = [],
  confidence: number = DEFAULT_CONFIDENCE,
): string {
  const header = [...paramNames, "policy", "runs", ...TABLE_METRICS.map(([label]) => label)];
  const rows = groups.map((g) => [
    ...(g.point ?? []),
    g.policy,
    String(g.metrics.length),
    ...TABLE_METRICS.map(([, name]) => {
      const col = METRIC_COLUMNS.find((c) => c.name === name);
      return col === undefined ? "-" : cell(g.metrics.map(col.get), name, confidence);
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n" + bracketsLegend(confidence);
}
