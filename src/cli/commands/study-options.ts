/**
 * The flags of `hasim run` that make it a study — `--confidence`, `--precision`,
 * `--max-replications`, `--robustness` — and what they add to meta.json and to the terminal.
 *
 * @module
 */
import type { Options } from "yargs";
import type { PrecisionTarget } from "../../study/precision.js";
import { robustnessByPair, robustnessPhrase, type RobustnessRow } from "../../study/robustness.js";
import type { Variant } from "../../study/variants.js";
import { verdictWords } from "../../stats/verdict.js";
import {
  confidenceFlag,
  maxReplicationsFlag,
  precisionFlag,
  type PrecisionOutcome,
} from "../study-runs.js";
import { allStrings, lastString } from "./options.js";

/** The yargs declarations. */
export const STUDY_OPTIONS: Record<string, Options> = {
  confidence: {
    type: "string",
    describe: "level of every interval (CSV columns, table, report), e.g. 0.9 or 90% (default 95%)",
  },
  precision: {
    type: "string",
    describe:
      "run batches of replications until each headline metric's interval half-width is within this: 5% (of the mean) or metric=value, e.g. lost=0.5 (repeatable)",
  },
  "max-replications": {
    type: "string",
    describe: "cap of a --precision run (default 10 × the scenario's replications)",
  },
  robustness: {
    type: "boolean",
    default: false,
    describe:
      "re-run under each assumption variant (same seed) and say which verdicts depend on which assumption; writes robustness.csv",
  },
};

/** The parsed study flags. */
export interface StudyOptions {
  readonly confidence: number;
  readonly target: PrecisionTarget | null;
  readonly cap: number;
  readonly robustness: boolean;
}

/** Reads the study flags; `batch` is the scenario's replications (the first batch). */
export function studyOptions(args: Record<string, unknown>, batch: number): StudyOptions {
  return {
    confidence: confidenceFlag(lastString(args.confidence)),
    target: precisionFlag(allStrings(args.precision)),
    cap: maxReplicationsFlag(lastString(args["max-replications"]), batch),
    robustness: args.robustness === true,
  };
}

/** meta.json's `study`: the level, what the precision run reached, the variants run. */
export function studyMeta(
  study: Pick<StudyOptions, "confidence" | "target">,
  precision: PrecisionOutcome | null,
  robust: { variants: readonly Variant[] } | null,
): Record<string, unknown> {
  const meta: Record<string, unknown> = { confidence: study.confidence, interval: "bca-bootstrap" };
  if (precision && study.target) {
    meta.precision = {
      relative: study.target.relative,
      absolute: study.target.absolute,
      cap: precision.cap,
      replications: precision.replications,
      metrics: precision.statuses.map((s) => ({
        policy: s.policy,
        metric: s.metric,
        halfWidth: s.halfWidth,
        target: s.target,
        reached: s.reached,
      })),
    };
  }
  if (robust) meta.robustness = { variants: robust.variants };
  return meta;
}

/** The lines after the summary table: precision reached or not, then each verdict's robustness. */
export function studyLines(
  precision: PrecisionOutcome | null,
  robust: { rows: readonly RobustnessRow[] } | null,
): string {
  const lines: string[] = [];
  if (precision) {
    const missed = precision.statuses.filter((s) => !s.reached);
    lines.push(
      missed.length === 0
        ? `precision: every headline metric within target after ${precision.replications} replications`
        : `precision: cap of ${precision.cap} replications hit; not within target: ${missed.map((s) => `${s.policy} ${s.metric}`).join(", ")}`,
    );
  }
  if (robust) {
    lines.push("paired verdicts (a − b) under the assumption variants:");
    for (const r of robustnessByPair(robust.rows)) {
      const v = verdictWords(r.baseline);
      lines.push(`  ${r.metric} ${r.policyA} − ${r.policyB}: ${v}; ${robustnessPhrase(r)}`);
    }
  }
  return lines.map((l) => l + "\n").join("");
}
