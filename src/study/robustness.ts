/**
 * Assumption robustness: the paired verdict of every headline metric and policy pair under the
 * baseline and under each assumption variant (same seed, so the same arrivals and faults: common
 * random numbers across variants as well as across policies), and whether it holds.
 *
 * @module
 */
import { pairsOf } from "../report/compare-csv.js";
import type { PolicyRuns } from "../report/groups.js";
import { pairedDiff } from "../stats/paired.js";
import { differenceRange, metricRange } from "../stats/range.js";
import { pairedVerdict, robustnessOf, verdictWords, type Robustness } from "../stats/verdict.js";
import { HEADLINE_METRICS } from "./headline.js";
import { metricValues } from "./samples.js";
import { variantSetting, type Variant } from "./variants.js";
import { BASELINE, type RobustnessRow } from "../report/robustness-csv.js";

export { BASELINE, type RobustnessRow };

/** The runs of one variant (or of the baseline), by policy in the scenario's order. */
export interface VariantRuns {
  readonly variant: Variant | null;
  readonly groups: readonly PolicyRuns[];
}

/**
 * Rows for every headline metric × policy pair × (baseline, then each variant in order).
 *
 * @param runs - the baseline first (`variant: null`), then the variants.
 */
export function robustnessRows(runs: readonly VariantRuns[], confidence: number): RobustnessRow[] {
  const rows: RobustnessRow[] = [];
  for (const metric of HEADLINE_METRICS) {
    const options = { confidence, range: differenceRange(metricRange(metric)) };
    const pairCount = pairsOf(runs[0]?.groups ?? []).length;
    for (let p = 0; p < pairCount; p++) {
      for (const { variant, groups } of runs) {
        const [a, b] = pairsOf(groups)[p]!;
        const d = pairedDiff(metricValues(a, metric), metricValues(b, metric), options);
        rows.push({
          metric,
          policyA: a.policy,
          policyB: b.policy,
          assumption: variant?.assumption ?? BASELINE,
          value: variant?.value ?? "",
          meanDiff: d.meanDiff,
          ciLow: d.ciLow,
          ciHigh: d.ciHigh,
          n: d.n,
          verdict: pairedVerdict(d.ciLow, d.ciHigh),
        });
      }
    }
  }
  return rows;
}

/** The robustness of one metric and pair: its baseline row and whether the verdict holds. */
export interface PairRobustness extends Robustness {
  readonly metric: string;
  readonly policyA: string;
  readonly policyB: string;
  readonly base: RobustnessRow;
  /** How many variants were run (0: no robustness run). */
  readonly variants: number;
}

/** Groups rows (as written, or as read back from robustness.csv) into one verdict per metric and pair. */
export function robustnessByPair(rows: readonly RobustnessRow[]): PairRobustness[] {
  const out: PairRobustness[] = [];
  for (const base of rows.filter((r) => r.assumption === BASELINE)) {
    const variants = rows.filter(
      (r) =>
        r.assumption !== BASELINE &&
        r.metric === base.metric &&
        r.policyA === base.policyA &&
        r.policyB === base.policyB,
    );
    out.push({
      metric: base.metric,
      policyA: base.policyA,
      policyB: base.policyB,
      base,
      variants: variants.length,
      ...robustnessOf(base.verdict, variants),
    });
  }
  return out;
}

/** `holds under every assumption variant` / `depends on assumptions.demotedQueue (push: no difference)`. */
export function robustnessPhrase(r: PairRobustness): string {
  if (r.variants === 0) return "not checked against assumption variants (run with --robustness)";
  if (r.dependsOn.length === 0) return `holds under every assumption variant (${r.variants})`;
  const flips = r.flips.map(
    (f) => `${variantSetting(f)}: ${r.policyA} − ${r.policyB} ${verdictWords(f.verdict)}`,
  );
  return `depends on ${r.dependsOn.join(", ")} (${flips.join("; ")})`;
}

export { verdictWords };
