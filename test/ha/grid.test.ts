// The grid arithmetic under the closed-form detectors: which heartbeat or probe instant sees a
// change made at time t, by the same-instant rule (inclusive: a change before the grid's events).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { lastGridUs, nextGridUs } from "../../src/ha/grid.js";

describe("grid points", () => {
  it("next and last grid points by hand (phase 2 s, every 5 s)", () => {
    expect(nextGridUs(0, 2e6, 5e6, true)).toBe(2e6);
    expect(nextGridUs(2e6, 2e6, 5e6, true)).toBe(2e6);
    expect(nextGridUs(2e6, 2e6, 5e6, false)).toBe(7e6);
    expect(nextGridUs(8e6, 2e6, 5e6, true)).toBe(12e6);
    expect(lastGridUs(1e6, 2e6, 5e6, true)).toBe(-1);
    expect(lastGridUs(2e6, 2e6, 5e6, false)).toBe(-1);
    expect(lastGridUs(12e6, 2e6, 5e6, true)).toBe(12e6);
    expect(lastGridUs(12e6, 2e6, 5e6, false)).toBe(7e6);
  });

  it("property: next is the least grid point at or after t (strictly after when exclusive)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e7 }),
        fc.nat(1e9),
        fc.boolean(),
        fc.nat(),
        (interval, t, inclusive, p) => {
          const phase = p % interval;
          const g = nextGridUs(t, phase, interval, inclusive);
          expect((g - phase) % interval).toBe(0);
          expect(inclusive ? g >= t : g > t).toBe(true);
          expect(g >= phase).toBe(true);
          const before = g - interval;
          if (before >= phase) expect(inclusive ? before < t : before <= t).toBe(true);
          const last = lastGridUs(t, phase, interval, inclusive);
          if (last >= 0) {
            expect(inclusive ? last <= t : last < t).toBe(true);
            expect(last + interval > t || (!inclusive && last + interval === t)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
