import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pairedDiff } from "../../src/stats/paired.js";
import { quantile, quantileSorted } from "../../src/stats/quantile.js";
import { meanCi, summarize } from "../../src/stats/summary.js";

describe("quantile", () => {
  it("interpolates linearly between order statistics (type 7)", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0)).toBe(1);
    expect(quantile([4, 1, 3, 2], 1)).toBe(4);
    // numpy.percentile(range(1, 11), 95) = 9.55
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBeCloseTo(9.55, 12);
    expect(quantileSorted([], 0.5)).toBeNull();
  });

  it("stays within the sample's range and is monotone in p", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, p) => {
          const q = quantile(xs, p)!;
          expect(q).toBeGreaterThanOrEqual(Math.min(...xs));
          expect(q).toBeLessThanOrEqual(Math.max(...xs));
          expect(quantile(xs, Math.min(1, p + 0.1))!).toBeGreaterThanOrEqual(
            q - 1e-9 * Math.max(1, Math.abs(q)),
          );
        },
      ),
    );
  });
});

describe("summarize", () => {
  it("computes mean, bootstrap CI, p50, p95, max and n", () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.n).toBe(8);
    expect(s.mean).toBe(5);
    // scipy.stats.bootstrap(method="BCa", n_resamples=200000): [3.875, 6.625]; Student t:
    // [3.21, 6.79]. Ours is BCa with the small-sample expansion: about as wide as t at n = 8.
    expect(s.ciLow!).toBeGreaterThan(3.1);
    expect(s.ciLow!).toBeLessThan(3.9);
    expect(s.ciHigh!).toBeGreaterThan(6.6);
    expect(s.ciHigh!).toBeLessThan(7.5); // right-skewed sample: reaches further up than t
    expect(s.p50).toBe(4.5);
    expect(s.p95).toBeCloseTo(8.3, 12);
    expect(s.max).toBe(9);
  });

  it("skips null values and counts only the others", () => {
    const s = summarize([null, 1, null, 3, undefined, NaN]);
    expect(s.n).toBe(2);
    expect(s.mean).toBe(2);
    expect(s.max).toBe(3);
  });

  it("gives nulls for an empty sample and no CI for one value", () => {
    expect(summarize([])).toEqual({
      n: 0,
      mean: null,
      ciLow: null,
      ciHigh: null,
      p50: null,
      p95: null,
      max: null,
    });
    expect(summarize([null])).toMatchObject({ n: 0, mean: null });
    expect(summarize([7])).toEqual({
      n: 1,
      mean: 7,
      ciLow: null,
      ciHigh: null,
      p50: 7,
      p95: 7,
      max: 7,
    });
  });

  it("gives a zero-width CI for a constant sample", () => {
    expect(meanCi([3, 3, 3])).toEqual({ n: 3, mean: 3, ciLow: 3, ciHigh: 3 });
  });

  it("has a CI within the sample's range", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 50 }),
        (xs) => {
          const s = summarize(xs);
          expect(s.ciLow!).toBeGreaterThanOrEqual(Math.min(...xs));
          expect(s.ciHigh!).toBeLessThanOrEqual(Math.max(...xs));
          expect(s.ciLow!).toBeLessThanOrEqual(s.ciHigh!);
        },
      ),
    );
  });
});

describe("pairedDiff", () => {
  it("differences replication by replication, a − b", () => {
    const d = pairedDiff([10, 12, 14], [9, 10, 11]);
    expect(d.n).toBe(3);
    expect(d.meanDiff).toBe(2);
    // diffs 1, 2, 3: the bootstrap cannot go beyond the extreme differences (t would give
    // [−0.48, 4.48], below the smallest difference seen).
    expect(d.ciLow).toBeGreaterThanOrEqual(1);
    expect(d.ciHigh).toBeLessThanOrEqual(3);
  });

  it("leaves out replications where either side is null", () => {
    const d = pairedDiff([1, null, 5, 7], [0, 2, null, 4]);
    expect(d.n).toBe(2);
    expect(d.meanDiff).toBe(2);
  });

  it("is narrower than the unpaired CI when the runs share noise (common random numbers)", () => {
    const noise = [5, -3, 8, 0, -6, 2, 9, -1];
    const a = noise.map((x) => 100 + x + 1);
    const b = noise.map((x) => 100 + x);
    const d = pairedDiff(a, b);
    expect(d.meanDiff).toBe(1);
    expect(d.ciLow).toBe(1);
    expect(d.ciHigh).toBe(1);
  });

  it("rejects samples of different lengths", () => {
    expect(() => pairedDiff([1], [1, 2])).toThrow(RangeError);
  });
});
