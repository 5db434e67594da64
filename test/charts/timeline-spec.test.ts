import { describe, expect, it } from "vitest";
import { US_PER_D, US_PER_H, US_PER_MIN } from "../../src/kernel/time.js";
import { MODE_COLORS, MODE_ORDER, timelineSpec } from "../../src/charts/index.js";
import { faultRows, modeRows, spoolRows, type TimeWindow } from "../../src/charts/timeline-rows.js";
import { timeAxisFor } from "../../src/charts/time-scale.js";
import { counterexample, crashTimeline, longTimeline } from "./fixtures.js";
import { at, markType, rows, unitViews } from "./helpers.js";

const byTitle = (spec: ReturnType<typeof timelineSpec>, title: string) =>
  (spec.vconcat as Record<string, unknown>[]).find((v) => at(v, "title", "text") === title)!;

describe("timeline spec", () => {
  const t = crashTimeline("off");
  const spec = timelineSpec(t, { title: "Timeline, policy off" });

  it("stacks modes, faults, spool and mail panels over one shared time axis", () => {
    const titles = (spec.vconcat as unknown[]).map((v) => at(v, "title", "text"));
    expect(titles).toEqual([
      "unit modes",
      "faults",
      "spool depth",
      "mail lost / duplicated (bigger symbol: more mail)",
    ]);
    expect(at(spec, "resolve", "scale", "x")).toBe("shared");
    expect(at(spec, "title", "text")).toBe("Timeline, policy off");
  });

  it("draws one bar per mode interval, a lane per unit, coloured by the fixed palette", () => {
    const bars = unitViews(byTitle(spec, "unit modes")).find((v) => markType(v) === "bar")!;
    expect(rows(bars)).toHaveLength(t.modes.length);
    expect(at(bars, "encoding", "y", "field")).toBe("unit");
    expect(at(bars, "encoding", "y", "sort")).toEqual(["A", "B"]);
    const colour = at(bars, "encoding", "color") as Record<string, unknown>;
    expect(colour.field).toBe("mode");
    expect(at(colour, "scale", "domain")).toEqual(MODE_ORDER);
    expect(at(colour, "scale", "range")).toEqual(MODE_ORDER.map((m) => MODE_COLORS[m]));
    expect(at(colour, "legend", "title")).toBe("mode");
    expect(new Set(MODE_ORDER)).toEqual(
      new Set(["MASTER", "SLAVE", "FAILED", "OFF", "HOLD_OFF", "DOWN", "HUNG", "REBOOTING"]),
    );
  });

  it("adds an unknown mode to the colour scale instead of dropping it", () => {
    const odd = {
      ...t,
      modes: [...t.modes, { unit: "A", startUs: 0, endUs: US_PER_H, mode: "MAINTENANCE" }],
    };
    const bars = unitViews(timelineSpec(odd, { title: "x" })).find((v) => markType(v) === "bar")!;
    expect(at(bars, "encoding", "color", "scale", "domain")).toContain("MAINTENANCE");
  });

  it("labels the time axis in clock time for short runs and in days for long ones", () => {
    const axis = at(
      unitViews(byTitle(spec, "mail lost / duplicated (bigger symbol: more mail)"))[1],
      "encoding",
      "x",
      "axis",
    ) as Record<string, unknown>;
    expect(axis.title).toBe("time since start (d hh:mm)");
    expect(axis.values).toContain(6 * 3600 * 1000);
    expect(String(axis.labelExpr)).toContain("utcFormat");
    const year = timelineSpec(longTimeline(365, 5), { title: "year" });
    const yAxis = unitViews(year)
      .map((v) => at(v, "encoding", "x", "axis"))
      .filter((a) => a !== undefined)
      .at(-1);
    expect(at(yAxis, "title")).toBe("time since start (days)");
    expect(timeAxisFor(0, 5 * US_PER_MIN).title).toBe("time since start (d hh:mm:ss)");
  });

  it("shows faults with their target and duration", () => {
    const faults = byTitle(spec, "faults");
    const bar = unitViews(faults).find((v) => markType(v) === "bar")!;
    expect(rows(bar).map((r) => r.lane)).toEqual([
      "node-crash A",
      "admin A",
      "link-down all",
      "downstream-outage",
      "node-hang B",
    ]);
    const labels = unitViews(faults)
      .filter((v) => markType(v) === "text")
      .flatMap(rows)
      .map((r) => r.duration);
    expect(labels).toEqual(expect.arrayContaining(["20min", "instant", "10min", "1h", "4min"]));
  });

  it("shades split-brain windows behind every panel, with one legend entry", () => {
    const shades = unitViews(spec).filter(
      (v) => markType(v) === "rect" && at(v, "encoding", "fill", "field") === "what",
    );
    expect(shades).toHaveLength(4);
    expect(shades.filter((s) => at(s, "encoding", "fill", "legend") !== null)).toHaveLength(1);
    expect(rows(shades[0]!)).toHaveLength(1);
  });

  it("draws spool depth per unit as step lines and lost/duplicated markers by kind", () => {
    const line = unitViews(byTitle(spec, "spool depth")).find((v) => markType(v) === "line")!;
    expect(at(line, "mark", "interpolate")).toBe("step-after");
    expect(new Set(rows(line).map((r) => r.unit))).toEqual(new Set(["A", "B"]));
    expect(at(line, "encoding", "y", "title")).toBe("mails");
    const points = unitViews(spec).find((v) => markType(v) === "point")!;
    expect(rows(points).map((r) => [r.kind, r.count])).toEqual([
      ["duplicated", 3],
      ["duplicated", 2],
      ["lost", 8],
    ]);
    expect(at(points, "encoding", "shape", "scale", "range")).toEqual(["cross", "triangle-up"]);
  });

  it("leaves out empty panels", () => {
    const cx = counterexample().timeline!;
    const bare = { ...cx, markers: [], spool: [], faults: [] };
    expect((timelineSpec(bare, { title: "x" }).vconcat as unknown[]).length).toBe(1);
  });

  it("zooms: a window clips intervals and drops what lies outside", () => {
    const zoom = timelineSpec(t, { title: "z", startUs: 5 * US_PER_H, endUs: 11 * US_PER_H });
    const bars = unitViews(zoom).find((v) => markType(v) === "bar")!;
    const ms = (us: number) => us / 1000;
    for (const r of rows(bars)) {
      expect(r.t0 as number).toBeGreaterThanOrEqual(ms(5 * US_PER_H));
      expect(r.t1 as number).toBeLessThanOrEqual(ms(11 * US_PER_H));
    }
    expect(at(bars, "encoding", "x", "scale", "domain")).toEqual([
      ms(5 * US_PER_H),
      ms(11 * US_PER_H),
    ]);
    const faultLanes = rows(
      unitViews(byTitle(zoom, "faults")).find((v) => markType(v) === "bar")!,
    ).map((r) => r.lane);
    expect(faultLanes).toEqual(["node-crash A", "admin A"]);
  });
});

