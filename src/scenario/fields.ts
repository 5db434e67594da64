/**
 * The checked reader: a mapping of the file whose keys have been checked against the fields
 * allowed at its path, read field by field with the units, ranges and defaults of `defaults.ts`.
 * Every failure is a one-line {@link ScenarioError} at the field's path.
 *
 * @module
 */
import type { Dist } from "../kernel/dist.js";
import { MAX_TIME_US } from "../kernel/time.js";
import {
  formatNumber,
  type BoolRule,
  type ChoiceRule,
  type DistRule,
  type DurationRule,
  type IntRule,
  type NumberRule,
  type ProbabilityRule,
  type RateRule,
} from "./defaults.js";
import { parseDurationDist } from "./dists.js";
import { ScenarioError, describeValue, joinPath } from "./errors.js";
import { unknownFieldHint } from "./shape.js";
import { didYouMean } from "./suggest.js";
import { parseDurationUs, parseRatePerS, readDurationUs } from "./units.js";

const DURATION = "a duration such as 15s, 5m or 1h30m";
/** Said when a duration does not parse, so the user sees which units exist. */
const DURATION_UNITS = `${DURATION} (units us, ms, s, m, h, d, w; a bare number is seconds)`;

export function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A mapping whose keys have been checked against the fields allowed at its path; reads them with their units and defaults. */
export class Fields {
  private constructor(
    readonly file: string,
    readonly path: string,
    readonly obj: Readonly<Record<string, unknown>>,
    /** A list read item by item: keys are indices and paths read `faults[1]`. */
    private readonly indexed = false,
  ) {}

  /** The items of a list, read by index (`"0"`, `"1"`…) with paths such as `policies[1]`. */
  static list(file: string, path: string, items: readonly unknown[]): Fields {
    return new Fields(file, path, Object.fromEntries(items.map((x, i) => [String(i), x])), true);
  }

