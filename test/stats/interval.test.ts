import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { METRIC_COLUMNS } from "../../src/report/columns.js";
import { compareCsv } from "../../src/report/compare-csv.js";
import { groupByPolicy } from "../../src/report/groups.js";
import { summaryCsv } from "../../src/report/summary-csv.js";
import { sweepCsv } from "../../src/report/sweep-csv.js";
import { summaryTable } from "../../src/cli/table.js";
import type { RunMetrics, RunResult } from "../../src/sim/result.js";
import { meanInterval } from "../../src/stats/interval.js";
import { normalCdf, normalQuantile } from "../../src/stats/normal.js";
import { pairedDiff } from "../../src/stats/paired.js";
import { differenceRange, metricRange, NON_NEGATIVE, SHARE } from "../../src/stats/range.js";
import { pairedVerdict, robustnessOf } from "../../src/stats/verdict.js";
import { fakeMetrics } from "../cli/fake-runner.js";
import { csvRecords } from "../report/parse-csv.js";

/** Replication samples as hasim produces them: mostly zero, a few large (lost mail, TTR). */
const zeroHeavy = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 5 }) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 200000 }) },
  ),
  { minLength: 1, maxLength: 60 },
);
const shares = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
  minLength: 1,
  maxLength: 60,
});
const level = fc.constantFrom(0.8, 0.9, 0.95, 0.99);

describe("normal distribution", () => {
  it("matches known quantiles and inverts the CDF", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
    for (const p of [0.01, 0.2, 0.6, 0.99]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });
});

describe("meanInterval (BCa bootstrap)", () => {
  it("agrees with scipy.stats.bootstrap BCa on a zero-heavy sample, where t goes below 0", () => {
    // scipy (n_resamples=200000): [0.1, 3.3]; Student t: [-0.35, 2.15].
    const xs = [...Array<number>(17).fill(0), 1, 3, 12];
    const ci = meanInterval(xs);
    expect(ci.mean).toBe(0.8);
    expect(ci.low).toBeGreaterThanOrEqual(0);
    expect(Math.abs(ci.low! - 0.1)).toBeLessThan(0.15);
    expect(Math.abs(ci.high! - 3.3)).toBeLessThan(0.5);
  });

  it("is deterministic: the same sample gives the same interval, bit for bit", () => {
    fc.assert(
      fc.property(zeroHeavy, (xs) => {
        expect(meanInterval(xs)).toEqual(meanInterval([...xs]));
      }),
      { numRuns: 50 },
    );
  });

  it("nests: a lower level gives an interval inside the higher level's", () => {
    fc.assert(
      fc.property(zeroHeavy, (xs) => {
        const wide = meanInterval(xs, { confidence: 0.99 });
        const narrow = meanInterval(xs, { confidence: 0.8 });
        if (wide.low === null) return;
        expect(narrow.low!).toBeGreaterThanOrEqual(wide.low);
        expect(narrow.high!).toBeLessThanOrEqual(wide.high!);
      }),
      { numRuns: 50 },
    );
  });

  it("rejects a level outside (0, 1)", () => {
    expect(() => meanInterval([1, 2], { confidence: 95 })).toThrow(RangeError);
  });
});

