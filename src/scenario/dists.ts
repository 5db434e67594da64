/**
 * Duration distributions as a user writes them (`{dist: lognormal, median: 4h, p95: 24h}`, or a
 * bare duration for a constant), checked and compiled into the kernel's {@link Dist}: every
 * duration in integer µs, derived parameters (lognormal mu/sigma) precomputed, so sampling is a
 * switch and a few arithmetic operations.
 *
 * Problems are {@link ScenarioError}s built here, at the field that is wrong
 * (`mta.deliveryTime.p95`), with the value as the file has it and a did-you-mean for names.
 *
 * @module
 */
import type { Dist } from "../kernel/dist.js";
import { MAX_TIME_US, formatDuration } from "../kernel/time.js";
import { ScenarioError, describeValue, joinPath } from "./errors.js";
import { didYouMean } from "./suggest.js";
import { DURATION_EXPECTED, readDurationUs } from "./units.js";

/** A duration as written by a user: a string such as `"250ms"`, `"1h30m"`, or a number of seconds. */
export type DurationInput = string | number;

/** A distribution of durations as written by a user (durations as {@link DurationInput}). */
export type DistSpec =
  | { dist: "constant"; value: DurationInput }
  | { dist: "exponential"; mean: DurationInput }
  | { dist: "uniform"; min: DurationInput; max: DurationInput }
  /** Truncated at 0: negative draws are redrawn. */
  | { dist: "normal"; mean: DurationInput; sd: DurationInput }
  /** `p95` is the 95th percentile; it must exceed the median. */
  | { dist: "lognormal"; median: DurationInput; p95: DurationInput }
  /** `mean` and `sd` of the lognormal itself (not of the underlying normal). */
  | { dist: "lognormal"; mean: DurationInput; sd: DurationInput }
  | { dist: "weibull"; shape: number; scale: DurationInput };

/** The distribution names accepted in `dist`. */
export const DIST_NAMES = [
  "constant",
  "exponential",
  "uniform",
  "normal",
  "lognormal",
  "weibull",
] as const;
/** One of {@link DIST_NAMES}. */
export type DistName = (typeof DIST_NAMES)[number];

/** Φ⁻¹(0.95): a lognormal's p95 is `median * exp(1.6448536269514722 * sigma)`. */
export const Z_95 = 1.6448536269514722;

/** The field sets of each distribution (lognormal takes either of two). */
const FIELDS: Readonly<Record<DistName, readonly (readonly string[])[]>> = {
  constant: [["value"]],
  exponential: [["mean"]],
  uniform: [["min", "max"]],
  normal: [["mean", "sd"]],
  lognormal: [
    ["median", "p95"],
    ["mean", "sd"],
  ],
  weibull: [["shape", "scale"]],
};

const EXPECTED_SPEC = `expected a duration such as "15s" or 2.5 (seconds), or an object {dist: ${DIST_NAMES.join(" | ")}, ...}`;

/** Where the spec sits in the file, to build errors at its fields. */
class At {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly spec: unknown,
  ) {}

  /** Fails at `field` of the spec (`""` = the spec itself), showing its value unless `got` is given. */
  fail(field: string, expected: string, got?: string, hint?: string): never {
    const value =
      field === "" ? this.spec : (this.spec as Readonly<Record<string, unknown>>)[field];
    const path = field === "" ? this.path : joinPath(this.path, field);
    throw new ScenarioError(this.file, path, expected, got ?? describeValue(value), hint);
  }

  duration(value: unknown, field: string): number {
    if (typeof value !== "string" && typeof value !== "number")
      this.fail(field, `expected a duration such as "250ms", "15s", "2h" or a number of seconds`);
    const us = readDurationUs(value);
    if (typeof us !== "number") this.fail(field, DURATION_EXPECTED[us]);
    if (us > MAX_TIME_US) this.fail(field, "expected a duration below about 285 years");
    return us;
  }

  positive(value: unknown, field: string): number {
    const us = this.duration(value, field);
    if (us <= 0) this.fail(field, "expected a positive duration (at least 1us)");
    return us;
  }
}

/**
 * Checks a duration distribution and compiles it.
 *
 * Accepts a {@link DistSpec}, or a bare duration (string or number of seconds) meaning a
 * constant. Checks: known `dist` name; exactly the fields of that distribution (lognormal takes
 * either `median` and `p95`, or `mean` and `sd`); every duration parses; `p95 > median > 0`;
 * positive means and scales; `sd >= 0`; `shape > 0`; `min <= max`.
 *
 * @param file - the scenario file, for messages.
 * @param path - where the spec sits (`mta.deliveryTime`); a wrong field is reported below it.
 * @throws ScenarioError naming the offending field and what was expected.
 */
