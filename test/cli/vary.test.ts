import { describe, expect, it } from "vitest";
import { UserError } from "../../src/cli/errors.js";
import { gridPoints, parseVary, parseVaryAll } from "../../src/cli/vary.js";

describe("--vary", () => {
  it("parses a list of values, kept as typed", () => {
    expect(parseVary("ha.heartbeat.lostThreshold=2,3, 5")).toEqual({
      path: "ha.heartbeat.lostThreshold",
      values: ["2", "3", "5"],
    });
    expect(parseVary("ha.holdOff=5s,1h30m")).toEqual({
      path: "ha.holdOff",
      values: ["5s", "1h30m"],
    });
    expect(parseVary("workload.arrivals.rate=50/s")).toEqual({
      path: "workload.arrivals.rate",
      values: ["50/s"],
    });
  });

  it("expands numeric ranges without float noise", () => {
    expect(parseVary("a=1:5:2").values).toEqual(["1", "3", "5"]);
    expect(parseVary("a=0:0.3:0.1").values).toEqual(["0", "0.1", "0.2", "0.3"]);
    expect(parseVary("a=-1:1:1").values).toEqual(["-1", "0", "1"]);
    expect(parseVary("a=1:6:2").values).toEqual(["1", "3", "5"]);
  });

  it("expands duration ranges into durations", () => {
    expect(parseVary("ha.holdOff=5s:30s:5s").values).toEqual([
      "5s",
      "10s",
      "15s",
      "20s",
      "25s",
      "30s",
    ]);
    expect(parseVary("ha.holdOff=30m:2h:30m").values).toEqual(["30m", "1h", "1h30m", "2h"]);
  });

  it.each([
    ["no equals sign", "ha.holdOff"],
    ["empty path", "=1,2"],
    ["empty values", "a="],
    ["empty list item", "a=1,,2"],
    ["two-part range", "a=1:2"],
    ["zero step", "a=1:5:0"],
    ["reversed range", "a=5:1:1"],
    ["unparsable range", "a=x:y:z"],
    ["too many values", "a=0:1e6:1"],
  ])("rejects %s with one line naming the flag", (_, spec) => {
    expect(() => parseVary(spec)).toThrow(UserError);
    try {
      parseVary(spec);
    } catch (e) {
      expect((e as Error).message).toMatch(
        /^--vary ".*": expected path=v1,v2,\.\.\. or path=from:to:step/,
      );
      expect((e as Error).message).not.toContain("\n");
    }
  });

  it("rejects a path varied twice, no --vary at all, and huge grids", () => {
    expect(() => parseVaryAll(["a=1,2", "a=3"])).toThrow(/each path once/);
    expect(() => parseVaryAll([])).toThrow(UserError);
    expect(() => parseVaryAll(["a=1:1000:1", "b=1:1000:1"])).toThrow(/at most 10000 grid points/);
  });

  it("builds the full factorial grid, first axis slowest", () => {
    const axes = parseVaryAll(["a=1,2", "b=x,y,z"]);
    expect(gridPoints(axes)).toEqual([
      ["1", "x"],
      ["1", "y"],
      ["1", "z"],
      ["2", "x"],
      ["2", "y"],
      ["2", "z"],
    ]);
    expect(gridPoints([])).toEqual([[]]);
  });
});
