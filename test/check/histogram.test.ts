// The histogram's bucket function takes integer shortcuts; they must give the buckets of the
// plain formula (floor(log2 v) and a division by a power of two) for every duration.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketOf, DurationHistogram } from "../../src/check/histogram.js";

const SUB = 32;
const BUCKETS = 64 * SUB;

/** The definition: 32 sub-buckets per power of two, by Math.log2. */
function reference(us: number): number {
  const v = Math.floor(us);
  if (v < SUB) return v < 0 ? 0 : v;
  const shift = Math.floor(Math.log2(v)) - 5;
  return Math.min(BUCKETS - 1, (shift + 1) * SUB + Math.floor(v / 2 ** shift) - SUB);
}

describe("DurationHistogram buckets", () => {
  it("agree with the definition around every power of two", () => {
    for (let k = 0; k < 64; k++)
      for (const d of [-3, -2, -1, 0, 1, 2, 3]) {
        const v = 2 ** k + d * (k > 53 ? 2 ** (k - 52) : 1);
        if (v >= 0) expect(bucketOf(v), `v = 2^${String(k)} + ${String(d)}`).toBe(reference(v));
      }
  });

  it("agree with the definition on random durations up to 2^62 µs", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2 ** 62, noNaN: true }), (us) => {
        expect(bucketOf(us)).toBe(reference(us));
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (us) => {
        expect(bucketOf(us)).toBe(reference(us));
      }),
      { numRuns: 20_000 },
    );
  });

  it("puts a 3-hour latency in the bucket whose midpoint is within 3% of it", () => {
    const h = new DurationHistogram();
    h.record(3 * 3600e6);
    expect(Math.abs(h.quantileUs(0.5) / (3 * 3600e6) - 1)).toBeLessThan(0.03);
  });
});