describe("timeline rows", () => {
  const w = (startUs: number, endUs: number, widthPx = 800): TimeWindow => ({
    startUs,
    endUs,
    widthPx,
    unit: timeAxisFor(startUs, endUs).unit,
  });

  it("names a mode inside its bar only where the name fits", () => {
    const t = crashTimeline("off");
    const labelled = modeRows(t, w(0, t.endUs))
      .filter((r) => r.label !== "")
      .map((r) => r.mode);
    expect(labelled).toContain("MASTER");
    expect(labelled).not.toContain("REBOOTING"); // 3 minutes of two days: a sliver
  });

  it("labels only the faults whose duration fits without overlapping the previous label", () => {
    const t = longTimeline(365, 30);
    const out = faultRows(t, w(0, t.endUs));
    const labelled = out.filter((r) => r.labelSide !== "");
    expect(labelled.length).toBeGreaterThan(5);
    expect(labelled.length).toBeLessThan(out.length);
    const all = faultRows(crashTimeline("off"), w(0, crashTimeline("off").endUs));
    expect(all.every((r) => r.labelSide !== "")).toBe(true);
    expect(all.find((r) => r.lane === "node-hang B")!.labelSide).toBe("right");
  });

  it("thins a year of minute samples to about one point per pixel, keeping spikes", () => {
    const t = longTimeline(365, 5);
    const spiked = {
      ...t,
      spool: [...t.spool, { timeUs: 100 * US_PER_D + 30_000_000, unit: "B", depth: 9999 }].sort(
        (a, b) => a.timeUs - b.timeUs,
      ),
    };
    const out = spoolRows(spiked, w(0, t.endUs, 800));
    expect(t.spool.length).toBeGreaterThan(1_000_000);
    expect(out.length).toBeLessThan(2 * 2 * 810);
    expect(Math.max(...out.filter((r) => r.unit === "B").map((r) => r.depth))).toBe(9999);
  });

  it("carries the depth in force into the window and to its end", () => {
    const t = crashTimeline("restore");
    const start = 40 * US_PER_H + 5 * US_PER_MIN;
    const out = spoolRows(t, w(start, start + 20 * US_PER_MIN)).filter((r) => r.unit === "A");
    expect(out[0]!.t).toBe(start / 1000);
    expect(out[0]!.depth).toBe(0); // the 40h sample, the outage just begun
    expect(out.at(-1)!.t).toBe((start + 20 * US_PER_MIN) / 1000);
  });
});

describe("time values", () => {
  it("keep millisecond precision far into a long run", async () => {
    const { inUnit, MS } = await import("../../src/charts/time-scale.js");
    const us = 302 * US_PER_D + 15 * US_PER_H + 1_234_567;
    expect(inUnit(us, MS)).toBe(us / 1000);
    expect(inUnit(US_PER_D / 3, { name: "d", us: US_PER_D })).toBe(0.333333);
  });
});
