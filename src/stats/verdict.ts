/**
 * The verdict a paired difference supports, and whether a verdict survives a set of variants
 * (the assumption-robustness check).
 *
 * @module
 */

/** `a − b` is significantly above 0 (`higher`), below (`lower`), or the interval holds 0. */
export type Verdict = "higher" | "lower" | "no-difference";

/**
 * The verdict of an interval of `a − b`: `lower` when its upper end is below 0, `higher` when its
 * lower end is above 0, otherwise `no-difference` (also when there is no interval).
 */
export function pairedVerdict(low: number | null, high: number | null): Verdict {
  if (low === null || high === null) return "no-difference";
  if (high < 0) return "lower";
  if (low > 0) return "higher";
  return "no-difference";
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
