import { describe, expect, it } from "vitest";
import {
  describeDist,
  meanUs,
  quantileUs,
  sampleExponentialUs,
  sampleUs,
  type Dist,
} from "../../src/kernel/dist.js";
import { Rng } from "../../src/kernel/rng.js";
import { erfc, gamma, normalCdf, normalQuantile } from "../../src/kernel/special.js";
import { US_PER_D, US_PER_H, US_PER_S } from "../../src/kernel/time.js";
// Test input only: reading specs is the scenario layer's job; these tests are about sampling.
import { Z_95, parseDurationDist } from "../../src/scenario/dists.js";

describe("describeDist", () => {
  it.each([
    [{ dist: "lognormal", median: "4h", p95: "1d" }, "lognormal(median 4h, p95 1d)"],
    [{ dist: "lognormal", mean: "10s", sd: "5s" }, "lognormal(mean 10s, sd 5s)"],
    [{ dist: "exponential", mean: "100ms" }, "exponential(mean 100ms)"],
    ["15s", "constant(15s)"],
    [{ dist: "uniform", min: "1s", max: "1m30s" }, "uniform(min 1s, max 1m30s)"],
    [{ dist: "normal", mean: "5m", sd: "1m" }, "normal(mean 5m, sd 1m)"],
    [{ dist: "weibull", shape: 1.5, scale: "2h" }, "weibull(shape 1.5, scale 2h)"],
  ] as const)("%j", (spec, text) => {
    expect(describeDist(parseDurationDist(spec))).toBe(text);
  });
});

describe("special functions", () => {
  it("normal CDF and quantile agree with known values and each other", () => {
    expect(normalQuantile(0.95)).toBeCloseTo(Z_95, 13);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    expect(normalCdf(0)).toBeCloseTo(0.5, 9);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 12);
    expect(erfc(10) / 2.088487583762545e-45).toBeCloseTo(1, 12);
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 15);
    for (const p of [1e-6, 0.01, 0.02425, 0.3, 0.7, 0.97575, 0.999])
      expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 5);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(2)).toThrow(RangeError);
  });

  it("gamma", () => {
    expect(gamma(5)).toBeCloseTo(24, 9);
    expect(gamma(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 12);
    expect(gamma(0.25)).toBeCloseTo(3.625609908221908, 10);
    expect(gamma(1 + 1 / 1.5)).toBeCloseTo(0.9027452929509336, 12);
  });
});

/** Number of elements <= x in a sorted array (binary search). */
function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

describe("sampling", () => {
  // Each distribution: 200k draws from a fixed seed. The sample mean must be within 5 standard
  // errors of the analytic mean, and at several quantiles q the fraction of draws at or below
  // the analytic quantile must be within 5 binomial standard errors of q. Deterministic (fixed
  // seed), yet a sampler that is wrong by a percent or so fails.
  const cases: [string, unknown][] = [
    ["constant", "90s"],
    ["exponential", { dist: "exponential", mean: "5m" }],
    ["uniform", { dist: "uniform", min: "10s", max: "70s" }],
    ["normal (barely truncated)", { dist: "normal", mean: "10m", sd: "2m" }],
    ["normal (heavily truncated)", { dist: "normal", mean: "1m", sd: "2m" }],
    ["lognormal by median/p95", { dist: "lognormal", median: "4h", p95: "1d" }],
    ["lognormal by mean/sd", { dist: "lognormal", mean: "30s", sd: "45s" }],
    ["weibull (wear-out)", { dist: "weibull", shape: 2.5, scale: "3h" }],
    ["weibull (infant mortality)", { dist: "weibull", shape: 0.7, scale: "1h" }],
  ];
  const n = 200_000;
  const qs = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99];

  it.each(cases)("%s matches its analytic mean and quantiles", (name, spec) => {
    const dist = parseDurationDist(spec);
    const rng = Rng.fromSeed("dist-test").fork(name.replaceAll("/", "-"));
    const xs = new Float64Array(n);
    let sum = 0;
    let invalid = 0;
    for (let i = 0; i < n; i++) {
      const x = sampleUs(dist, rng);
      if (!(Number.isInteger(x) && x >= 0)) invalid++;
      xs[i] = x;
      sum += x;
    }
    expect(invalid).toBe(0);
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (xs[i]! - mean) ** 2;
    const se = Math.sqrt(ss / (n - 1) / n);
    if (dist.dist === "constant") {
      expect(xs.every((x) => x === dist.valueUs)).toBe(true);
      expect(meanUs(dist)).toBe(90 * US_PER_S);
      return;
    }
    expect(Math.abs(mean - meanUs(dist))).toBeLessThan(5 * se + 0.5);
    xs.sort();
    for (const q of qs) {
      const x = quantileUs(dist, q);
      const below = countAtMost(xs, x);
      expect(Math.abs(below / n - q), `${name} q=${q}`).toBeLessThan(
        5 * Math.sqrt((q * (1 - q)) / n),
      );
    }
  });

  it("lognormal by median/p95 has exactly that median and p95", () => {
    const d = parseDurationDist({ dist: "lognormal", median: "4h", p95: "1d" });
    expect(quantileUs(d, 0.5) / (4 * US_PER_H)).toBeCloseTo(1, 9);
    expect(quantileUs(d, 0.95) / US_PER_D).toBeCloseTo(1, 8);
  });

  it("lognormal by mean/sd has that mean", () => {
    const d = parseDurationDist({ dist: "lognormal", mean: "30s", sd: "45s" });
    expect(meanUs(d) / (30 * US_PER_S)).toBeCloseTo(1, 12);
  });

  it("analytic means of the truncated normal and the weibull", () => {
    // Truncation raises the mean: mean + sd * φ(α) / (1 − Φ(α)), α = −mean/sd.
    const tn = parseDurationDist({ dist: "normal", mean: 1, sd: 1 });
    expect(meanUs(tn) / US_PER_S).toBeCloseTo(1.2875999709391783, 6);
    const w = parseDurationDist({ dist: "weibull", shape: 1.5, scale: "2h" });
    expect(meanUs(w) / (2 * US_PER_H)).toBeCloseTo(0.9027452929509336, 9);
    expect(() => quantileUs(w, 1.5)).toThrow(RangeError);
    expect(quantileUs(w, 1)).toBe(Infinity);
  });

  it("a constant draws no random numbers; the others draw only from the given stream", () => {
    const a = Rng.fromSeed(1);
    const b = Rng.fromSeed(1);
    sampleUs(parseDurationDist("5s"), a);
    expect(a.uniform()).toBe(b.uniform());
  });

  it("sampleExponentialUs is sampleUs for an exponential", () => {
    const d: Dist = parseDurationDist({ dist: "exponential", mean: "100ms" });
    const a = Rng.fromSeed(3);
    const b = Rng.fromSeed(3);
    for (let i = 0; i < 1000; i++) expect(sampleExponentialUs(100_000, a)).toBe(sampleUs(d, b));
  });
});