  /**
   * Checks `value` is a mapping (absent or empty = `{}`) holding only `allowed` keys.
   *
   * @param what - names the mapping in "expected a field of …" (e.g. `ha.heartbeat`, `a reboot fault`).
   */
  static of(
    file: string,
    path: string,
    value: unknown,
    allowed: readonly string[],
    what: string,
    hint: (key: string) => string | undefined = (key) => unknownFieldHint(key, allowed),
  ): Fields {
    if (value === undefined || value === null) return new Fields(file, path, {});
    if (!isMapping(value)) {
      throw new ScenarioError(
        file,
        path,
        `expected a mapping with the fields ${allowed.join(", ")}`,
        describeValue(value),
      );
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        throw new ScenarioError(
          file,
          joinPath(path, key),
          `expected a field of ${what} (${allowed.join(", ")})`,
          `unknown field "${key}"`,
          hint(key),
        );
      }
    }
    return new Fields(file, path, value);
  }

  /** The path of a field of this mapping. */
  at(key: string): string {
    return joinPath(this.path, this.indexed ? Number(key) : key);
  }

  get(key: string): unknown {
    return Object.hasOwn(this.obj, key) ? this.obj[key] : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Throws the one-line error for field `key`, showing its current value. */
  fail(key: string, expected: string, hint?: string): never {
    throw new ScenarioError(this.file, this.at(key), expected, describeValue(this.get(key)), hint);
  }

  /** Fails for a missing field that has no default. */
  private required(key: string, expected: string): never {
    return this.fail(key, `${expected} (required)`);
  }

  /** A nested mapping of `shape`-listed fields. */
  section(key: string, allowed: readonly string[]): Fields {
    return Fields.of(this.file, this.at(key), this.get(key), allowed, this.at(key));
  }

  /**
   * A duration in µs, within `rule`'s range (`min: "zero"` allows 0). Negative values are named
   * as such, because "expected a duration" alone would puzzle.
   */
  duration(key: string, rule: DurationRule): number {
    const v = this.get(key);
    if (v === undefined)
      return rule.def !== undefined
        ? parseDurationUs(rule.def)
        : this.required(key, `expected ${DURATION}`);
    if (typeof v !== "string" && typeof v !== "number")
      this.fail(key, `expected ${DURATION_UNITS}`);
    const negative = typeof v === "number" ? v < 0 : /^\s*-/.test(v);
    const zeroOk = rule.min === "zero";
    if (negative)
      this.fail(
        key,
        zeroOk ? "expected a duration of 0s or more" : "expected a duration greater than 0",
      );
    const us = readDurationUs(v);
    if (typeof us !== "number") return this.fail(key, `expected ${DURATION_UNITS}`);
    if (!Number.isSafeInteger(us) || us > MAX_TIME_US)
      this.fail(key, "expected a duration shorter than 285 years");
    if (!zeroOk && us === 0) this.fail(key, "expected a duration greater than 0");
    const below = rule.minUs !== undefined && us < rule.minUs;
    const above =
      rule.maxUs !== undefined && (us > rule.maxUs || (rule.maxOpen === true && us === rule.maxUs));
    if (below || above) this.fail(key, rule.says ?? "expected a duration in range");
    return us;
  }

  /** A whole number in [rule.min, rule.max]. */
  int(key: string, rule: IntRule): number {
    const v = this.get(key);
    const expected =
      rule.max === Number.MAX_SAFE_INTEGER
        ? `expected a whole number ≥ ${rule.min}`
        : `expected a whole number from ${rule.min} to ${rule.max}`;
    if (v === undefined) return rule.def ?? this.required(key, expected);
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < rule.min || v > rule.max)
      this.fail(key, expected);
    return v;
  }

  /** A number in [rule.min, rule.max] (or [min, max) with `maxOpen`). */
  num(key: string, rule: NumberRule): number {
    const { min, max, maxOpen = false } = rule;
    const v = this.get(key);
    const expected = `expected a number from ${min} to ${max}${maxOpen ? " (exclusive)" : ""}`;
    if (v === undefined) return rule.def;
    if (
      typeof v !== "number" ||
      !Number.isFinite(v) ||
      v < min ||
      v > max ||
      (maxOpen && v === max)
    )
      this.fail(key, expected);
    return v;
  }

  /** A probability in [0, 1]. */
  probability(key: string, rule: ProbabilityRule): number {
    return this.num(key, { type: "number", def: rule.def, min: 0, max: 1 });
  }

  bool(key: string, rule: BoolRule): boolean {
    const v = this.get(key);
    if (v === undefined) return rule.def;
    // YAML 1.2 reads yes/no/on/off as text, unlike YAML 1.1: say so rather than just "got "yes"".
    const yaml11 = typeof v === "string" && /^(y|yes|n|no|on|off)$/i.test(v);
    if (typeof v !== "boolean")
      this.fail(
        key,
        "expected true or false",
        yaml11 ? "YAML 1.2 reads yes, no, on and off as text" : undefined,
      );
    return v;
  }

  /** A string (any text when `pattern` is absent). */
  str(key: string, def: string | undefined, pattern?: { re: RegExp; says: string }): string {
    const v = this.get(key);
    if (v === undefined)
      return def ?? this.required(key, `expected ${pattern?.says ?? "a string"}`);
    if (typeof v !== "string" || (pattern !== undefined && !pattern.re.test(v)))
      this.fail(key, `expected ${pattern?.says ?? "a string"}`);
    return v;
  }

  /** One of `values` (or an alias of one), with a did-you-mean. */
  oneOf<T extends string>(
    key: string,
    values: readonly T[],
    def: T | undefined,
    aliases: Readonly<Record<string, T>> = {},
  ): T {
    const v = this.get(key);
    const names = Object.keys(aliases);
    const expected = `expected one of ${values.join(", ")}${names.length > 0 ? ` (or ${names.join(", ")})` : ""}`;
    if (v === undefined) return def ?? this.required(key, expected);
    if (typeof v === "string") {
      if ((values as readonly string[]).includes(v)) return v as T;
      const alias = Object.hasOwn(aliases, v) ? aliases[v] : undefined;
      if (alias !== undefined) return alias;
    }
    const near = typeof v === "string" ? didYouMean(v, [...values, ...names]) : undefined;
    return this.fail(key, expected, near !== undefined ? `did you mean "${near}"?` : undefined);
  }

  /** One of `rule.values`, defaulting to `rule.def`. */
  choice<T extends string>(key: string, rule: ChoiceRule<T>): T {
    return this.oneOf(key, rule.values, rule.def);
  }

  /** A rate in events per second (`50/s`, `3000/min`) within `rule`'s range; zero is refused. */
  rate(key: string, rule: RateRule): number {
    const v = this.get(key);
    const expected = "expected a positive rate such as 50/s, 3000/min or 120/h";
    if (v === undefined) this.required(key, expected);
    if (typeof v !== "string" && typeof v !== "number") this.fail(key, expected);
    let perS: number;
    try {
      perS = parseRatePerS(v);
    } catch {
      return this.fail(key, expected);
    }
    if (perS < rule.minPerS || perS > rule.maxPerS)
      this.fail(
        key,
        `expected a rate from ${formatNumber(rule.minPerS)}/s to ${formatNumber(rule.maxPerS)}/s`,
      );
    return perS;
  }

  /** A duration distribution; a wrong field inside it is reported at its own path. */
  dist(key: string, rule: DistRule): Dist {
    const v = this.get(key);
    if (v === undefined) {
      if (rule.def === undefined)
        this.fail(
          key,
          "expected a distribution such as {dist: exponential, mean: 2h} or a duration (required)",
        );
      return parseDurationDist(rule.def, this.file, this.at(key));
    }
    return parseDurationDist(v, this.file, this.at(key));
  }
}
