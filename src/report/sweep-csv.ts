/**
 * `sweep.csv` (tidy, long form): one row per grid point × policy × metric with the mean, its
 * confidence interval (BCa bootstrap, inside the metric's range; columns `ci95_low`/`ci95_high`,
 * or `ci90_…` at another `--confidence`) and n. Each varied parameter has its text as written (`20/s`) and, when its values are
 * numbers, durations or rates, a numeric column in base units (`workload.arrivals.rate_per_s`).
 * The scenario is in meta.json.
 *
 * @module
 */
import { DEFAULT_CONFIDENCE } from "../stats/interval.js";
import { metricRange } from "../stats/range.js";
import { meanCi, presentValues } from "../stats/summary.js";
import { METRIC_COLUMNS } from "./columns.js";
import { headerOf } from "./dictionary.js";
import { toCsv, type Cell } from "./format.js";
import type { PolicyRuns } from "./groups.js";
import { paramColumn, paramKind, paramNumber, type ParamKind } from "./param-value.js";
import { ciPrefix } from "./summary-csv.js";

/** A varied path and the kind of its values (null: text only). */
interface Axis {
  readonly path: string;
  readonly kind: ParamKind | null;
}

function axesOf(paramNames: readonly string[], groups: readonly PolicyRuns[]): Axis[] {
  return paramNames.map((path, i) => ({
    path,
    kind: paramKind(groups.map((g) => g.point?.[i] ?? "")),
  }));
}

/**
 * The header of sweep.csv for the given varied paths (and the groups that give their kinds), its
 * interval columns named after the level.
 */
export function sweepHeader(
  paramNames: readonly string[],
  groups: readonly PolicyRuns[],
  confidence: number = DEFAULT_CONFIDENCE,
): string[] {
  const ci = ciPrefix(confidence);
  const [point, ...rest] = headerOf("sweep.csv").map((c) => c.replace(/^ci95/, ci));
  const params = axesOf(paramNames, groups).flatMap((a) =>
    a.kind === null ? [a.path] : [a.path, paramColumn(a.path, a.kind)],
  );
  return [point ?? "point", ...params, ...rest];
}

/**
 * Renders sweep.csv.
 *
 * @param paramNames - the varied paths, in the order given on the command line.
 * @param groups - runs per (point, policy), in grid order then policy order; each has `point`.
 * @param confidence - the interval's level, default 0.95.
 */
export function sweepCsv(
  paramNames: readonly string[],
  groups: readonly PolicyRuns[],
  confidence: number = DEFAULT_CONFIDENCE,
): string {
  const axes = axesOf(paramNames, groups);
  const pointIndex = new Map<string, number>();
  const rows: Cell[][] = [];
  for (const g of groups) {
    const values = g.point ?? [];
    const key = JSON.stringify(values);
    if (!pointIndex.has(key)) pointIndex.set(key, pointIndex.size);
    const params = axes.flatMap((a, i): Cell[] => {
      const text = values[i] ?? "";
      return a.kind === null ? [text] : [text, paramNumber(a.kind, text)];
    });
    for (const c of METRIC_COLUMNS) {
      const s = meanCi(presentValues(g.metrics.map(c.get)), {
        confidence,
        range: metricRange(c.name),
      });
      rows.push([pointIndex.get(key), ...params, g.policy, c.name, s.mean, s.ciLow, s.ciHigh, s.n]);
    }
  }
  return toCsv(sweepHeader(paramNames, groups, confidence), rows);
}
