import { describe, expect, it } from "vitest";
import { sweepSpec } from "../../src/charts/index.js";
import { sweepXAxis } from "../../src/charts/sweep-spec.js";
import { sweepTable } from "./fixtures.js";
import { at, markType, rows, unitViews } from "./helpers.js";

describe("sweep spec", () => {
  it("draws each metric against the parameter: a line per policy with a CI band", () => {
    const spec = sweepSpec(sweepTable())!;
    const panels = spec.concat as Record<string, unknown>[];
    expect(panels.map((p) => at(p, "title", "text"))).toEqual([
      "mean latency (accept → delivery)",
      "largest spool depth (mails)",
      "mail given up by senders",
      "mail lost",
      "duplicate deliveries",
      "time to restore service",
      "time unavailable",
    ]);
    for (const p of panels) {
      const marks = unitViews(p).map(markType);
      expect(marks).toEqual(["errorband", "line", "point"]);
      expect(rows(p)).toHaveLength(12); // 4 values × 3 policies
      for (const v of unitViews(p)) expect(at(v, "encoding", "color", "field")).toBe("policy");
    }
    const points = unitViews(panels[0]!)[2]!;
    expect(at(points, "encoding", "shape", "scale", "range")).toEqual([
      "circle",
      "square",
      "diamond",
    ]);
    const band = unitViews(panels[0]!)[0]!;
    expect(at(band, "encoding", "y", "field")).toBe("lo");
    expect(at(band, "encoding", "y2", "field")).toBe("hi");
  });

  it("reads duration values as a quantitative axis with the unit in its title", () => {
    const x = sweepXAxis(sweepTable())!;
    expect(x.type).toBe("quantitative");
    expect(x.title).toBe("heartbeat interval (s)");
    expect(x.value("30s")).toBe(30);
    const line = unitViews(sweepSpec(sweepTable())!).find((v) => markType(v) === "line")!;
    expect(at(line, "encoding", "x", "title")).toBe("heartbeat interval (s)");
    // Field names never contain the path's dots (vega-lite would read them as nesting).
    expect(at(line, "encoding", "x", "field")).toBe("x");
  });

  it("keeps labels that are not numbers as an ordered axis", () => {
    const t = sweepTable();
    const named = {
      ...t,
      rows: t.rows.map((r) => ({
        ...r,
        params: { "ha.heartbeat.intervalUs": `v-${r.params["ha.heartbeat.intervalUs"]}` },
      })),
    };
    const x = sweepXAxis(named)!;
    expect(x.type).toBe("ordinal");
    expect(x.order).toEqual(["v-1s", "v-5s", "v-15s", "v-30s"]);
  });

  it("splits a second parameter into columns", () => {
    const spec = sweepSpec(sweepTable(true))!;
    const first = (spec.concat as Record<string, unknown>[])[0]!;
    expect(at(first, "facet", "column", "field")).toBe("group");
    expect(at(first, "facet", "column", "sort")).toEqual([
      "heartbeat lost threshold 2",
      "heartbeat lost threshold 3",
    ]);
  });

  it("is null without parameters or rows", () => {
    expect(sweepSpec({ params: [], metrics: ["lost"], rows: [] })).toBeNull();
    expect(sweepSpec({ ...sweepTable(), rows: [] })).toBeNull();
  });
});
