/**
 * Text widths for laying out charts in Node.
 *
 * Without a canvas, vega guesses every character to be 0.8 em wide — about 60% too wide for
 * Helvetica — so axis titles seem taller than their plots, panel titles are pushed up unevenly,
 * and legend labels get cut short with "…". With the optional `canvas` package installed it
 * would measure with the machine's fonts instead, and the SVG would differ between machines.
 * So the report sets vega's text-width hook (the one vl-convert uses) to Helvetica's published
 * advance widths: close to what a browser draws, and the same everywhere.
 *
 * @module
 */
import * as vega from "vega";

/** Helvetica advance widths (1/1000 em) of the printable ASCII characters 32 (space) to 126 (~). */
const HELVETICA: readonly number[] = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
];
/** Width of anything else (−, →, ×, digits of other scripts): an average glyph. */
const OTHER = 600;
/** Bold Helvetica is about this much wider on average. */
const BOLD = 1.07;

/** What vega passes for a text item (only the fields read here). */
interface TextItem {
  readonly fontSize?: number | string | null;
  readonly fontWeight?: number | string | null;
  readonly limit?: number | null;
}

/** Width in px of `text` drawn at `fontSize` px, normal or bold. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    units += code >= 32 && code <= 126 ? (HELVETICA[code - 32] ?? OTHER) : OTHER;
  }
  return (units / 1000) * fontSize * (bold ? BOLD : 1);
}

function itemWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const s = text == null ? "" : String(text).trim();
  const w = item.fontWeight;
  const bold = w === "bold" || w === "bolder" || (typeof w === "number" && w >= 600) || (typeof w === "string" && Number(w) >= 600);
  const width = textWidth(s, size, bold);
  // A limited label is drawn truncated to the limit; lay it out at that width too.
  return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
}

let installed = false;

/** Points vega's text measurement at {@link textWidth}. Idempotent; affects this process's vega. */
export function installTextMetrics(): void {
  if (installed) return;
  const metrics = (vega as unknown as { textMetrics?: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
  if (!metrics) throw new Error("vega no longer exports textMetrics: update src/charts/text-metrics.ts");
  metrics.width = itemWidth;
  installed = true;
}
