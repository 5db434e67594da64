/**
 * What the report's conclusion reads beyond summary.csv and compare.csv: meta.json (scenario,
 * effective settings, seed, version, command, interval level, precision) and robustness.csv.
 *
 * @module
 */
import type { RobustnessRow } from "../report/robustness-csv.js";
import { VERDICTS } from "../stats/verdict.js";
import { numberCell, parseCsvTable } from "./csv.js";

/** The parts of meta.json the conclusion shows (its full shape belongs to the CLI). */
export interface RunMeta {
  readonly version: string;
  readonly argv: readonly string[];
  readonly seeds: readonly string[];
  /** The effective scenario (scenarioToRaw form). */
  readonly scenario: Readonly<Record<string, unknown>>;
  /** The interval level (meta.study.confidence), default 0.95. */
  readonly confidence: number;
  /** meta.study.precision as written, or null. */
  readonly precision: Readonly<Record<string, unknown>> | null;
}

/** Everything the conclusion section needs besides the summary and compare rows. */
export interface ConclusionInput {
  readonly meta: RunMeta | null;
  readonly robustness: readonly RobustnessRow[];
}

function record(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === "object" && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : null;
}

/** Parses meta.json; throws on a file that is not a run's meta (no `scenario` mapping). */
export function runMetaFromJson(text: string): RunMeta {
  const doc = record(JSON.parse(text));
  const scenario = record(doc?.scenario);
  if (doc === null || scenario === null) throw new Error("expected a mapping with a scenario");
  const study = record(doc.study);
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
  return {
    version: typeof doc.hasim === "string" ? doc.hasim : "",
    argv: strings(doc.argv),
    seeds: strings(doc.seeds),
    scenario,
    confidence: typeof study?.confidence === "number" ? study.confidence : 0.95,
    precision: record(study?.precision),
  };
}

/** Parses robustness.csv (any interval level). */
export function robustnessRowsFromCsv(text: string): RobustnessRow[] {
  const t = parseCsvTable(text);
  const low = t.header.find((h) => /^ci[\d.]+_low$/.test(h));
  const high = t.header.find((h) => /^ci[\d.]+_high$/.test(h));
  const needed = ["metric", "policy_a", "policy_b", "assumption", "value", "verdict"];
  const missing = needed.filter((c) => !t.header.includes(c));
  if (missing.length > 0 || low === undefined || high === undefined)
    throw new Error(`missing column(s) ${[...missing, ...(low ? [] : ["ci_low"])].join(", ")}`);
  return t.records.map((r) => {
    const verdict = VERDICTS.find((v) => v === r.verdict);
    if (verdict === undefined)
      throw new Error(`verdict: expected ${VERDICTS.join(", ")}, got ${JSON.stringify(r.verdict)}`);
    return {
      metric: r.metric ?? "",
      policyA: r.policy_a ?? "",
      policyB: r.policy_b ?? "",
      assumption: r.assumption ?? "",
      value: r.value ?? "",
      meanDiff: numberCell(r.mean_diff),
      ciLow: numberCell(r[low]),
      ciHigh: numberCell(r[high]),
      n: numberCell(r.n) ?? 0,
      verdict,
    };
  });
}
