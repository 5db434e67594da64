/**
 * The fuzzing engine: for each property, one `fc.check` over {@link caseArb} with the given seed,
 * number of runs and time budget; fast-check shrinks the first failing case. Pure: it returns
 * the rows and outcomes and writes nothing.
 *
 * Every property's check uses the same seed, so it draws the same cases: a case is simulated
 * once and its verdicts for all selected properties are cached, and the later checks cost only
 * their shrinking.
 *
 * @module
 */
import fc from "fast-check";
import type { FaultSpec, Policy, QualifiedScenario } from "../config/scenario.js";
import type { RunOptions, RunResult } from "../sim/result.js";
import { runReplication } from "../run/replication.js";
import {
  caseArb,
  defaultLimits,
  type FuzzCase,
  type FuzzConfig,
  type ScheduleLimits,
} from "./arbitraries.js";
import { caseScenario, configLabel, faultLabel } from "./counterexample.js";
import { checkProperty, type PropertyName, type Verdict } from "./properties.js";

/** Runs one replication (the model, or a stand-in). */
export type FuzzRunner = (
  scenario: QualifiedScenario,
  policy: Policy,
  replication: number,
  options?: RunOptions,
) => RunResult;

/** What to fuzz and how long. */
export interface FuzzOptions {
  readonly properties: readonly PropertyName[];
  /** Cases per property before shrinking. */
  readonly numRuns: number;
  /** fast-check seed: the same seed draws the same cases. */
  readonly seed: number;
  /** Wall-clock budget for the whole fuzzing (search and shrinking), ms; null = none. When it cuts in, results depend on the machine's speed. */
  readonly timeBudgetMs: number | null;
  /** The wall clock the time budget is measured on, ms (the CLI passes `Date.now`; only it may read the clock). Needed only with a budget. */
  readonly clockMs?: () => number;
  /** Draw enabled fault kinds and the configuration per case (swarm testing). */
  readonly swarm: boolean;
  /** Bound of `recovers` and `ttr`. */
  readonly ttrBoundUs: number;
  readonly limits?: Partial<ScheduleLimits>;
  readonly runner?: FuzzRunner | undefined;
}

/** One case checked against one property: a row of `fuzz.csv`. */
export interface CaseRow {
  readonly property: PropertyName;
  /** 1, 2, … in the search; during shrinking, the number of the case being shrunk. */
  readonly case: number;
  /** 0 in the search; the k-th shrinking attempt otherwise. */
  readonly shrink: number;
  readonly seed: number;
  readonly config: string;
  readonly faults: string;
  /** The case's settings and schedule as data (fuzz.csv's setting and faults_json columns). */
  readonly settings: FuzzConfig;
  readonly schedule: readonly FaultSpec[];
  readonly verdict: Verdict;
}

/** A property's shrunk counterexample. */
export interface Failure {
  readonly case: FuzzCase;
  readonly verdict: Verdict;
  /** The counterexample's traced run (for its story and timeline). */
  readonly result: RunResult;
  /** The search case that first failed, and how many shrinking steps succeeded. */
  readonly foundAt: number;
  readonly shrinks: number;
}

/** How one property fared. */
export interface PropertyOutcome {
  readonly property: PropertyName;
  /** Search cases run (including the failing one). */
  readonly runs: number;
  /** The time budget stopped the search or the shrinking. */
  readonly interrupted: boolean;
  readonly failure: Failure | null;
}

/** Everything a fuzzing produced; the CLI writes it, tests read it. */
export interface FuzzReport {
  readonly seed: number;
  readonly outcomes: readonly PropertyOutcome[];
  readonly rows: readonly CaseRow[];
  /** The drain cases ran with: long enough to see recovery (max fault duration + bound). */
  readonly minDrainUs: number;
}

/**
 * Each case's verdicts on every property, simulated once per distinct case: fast-check revisits
 * cases while shrinking, and every property is checked on the same run.
 */
