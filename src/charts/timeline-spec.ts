/**
 * The timeline chart of one replication: stacked panels sharing one time axis —
 * unit modes (a lane per unit), faults (a lane per fault kind and target), spool depth per unit,
 * and lost / duplicated mail — with split-brain windows shaded behind every panel.
 *
 * @module
 */
import type { Timeline } from "../sim/result.js";
import { CHART_WIDTH, topLevel, type Json, type Spec } from "./common.js";
import {
  FAULT_COLOR,
  MARKER_COLORS,
  modeScale,
  SPLIT_BRAIN_COLOR,
  SPLIT_BRAIN_OPACITY,
  unitScale,
} from "./palette.js";
import {
  faultRows,
  LABEL_FONT_PX,
  markerRows,
  modeRows,
  SPLIT_BRAIN_LABEL,
  splitBrainRows,
  spoolRows,
  spoolThinned,
  type TimeWindow,
} from "./timeline-rows.js";
import { valueScale } from "./metrics.js";
import { inUnit, timeAxisFor } from "./time-scale.js";

/** What {@link timelineSpec} draws: titles, and which part of the run. */
export interface TimelineSpecOptions {
  /** Chart title. */
  readonly title: string;
  readonly subtitle?: string;
  /** Part of the run to show, µs; default the whole run (0 to the later of end and horizon). */
  readonly startUs?: number;
  readonly endUs?: number;
  /** Plot width, px. */
  readonly widthPx?: number;
}

/** Lane height, px: room for an 11 px label. */
const LANE_PX = 24;

/**
 * Text layers for rows placed by `placeLabels`: one for labels right of their row, one for labels
 * left of it. Intervals (faults) are labelled at their end `t1` or start `t0`, points (markers)
 * at `t`.
 */
function labelLayers(
  rows: readonly { readonly labelSide: string }[],
  shape: "interval" | "point",
  textField: string,
  offsetPx: number,
  lanes: readonly string[],
  xField: (field: string) => Spec,
): Spec[] {
  const layers: Spec[] = [];
  for (const side of ["right", "left"] as const) {
    const mine = rows.filter((r) => r.labelSide === side);
    if (mine.length === 0) continue;
    const point = shape === "point";
    layers.push({
      data: { values: rowsJson(mine) },
      mark: {
        type: "text",
        align: side === "right" ? "left" : "right",
        baseline: "middle",
        dx: side === "right" ? offsetPx : -offsetPx,
        fontSize: LABEL_FONT_PX,
        color: "#37474f",
      },
      encoding: {
        x: xField(point ? "t" : side === "right" ? "t1" : "t0"),
        y: { field: "lane", type: "nominal", sort: lanes },
        text: { field: textField },
      },
    });
  }
  return layers;
}

function rowsJson(rows: readonly object[]): Json {
  return rows as unknown as Json;
}

/** The shaded split-brain layer; the legend is drawn once, on the modes panel. */
function splitBrainLayer(rows: ReturnType<typeof splitBrainRows>, withLegend: boolean): Spec {
  return {
    data: { values: rowsJson(rows) },
    mark: { type: "rect", opacity: SPLIT_BRAIN_OPACITY },
    encoding: {
      x: { field: "t0", type: "quantitative" },
      x2: { field: "t1" },
      fill: {
        field: "what",
        type: "nominal",
        scale: { domain: [SPLIT_BRAIN_LABEL], range: [SPLIT_BRAIN_COLOR] },
        legend: withLegend
          ? { title: null, orient: "right", labelLimit: 240, symbolType: "square" }
          : null,
      },
      tooltip: [{ field: "duration", title: "split brain" }],
    },
  };
}

