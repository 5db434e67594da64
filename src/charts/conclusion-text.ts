/**
 * The plain sentences of the report's conclusion: one per headline metric, from the best policy's
 * point of view, e.g. "`slave` loses 2.6 fewer mails than `off` (95% interval 1.5 to 3.7; holds
 * under every assumption variant (19)), per replication" — the level is the one the run used.
 *
 * @module
 */
import type { RobustnessRow } from "../report/robustness-csv.js";
import { levelPercent } from "../stats/interval.js";
import { pairedVerdict } from "../stats/verdict.js";
import { robustnessByPair, robustnessPhrase } from "../study/robustness.js";
import type { CompareRow, SummaryRow } from "./report-input.js";

/** How a metric is said: less / about the same / more, given a formatted difference. */
interface Phrase {
  readonly less: (x: string) => string;
  readonly same: string;
  readonly more: (x: string) => string;
  /** Unit after the number: "" for counts, " s" for durations. */
  readonly unit: string;
}

const PHRASES: Readonly<Record<string, Phrase>> = {
  lost: {
    less: (x) => `loses ${x} fewer mails than`,
    same: "loses about as many mails as",
    more: (x) => `loses ${x} more mails than`,
    unit: "",
  },
  duplicated: {
    less: (x) => `duplicates ${x} fewer mails than`,
    same: "duplicates about as many mails as",
    more: (x) => `duplicates ${x} more mails than`,
    unit: "",
  },
  ttr_service_mean_s: {
    less: (x) => `restores service ${x} sooner on average than`,
    same: "restores service about as soon as",
    more: (x) => `restores service ${x} later on average than`,
    unit: " s",
  },
  unavailable_s: {
    less: (x) => `is unavailable ${x} less than`,
    same: "is unavailable about as long as",
    more: (x) => `is unavailable ${x} more than`,
    unit: " s",
  },
  split_brain_s: {
    less: (x) => `spends ${x} less in split brain than`,
    same: "spends about as long in split brain as",
    more: (x) => `spends ${x} more in split brain than`,
    unit: " s",
  },
};

/** A number in 3 significant digits, without exponent for everyday magnitudes. */
export function fmt(x: number): string {
  if (Object.is(x, -0) || x === 0) return "0";
  const abs = Math.abs(x);
  if (abs >= 1e6 || abs < 1e-3) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}

/** The interval of `other − best` from compare.csv's row, whichever way round it is stored. */
function oriented(
  rows: readonly CompareRow[],
  metric: string,
  best: string,
  other: string,
): { diff: number; low: number | null; high: number | null } | null {
  const r = rows.find(
    (c) =>
      c.metric === metric &&
      ((c.policyA === other && c.policyB === best) || (c.policyA === best && c.policyB === other)),
  );
  if (r?.meanDiff === null || r === undefined) return null;
  if (r.policyA === other) return { diff: r.meanDiff, low: r.ciLow, high: r.ciHigh };
  const flip = (x: number | null): number | null => (x === null ? null : -x);
  return { diff: -r.meanDiff, low: flip(r.ciHigh), high: flip(r.ciLow) };
}

function robustnessOfPair(
  rows: readonly RobustnessRow[],
  metric: string,
  a: string,
  b: string,
): string {
  const pair = robustnessByPair(
    rows.filter(
      (r) =>
        r.metric === metric &&
        ((r.policyA === a && r.policyB === b) || (r.policyA === b && r.policyB === a)),
    ),
  )[0];
  return pair === undefined ? "" : `; ${robustnessPhrase(pair)}`;
}

/**
 * The conclusion sentence of one headline metric, or null when the metric has no means (or
 * fewer than two policies).
 *
 * @param confidence - the interval level, for "95% interval" (or "90% interval"…).
 */
export function conclusionSentence(
  metric: string,
  summary: readonly SummaryRow[],
  compare: readonly CompareRow[],
  robustness: readonly RobustnessRow[],
  confidence: number,
): string | null {
  const phrase = PHRASES[metric];
  const means = summary.filter((s) => s.metric === metric && s.mean !== null);
  if (phrase === undefined || means.length < 2) return null;
  const best = means.reduce((b, s) => (s.mean! < b.mean! ? s : b));
  const pct = levelPercent(confidence);
  const clauses: string[] = [];
  const allSame = means.every(
    (s) => s.mean === best.mean && s.ciLow === best.mean && s.ciHigh === best.mean,
  );
  if (allSame) {
    const names = means.map((s) => `\`${s.policy}\``).join(", ");
    return `${names}: ${metric} ${fmt(best.mean!)}${phrase.unit} in every replication, no difference${robustnessOfPair(robustness, metric, means[0]!.policy, means[1]!.policy)}.`;
  }
  for (const other of means) {
    if (other.policy === best.policy) continue;
    const d = oriented(compare, metric, best.policy, other.policy);
    if (d === null) continue;
    const verdict = pairedVerdict(d.low, d.high);
    const x = `${fmt(d.diff)}${phrase.unit}`;
    const interval =
      d.low === null || d.high === null
        ? "no interval"
        : `${pct} interval ${fmt(d.low)}${phrase.unit} to ${fmt(d.high)}${phrase.unit}`;
    const rob = robustnessOfPair(robustness, metric, best.policy, other.policy);
    // Paired means can disagree with the plain means when a conditional metric (TTR) drops
    // unpaired replications: then the best-by-mean policy is significantly worse in pairs.
    const said =
      verdict === "higher"
        ? `${phrase.less(x)} \`${other.policy}\` (${interval}${rob})`
        : verdict === "lower"
          ? `${phrase.more(`${fmt(-d.diff)}${phrase.unit}`)} \`${other.policy}\` in paired replications (${interval}${rob})`
          : verdict === "identical"
            ? `${phrase.same} \`${other.policy}\` (identical in every replication${rob})`
            : `${phrase.same} \`${other.policy}\` (difference ${x}, ${interval}, not significant${rob})`;
    clauses.push(said);
  }
  if (clauses.length === 0) return null;
  return `\`${best.policy}\` ${clauses.join(", and ")}, per replication.`;
}
