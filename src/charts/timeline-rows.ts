/**
 * Chart rows of a {@link Timeline} inside a time window: intervals clipped to the window, times
 * converted to the axis unit, and spool samples thinned to about one per pixel (keeping each
 * pixel's maximum, so a short spike stays visible) — a year of minute samples would otherwise
 * make a 20 MB SVG.
 *
 * @module
 */
import type { Timeline } from "../sim/result.js";
import { MODE_LABEL_COLORS } from "./palette.js";
import { textWidth } from "./text-width.js";
import { inUnit, shortDuration, type TimeUnit } from "./time-scale.js";

/** The part of a run a chart shows, in µs, and the unit of its time axis. */
export interface TimeWindow {
  readonly startUs: number;
  readonly endUs: number;
  readonly unit: TimeUnit;
  /** Plot width in px: decides label room and spool thinning. */
  readonly widthPx: number;
}

/** Clips [startUs, endUs] to the window; null when they do not meet. */
function clip(w: TimeWindow, startUs: number, endUs: number): [number, number] | null {
  const a = Math.max(startUs, w.startUs);
  const b = Math.min(endUs, w.endUs);
  return b < a || (b === a && startUs !== endUs) ? null : [a, b];
}

/** Width in px of a span of `us` in the window. */
function px(w: TimeWindow, us: number): number {
  return (us / Math.max(1, w.endUs - w.startUs)) * w.widthPx;
}

/** Where a row's label goes: right of it, left of it (near the right edge), or nowhere. */
export type LabelSide = "right" | "left" | "";

/** Font size of the labels placed by {@link placeLabels}, px. */
export const LABEL_FONT_PX = 10;

/**
 * Places one text label per row, in row order, right of the row's end or else left of its start,
 * skipping a label that would leave the plot or overlap the previous label on the same lane — so a
 * year with thirty crashes on one lane labels those it has room for instead of printing a smear.
 *
 * @param at - the row's lane, its start and end on the time axis (in the window's unit), its text.
 * @param offsetPx - gap between the row and its label (half a symbol for markers).
 */
export function placeLabels<T>(
  rows: readonly T[],
  w: TimeWindow,
  at: (r: T) => { lane: string; t0: number; t1: number; text: string },
  offsetPx: number,
): LabelSide[] {
  const a = inUnit(w.startUs, w.unit);
  const span = Math.max(Number.MIN_VALUE, inUnit(w.endUs, w.unit) - a);
  const px = (t: number): number => ((t - a) / span) * w.widthPx;
  const lastEnd = new Map<string, number>();
  return rows.map((r) => {
    const { lane, t0, t1, text } = at(r);
    const width = textWidth(text, LABEL_FONT_PX);
    const prev = lastEnd.get(lane) ?? Number.NEGATIVE_INFINITY;
    const right: [number, number] = [px(t1) + offsetPx, px(t1) + offsetPx + width];
    const left: [number, number] = [px(t0) - offsetPx - width, px(t0) - offsetPx];
    for (const [side, [s, e]] of [
      ["right", right],
      ["left", left],
    ] as const) {
      if (s >= 0 && e <= w.widthPx && s >= prev + 2) {
        lastEnd.set(lane, e);
        return side;
      }
    }
    return "";
  });
}

/** One mode bar. `label` is set when the bar is wide enough to name its mode inside. */
export interface ModeRow {
  readonly unit: string;
  readonly mode: string;
  readonly t0: number;
  readonly t1: number;
  readonly tm: number;
  readonly duration: string;
  readonly label: string;
  readonly labelColor: string;
}

/** Mode intervals per unit, clipped to the window. */
export function modeRows(t: Timeline, w: TimeWindow): ModeRow[] {
  const rows: ModeRow[] = [];
  for (const m of t.modes) {
    const c = clip(w, m.startUs, m.endUs);
    if (!c) continue;
    // About 7 px per character at 11 px, plus a margin: name the mode only where it fits.
    const fits = px(w, c[1] - c[0]) >= m.mode.length * 7 + 8;
    rows.push({
      unit: m.unit,
      mode: m.mode,
      t0: inUnit(c[0], w.unit),
      t1: inUnit(c[1], w.unit),
      tm: inUnit((c[0] + c[1]) / 2, w.unit),
      duration: shortDuration(m.endUs - m.startUs),
      label: fits ? m.mode : "",
      labelColor: MODE_LABEL_COLORS[m.mode] ?? "#000000",
    });
  }
  return rows;
}

/** One fault bar, on the lane `lane` ("node-crash A", "link-down primary"). */
export interface FaultRow {
  readonly lane: string;
  readonly kind: string;
  readonly target: string;
  readonly t0: number;
  readonly t1: number;
  readonly duration: string;
  /** Where its duration label goes. */
  readonly labelSide: LabelSide;
}

/** Faults clipped to the window; an instantaneous fault (admin) gets a 2 px bar so it shows. */
export function faultRows(t: Timeline, w: TimeWindow): FaultRow[] {
  const minUs = (2 / w.widthPx) * (w.endUs - w.startUs);
  const rows: Omit<FaultRow, "labelSide">[] = [];
  for (const f of [...t.faults].sort((a, b) => a.startUs - b.startUs || a.endUs - b.endUs)) {
    const c = clip(w, f.startUs, f.endUs);
    if (!c) continue;
    const end = Math.min(w.endUs, Math.max(c[1], c[0] + minUs));
    rows.push({
      lane: f.target ? `${f.kind} ${f.target}` : f.kind,
      kind: f.kind,
      target: f.target,
      t0: inUnit(c[0], w.unit),
      t1: inUnit(end, w.unit),
      duration: f.endUs > f.startUs ? shortDuration(f.endUs - f.startUs) : "instant",
    });
  }
  const sides = placeLabels(
    rows,
    w,
    (r) => ({ lane: r.lane, t0: r.t0, t1: r.t1, text: r.duration }),
    3,
  );
  return rows.map((r, i) => ({ ...r, labelSide: sides[i] ?? "" }));
}

