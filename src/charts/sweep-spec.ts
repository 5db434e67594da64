/**
 * Sweep charts: each metric against the varied parameter, one line per policy, its confidence
 * interval (at the level sweep.csv was written at) as a band. With several varied parameters, the one with the most values is the x axis and the
 * others split the chart into columns (one per combination of their values).
 *
 * @module
 */
import { parseDurationUs } from "../scenario/units.js";
import { DEFAULT_CONFIDENCE, levelPercent } from "../stats/interval.js";
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
    return {
      param,
      type: "quantitative",
      title: paramWords(param),
      value: (v) => Number(v),
      order: values,
    };
  }
  const us = tryAll(values, (v) => parseDurationUs(v));
  if (us) {
    const unit = durationUnitFor(Math.max(...us));
    return {
      param,
      type: "quantitative",
      title: `${paramWords(param)} (${unit.name})`,
      value: (v) => round6(parseDurationUs(v) / unit.us),
      order: values,
    };
  }
  return { param, type: "ordinal", title: paramWords(param), value: (v) => v, order: values };
}

/**
 * What a capacity what-if is about, first: latency, spool depth and mail given up, then the
 * failure metrics. Spool depth is a count of mails.
 */
export const SWEEP_METRICS: readonly ChartedMetric[] = [
  { name: "latency_mean_s", title: "mean latency (accept → delivery)", kind: "seconds" },
  { name: "latency_p99_s", title: "99th percentile latency", kind: "seconds" },
  { name: "spool_mean", title: "mean spool depth (mails, both units)", kind: "count" },
  { name: "spool_max", title: "largest spool depth (mails)", kind: "count" },
  { name: "given_up", title: "mail given up by senders", kind: "count" },
  ...CHARTED_METRICS,
];

/** A varied path in words: `workload.arrivals.rate` → `arrival rate`, `mta.deliveryWorkers` → `delivery workers`. */
export function paramWords(path: string): string {
  const parts = path.split(".");
  const tail =
    parts.length > 1 && /^(workload|ha|mta|assumptions|engine)$/.test(parts[0]!)
      ? parts.slice(1)
      : parts;
  const words = tail
    .join(" ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/ Us\b/g, "")
    .trim()
    .toLowerCase();
  return words.replace(/^arrivals rate$/, "arrival rate");
}

/** The metrics to chart: the capacity and failure ones present, or else every metric of the file. */
function sweepMetrics(table: SweepTable): ChartedMetric[] {
  const known = SWEEP_METRICS.filter((m) => table.metrics.includes(m.name));
  if (known.length > 0) return known;
  return table.metrics.map((name) => ({
    name,
    title: name,
    kind: name.endsWith("_s") ? "seconds" : "count",
  }));
}

/**
 * The sweep chart; null when the table has no parameter or no rows.
 *
 * @param confidence - the level of the table's intervals, for the subtitle; default 0.95.
 */
export function sweepSpec(
  table: SweepTable,
  title = "Parameter sweep",
  confidence: number = DEFAULT_CONFIDENCE,
): Spec | null {
  const xAxis = sweepXAxis(table);
  if (!xAxis || table.rows.length === 0) return null;
  const others = table.params.filter((p) => p !== xAxis.param);
  const colours = policyScale(table.rows.map((r) => r.policy));
  const group = (params: Readonly<Record<string, string>>): string =>
    others.map((p) => `${paramWords(p)} ${params[p] ?? ""}`).join(", ");
  const groups = [...new Set(table.rows.map((r) => group(r.params)))];
  const panels: Spec[] = [];
  for (const metric of sweepMetrics(table)) {
    const s = metricScale(
      metric,
      table.rows.flatMap((r) => {
        const v = r.values[metric.name];
        return v ? [v.mean, v.ciLow, v.ciHigh] : [];
      }),
    );
    const data = table.rows.map((r) => {
      const v = r.values[metric.name];
      return {
        x: xAxis.value(r.params[xAxis.param] ?? ""),
        policy: r.policy,
        group: group(r.params),
        mean: s.scale(v?.mean ?? null),
        lo: s.scale(v?.ciLow ?? null),
        hi: s.scale(v?.ciHigh ?? null),
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
              column: { field: "group", type: "nominal", sort: groups, title: null },
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
    `latency, spool depth, mail given up and the failure metrics against ${paramWords(xAxis.param)}, per policy; lines: mean, bands: ${levelPercent(confidence)} confidence interval`,
  );
}
