/**
 * Renders a Vega-Lite spec to an SVG string in Node, with no browser and no canvas: vega's
 * headless view (`renderer: "none"`) and its SVG string renderer.
 *
 * @module
 */
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { Spec } from "./common.js";
import { installTextMetrics } from "./text-metrics.js";

/** A rendered chart and what the compilers complained about (tests require nothing). */
export interface RenderedChart {
  readonly svg: string;
  readonly warnings: readonly string[];
}

/** A vega/vega-lite logger that records warnings and errors instead of printing them. */
function collectingLogger(sink: string[]): vega.LoggerInterface {
  let level = vega.Warn;
  const self: vega.LoggerInterface = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return self;
    },
    error(...args: readonly unknown[]) {
      sink.push(`error: ${args.map(String).join(" ")}`);
      return self;
    },
    warn(...args: readonly unknown[]) {
      if (level >= vega.Warn) sink.push(`warn: ${args.map(String).join(" ")}`);
      return self;
    },
    info() {
      return self;
    },
    debug() {
      return self;
    },
  };
  return self;
}

/**
 * Compiles and renders a spec to SVG. Element ids (clip paths, gradients) are renamed
 * `<idPrefix>-1`, `<idPrefix>-2`… in order of appearance: vega numbers them from a
 * process-wide counter, which would make the output depend on what was rendered before, and
 * would make two SVGs inlined in one page clash.
 */
export async function renderChart(spec: Spec, idPrefix: string): Promise<RenderedChart> {
  installTextMetrics();
  const warnings: string[] = [];
  const logger = collectingLogger(warnings);
  const vgSpec = compile(spec as unknown as TopLevelSpec, { logger }).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: "none", logger });
  try {
    const svg = await view.toSVG();
    return { svg: renumberIds(svg, idPrefix), warnings };
  } finally {
    view.finalize();
  }
}

/** Renders a spec to SVG (see {@link renderChart}), dropping the warnings. */
export async function renderSvg(spec: Spec, idPrefix: string): Promise<string> {
  return (await renderChart(spec, idPrefix)).svg;
}

/** Renames every `id="…"` and its `url(#…)` / `href="#…"` references, in order of appearance. */
export function renumberIds(svg: string, prefix: string): string {
  const names = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1]!;
    if (!names.has(id)) names.set(id, `${prefix}-${names.size + 1}`);
  }
  if (names.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (all, a: string, id: string, b: string) =>
      names.has(id) ? a + names.get(id)! + b : all,
    )
    .replace(/url\(#([^)]+)\)/g, (all, id: string) =>
      names.has(id) ? `url(#${names.get(id)!})` : all,
    )
    .replace(/(href=")#([^"]+)(")/g, (all, a: string, id: string, b: string) =>
      names.has(id) ? `${a}#${names.get(id)!}${b}` : all,
    );
}
