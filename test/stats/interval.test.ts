import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { meanInterval } from "../../src/stats/interval.js";
import { normalCdf, normalQuantile } from "../../src/stats/normal.js";
import { pairedDiff } from "../../src/stats/paired.js";
import { differenceRange, NON_NEGATIVE, SHARE } from "../../src/stats/range.js";
import { pairedVerdict, robustnessOf } from "../../src/stats/verdict.js";

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

// The same guarantee through every output (CSVs, tables, charts): outputs-range.property.test.ts.
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
