import { describe, expect, it } from "vitest";
import { US_PER_D, US_PER_H, US_PER_MIN, US_PER_S } from "../../src/kernel/time.js";
import { parseDurationDist } from "../../src/scenario/dists.js";
import { ScenarioError } from "../../src/scenario/errors.js";

describe("parseDurationDist", () => {
  it("qualifies every distribution into µs with precomputed parameters", () => {
    expect(parseDurationDist("15s")).toEqual({ dist: "constant", valueUs: 15 * US_PER_S });
    expect(parseDurationDist(2.5)).toEqual({ dist: "constant", valueUs: 2_500_000 });
    expect(parseDurationDist({ dist: "constant", value: "1h30m" })).toEqual({
      dist: "constant",
      valueUs: 90 * US_PER_MIN,
    });
    expect(parseDurationDist({ dist: "exponential", mean: "100ms" })).toEqual({
      dist: "exponential",
      meanUs: 100_000,
    });
    expect(parseDurationDist({ dist: "uniform", min: 1, max: "2s" })).toEqual({
      dist: "uniform",
      minUs: US_PER_S,
      maxUs: 2 * US_PER_S,
    });
    expect(parseDurationDist({ dist: "normal", mean: "5m", sd: "1m" })).toEqual({
      dist: "normal",
      meanUs: 5 * US_PER_MIN,
      sdUs: US_PER_MIN,
    });
    expect(parseDurationDist({ dist: "weibull", shape: 1.5, scale: "2h" })).toEqual({
      dist: "weibull",
      shape: 1.5,
      scaleUs: 2 * US_PER_H,
    });

    const byMedian = parseDurationDist({ dist: "lognormal", median: "4h", p95: "24h" });
    expect(byMedian).toMatchObject({ dist: "lognormal", medianUs: 4 * US_PER_H, p95Us: US_PER_D });
    if (byMedian.dist !== "lognormal") throw new Error("unreachable");
    expect(byMedian.mu).toBeCloseTo(Math.log(4 * US_PER_H), 12);
    expect(byMedian.sigma).toBeCloseTo(Math.log(6) / 1.6448536269514722, 12);

    const byMean = parseDurationDist({ dist: "lognormal", mean: "10s", sd: "5s" });
    if (byMean.dist !== "lognormal") throw new Error("unreachable");
    const s2 = Math.log(1 + 0.25);
    expect(byMean.sigma).toBeCloseTo(Math.sqrt(s2), 12);
    expect(byMean.mu).toBeCloseTo(Math.log(10 * US_PER_S) - s2 / 2, 12);
  });
});

describe("parseDurationDist errors", () => {
  // [name, spec, the one line after "f.yaml: "]
  const bad: [string, unknown, string][] = [
    [
      "null",
      null,
      'x: expected a duration such as "15s" or 2.5 (seconds), or an object {dist: constant | exponential | uniform | normal | lognormal | weibull, ...}, got an empty value',
    ],
    [
      "bad duration string",
      "soon",
      'x: expected a duration such as 250ms, 15s, 5m, 2h, 7d or 1h30m, got "soon"',
    ],
    [
      "negative seconds",
      -3,
      "x: expected a duration such as 15s, 5m or 1h30m (or a non-negative number of seconds), got -3",
    ],
    [
      "missing dist",
      { mean: "1s" },
      "x.dist: expected one of constant, exponential, uniform, normal, lognormal, weibull (required), got nothing",
    ],
    [
      "unknown dist",
      { dist: "lognormel", mean: "1s" },
      'x.dist: expected one of constant, exponential, uniform, normal, lognormal, weibull, got "lognormel"; did you mean "lognormal"?',
    ],
    [
      "extra field",
      { dist: "exponential", mean: "1s", meen: "1s" },
      'x.meen: expected a field of exponential: mean, got unknown field "meen"; did you mean "mean"?',
    ],
    [
      "missing field",
      { dist: "uniform", min: "1s" },
      "x.max: expected min and max (the fields of uniform; required), got nothing",
    ],
    [
      "mixed lognormal",
      { dist: "lognormal", median: "1h", sd: "1h" },
      'x.sd: expected a field of lognormal: median and p95, or mean and sd, got unknown field "sd"',
    ],
    [
      "p95 not above median",
      { dist: "lognormal", median: "4h", p95: "4h" },
      'x.p95: expected p95 greater than the median (4h), got "4h"',
    ],
    [
      "zero median",
      { dist: "lognormal", median: 0, p95: "4h" },
      "x.median: expected a positive duration (at least 1us), got 0",
    ],
    [
      "non-numeric mean",
      { dist: "exponential", mean: true },
      'x.mean: expected a duration such as "250ms", "15s", "2h" or a number of seconds, got true',
    ],
    [
      "min above max",
      { dist: "uniform", min: "5s", max: "2s" },
      'x.max: expected max >= min (5s), got "2s"',
    ],
    [
      "string shape",
      { dist: "weibull", shape: "2", scale: "1h" },
      'x.shape: expected a positive number (1 is exponential, > 1 wear-out), got "2"',
    ],
    [
      "beyond the clock",
      { dist: "exponential", mean: "1000000w" },
      'x.mean: expected a duration below about 285 years, got "1000000w"',
    ],
  ];
  it.each(bad)("rejects %s with one line at the field", (_name, spec, line) => {
    let error: unknown;
    try {
      parseDurationDist(spec, "f.yaml", "x");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).format()).toBe(`f.yaml: ${line}`);
  });
});
