import { describe, expect, it } from "vitest";
import { SCENARIO_SHAPE } from "../../src/scenario/index.js";
import { fieldNames } from "../../src/scenario/shape.js";
import { ASSUMPTION_ALTERNATIVES, candidateVariants, valueAt } from "../../src/study/variants.js";

describe("the assumption-variant table", () => {
  it("has a row for every assumptions.* field of the scenario format (add one for a new knob)", () => {
    const missing = fieldNames(SCENARIO_SHAPE, "assumptions")
      .map((f) => `assumptions.${f}`)
      .filter((p) => ASSUMPTION_ALTERNATIVES[p] === undefined);
    expect(missing).toEqual([]);
  });

  it("gives at least one alternative per row, and two (low, high) for probabilities", () => {
    for (const [path, alt] of Object.entries(ASSUMPTION_ALTERNATIVES)) {
      expect(alt.values.length, path).toBeGreaterThan(0);
      if (/Probability$|Share$/.test(path)) {
        expect(alt.values.length, path).toBe(2);
        const [low, high] = alt.values.map(Number);
        expect(low! < high! && low! >= 0 && high! <= 1, path).toBe(true);
      }
    }
  });

  it("varies one assumption at a time and skips what cannot matter", () => {
    const scenario = {
      policies: ["restore", "slave"],
      assumptions: { cutSessionWindow: "0s" },
    };
    const v = candidateVariants(scenario);
    expect(v.some((x) => x.assumption === "ha.admin.responseTime")).toBe(false);
    expect(v.some((x) => x.assumption === "assumptions.cutSessionDuplicateProbability")).toBe(
      false,
    );
    expect(
      v.filter((x) => x.assumption === "assumptions.demotedQueue").map((x) => x.value),
    ).toEqual(["strand", "push", "keep-and-deliver"]);
    const withOff = candidateVariants({
      policies: ["off"],
      assumptions: { cutSessionWindow: "1s" },
    });
    expect(withOff.some((x) => x.assumption === "ha.admin.action")).toBe(true);
    expect(withOff.some((x) => x.assumption === "assumptions.cutSessionDuplicateProbability")).toBe(
      true,
    );
  });

  it("reads dotted paths of an effective scenario", () => {
    expect(valueAt({ ha: { admin: { action: "restore" } } }, "ha.admin.action")).toBe("restore");
    expect(valueAt({ ha: {} }, "ha.admin.action")).toBeUndefined();
  });
});
