/**
 * No interval hasim shows leaves its metric's range — in summary.csv, compare.csv, sweep.csv,
 * robustness.csv, the terminal table, the report's numbers table and the chart data drawn from
 * those files — over random replication samples of the shapes that broke Student t: all zero,
 * one value repeated (n = 1 included), zero-heavy counts and heavy-tailed durations, at random
 * levels. Counts and durations stay ≥ 0, shares in [0, 1]; a paired difference stays within the
 * differences observed (so its sign range), and its verdict is the one its interval supports.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparisonSpec, differencesSpec } from "../../src/charts/comparison-spec.js";
import { conclusionBlocks } from "../../src/charts/conclusion.js";
import { reportInputFromFiles } from "../../src/charts/report-input.js";
import { sweepSpec } from "../../src/charts/sweep-spec.js";
import { summaryTable } from "../../src/cli/table.js";
import { compareCsv } from "../../src/report/compare-csv.js";
import { METRIC_COLUMNS } from "../../src/report/columns.js";
import { groupByPolicy, type PolicyRuns } from "../../src/report/groups.js";
import { robustnessCsv } from "../../src/report/robustness-csv.js";
import { runsCsv } from "../../src/report/runs-csv.js";
import { ciPrefix, summaryCsv } from "../../src/report/summary-csv.js";
import { sweepCsv } from "../../src/report/sweep-csv.js";
import type { RunMetrics, RunResult } from "../../src/sim/result.js";
import { metricRange } from "../../src/stats/range.js";
import { pairedVerdict } from "../../src/stats/verdict.js";
import { robustnessRows } from "../../src/study/robustness.js";
import { metricValues } from "../../src/study/samples.js";
import { fakeMetrics } from "../cli/fake-runner.js";
import { csvRecords } from "../report/parse-csv.js";

const POLICIES = ["off", "slave"] as const;

/** n replication values of one of the shapes hasim's metrics take. */
function sample(n: number): fc.Arbitrary<number[]> {
  const zeroHeavy = fc.oneof(
    { weight: 6, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 5 }) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 200000 }) },
  );
  // Pareto with tail index 0.6–3: a 10 s restore in most runs, days in a few.
  const pareto = fc
    .tuple(
      fc.double({ min: 1e-9, max: 1, noNaN: true }),
      fc.double({ min: 0.6, max: 3, noNaN: true }),
    )
    .map(([u, alpha]) => 10 * Math.pow(u, -1 / alpha));
  return fc.oneof(
    fc.constant(Array<number>(n).fill(0)),
    fc.double({ min: 0, max: 1e6, noNaN: true }).map((v) => Array<number>(n).fill(v)),
    fc.array(zeroHeavy, { minLength: n, maxLength: n }),
    fc.array(pareto, { minLength: n, maxLength: n }),
  );
}

/** A share in [0, 1] from a non-negative value: 0 → 0, small values as they are, large → near 1. */
const toShare = (x: number): number => (x <= 1 ? x : 1 - 1 / x);

/** Runs of both policies: every scalar metric of replication r is the policy's r-th value. */
function runsOf(values: readonly (readonly number[])[], withNulls: boolean): RunResult[] {
  return POLICIES.flatMap((policy, p) =>
    values[p]!.map((v, r): RunResult => {
      const base = fakeMetrics(1, policy, r);
      const metrics = Object.fromEntries(
        Object.entries(base).map(([k, x]) => {
          if (typeof x !== "number" && x !== null) return [k, x]; // per-cause maps
          if (x === null || (withNulls && r % 3 === 2)) return [k, null];
          return [k, metricRange(k).max === 1 ? toShare(v) : v];
        }),
      ) as unknown as RunMetrics;
      return { scenario: "s", policy, replication: r, seed: `1:${r}`, metrics, violations: [] };
    }),
  );
}

/** Both policies' samples, of one length 1–30, and whether conditional metrics have gaps. */
const study = fc
  .integer({ min: 1, max: 30 })
  .chain((n) => fc.tuple(sample(n), sample(n), sample(n), sample(n)))
  .chain((s) =>
    fc.record({
      base: fc.constant([s[0], s[1]]),
      variant: fc.constant([s[2], s[3]]),
      withNulls: fc.boolean(),
      confidence: fc.constantFrom(0.8, 0.9, 0.95, 0.99),
    }),
  );

/** Asserts low ≤ high and both inside [min, max] (a relative 1e-9 for the CSV's 10 digits). */
function expectInside(low: number, high: number, min: number, max: number, where: string): void {
  const slack = (x: number): number => (Number.isFinite(x) ? Math.abs(x) * 1e-9 : 0);
  expect(low, where).toBeLessThanOrEqual(high);
  expect(low, where).toBeGreaterThanOrEqual(min - slack(min));
  expect(high, where).toBeLessThanOrEqual(max + slack(max));
}

/** The paired differences a − b of a metric, as compare.csv pairs them. */
function diffsOf(a: PolicyRuns, b: PolicyRuns, metric: string): number[] {
  const x = metricValues(a, metric);
  const y = metricValues(b, metric);
  return x.flatMap((v, r) => (v === null || y[r] === null ? [] : [v - y[r]!]));
}

