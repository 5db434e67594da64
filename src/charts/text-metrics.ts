/**
 * Text widths for laying out charts in Node.
 *
 * Without a canvas, vega guesses every character to be 0.8 em wide — about 60% too wide for
 * Helvetica — so axis titles seem taller than their plots, panel titles are pushed up unevenly,
 * and legend labels get cut short with "…". With the optional `canvas` package installed it
 * would measure with the machine's fonts instead, and the SVG would differ between machines.
 * So the report sets vega's text-width hook (the one vl-convert uses) to {@link textWidth}:
 * Helvetica's published advance widths, close to what a browser draws, and the same everywhere.
 *
 * @module
 */
import * as vega from "vega";
import { textWidth } from "./text-width.js";

/** What vega passes for a text item (only the fields read here). */
interface TextItem {
  readonly fontSize?: number | string | null;
  readonly fontWeight?: number | string | null;
  readonly limit?: number | null;
}

/** The text vega measures: its `textValue` of a mark's text (a string; null when absent). */
type VegaText = string | number | null | undefined;

function itemWidth(item: TextItem, text: VegaText): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const s = text == null ? "" : String(text).trim();
  const w = item.fontWeight;
  const bold =
    w === "bold" ||
    w === "bolder" ||
    (typeof w === "number" && w >= 600) ||
    (typeof w === "string" && Number(w) >= 600);
  const width = textWidth(s, size, bold);
  // A limited label is drawn truncated to the limit; lay it out at that width too.
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}

let installed = false;

/** Points vega's text measurement at {@link textWidth}. Idempotent; affects this process's vega. */
export function installTextMetrics(): void {
  if (installed) return;
  const metrics = (
    vega as unknown as { textMetrics?: { width: (item: TextItem, text: VegaText) => number } }
  ).textMetrics;
  if (!metrics)
    throw new Error("vega no longer exports textMetrics: update src/charts/text-metrics.ts");
  metrics.width = itemWidth;
  installed = true;
}
