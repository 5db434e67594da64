import { describe, expect, it } from "vitest";
import { groupByPolicy } from "../../src/report/groups.js";
import { robustnessCsv } from "../../src/report/robustness-csv.js";
import type { RunMetrics, RunResult } from "../../src/sim/result.js";
import { robustnessRowsFromCsv } from "../../src/charts/conclusion-input.js";
import { robustnessByPair, robustnessPhrase, robustnessRows } from "../../src/study/robustness.js";
import { fakeMetrics } from "../cli/fake-runner.js";

const POLICIES = ["off", "slave"] as const;

/** off loses `offLost + r % 3` mails per replication, slave `r % 3`. */
function results(offLost: number): RunResult[] {
  return POLICIES.flatMap((policy) =>
    Array.from({ length: 12 }, (_, r): RunResult => {
      const lost = (policy === "off" ? offLost : 0) + (r % 3);
      const metrics: RunMetrics = { ...fakeMetrics(1, policy, r), lost };
      return { scenario: "s", policy, replication: r, seed: `1:${r}`, metrics, violations: [] };
    }),
  );
}

describe("robustness verdicts", () => {
  const runs = [
    { variant: null, groups: groupByPolicy(results(3), POLICIES) },
    {
      variant: { assumption: "assumptions.demotedQueue", value: "push" },
      groups: groupByPolicy(results(0), POLICIES),
    },
    {
      variant: { assumption: "assumptions.splitBrainShare", value: "0.9" },
      groups: groupByPolicy(results(2), POLICIES),
    },
  ];
  const rows = robustnessRows(runs, 0.95);

  it("has one row per headline metric × pair × (baseline and variants), baseline first", () => {
    expect(rows).toHaveLength(5 * 1 * 3);
    const lost = rows.filter((r) => r.metric === "lost");
    expect(lost.map((r) => r.assumption)).toEqual([
      "(baseline)",
      "assumptions.demotedQueue",
      "assumptions.splitBrainShare",
    ]);
    expect(lost.map((r) => r.verdict)).toEqual(["higher", "identical", "higher"]);
    expect(lost[0]).toMatchObject({ policyA: "off", policyB: "slave", meanDiff: 3, ciLow: 3 });
  });

  it("flags the verdict as depending on the assumption whose variant flips it", () => {
    const lost = robustnessByPair(rows).find((r) => r.metric === "lost")!;
    expect(lost.dependsOn).toEqual(["assumptions.demotedQueue"]);
    expect(robustnessPhrase(lost)).toBe(
      "depends on assumptions.demotedQueue (assumptions.demotedQueue=push: off − slave identical in every replication)",
    );
    const dup = robustnessByPair(rows).find((r) => r.metric === "duplicated")!;
    expect(robustnessPhrase(dup)).toBe("holds under every assumption variant (2)");
  });

  it("round-trips through robustness.csv", () => {
    const csv = robustnessCsv(robustnessRows(runs, 0.9), 0.9);
    expect(csv.split("\n")[0]).toBe(
      "metric,policy_a,policy_b,assumption,value,mean_diff,ci90_low,ci90_high,n,verdict",
    );
    // Numbers go through the CSV's 10 significant digits.
    const round = (x: number | null): number | null =>
      x === null ? null : Number(x.toPrecision(10));
    const again = robustnessRows(runs, 0.9).map((r) => ({
      ...r,
      meanDiff: round(r.meanDiff),
      ciLow: round(r.ciLow),
      ciHigh: round(r.ciHigh),
    }));
    expect(robustnessRowsFromCsv(csv)).toEqual(again);
  });
});
