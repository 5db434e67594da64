/**
 * Policy comparison charts of one scenario:
 * - {@link comparisonSpec}: per metric, each policy's mean with its confidence interval as
 *   whiskers, over a faint tick per replication (when runs.csv is there) so the spread behind
 *   the mean shows;
 * - {@link differencesSpec}: per metric, the paired difference of each policy pair (same seeds,
 *   common random numbers) with its confidence interval, against a zero line.
 *
 * Both subtitles state the interval's level, which the caller passes as the CSVs give it.
 *
 * @module
 */
import { DEFAULT_CONFIDENCE, levelPercent } from "../stats/interval.js";
import { topLevel, type Json, type Spec } from "./common.js";
import { axisTitle, CHARTED_METRICS, metricScale, valueScale } from "./metrics.js";
import { policyScale } from "./palette.js";
import type { CompareRow, RunRow, SummaryRow } from "./report-input.js";

/**
 * Short number for a label: 3 significant digits, whole numbers from 1000 up, and `≈0` for a
 * value below a thousandth of the largest on its axis (`0.0000144` h next to `12.2` h is noise).
 */
export function shortNumber(v: number, axisMax = 0): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a < axisMax / 1000) return "≈0";
  if (a >= 1000) return String(Math.round(v));
  return String(Number(v.toPrecision(3)));
}

/** The largest absolute value among numbers and nulls. */
function maxAbs(values: readonly (number | null)[]): number {
  let m = 0;
  for (const v of values) if (v !== null && Math.abs(v) > m) m = Math.abs(v);
  return m;
}

const PANEL_TITLE = (text: string): Spec => ({ text, fontSize: 12, anchor: "start" });

/**
 * The comparison chart of `scenario`: one panel per charted metric present in `summary`.
 * Null when there is nothing to draw.
 *
 * @param confidence - the level of the summary's intervals, for the subtitle; default 0.95.
 */
export function comparisonSpec(
  summary: readonly SummaryRow[],
  runs: readonly RunRow[],
  scenario: string,
  confidence: number = DEFAULT_CONFIDENCE,
): Spec | null {
  const rows = summary.filter((r) => r.scenario === scenario);
  const colours = policyScale(rows.map((r) => r.policy));
  const panels: Spec[] = [];
  for (const metric of CHARTED_METRICS) {
    const mine = rows.filter((r) => r.metric === metric.name);
    if (mine.length === 0) continue;
    const runValues = runs
      .filter(
        (r) =>
          r.scenario === scenario &&
          r.values[metric.name] !== undefined &&
          r.values[metric.name] !== null,
      )
      .map((r) => ({ policy: r.policy, value: r.values[metric.name]! }));
    const s = metricScale(metric, [
      ...mine.flatMap((r) => [r.mean, r.ciLow, r.ciHigh]),
      ...runValues.map((r) => r.value),
    ]);
    const data = mine.map((r) => ({
      policy: r.policy,
      mean: s.scale(r.mean),
      lo: s.scale(r.ciLow),
      hi: s.scale(r.ciHigh),
      n: r.n,
      label: "",
    }));
    const top = maxAbs(data.flatMap((d) => [d.mean, d.hi]));
    for (const d of data) d.label = d.mean === null ? "" : shortNumber(d.mean, top);
    const x = {
      field: "policy",
      type: "nominal",
      sort: colours.domain,
      axis: { labelAngle: 0, title: null },
      scale: { padding: 1 },
    };
    const drawn = [
      ...data.flatMap((d) => [d.mean, d.lo, d.hi]),
      ...runValues.map((r) => s.scale(r.value)),
    ];
    const y = { type: "quantitative", title: axisTitle(metric, s), scale: valueScale(drawn) };
    const layer: Spec[] = [];
    if (runValues.length > 0) {
      layer.push({
        data: { values: runValues.map((r) => ({ policy: r.policy, value: s.scale(r.value) })) },
        // One tick per replication, dark enough to see beside the mean and its interval.
        mark: { type: "tick", color: "#455a64", opacity: 0.75, thickness: 1.5, size: 16 },
        encoding: { x, y: { ...y, field: "value" } },
      });
    }
    const withCi = data.filter((d) => d.lo !== null && d.hi !== null);
    if (withCi.length > 0) {
      layer.push({
        data: { values: withCi as unknown as Json },
        mark: { type: "errorbar", ticks: { width: 14 }, thickness: 1.5 },
        encoding: {
          x,
          y: { ...y, field: "lo" },
          y2: { field: "hi" },
          color: { field: "policy", type: "nominal", scale: colours, legend: null },
        },
      });
    }
    const withMean = data.filter((d) => d.mean !== null);
    layer.push(
      {
        data: { values: withMean as unknown as Json },
        mark: { type: "point", filled: true, size: 70 },
        encoding: {
          x,
          y: { ...y, field: "mean" },
          color: { field: "policy", type: "nominal", scale: colours, legend: null },
          tooltip: [
            { field: "policy" },
            { field: "mean" },
            { field: "lo", title: "CI low" },
            { field: "hi", title: "CI high" },
            { field: "n" },
          ],
        },
      },
      {
        data: { values: withMean as unknown as Json },
        mark: { type: "text", align: "left", dx: 9, fontSize: 10, color: "#263238" },
        encoding: { x, y: { ...y, field: "mean" }, text: { field: "label" } },
      },
    );
    panels.push({ title: PANEL_TITLE(metric.title), width: 250, height: 180, layer });
  }
  if (panels.length === 0) return null;
  const n = rows.reduce((m, r) => Math.max(m, r.n), 0);
  return topLevel(
    {
      concat: panels,
      columns: 3,
      spacing: { row: 24, column: 36 },
      resolve: { scale: { y: "independent" } },
    },
    `Policy comparison: ${scenario}`,
    `mean per policy with ${levelPercent(confidence)} confidence interval (whiskers) over ${n} replications; grey ticks: single replications`,
  );
}

