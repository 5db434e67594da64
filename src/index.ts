/**
 * hasim as a TypeScript library: load a scenario, run it under each `on-failure` policy, read
 * per-replication results and summaries, compare policies pair by pair, and fuzz fault
 * schedules. The same model and the same numbers as the `hasim` command line (which writes them
 * as CSV); everything here runs in the calling thread.
 *
 * ```ts
 * import { compare, loadScenario, runScenario } from "hasim";
 * const scenario = loadScenario("scenarios/primary-crash.yaml", { set: ["replications=5"] });
 * const result = runScenario(scenario);
 * for (const s of result.summaries.filter((x) => x.metric === "lost"))
 *   console.log(s.policy, s.mean, s.ciLow, s.ciHigh);
 * console.log(compare(result).filter((d) => d.metric === "unavailable_s"));
 * ```
 *
 * @packageDocumentation
 */
import { loadScenario as loadFile } from "./cli/load.js";
import type { Policy, QualifiedScenario } from "./config/scenario.js";
import { fuzz as runFuzz, type FuzzOptions, type FuzzReport } from "./fuzz/fuzz.js";
import { PROPERTY_NAMES } from "./fuzz/properties.js";
import { METRIC_COLUMNS } from "./report/columns.js";
import { applyOverrides, parseScenarioText, qualifyScenario } from "./scenario/index.js";
import { runReplication } from "./run/replication.js";
import type { RunResult } from "./sim/result.js";
import { pairedDiff } from "./stats/paired.js";
import { summarize, type Summary } from "./stats/summary.js";

export type { Policy, QualifiedScenario } from "./config/scenario.js";
export type { RunMetrics, RunResult, Timeline, TraceRecord } from "./sim/result.js";
export type { FuzzOptions, FuzzReport } from "./fuzz/fuzz.js";
export { ScenarioError } from "./scenario/index.js";
export { COLUMNS, type ColumnDoc } from "./report/dictionary.js";

/** Changes to a scenario as the command line's flags make them. */
export interface ScenarioChanges {
  /** `path=value` overrides, like `--set` (e.g. `ha.heartbeat.lostThreshold=5`). */
  readonly set?: readonly string[];
}

/**
 * Reads a scenario file (YAML or JSON; the format of `scenarios/README.md`), applies `set`
 * overrides and fills every default.
 *
 * @param file - path of the scenario file.
 * @throws an Error whose message is one line, `file: field.path: expected …, got …`.
 */
export function loadScenario(file: string, changes: ScenarioChanges = {}): QualifiedScenario {
  return loadFile(file, { set: changes.set ?? [] }).scenario;
}

/**
 * Parses a scenario from text (YAML or JSON), applies `set` overrides and fills every default.
 *
 * @param name - shown in error messages in place of a file name.
 */
export function parseScenario(
  text: string,
  name = "scenario.yaml",
  changes: ScenarioChanges = {},
): QualifiedScenario {
  const raw = parseScenarioText(text, name);
  const sets = changes.set ?? [];
  return qualifyScenario(sets.length > 0 ? applyOverrides(raw, sets, name) : raw, name);
}

/**
 * One row of summary.csv: a metric of one policy over the replications (`n`, mean, its 95%
 * BCa bootstrap interval — null when n < 2 —, p50, p95, max; see {@link Summary}).
 */
export interface MetricSummary extends Summary {
  readonly policy: Policy;
  /** A runs.csv metric column, e.g. `lost`, `ttr_service_mean_s` (see {@link COLUMNS}). */
  readonly metric: string;
}

/** What {@link runScenario} returns. */
export interface ScenarioResult {
  readonly scenario: QualifiedScenario;
  /** One per policy × replication, policies in the scenario's order, then by replication. */
  readonly runs: readonly RunResult[];
  /** One per policy × metric. */
  readonly summaries: readonly MetricSummary[];
}

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** Policies to run; default the scenario's `policies`. */
  readonly policies?: readonly Policy[];
  /** Replications per policy; default the scenario's `replications`. */
  readonly replications?: number;
  /** Keep replication 0's trace and timeline in its RunResult. Default false. */
  readonly trace?: boolean;
}

/**
 * Runs every policy × replication of a scenario in this thread (common random numbers:
 * replication r of every policy sees the same arrivals and faults). Deterministic: the same
 * scenario gives the same numbers as `hasim run`'s runs.csv and summary.csv.
 */
export function runScenario(
  scenario: QualifiedScenario,
  options: RunScenarioOptions = {},
): ScenarioResult {
  const policies = options.policies ?? scenario.policies;
  const replications = options.replications ?? scenario.replications;
  const runs: RunResult[] = [];
  for (const policy of policies)
    for (let r = 0; r < replications; r++)
      runs.push(runReplication(scenario, policy, r, { trace: options.trace === true && r === 0 }));
  const summaries = policies.flatMap((policy) => {
    const mine = runs.filter((x) => x.policy === policy);
    return METRIC_COLUMNS.map((c): MetricSummary => ({
      policy,
      metric: c.name,
      ...summarize(mine.map((x) => c.get(x.metrics))),
    }));
  });
  return { scenario, runs, summaries };
}

/** One row of compare.csv: the paired difference a − b of a metric between two policies. */
export interface PolicyDifference {
  readonly metric: string;
  readonly policyA: Policy;
  readonly policyB: Policy;
  /** Pairs (replications) where both policies have a value. */
  readonly n: number;
  readonly meanDiff: number | null;
  /** 95% BCa bootstrap confidence interval of the mean difference; null when n < 2. */
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
}

/** Paired differences between every two policies of a result, metric by metric. */
export function compare(result: ScenarioResult): PolicyDifference[] {
  const policies = [...new Set(result.runs.map((r) => r.policy))];
  const byPolicy = (p: Policy): RunResult[] =>
    result.runs.filter((r) => r.policy === p).sort((x, y) => x.replication - y.replication);
  const out: PolicyDifference[] = [];
  for (const c of METRIC_COLUMNS)
    for (let i = 0; i < policies.length; i++)
      for (let j = i + 1; j < policies.length; j++) {
        const [a, b] = [policies[i]!, policies[j]!];
        const d = pairedDiff(
          byPolicy(a).map((r) => c.get(r.metrics)),
          byPolicy(b).map((r) => c.get(r.metrics)),
        );
        out.push({ metric: c.name, policyA: a, policyB: b, ...d });
      }
  return out;
}

/**
 * Searches fault schedules drawn on `scenario` for a violation of each property (all by
 * default), shrinks the first one found, and returns the cases and counterexamples.
 *
 * @param options - `seed` (default 1), `numRuns` cases per property (default 100), `properties`,
 *   `ttrBoundUs` (default 1 h), `swarm` (default false), `timeBudgetMs` (default none).
 */
export function fuzz(scenario: QualifiedScenario, options: Partial<FuzzOptions> = {}): FuzzReport {
  return runFuzz(scenario, {
    properties: PROPERTY_NAMES,
    numRuns: 100,
    seed: 1,
    timeBudgetMs: null,
    swarm: false,
    ttrBoundUs: 3600e6,
    ...options,
  });
}
