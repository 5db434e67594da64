import { describe, expect, it } from "vitest";
import {
  TIMELINE_FORMAT,
  TimelineFormatError,
  timelineFromJson,
  timelineToJson,
} from "../../src/charts/index.js";
import { counterexample, crashTimeline } from "./fixtures.js";

describe("timeline JSON", () => {
  it("round-trips a timeline exactly", () => {
    for (const t of [crashTimeline("off"), crashTimeline("restore"), counterexample().timeline!]) {
      expect(timelineFromJson(timelineToJson(t))).toEqual(t);
    }
  });

  it("is byte-identical for equal timelines and names its format", () => {
    const a = timelineToJson(crashTimeline("slave"));
    expect(timelineToJson(crashTimeline("slave"))).toBe(a);
    expect((JSON.parse(a) as { format: string }).format).toBe(TIMELINE_FORMAT);
    expect(a.endsWith("}\n")).toBe(true);
  });

  it("writes a fixed key order whatever order the object had", () => {
    const t = crashTimeline();
    const shuffled = {
      ...t,
      modes: t.modes.map((m) => ({
        mode: m.mode,
        endUs: m.endUs,
        startUs: m.startUs,
        unit: m.unit,
      })),
    };
    expect(timelineToJson(shuffled)).toBe(timelineToJson(t));
  });

  it("rejects other formats and bad fields with the field's name", () => {
    expect(() => timelineFromJson("not json")).toThrow(TimelineFormatError);
    expect(() => timelineFromJson('{"format":"other"}')).toThrow(/format/);
    const good = JSON.parse(timelineToJson(crashTimeline())) as {
      markers: [unknown, { kind: string }];
    };
    good.markers[1].kind = "bounced";
    expect(() => timelineFromJson(JSON.stringify(good))).toThrow(/markers\[1\]\.kind/);
    const noUnit = JSON.parse(timelineToJson(crashTimeline())) as {
      modes: [{ unit?: string }];
    };
    delete noUnit.modes[0].unit;
    expect(() => timelineFromJson(JSON.stringify(noUnit))).toThrow(/modes\[0\]\.unit/);
  });
});
