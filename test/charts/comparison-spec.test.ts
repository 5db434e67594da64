import { describe, expect, it } from "vitest";
import { comparisonSpec, differencesSpec, POLICY_COLORS } from "../../src/charts/index.js";
import { VERDICTS } from "../../src/charts/comparison-spec.js";
import { compareRows, runRows, summaryRows } from "./fixtures.js";
import { at, markType, rows, unitViews } from "./helpers.js";

const panels = (spec: Record<string, unknown>) => spec.concat as Record<string, unknown>[];

describe("policy comparison spec", () => {
  const spec = comparisonSpec(summaryRows(), runRows(), "primary-crash")!;

  it("has a panel per charted metric, in order, and ignores other metrics", () => {
    expect(panels(spec).map((p) => at(p, "title", "text"))).toEqual([
      "mail lost",
      "duplicate deliveries",
      "time to restore service",
      "time to restore redundancy",
      "time unavailable",
      "time in split brain",
    ]);
  });

  it("puts each policy's mean over 95% CI whiskers, coloured per policy", () => {
    const lost = panels(spec)[0]!;
    const views = unitViews(lost);
    const whiskers = views.find((v) => markType(v) === "errorbar")!;
    expect(rows(whiskers).map((r) => [r.policy, r.lo, r.hi])).toEqual([
      ["off", 9.1, 14.9],
      ["restore", 0, 1.1],
      ["slave", 2.7, 5.3],
    ]);
    expect(at(whiskers, "encoding", "y2", "field")).toBe("hi");
    const means = views.find((v) => markType(v) === "point")!;
    expect(rows(means).map((r) => r.mean)).toEqual([12, 0.5, 4]);
    expect(at(means, "encoding", "color", "scale", "range")).toEqual([
      POLICY_COLORS.off,
      POLICY_COLORS.restore,
      POLICY_COLORS.slave,
    ]);
    expect(at(means, "encoding", "x", "sort")).toEqual(["off", "restore", "slave"]);
  });

  it("titles axes with units, rescaling durations to a readable unit", () => {
    const yTitle = (i: number) =>
      at(
        unitViews(panels(spec)[i]!).find((v) => markType(v) === "point"),
        "encoding",
        "y",
        "title",
      );
    expect(yTitle(0)).toBe("mail lost (mails)");
    expect(yTitle(2)).toBe("time to restore service (s)");
    expect(yTitle(3)).toBe("time to restore redundancy (h)");
    expect(yTitle(5)).toBe("time in split brain (min)");
    const redundancy = unitViews(panels(spec)[3]!).find((v) => markType(v) === "point")!;
    expect(rows(redundancy)[0]!.mean).toBe(5); // 5 × 3600 s
  });

  it("shows single replications as ticks when runs are given, and draws without CIs", () => {
    const ticks = unitViews(panels(spec)[0]!).find((v) => markType(v) === "tick")!;
    expect(rows(ticks)).toHaveLength(15);
    const noCi = summaryRows().map((r) => ({ ...r, ciLow: null, ciHigh: null }));
    const bare = comparisonSpec(noCi, [], "primary-crash")!;
    const marks = unitViews(panels(bare)[0]!).map(markType);
    expect(marks).not.toContain("errorbar");
    expect(marks).not.toContain("tick");
    expect(marks).toContain("point");
  });

  it("gives an all-zero metric a 0–1 axis instead of a single tick", () => {
    const zero = summaryRows().map((r) =>
      r.metric === "lost" ? { ...r, mean: 0, ciLow: 0, ciHigh: 0 } : r,
    );
    const lost = unitViews(
      (comparisonSpec(zero, [], "primary-crash")!.concat as unknown[])[0] as Record<
        string,
        unknown
      >,
    );
    expect(
      at(
        lost.find((v) => markType(v) === "point"),
        "encoding",
        "y",
        "scale",
      ),
    ).toEqual({ zero: true, domain: [0, 1] });
    const dup = unitViews((spec.concat as unknown[])[1] as Record<string, unknown>);
    expect(
      at(
        dup.find((v) => markType(v) === "point"),
        "encoding",
        "y",
        "scale",
      ),
    ).toEqual({ zero: true });
  });

  it("is null for a scenario with nothing charted", () => {
    expect(comparisonSpec(summaryRows(), [], "other")).toBeNull();
    expect(
      comparisonSpec(
        summaryRows().filter((r) => r.metric === "arrived"),
        [],
        "primary-crash",
      ),
    ).toBeNull();
  });
});

describe("paired differences spec", () => {
  const spec = differencesSpec(compareRows(), "primary-crash")!;

  it("has a row per policy pair with its CI and a zero line", () => {
    const lost = panels(spec)[0]!;
    const views = unitViews(lost);
    const rule = views.find((v) => markType(v) === "rule")!;
    expect(rows(rule)).toEqual([{ zero: 0 }]);
    const bars = views.find((v) => markType(v) === "errorbar")!;
    expect(rows(bars).map((r) => r.pair)).toEqual([
      "off − restore",
      "off − slave",
      "restore − slave",
    ]);
    expect(at(bars, "encoding", "x2", "field")).toBe("hi");
    expect(
      at(
        views.find((v) => markType(v) === "point"),
        "encoding",
        "x",
        "title",
      ),
    ).toBe("difference (mails)");
  });

  it("says which policy did better when the CI excludes zero", () => {
    const points = rows(unitViews(panels(spec)[0]!).find((v) => markType(v) === "point")!);
    // lost: off − restore = 11.5 (worse), restore − slave = −3.5 (better)
    expect(points.map((r) => r.verdict)).toEqual([VERDICTS.worse, VERDICTS.worse, VERDICTS.better]);
    const ttr = rows(unitViews(panels(spec)[2]!).find((v) => markType(v) === "point")!);
    expect(ttr[1]!.verdict).toBe(VERDICTS.unclear); // 0.2 ± 0.2: includes 0
  });

  it("is null without compare rows", () => {
    expect(differencesSpec([], "primary-crash")).toBeNull();
  });
});

describe("value labels", () => {
  it("are short, and ≈0 next to much larger values", async () => {
    const { shortNumber } = await import("../../src/charts/comparison-spec.js");
    expect(shortNumber(15.5432)).toBe("15.5");
    expect(shortNumber(0.066666)).toBe("0.0667");
    expect(shortNumber(12345.6)).toBe("12346");
    expect(shortNumber(0.0000144, 12.2)).toBe("≈0");
    expect(shortNumber(-3.5, 12)).toBe("-3.5");
  });
});