/** Builds the timeline spec for a window of `t` (by default the whole run). */
export function timelineSpec(t: Timeline, options: TimelineSpecOptions): Spec {
  const startUs = options.startUs ?? 0;
  const endUs = Math.max(options.endUs ?? Math.max(t.endUs, t.horizonUs), startUs + 1);
  const widthPx = options.widthPx ?? CHART_WIDTH;
  const axis = timeAxisFor(startUs, endUs, Math.max(4, Math.round(widthPx / 90)));
  const unit = axis.unit;
  const w: TimeWindow = { startUs, endUs, unit, widthPx };
  const domain = [inUnit(startUs, unit), inUnit(endUs, unit)];
  const x = (last: boolean): Spec => ({
    field: "t0",
    type: "quantitative",
    scale: { domain, nice: false, zero: false },
    axis: {
      title: last ? axis.title : null,
      labelFlush: true,
      ...(axis.ticks
        ? { values: axis.ticks, labelExpr: axis.labelExpr ?? null }
        : { tickCount: Math.round(widthPx / 70) }),
    },
  });
  /** Encodes another time field on the same x scale (layers after the first take the scale as is). */
  const xField = (field: string): Spec => ({ field, type: "quantitative" });

  const sb = splitBrainRows(t, w);
  const modes = modeRows(t, w);
  const faults = faultRows(t, w);
  const spool = spoolRows(t, w);
  const markers = markerRows(t, w);
  const units = [...t.units];

  type Panel = (last: boolean) => Spec;
  const panels: Panel[] = [];

  panels.push((last) => {
    const layer: Spec[] = [];
    if (sb.length > 0) layer.push(splitBrainLayer(sb, true));
    layer.push({
      data: { values: rowsJson(modes) },
      mark: { type: "bar", cornerRadius: 0 },
      encoding: {
        x: x(last),
        x2: { field: "t1" },
        y: { field: "unit", type: "nominal", sort: units, title: null, scale: { domain: units } },
        color: {
          field: "mode",
          type: "nominal",
          scale: modeScale(modes.map((m) => m.mode)),
          legend: { title: "mode", orient: "right", columns: 2, symbolType: "square" },
        },
        tooltip: [{ field: "unit" }, { field: "mode" }, { field: "duration", title: "lasted" }],
      },
    });
    const labelled = modes.filter((m) => m.label !== "");
    if (labelled.length > 0) {
      layer.push({
        data: { values: rowsJson(labelled) },
        mark: { type: "text", fontSize: 10, baseline: "middle", align: "center" },
        encoding: {
          x: xField("tm"),
          y: { field: "unit", type: "nominal", sort: units },
          text: { field: "label" },
          // scale: null uses the colour as given; no legend entry (a legend: null here would clash with the mode legend).
          color: { field: "labelColor", type: "nominal", scale: null },
        },
      });
    }
    if (t.horizonUs > startUs && t.horizonUs < endUs && t.horizonUs < t.endUs) {
      layer.push({
        data: { values: [{ t0: inUnit(t.horizonUs, unit), label: "horizon → drain" }] },
        layer: [
          {
            mark: { type: "rule", strokeDash: [4, 3], color: "#37474f" },
            encoding: { x: xField("t0") },
          },
          {
            mark: {
              type: "text",
              align: "left",
              baseline: "top",
              dx: 3,
              dy: -14,
              fontSize: 10,
              color: "#37474f",
            },
            encoding: { x: xField("t0"), y: { value: 0 }, text: { field: "label" } },
          },
        ],
      });
    }
    return {
      height: LANE_PX * Math.max(1, units.length),
      layer,
      title: { text: "unit modes", fontSize: 12, anchor: "start" },
    };
  });

  if (faults.length > 0) {
    const lanes = [...new Set(faults.map((f) => f.lane))];
    panels.push((last) => {
      const layer: Spec[] = [];
      if (sb.length > 0) layer.push(splitBrainLayer(sb, false));
      layer.push({
        data: { values: rowsJson(faults) },
        mark: { type: "bar", color: FAULT_COLOR },
        encoding: {
          x: x(last),
          x2: { field: "t1" },
          y: { field: "lane", type: "nominal", sort: lanes, title: null, scale: { domain: lanes } },
          tooltip: [{ field: "kind" }, { field: "target" }, { field: "duration", title: "lasted" }],
        },
      });
      layer.push(...labelLayers(faults, "interval", "duration", 3, lanes, xField));
      return {
        height: LANE_PX * lanes.length,
        layer,
        title: { text: "faults", fontSize: 12, anchor: "start" },
      };
    });
  }

  if (spool.length > 0) {
    panels.push((last) => {
      const layer: Spec[] = [];
      if (sb.length > 0) layer.push(splitBrainLayer(sb, false));
      layer.push({
        data: { values: rowsJson(spool) },
        mark: { type: "line", interpolate: "step-after", strokeWidth: 1.5 },
        encoding: {
          x: { ...x(last), field: "t" },
          y: {
            field: "depth",
            type: "quantitative",
            title: "mails",
            axis: { tickCount: 4 },
            scale: valueScale(spool.map((r) => r.depth)),
          },
          color: {
            field: "unit",
            type: "nominal",
            scale: unitScale(units),
            legend: { title: "spool of", orient: "right", symbolType: "stroke" },
          },
        },
      });
      const title = spoolThinned(t, w)
        ? "spool depth (highest in each pixel's time)"
        : "spool depth";
      return { height: 110, layer, title: { text: title, fontSize: 12, anchor: "start" } };
    });
  }

  if (markers.length > 0) {
    const lanes = [...new Set(markers.map((m) => m.lane))].sort();
    panels.push((last) => ({
      height: LANE_PX * lanes.length,
      title: {
        text: "mail lost / duplicated (bigger symbol: more mail)",
        fontSize: 12,
        anchor: "start",
      },
      layer: [
        ...(sb.length > 0 ? [splitBrainLayer(sb, false)] : []),
        {
          data: { values: rowsJson(markers) },
          mark: { type: "point", filled: true, opacity: 0.85 },
          encoding: {
            x: { ...x(last), field: "t" },
            y: {
              field: "lane",
              type: "nominal",
              sort: lanes,
              title: null,
              scale: { domain: lanes },
            },
            // Same title on shape and colour: vega-lite merges them into one legend showing both.
            shape: {
              field: "kind",
              type: "nominal",
              scale: { domain: ["lost", "duplicated"], range: ["cross", "triangle-up"] },
              legend: { title: "mail", orient: "right" },
            },
            color: {
              field: "kind",
              type: "nominal",
              scale: {
                domain: ["lost", "duplicated"],
                range: [MARKER_COLORS.lost, MARKER_COLORS.duplicated],
              },
              legend: { title: "mail", orient: "right" },
            },
            // Area grows linearly with the count from a visible minimum, so 2 and 3 mails look alike and 300 does not.
            size: {
              field: "count",
              type: "quantitative",
              scale: { type: "linear", range: [40, 400], zero: true },
              legend: null,
            },
            tooltip: [{ field: "kind" }, { field: "unit" }, { field: "cause" }, { field: "count" }],
          },
        },
        ...labelLayers(markers, "point", "count", 10, lanes, xField),
      ],
    }));
  }

  const views = panels.map((p, i) => ({ width: w.widthPx, ...p(i === panels.length - 1) }));
  return topLevel(
    {
      vconcat: views,
      spacing: 10,
      resolve: {
        scale: {
          x: "shared",
          y: "independent",
          color: "independent",
          fill: "independent",
          shape: "independent",
          size: "independent",
        },
        legend: { color: "independent", fill: "independent", shape: "independent" },
      },
    },
    options.title,
    options.subtitle,
  );
}