export function parseDurationDist(spec: unknown, file = "distribution", path = ""): Dist {
  const at = new At(file, path, spec);
  if (typeof spec === "string" || typeof spec === "number")
    return { dist: "constant", valueUs: at.duration(spec, "") };
  if (typeof spec !== "object" || spec === null || Array.isArray(spec))
    return at.fail("", EXPECTED_SPEC);
  const obj = spec as Readonly<Record<string, unknown>>;
  const name = obj.dist;
  const names = `expected one of ${DIST_NAMES.join(", ")}`;
  if (name === undefined) at.fail("dist", `${names} (required)`);
  if (typeof name !== "string" || !(DIST_NAMES as readonly string[]).includes(name)) {
    const near = typeof name === "string" ? didYouMean(name, DIST_NAMES) : undefined;
    at.fail("dist", names, undefined, near && `did you mean "${near}"?`);
  }
  const dist = name as DistName;
  return compile(at, dist, obj, pickFieldSet(at, dist, obj));
}

function compile(
  at: At,
  dist: DistName,
  obj: Readonly<Record<string, unknown>>,
  fields: readonly string[],
): Dist {
  switch (dist) {
    case "constant":
      return { dist, valueUs: at.duration(obj.value, "value") };
    case "exponential":
      return { dist, meanUs: at.positive(obj.mean, "mean") };
    case "uniform": {
      const minUs = at.duration(obj.min, "min");
      const maxUs = at.duration(obj.max, "max");
      if (minUs > maxUs) at.fail("max", `expected max >= min (${formatDuration(minUs)})`);
      return { dist, minUs, maxUs };
    }
    case "normal":
      return { dist, meanUs: at.positive(obj.mean, "mean"), sdUs: at.duration(obj.sd, "sd") };
    case "lognormal": {
      if (fields[0] === "median") {
        const medianUs = at.positive(obj.median, "median");
        const p95Us = at.duration(obj.p95, "p95");
        if (!(p95Us > medianUs))
          at.fail("p95", `expected p95 greater than the median (${formatDuration(medianUs)})`);
        const sigma = Math.log(p95Us / medianUs) / Z_95;
        return { dist, mu: Math.log(medianUs), sigma, medianUs, p95Us };
      }
      const meanUs = at.positive(obj.mean, "mean");
      const sdUs = at.duration(obj.sd, "sd");
      const sigma2 = Math.log(1 + (sdUs * sdUs) / (meanUs * meanUs));
      return { dist, mu: Math.log(meanUs) - sigma2 / 2, sigma: Math.sqrt(sigma2), meanUs, sdUs };
    }
    case "weibull": {
      const shape = obj.shape;
      if (typeof shape !== "number" || !Number.isFinite(shape) || !(shape > 0))
        at.fail("shape", "expected a positive number (1 is exponential, > 1 wear-out)");
      return { dist, shape, scaleUs: at.positive(obj.scale, "scale") };
    }
  }
}

/** Finds which field set of `dist` the object uses; rejects missing and unexpected fields. */
function pickFieldSet(
  at: At,
  dist: DistName,
  obj: Readonly<Record<string, unknown>>,
): readonly string[] {
  const sets = FIELDS[dist];
  const describe = sets.map((set) => set.join(" and ")).join(", or ");
  let best = sets[0]!;
  let bestHits = -1;
  for (const set of sets) {
    const hits = set.filter((f) => f in obj).length;
    if (hits > bestHits) {
      best = set;
      bestHits = hits;
    }
  }
  for (const key of Object.keys(obj)) {
    if (key === "dist" || best.includes(key)) continue;
    // A field of the other lognormal form gets no did-you-mean: it is spelt right, just mixed.
    const near = sets.flat().includes(key) ? undefined : didYouMean(key, sets.flat());
    at.fail(
      key,
      `expected a field of ${dist}: ${describe}`,
      `unknown field "${key}"`,
      near && `did you mean "${near}"?`,
    );
  }
  for (const field of best) {
    if (obj[field] === undefined)
      at.fail(field, `expected ${describe} (the fields of ${dist}; required)`, "nothing");
  }
  return best;
}
