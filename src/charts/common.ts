/**
 * What every chart spec shares: the plain-JSON spec type, the schema and the look.
 *
 * Specs are built as plain JSON objects rather than through vega-lite's `TopLevelSpec` type:
 * that type is a deep union that makes building views piece by piece (and reading them back in
 * tests) a fight with the compiler, while vega-lite's own compiler checks the result anyway —
 * {@link compileChart} collects its warnings, and the tests require there are none.
 *
 * @module
 */

/** A JSON value. */
export type Json =
  null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
/** A Vega-Lite view or top-level spec as plain JSON. */
export type Spec = Readonly<Record<string, Json>>;

/** The Vega-Lite schema every top-level spec names (the installed major version). */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Width of a full-width chart's plot area, px: fits a 1000 px page with axis and legend. */
export const CHART_WIDTH = 820;

/**
 * Shared look. A fixed font list keeps text width estimates (and hence the SVG) the same
 * wherever it is rendered; white background so the standalone SVGs read in dark viewers too.
 */
export const BASE_CONFIG: Spec = {
  background: "white",
  font: "Helvetica, Arial, sans-serif",
  view: { stroke: "#cfd8dc" },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", gridColor: "#eceff1" },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal" },
  title: { fontSize: 15, anchor: "start", subtitleFontSize: 12, subtitleColor: "#546e7a" },
  concat: { spacing: 18 },
};

/** Wraps views into a top-level spec with the schema, config and title. */
export function topLevel(body: Spec, title: string, subtitle?: string): Spec {
  const t: Spec = subtitle ? { text: title, subtitle } : { text: title };
  return { $schema: VEGA_LITE_SCHEMA, title: t, config: BASE_CONFIG, ...body };
}