describe("no interval endpoint leaves its metric's range", () => {
  it("counts and durations stay ≥ 0, shares in [0, 1], at any level", () => {
    fc.assert(
      fc.property(zeroHeavy, shares, level, (counts, s, confidence) => {
        const c = meanInterval(counts, { confidence, range: NON_NEGATIVE });
        if (c.low !== null) expect(c.low).toBeGreaterThanOrEqual(0);
        const sh = meanInterval(s, { confidence, range: SHARE });
        if (sh.low !== null) {
          expect(sh.low).toBeGreaterThanOrEqual(0);
          expect(sh.high!).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("paired differences stay within the observed differences and ± the metric's range", () => {
    fc.assert(
      fc.property(shares, shares, level, (a, b, confidence) => {
        const n = Math.min(a.length, b.length);
        const d = pairedDiff(a.slice(0, n), b.slice(0, n), {
          confidence,
          range: differenceRange(SHARE),
        });
        if (d.ciLow === null) return;
        const diffs = a.slice(0, n).map((x, i) => x - b[i]!);
        expect(d.ciLow).toBeGreaterThanOrEqual(Math.max(-1, Math.min(...diffs)));
        expect(d.ciHigh!).toBeLessThanOrEqual(Math.min(1, Math.max(...diffs)));
      }),
    );
  });

  /** Runs whose every metric is drawn from `pick` (nulls for conditional metrics). */
  function runsFrom(values: readonly number[], withNulls: boolean): RunResult[] {
    return (["off", "slave"] as const).flatMap((policy, p) =>
      values.map((v, r): RunResult => {
        const base = fakeMetrics(1, policy, r);
        const scaled = (x: number | null): number | null =>
          x === null || (withNulls && r % 3 === 2) ? null : v * (p + 1);
        const metrics = Object.fromEntries(
          Object.entries(base).map(([k, x]) => [k, typeof x === "number" ? scaled(x) : x]),
        ) as unknown as RunMetrics;
        return { scenario: "s", policy, replication: r, seed: `1:${r}`, metrics, violations: [] };
      }),
    );
  }

  it("in summary.csv, compare.csv, sweep.csv and the terminal table", () => {
    fc.assert(
      fc.property(zeroHeavy, fc.boolean(), level, (values, withNulls, confidence) => {
        const groups = groupByPolicy(runsFrom(values, withNulls), ["off", "slave"]);
        const pct = Number((confidence * 100).toPrecision(6));
        for (const row of csvRecords(summaryCsv(groups, [], confidence))) {
          const range = metricRange(row.metric!);
          for (const end of [row[`ci${pct}_low`], row[`ci${pct}_high`]]) {
            if (end === "" || end === undefined) continue;
            expect(Number(end)).toBeGreaterThanOrEqual(range.min);
            expect(Number(end)).toBeLessThanOrEqual(range.max);
          }
        }
        for (const row of csvRecords(sweepCsv([], groups))) {
          for (const col of METRIC_COLUMNS) {
            const low = row[`${col.name}_ci95_low`];
            if (low !== "" && low !== undefined) expect(Number(low)).toBeGreaterThanOrEqual(0);
          }
        }
        for (const row of csvRecords(compareCsv(groups, confidence))) {
          const low = row[`ci${pct}_low`];
          // The per-cause maps keep the fake runner's values; only scalars are v·(p + 1).
          if (low === "" || low === undefined || /^(lost|duplicated)_/.test(row.metric!)) continue;
          // off − slave of a non-negative v·1 − v·2 = −v: never above 0, never below −max.
          expect(Number(row[`ci${pct}_high`])).toBeLessThanOrEqual(0);
          expect(Number(low)).toBeGreaterThanOrEqual(-Math.max(...values));
        }
        const table = summaryTable(groups, [], confidence);
        for (const m of table.matchAll(/\[(-?[\d.e+-]+), (-?[\d.e+-]+)\]/g))
          expect(Number(m[1])).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 40 },
    );
  });
});

describe("verdicts", () => {
  it("reads an interval of a − b", () => {
    expect(pairedVerdict(-3, -1)).toBe("lower");
    expect(pairedVerdict(1, 3)).toBe("higher");
    expect(pairedVerdict(-1, 3)).toBe("not-significant");
    expect(pairedVerdict(0, 2)).toBe("not-significant");
    expect(pairedVerdict(0, 0)).toBe("identical");
    expect(pairedVerdict(null, null)).toBe("not-significant");
  });

  it("names the assumptions whose variants flip the baseline verdict", () => {
    const r = robustnessOf("lower", [
      { assumption: "assumptions.demotedQueue", value: "push", verdict: "identical" },
      { assumption: "assumptions.demotedQueue", value: "keep-and-deliver", verdict: "lower" },
      { assumption: "assumptions.splitBrainShare", value: "0.1", verdict: "lower" },
    ]);
    expect(r.dependsOn).toEqual(["assumptions.demotedQueue"]);
    expect(r.flips.map((f) => f.value)).toEqual(["push"]);
    expect(robustnessOf("higher", []).dependsOn).toEqual([]);
  });
});
