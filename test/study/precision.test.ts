import { describe, expect, it } from "vitest";
import { groupByPolicy } from "../../src/report/groups.js";
import type { RunMetrics, RunResult } from "../../src/sim/result.js";
import { nextBatch, parsePrecision, precisionStatus } from "../../src/study/precision.js";
import { fakeMetrics } from "../cli/fake-runner.js";

function runs(lost: readonly number[], ttr: readonly (number | null)[]): RunResult[] {
  return lost.map((l, r) => {
    const metrics: RunMetrics = {
      ...fakeMetrics(1, "off", r),
      lost: l,
      ttr_service_mean_s: ttr[r] ?? null,
    };
    return {
      scenario: "s",
      policy: "off",
      replication: r,
      seed: `1:${r}`,
      metrics,
      violations: [],
    };
  });
}

describe("--precision", () => {
  it("parses a relative target and absolute ones per headline metric", () => {
    expect(parsePrecision(["5%"])).toEqual({ relative: 0.05, absolute: {} });
    expect(parsePrecision(["lost=0.5", "2.5%"])).toEqual({
      relative: 0.025,
      absolute: { lost: 0.5 },
    });
    expect(parsePrecision(["five"])).toMatch(/^--precision: expected .*, got "five"$/);
    expect(parsePrecision(["arrived=3"])).toMatch(/got "arrived=3"$/);
    expect(parsePrecision(["0%"])).toMatch(/got "0%"$/);
  });

  it("is reached when the half-width is within the target; a metric no run had does not block", () => {
    const g = groupByPolicy(runs([10, 10, 10, 10], [null, null, null, null]), ["off"]);
    const st = precisionStatus(g, { relative: 0.05, absolute: {} }, 0.95);
    expect(st.find((s) => s.metric === "lost")).toMatchObject({ halfWidth: 0, reached: true });
    expect(st.find((s) => s.metric === "ttr_service_mean_s")).toMatchObject({
      n: 0,
      reached: true,
    });
    const wide = groupByPolicy(runs([0, 20, 5, 15], [1, 2, 3, 4]), ["off"]);
    const st2 = precisionStatus(
      wide,
      { relative: 0.05, absolute: { ttr_service_mean_s: 100 } },
      0.95,
    );
    expect(st2.find((s) => s.metric === "lost")?.reached).toBe(false);
    expect(st2.find((s) => s.metric === "ttr_service_mean_s")).toMatchObject({
      target: 100,
      reached: true,
    });
  });

  it("adds batches of the first batch's size up to the cap, and none once reached", () => {
    const open = [
      { policy: "off", metric: "lost", n: 4, mean: 1, halfWidth: 1, target: 0.1, reached: false },
    ];
    expect(nextBatch(open, 10, 10, 100)).toBe(10);
    expect(nextBatch(open, 95, 10, 100)).toBe(5);
    expect(nextBatch(open, 100, 10, 100)).toBe(0);
    expect(nextBatch([{ ...open[0]!, reached: true }], 10, 10, 100)).toBe(0);
  });
});
