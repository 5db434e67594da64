/**
 * The conclusion part of the demo report: a run's meta.json and a robustness study over the
 * demo's compare rows, in which the lost-mail verdicts depend on `assumptions.demotedQueue` (with
 * `push` no policy loses mail) and every other verdict holds, as on year-of-faults.
 */
import type { CompareRow } from "../../src/charts/index.js";
import { runMetaFromJson, type ConclusionInput } from "../../src/charts/conclusion-input.js";
import type { RobustnessRow } from "../../src/report/robustness-csv.js";
import { HEADLINE_METRICS } from "../../src/study/headline.js";
import { pairedVerdict } from "../../src/stats/verdict.js";

/** The variants of the demo study, in robustness.csv's order. */
const VARIANTS = [
  { assumption: "assumptions.demotedQueue", value: "push" },
  { assumption: "assumptions.splitBrainShare", value: "0.9" },
] as const;

/** meta.json of the demo run, as `hasim run --robustness --report` writes it. */
export function demoMetaJson(confidence = 0.95): Record<string, unknown> {
  return {
    hasim: "0.0.0-fixture",
    command: "run",
    argv: ["run", "scenarios/primary-crash.yaml", "--robustness", "--report"],
    seeds: ["42/0", "42/1"],
    scenario: {
      name: "primary-crash",
      description: "The configured master crashes for 20 minutes during a day of mail.",
      seed: 42,
      horizon: "1d",
      replications: 30,
      policies: ["off", "restore", "slave"],
      workload: { arrivals: { rate: "5/s" } },
      ha: { holdOff: "30m" },
    },
    study: { confidence, interval: "bca-bootstrap" },
  };
}

/**
 * robustness.csv rows for the headline metrics of `compare`: the baseline (its verdict read from
 * the row's interval), then each variant; `lost` becomes `identical` under `push`.
 */
export function demoRobustness(compare: readonly CompareRow[]): RobustnessRow[] {
  const rows: RobustnessRow[] = [];
  for (const metric of HEADLINE_METRICS) {
    for (const c of compare.filter((r) => r.metric === metric)) {
      const base = pairedVerdict(c.ciLow, c.ciHigh);
      const row = { metric, policyA: c.policyA, policyB: c.policyB, n: c.n };
      rows.push({
        ...row,
        assumption: "(baseline)",
        value: "",
        meanDiff: c.meanDiff,
        ciLow: c.ciLow,
        ciHigh: c.ciHigh,
        verdict: base,
      });
      for (const v of VARIANTS) {
        const zero = metric === "lost" && v.value === "push";
        rows.push({
          ...row,
          ...v,
          meanDiff: zero ? 0 : c.meanDiff,
          ciLow: zero ? 0 : c.ciLow,
          ciHigh: zero ? 0 : c.ciHigh,
          verdict: zero ? "identical" : base,
        });
      }
    }
  }
  return rows;
}

/** The demo's conclusion input. */
export function demoConclusion(compare: readonly CompareRow[]): ConclusionInput {
  return {
    meta: runMetaFromJson(JSON.stringify(demoMetaJson())),
    robustness: demoRobustness(compare),
  };
}
