/**
 * The readable summary printed on stdout at the end of a run or sweep: one line per policy
 * (and sweep point), the headline metrics as `mean [interval]`, a line saying what the brackets
 * are, and the table split into stacked parts when it is wider than the terminal.
 *
 * @module
 */
import type { PolicyRuns } from "../report/groups.js";
import { METRIC_COLUMNS } from "../report/columns.js";
import { DEFAULT_CONFIDENCE, levelPercent } from "../stats/interval.js";
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

/** Width used when stdout is not a terminal (a file, a pipe). */
export const DEFAULT_WIDTH = 100;

/** The terminal's width, or {@link DEFAULT_WIDTH} off a terminal. */
export function terminalWidth(): number {
  return process.stdout.isTTY ? process.stdout.columns : DEFAULT_WIDTH;
}

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
  return `mean per replication [${levelPercent(confidence)} confidence interval of the mean, BCa bootstrap]; n=k: only k replications had a value\n`;
}

/** Aligned columns, two spaces apart. */
function render(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/**
 * Renders the table. The first columns are the sweep point's values (when `paramNames` is
 * given), the policy and the number of runs; when the metrics do not fit in `width` columns,
 * they are split over several stacked tables, each repeating those first columns.
 */
export function summaryTable(
  groups: readonly PolicyRuns[],
  paramNames: readonly string[] = [],
  width: number = DEFAULT_WIDTH,
  confidence: number = DEFAULT_CONFIDENCE,
): string {
  const keyHeader = [...paramNames, "policy", "runs"];
  const keys = groups.map((g) => [...(g.point ?? []), g.policy, String(g.metrics.length)]);
  const metricCells = groups.map((g) =>
    TABLE_METRICS.map(([, name]) => {
      const col = METRIC_COLUMNS.find((c) => c.name === name);
      return col === undefined ? "-" : cell(g.metrics.map(col.get), name, confidence);
    }),
  );
  // Take metrics into a part while the rendered lines fit; always at least one per part.
  const parts: string[][] = [];
  let from = 0;
  while (from < TABLE_METRICS.length) {
    let to = from + 1;
    const build = (end: number): string[] =>
      render(
        [...keyHeader, ...TABLE_METRICS.slice(from, end).map(([label]) => label)],
        keys.map((k, i) => [...k, ...metricCells[i]!.slice(from, end)]),
      );
    let lines = build(to);
    while (to < TABLE_METRICS.length) {
      const wider = build(to + 1);
      if (Math.max(...wider.map((l) => l.length)) > width) break;
      lines = wider;
      to++;
    }
    parts.push(lines);
    from = to;
  }
  const n = groups[0]?.metrics.length ?? 0;
  const note = `mean [${levelPercent(confidence)} confidence interval of the mean, BCa bootstrap] over ${n} replication${n === 1 ? "" : "s"} per policy; n=k: only k replications had a value; - : no value (e.g. no failure episode)`;
  return [...parts.map((p) => p.join("\n")), note].join("\n\n") + "\n";
}
