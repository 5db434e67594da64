/**
 * Sweep charts: each metric against the varied parameter, one line per policy, its 95% CI as a
 * band. With several varied parameters, the one with the most values is the x axis and the
 * others split the chart into columns (one per combination of their values).
 *
 * @module
 */
import { parseDurationUs } from "../scenario/units.js";
import { topLevel, type Json, type Spec } from "./common.js";
import {
  axisTitle,
  CHARTED_METRICS,
  metricScale,
  valueScale,
  type ChartedMetric,
} from "./metrics.js";
import { policyScale } from "./palette.js";
import type { SweepTable } from "./report-input.js";
import { durationUnitFor, round6 } from "./time-scale.js";

/** Point shapes per policy, in the colour scale's order. */
const POLICY_SHAPES = ["circle", "square", "diamond", "triangle-up", "triangle-down", "cross"];

/** How the x parameter's values are read: plain numbers, durations (`30s`, `5m`), or labels. */
interface XAxis {
  readonly param: string;
  readonly type: "quantitative" | "ordinal";
  readonly title: string;
  readonly value: (raw: string) => number | string;
  readonly order: readonly string[];
}

function tryAll<T>(values: readonly string[], f: (v: string) => T): T[] | null {
  try {
    return values.map(f);
  } catch {
    return null;
  }
}

/** Picks the x parameter and how to read it. */
export function sweepXAxis(table: SweepTable): XAxis | null {
  if (table.params.length === 0) return null;
  const distinct = (p: string): string[] => [...new Set(table.rows.map((r) => r.params[p] ?? ""))];
  let param = table.params[0]!;
  for (const p of table.params) if (distinct(p).length > distinct(param).length) param = p;
  const values = distinct(param);
  if (values.every((v) => v.trim() !== "" && Number.isFinite(Number(v)))) {
    return { param, type: "quantitative", title: param, value: (v) => Number(v), order: values };
  }
  const us = tryAll(values, (v) => parseDurationUs(v));
  if (us) {
    const unit = durationUnitFor(Math.max(...us));
    return {
      param,
      type: "quantitative",
      title: `${param} (${unit.name})`,
      value: (v) => round6(parseDurationUs(v) / unit.us),
      order: values,
    };
  }
  return { param, type: "ordinal", title: param, value: (v) => v, order: values };
}

/** The metrics to chart: the charted ones present, or else every metric of the file. */
function sweepMetrics(table: SweepTable): ChartedMetric[] {
  const known = CHARTED_METRICS.filter((m) => table.metrics.includes(m.name));
  if (known.length > 0) return known;
  return table.metrics.map((name) => ({
    name,
    title: name,
    kind: name.endsWith("_s") ? "seconds" : "count",
  }));
}

/** The sweep chart; null when the table has no parameter or no rows. */
export function sweepSpec(table: SweepTable, title = "Parameter sweep"): Spec | null {
  const xAxis = sweepXAxis(table);
  if (!xAxis || table.rows.length === 0) return null;
  const others = table.params.filter((p) => p !== xAxis.param);
  const colours = policyScale(table.rows.map((r) => r.policy));
  const group = (params: Readonly<Record<string, string>>): string =>
    others.map((p) => `${p}=${params[p] ?? ""}`).join(", ");
  const groups = [...new Set(table.rows.map((r) => group(r.params)))];
  const panels: Spec[] = [];
  for (const metric of sweepMetrics(table)) {
    const s = metricScale(
      metric,
      table.rows.flatMap((r) => {
        const v = r.values[metric.name];
        return v ? [v.mean, v.ci95Low, v.ci95High] : [];
      }),
    );
    const data = table.rows.map((r) => {
      const v = r.values[metric.name];
      return {
        x: xAxis.value(r.params[xAxis.param] ?? ""),
        policy: r.policy,
        group: group(r.params),
        mean: s.scale(v?.mean ?? null),
        lo: s.scale(v?.ci95Low ?? null),
        hi: s.scale(v?.ci95High ?? null),
      };
    });
    const x = {
      field: "x",
      type: xAxis.type,
      title: xAxis.title,
      ...(xAxis.type === "ordinal"
        ? { sort: xAxis.order, axis: { labelAngle: 0 } }
        : { scale: { zero: false } }),
    };
    const y = {
      type: "quantitative",
      title: axisTitle(metric, s),
      scale: valueScale(data.flatMap((d) => [d.mean, d.lo, d.hi])),
    };
    const color = {
      field: "policy",
      type: "nominal",
      scale: colours,
      legend: { title: "policy", symbolOpacity: 1 },
    };
    // The same legend object in both layers: a `legend: null` on the band would conflict when vega-lite merges them.
    const layer: Spec[] = [
      {
        transform: [{ filter: "isValid(datum.lo) && isValid(datum.hi)" }],
        mark: { type: "errorband", opacity: 0.18 },
        encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" }, color },
      },
      {
        transform: [{ filter: "isValid(datum.mean)" }],
        mark: { type: "line", strokeWidth: 2 },
        encoding: { x, y: { ...y, field: "mean" }, color },
      },
      {
        // A shape per policy as well as a colour: where two policies give the same numbers their
        // lines coincide, and the different symbols still show both are there.
        transform: [{ filter: "isValid(datum.mean)" }],
        mark: { type: "point", filled: true, size: 40, opacity: 0.9 },
        encoding: {
          x,
          y: { ...y, field: "mean" },
          color,
          shape: {
            field: "policy",
            type: "nominal",
            scale: { domain: colours.domain, range: POLICY_SHAPES.slice(0, colours.domain.length) },
            legend: { title: "policy" },
          },
          tooltip: [
            { field: "policy" },
            { field: "x", title: xAxis.param },
            { field: "mean" },
            { field: "lo" },
            { field: "hi" },
          ],
        },
      },
    ];
    const values = data as unknown as Json;
    panels.push(
      others.length === 0
        ? {
            title: { text: metric.title, fontSize: 12, anchor: "start" },
            data: { values },
            width: 240,
            height: 160,
            layer,
          }
        : {
            title: { text: metric.title, fontSize: 12, anchor: "start" },
            data: { values },
            facet: {
              column: { field: "group", type: "nominal", sort: groups, title: others.join(", ") },
            },
            spec: { width: 200, height: 150, layer },
          },
    );
  }
  return topLevel(
    {
      concat: panels,
      columns: others.length === 0 ? 3 : 1,
      spacing: { row: 24, column: 36 },
      resolve: { scale: { y: "independent" } },
    },
    title,
    `each metric against ${xAxis.param}; lines: mean per policy, bands: 95% confidence interval`,
  );
}