/** Every `[low, high]` bracket of a text (terminal table, report table). */
function brackets(text: string): [number, number][] {
  return [...text.matchAll(/\[(-?[\d.e+-]+), (-?[\d.e+-]+)\]/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);
}

/** Every datum with `lo` and `hi` in a Vega-Lite spec. */
function chartIntervals(spec: unknown): { lo: number; hi: number }[] {
  if (Array.isArray(spec)) return spec.flatMap(chartIntervals);
  if (spec === null || typeof spec !== "object") return [];
  const o = spec as Record<string, unknown>;
  if (typeof o.lo === "number" && typeof o.hi === "number") return [{ lo: o.lo, hi: o.hi }];
  return Object.values(o).flatMap(chartIntervals);
}

describe("no interval leaves its metric's range", () => {
  it("in summary.csv, compare.csv, sweep.csv and robustness.csv", () => {
    fc.assert(
      fc.property(study, ({ base, variant, withNulls, confidence }) => {
        const groups = groupByPolicy(runsOf(base, withNulls), POLICIES);
        const ci = ciPrefix(confidence);
        for (const row of csvRecords(summaryCsv(groups, [], confidence))) {
          if (row[`${ci}_low`] === "") continue;
          const { min, max } = metricRange(row.metric!);
          expectInside(Number(row[`${ci}_low`]), Number(row[`${ci}_high`]), min, max, row.metric!);
        }
        const points = groupByPolicy(runsOf(base, withNulls), POLICIES, ["20/s"]);
        for (const row of csvRecords(sweepCsv(["workload.arrivals.rate"], points, confidence))) {
          if (row[`${ci}_low`] === "") continue;
          const { min, max } = metricRange(row.metric!);
          expectInside(Number(row[`${ci}_low`]), Number(row[`${ci}_high`]), min, max, row.metric!);
        }
        const [a, b] = groups as [PolicyRuns, PolicyRuns];
        for (const row of csvRecords(compareCsv(groups, confidence))) {
          if (row[`${ci}_low`] === "" || !METRIC_COLUMNS.some((c) => c.name === row.metric))
            continue;
          const d = diffsOf(a, b, row.metric!);
          const where = `compare ${row.metric!}`;
          expectInside(
            Number(row[`${ci}_low`]),
            Number(row[`${ci}_high`]),
            Math.min(...d),
            Math.max(...d),
            where,
          );
        }
        const variantGroups = groupByPolicy(runsOf(variant, withNulls), POLICIES);
        const rows = robustnessRows(
          [
            { variant: null, groups },
            {
              variant: { assumption: "assumptions.demotedQueue", value: "push" },
              groups: variantGroups,
            },
          ],
          confidence,
        );
        for (const row of csvRecords(robustnessCsv(rows, confidence))) {
          const [x, y] = (row.value === "push" ? variantGroups : groups) as [
            PolicyRuns,
            PolicyRuns,
          ];
          if (row[`${ci}_low`] === "") continue;
          const low = Number(row[`${ci}_low`]);
          const high = Number(row[`${ci}_high`]);
          const d = diffsOf(x, y, row.metric!);
          expectInside(low, high, Math.min(...d), Math.max(...d), `robustness ${row.metric!}`);
          expect(row.verdict).toBe(pairedVerdict(low, high));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("in the terminal table, the report's numbers table and the charts' data", () => {
    fc.assert(
      fc.property(study, ({ base, withNulls, confidence }) => {
        const results = runsOf(base, withNulls);
        const groups = groupByPolicy(results, POLICIES);
        const top = Math.max(...base.flat(), 0);
        // The tables print 3–4 significant digits: 339660 may show as 340000.
        for (const [low, high] of brackets(summaryTable(groups, [], 1000, confidence)))
          expectInside(low, high, 0, top * 1.01, "terminal table");
        const input = reportInputFromFiles({
          "summary.csv": summaryCsv(groups, [], confidence),
          "compare.csv": compareCsv(groups, confidence),
          "runs.csv": runsCsv(results, 1),
          "sweep.csv": sweepCsv(
            ["workload.arrivals.rate"],
            groupByPolicy(results, POLICIES, ["20/s"]),
            confidence,
          ),
        });
        expect(input.confidence).toBe(confidence);
        const blocks = conclusionBlocks(
          input.summary,
          input.compare,
          { meta: null, robustness: [] },
          confidence,
        );
        const html = blocks.map((b) => (b.kind === "html" ? b.html : "")).join("");
        for (const [low, high] of brackets(html))
          expectInside(low, high, 0, top * 1.01, "numbers table");
        const charts = [comparisonSpec(input.summary, input.runs, "s", confidence)];
        if (input.sweep) charts.push(sweepSpec(input.sweep, undefined, confidence));
        for (const { lo, hi } of chartIntervals(charts)) expectInside(lo, hi, 0, Infinity, "chart");
        for (const { lo, hi } of chartIntervals(differencesSpec(input.compare, "s", confidence)))
          expect(lo).toBeLessThanOrEqual(hi);
      }),
      { numRuns: 30 },
    );
  });
});