function cachedVerdicts(
  simulate: (c: FuzzCase) => { q: QualifiedScenario; r: RunResult },
  o: Pick<FuzzOptions, "properties" | "ttrBoundUs">,
): (c: FuzzCase) => Readonly<Record<string, Verdict>> {
  const cache = new Map<string, Readonly<Record<string, Verdict>>>();
  return (c) => {
    const key = JSON.stringify(c);
    let v = cache.get(key);
    if (v === undefined) {
      const { q, r } = simulate(c);
      const ctx = { scenario: q, ttrBoundUs: o.ttrBoundUs };
      v = Object.fromEntries(o.properties.map((p) => [p, checkProperty(p, r, ctx)]));
      cache.set(key, v);
    }
    return v;
  };
}

/**
 * Fuzzes `base` for each property in turn.
 *
 * @param base - the qualified scenario the cases are drawn on.
 */
export function fuzz(base: QualifiedScenario, o: FuzzOptions): FuzzReport {
  const limits = defaultLimits(base.horizonUs, o.limits);
  const minDrainUs = limits.maxDurationUs + o.ttrBoundUs;
  const run = o.runner ?? runReplication;
  const names = [base.nodes[0].name, base.nodes[1].name] as const;
  const simulate = (c: FuzzCase): { q: QualifiedScenario; r: RunResult } => {
    const q = caseScenario(base, c, minDrainUs);
    return { q, r: run(q, c.config.policy, 0, { trace: true }) };
  };
  const verdicts = cachedVerdicts(simulate, o);

  const rows: CaseRow[] = [];
  const outcomes: PropertyOutcome[] = [];
  const clockMs = o.clockMs ?? (() => 0);
  const deadline = o.timeBudgetMs === null ? Infinity : clockMs() + o.timeBudgetMs;
  for (const property of o.properties) {
    let index = 0;
    let shrink = 0;
    let foundAt = 0;
    const predicate = (c: FuzzCase): boolean => {
      const verdict = verdicts(c)[property]!;
      if (foundAt === 0) index++;
      else shrink++;
      rows.push({
        property,
        case: foundAt === 0 ? index : foundAt,
        shrink,
        seed: c.seed,
        config: configLabel(c),
        faults: c.faults.map((f) => faultLabel(f, names)).join("; "),
        settings: c.config,
        schedule: c.faults,
        verdict,
      });
      if (!verdict.ok && foundAt === 0) foundAt = index;
      return verdict.ok;
    };
    const params: fc.Parameters<[FuzzCase]> = { seed: o.seed, numRuns: o.numRuns };
    // The budget is shared: each property gets what the previous ones left.
    // (The plugin is typed for any property; its type parameter is not inferred from ours.)
    if (deadline !== Infinity)
      params.plugins = [
        fc.interruptAfterTimeLimit(Math.max(0, deadline - clockMs())) as fc.Plugin<[FuzzCase]>,
      ];
    const details = fc.check(fc.property(caseArb(base, o.swarm, limits), predicate), params);
    let failure: Failure | null = null;
    if (details.failed && details.counterexample !== null) {
      const [c] = details.counterexample;
      const result = simulate(c).r;
      failure = {
        case: c,
        verdict: verdicts(c)[property]!,
        result,
        foundAt,
        shrinks: details.numShrinks,
      };
    }
    outcomes.push({ property, runs: details.numRuns, interrupted: details.interrupted, failure });
  }
  return { seed: o.seed, outcomes, rows, minDrainUs };
}

/** Counts per property, as an aligned text table: cases run, verdict, where found, shrinking steps, shrunk size. */
export function summaryText(report: FuzzReport): string {
  const header = ["property", "cases", "verdict", "found at case", "shrinks", "shrunk faults"];
  const rows = report.outcomes.map((o) => {
    const f = o.failure;
    const verdict = f !== null ? "VIOLATED" : o.interrupted ? "held (time budget hit)" : "held";
    return [
      o.property,
      String(o.runs),
      verdict,
      f ? String(f.foundAt) : "-",
      f ? String(f.shrinks) : "-",
      f ? String(f.case.faults.length) : "-",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}