/**
 * Split-brain windows clipped to the window, each at least 2 px wide: twenty minutes of split
 * brain in a year-long view is a twentieth of a pixel, and it is the thing to see.
 */
export function splitBrainRows(
  t: Timeline,
  w: TimeWindow,
): { t0: number; t1: number; what: string; duration: string }[] {
  const minUs = (2 / w.widthPx) * (w.endUs - w.startUs);
  const rows = [];
  for (const s of t.splitBrain) {
    const c = clip(w, s.startUs, s.endUs);
    if (!c) continue;
    const end = Math.min(w.endUs, Math.max(c[1], c[0] + minUs));
    rows.push({
      t0: inUnit(c[0], w.unit),
      t1: inUnit(end, w.unit),
      what: SPLIT_BRAIN_LABEL,
      duration: shortDuration(s.endUs - s.startUs),
    });
  }
  return rows;
}
/** Legend entry of the split-brain shading. */
export const SPLIT_BRAIN_LABEL = "split brain (both MASTER)";

/** A point of a unit's spool-depth step line. */
export interface SpoolRow {
  readonly unit: string;
  readonly t: number;
  readonly depth: number;
}

/**
 * Spool depth per unit as a step line over the window: the depth in force at the window start,
 * each sample inside, and the depth at the window end. With more samples than pixels, each
 * pixel-wide bucket keeps its maximum.
 */
export function spoolRows(t: Timeline, w: TimeWindow): SpoolRow[] {
  const rows: SpoolRow[] = [];
  const buckets = Math.max(1, Math.round(w.widthPx));
  const bucketUs = (w.endUs - w.startUs) / buckets;
  for (const unit of t.units) {
    const samples = t.spool.filter((s) => s.unit === unit).sort((a, b) => a.timeUs - b.timeUs);
    if (samples.length === 0) continue;
    let carried = 0;
    const inside: { timeUs: number; depth: number }[] = [];
    for (const s of samples) {
      if (s.timeUs <= w.startUs) carried = s.depth;
      else if (s.timeUs <= w.endUs) inside.push(s);
    }
    const points: [number, number][] = [[w.startUs, carried]];
    if (inside.length <= buckets) {
      for (const s of inside) points.push([s.timeUs, s.depth]);
    } else {
      let i = 0;
      let current = carried;
      for (let b = 0; b < buckets; b++) {
        const bEnd = w.startUs + (b + 1) * bucketUs;
        let max = current;
        while (i < inside.length && inside[i]!.timeUs <= bEnd) {
          current = inside[i]!.depth;
          max = Math.max(max, current);
          i++;
        }
        points.push([w.startUs + b * bucketUs, max]);
      }
    }
    points.push([w.endUs, points[points.length - 1]![1]]);
    let last: number | undefined;
    for (let k = 0; k < points.length; k++) {
      const [time, depth] = points[k]!;
      // Drop points that repeat the previous depth (the step line is the same without them).
      if (depth === last && k !== points.length - 1) continue;
      rows.push({ unit, t: inUnit(time, w.unit), depth });
      last = depth;
    }
  }
  return rows;
}

/** Whether {@link spoolRows} thins this window (some unit has more samples in it than pixels). */
export function spoolThinned(t: Timeline, w: TimeWindow): boolean {
  const buckets = Math.max(1, Math.round(w.widthPx));
  const perUnit = new Map<string, number>();
  for (const s of t.spool) {
    if (s.timeUs <= w.startUs || s.timeUs > w.endUs) continue;
    const n = (perUnit.get(s.unit) ?? 0) + 1;
    if (n > buckets) return true;
    perUnit.set(s.unit, n);
  }
  return false;
}

/** A lost / duplicated marker on lane `lane` ("lost A", "duplicated group"). */
export interface MarkerRow {
  readonly lane: string;
  readonly kind: "lost" | "duplicated";
  readonly unit: string;
  readonly cause: string;
  readonly count: number;
  readonly t: number;
  /** Where its count label goes. */
  readonly labelSide: LabelSide;
}

/** Markers inside the window. Group-wide markers (unit "") go on a `group` lane. */
export function markerRows(t: Timeline, w: TimeWindow): MarkerRow[] {
  const rows: Omit<MarkerRow, "labelSide">[] = [];
  for (const m of [...t.markers].sort((a, b) => a.timeUs - b.timeUs)) {
    if (m.timeUs < w.startUs || m.timeUs > w.endUs) continue;
    const unit = m.unit || "group";
    rows.push({
      lane: `${m.kind} ${unit}`,
      kind: m.kind,
      unit,
      cause: m.cause,
      count: m.count,
      t: inUnit(m.timeUs, w.unit),
    });
  }
  // 10 px clears the largest symbol's half-width.
  const sides = placeLabels(
    rows,
    w,
    (r) => ({ lane: r.lane, t0: r.t, t1: r.t, text: String(r.count) }),
    10,
  );
  return rows.map((r, i) => ({ ...r, labelSide: sides[i] ?? "" }));
}
