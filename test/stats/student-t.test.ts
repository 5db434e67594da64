import { describe, expect, it } from "vitest";
import { regularizedBeta, studentTCdf, studentTQuantile } from "../../src/stats/student-t.js";

describe("Student t quantile", () => {
  // Reference values: R qt(0.975, df).
  const table: [number, number][] = [
    [1, 12.70620474],
    [2, 4.30265273],
    [3, 3.18244631],
    [4, 2.77644511],
    [5, 2.57058184],
    [9, 2.26215716],
    [19, 2.09302405],
    [29, 2.04522964],
    [99, 1.98421695],
    [1000, 1.96233908],
  ];
  it.each(table)("t(0.975, %i) matches the reference to 1e-6", (df, q) => {
    expect(Math.abs(studentTQuantile(0.975, df) - q)).toBeLessThan(1e-6);
  });

  it("is antisymmetric and 0 at the median", () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.025, 7)).toBeCloseTo(-studentTQuantile(0.975, 7), 12);
  });

  it("inverts the CDF", () => {
    for (const df of [1, 3, 10, 50]) {
      for (const p of [0.6, 0.9, 0.95, 0.99])
        expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
    }
  });

  it("tends to the normal quantile", () => {
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it("rejects probabilities outside (0, 1) and non-positive df", () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });

  it("regularized beta has the right edges and symmetry", () => {
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
    expect(regularizedBeta(0.3, 2, 3)).toBeCloseTo(1 - regularizedBeta(0.7, 3, 2), 12);
    // I_x(1, 1) = x
    expect(regularizedBeta(0.37, 1, 1)).toBeCloseTo(0.37, 12);
  });
});
