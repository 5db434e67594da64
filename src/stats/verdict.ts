/**
 * The verdict a paired difference supports, and whether a verdict survives a set of variants
 * (the assumption-robustness check).
 *
 * @module
 */

/**
 * `a − b` is significantly above 0 (`higher`), below (`lower`), 0 in every replication
 * (`identical`: with common random numbers an exact tie is meaningful, e.g. no policy loses mail
 * at all), or its interval holds 0 without being [0, 0] (`not-significant`).
 */
export type Verdict = "higher" | "lower" | "identical" | "not-significant";

/** Every verdict, for readers of robustness.csv. */
export const VERDICTS: readonly Verdict[] = ["higher", "lower", "identical", "not-significant"];

/**
 * The verdict of an interval of `a − b`: `lower` when its upper end is below 0, `higher` when its
 * lower end is above 0, `identical` for [0, 0] (a bootstrap interval is [0, 0] only when every
 * difference is 0), otherwise `not-significant` (also when there is no interval).
 */
export function pairedVerdict(low: number | null, high: number | null): Verdict {
  if (low === null || high === null) return "not-significant";
  if (high < 0) return "lower";
  if (low > 0) return "higher";
  if (low === 0 && high === 0) return "identical";
  return "not-significant";
}

/** `lower`, `higher`, `identical in every replication`, `no significant difference`. */
export function verdictWords(v: Verdict): string {
  if (v === "identical") return "identical in every replication";
  return v === "not-significant" ? "no significant difference" : v;
}

/** A variant's verdict: which assumption, which value. */
export interface VariantVerdict {
  readonly assumption: string;
  readonly value: string;
  readonly verdict: Verdict;
}

/** Whether the baseline verdict holds under every variant, and the variants that flip it. */
export interface Robustness {
  readonly baseline: Verdict;
  /** Variants whose verdict differs from the baseline's, in the order given. */
  readonly flips: readonly VariantVerdict[];
  /** The assumptions the verdict depends on (those with a flipping variant), each once, in order. */
  readonly dependsOn: readonly string[];
}

/** Compares each variant's verdict with the baseline's. */
export function robustnessOf(baseline: Verdict, variants: readonly VariantVerdict[]): Robustness {
  const flips = variants.filter((v) => v.verdict !== baseline);
  return { baseline, flips, dependsOn: [...new Set(flips.map((f) => f.assumption))] };
}
