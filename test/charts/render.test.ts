import { describe, expect, it } from "vitest";
import { comparisonSpec, renderChart, sweepSpec, timelineSpec } from "../../src/charts/index.js";
import { renumberIds } from "../../src/charts/render.js";
import { textWidth } from "../../src/charts/text-width.js";
import { counterexample, crashTimeline, runRows, summaryRows, sweepTable } from "./fixtures.js";
import { count, markElements } from "./helpers.js";

describe("SVG rendering in Node", () => {
  it("renders the timeline with its marks and no vega-lite warnings", async () => {
    const t = crashTimeline("off");
    const { svg, warnings } = await renderChart(timelineSpec(t, { title: "Timeline" }), "tl");
    expect(warnings).toEqual([]);
    expect(svg.startsWith("<svg")).toBe(true);
    // Mode bars plus the fault bars plus split-brain shading, as rect marks.
    const faultBars = t.faults.length;
    expect(markElements(svg, "rect")).toBe(t.modes.length + faultBars + 4);
    expect(markElements(svg, "line")).toBe(2); // spool of A and B
    expect(markElements(svg, "symbol")).toBe(t.markers.length);
    expect(svg).toContain("time since start (d hh:mm)");
    expect(svg).toContain("split brain (both MASTER)");
    expect(svg).toContain("#d32f2f"); // FAILED is in the legend even when unused
  });

  it("draws more marks for more data", async () => {
    const cx = counterexample().timeline!;
    const small = await renderChart(timelineSpec(cx, { title: "x" }), "a");
    const big = await renderChart(timelineSpec(crashTimeline("off"), { title: "x" }), "b");
    expect(count(big.svg, /<path/g)).toBeGreaterThan(count(small.svg, /<path/g));
    expect(markElements(big.svg, "rect")).toBeGreaterThan(markElements(small.svg, "rect"));
  });

  it("renders comparison whiskers and sweep lines with bands", async () => {
    const cmp = await renderChart(comparisonSpec(summaryRows(), runRows(), "primary-crash")!, "c");
    expect(cmp.warnings).toEqual([]);
    expect(markElements(cmp.svg, "symbol")).toBe(18); // 6 metrics × 3 policies
    expect(markElements(cmp.svg, "rule")).toBe(18); // a whisker each
    const sw = await renderChart(sweepSpec(sweepTable())!, "s");
    expect(sw.warnings).toEqual([]);
    expect(markElements(sw.svg, "line")).toBe(21); // 7 metrics × 3 policies
    expect(markElements(sw.svg, "area")).toBe(21);
    const two = await renderChart(sweepSpec(sweepTable(true))!, "s2");
    expect(two.warnings).toEqual([]);
  });

  it("gives the same bytes every time, whatever was rendered before", async () => {
    const spec = timelineSpec(crashTimeline("restore"), { title: "x" });
    const a = await renderChart(spec, "same");
    await renderChart(comparisonSpec(summaryRows(), [], "primary-crash")!, "other");
    const b = await renderChart(spec, "same");
    expect(b.svg).toBe(a.svg);
    expect(a.svg).not.toMatch(/id="clip\d+"/);
  });

  it("renames ids and their references consistently", () => {
    const svg =
      '<svg><clipPath id="clip7"><rect/></clipPath><g clip-path="url(#clip7)"/><use href="#clip7"/><linearGradient id="g3"/><rect fill="url(#g3)"/></svg>';
    expect(renumberIds(svg, "p")).toBe(
      '<svg><clipPath id="p-1"><rect/></clipPath><g clip-path="url(#p-1)"/><use href="#p-1"/><linearGradient id="p-2"/><rect fill="url(#p-2)"/></svg>',
    );
  });

  it("measures text with Helvetica widths rather than vega's 0.8 em guess", () => {
    expect(textWidth("mail", 10)).toBeCloseTo(((833 + 556 + 222 + 222) / 1000) * 10);
    expect(textWidth("MASTER", 12)).toBeCloseTo(50.004);
    expect(textWidth("MASTER", 12)).toBeLessThan(0.8 * 6 * 12);
    expect(textWidth("x", 10, true)).toBeGreaterThan(textWidth("x", 10));
  });
});