/** How a paired difference reads; every charted metric is "lower is better". */
export const VERDICTS = {
  worse: "first policy worse (CI above 0)",
  better: "first policy better (CI below 0)",
  unclear: "CI includes 0",
} as const;
const VERDICT_COLORS = ["#c62828", "#2e7d32", "#78909c"];

/**
 * The paired-differences chart of `scenario`; null when compare.csv has nothing for it.
 *
 * @param confidence - the level of compare.csv's intervals, for the subtitle; default 0.95.
 */
export function differencesSpec(
  compare: readonly CompareRow[],
  scenario: string,
  confidence: number = DEFAULT_CONFIDENCE,
): Spec | null {
  const rows = compare.filter((r) => r.scenario === scenario);
  const panels: Spec[] = [];
  for (const metric of CHARTED_METRICS) {
    const mine = rows.filter((r) => r.metric === metric.name && r.meanDiff !== null);
    if (mine.length === 0) continue;
    const s = metricScale(
      metric,
      mine.flatMap((r) => [r.meanDiff, r.ciLow, r.ciHigh]),
    );
    const pairs = mine.map((r) => `${r.policyA} − ${r.policyB}`);
    const data = mine.map((r) => {
      const lo = s.scale(r.ciLow);
      const hi = s.scale(r.ciHigh);
      const verdict =
        lo !== null && lo > 0
          ? VERDICTS.worse
          : hi !== null && hi < 0
            ? VERDICTS.better
            : VERDICTS.unclear;
      return {
        pair: `${r.policyA} − ${r.policyB}`,
        diff: s.scale(r.meanDiff),
        lo,
        hi,
        n: r.n,
        verdict,
        label: "",
      };
    });
    const top = maxAbs(data.flatMap((d) => [d.diff, d.lo, d.hi]));
    for (const d of data) d.label = d.diff === null ? "" : shortNumber(d.diff, top);
    const y = { field: "pair", type: "nominal", sort: pairs, title: null };
    const x = {
      type: "quantitative",
      title: `difference (${s.unitLabel})`,
      scale: valueScale(
        data.flatMap((d) => [d.diff, d.lo, d.hi]),
        true,
      ),
    };
    const colour = {
      field: "verdict",
      type: "nominal",
      scale: { domain: Object.values(VERDICTS), range: VERDICT_COLORS },
      legend: {
        title: "paired difference",
        orient: "bottom",
        direction: "vertical",
        labelLimit: 320,
      },
    };
    const withCi = data.filter((d) => d.lo !== null && d.hi !== null);
    panels.push({
      title: PANEL_TITLE(metric.title),
      width: 260,
      height: { step: 26 },
      layer: [
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: "rule", color: "#37474f", strokeDash: [3, 3] },
          encoding: { x: { ...x, field: "zero" } },
        },
        ...(withCi.length > 0
          ? [
              {
                data: { values: withCi as unknown as Json },
                mark: { type: "errorbar", ticks: { height: 10 }, thickness: 1.5 },
                encoding: { y, x: { ...x, field: "lo" }, x2: { field: "hi" }, color: colour },
              } as Spec,
            ]
          : []),
        {
          data: { values: data as unknown as Json },
          mark: { type: "point", filled: true, size: 60 },
          encoding: {
            y,
            x: { ...x, field: "diff" },
            color: colour,
            tooltip: [
              { field: "pair" },
              { field: "diff" },
              { field: "lo", title: "CI low" },
              { field: "hi", title: "CI high" },
              { field: "n" },
            ],
          },
        },
        {
          data: { values: data as unknown as Json },
          mark: { type: "text", dy: -9, fontSize: 10, color: "#263238" },
          encoding: { y, x: { ...x, field: "diff" }, text: { field: "label" } },
        },
      ],
    });
  }
  if (panels.length === 0) return null;
  return topLevel(
    {
      concat: panels,
      columns: 2,
      spacing: { row: 24, column: 48 },
      resolve: { scale: { x: "independent", y: "independent" } },
    },
    `Paired differences between policies: ${scenario}`,
    `mean of (first − second) over replications with the same seeds, with ${levelPercent(confidence)} confidence interval; below 0: the first policy did better`,
  );
}
