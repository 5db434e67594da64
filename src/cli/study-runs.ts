/**
 * The multi-run studies of `hasim run`: replications in batches until `--precision` is met, and
 * `--robustness` re-runs under assumption variants. The planning and the statistics are pure
 * (src/study); this module only runs the batches on the pool and talks to the terminal.
 *
 * @module
 */
import type { RunResult } from "../sim/result.js";
import { scenarioToRaw } from "../scenario/index.js";
import { groupByPolicy, type PolicyRuns } from "../report/groups.js";
import { DEFAULT_CONFIDENCE } from "../stats/interval.js";
import {
  nextBatch,
  parsePrecision,
  precisionStatus,
  type PrecisionStatus,
  type PrecisionTarget,
} from "../study/precision.js";
import { robustnessRows, type RobustnessRow } from "../study/robustness.js";
import { candidateVariants, variantSetting, type Variant } from "../study/variants.js";
import type { CliIo, Runner } from "./context.js";
import { UserError } from "./errors.js";
import { loadScenario, parseIntegerFlag, type LoadedScenario, type ScenarioFlags } from "./load.js";
import { runTasks, type RunTask } from "./pool.js";
import { startProgress } from "./progress.js";

/** How the runs of a study are executed. */
export interface StudyExec {
  readonly jobs: number;
  /** Run every task in a worker thread even with one job (see plan.ts). Default false. */
  readonly isolate?: boolean;
  readonly runner?: Runner | undefined;
  readonly io: CliIo;
  readonly quiet: boolean;
}

/** `--confidence 0.9` or `90%` → 0.9; default 0.95. */
export function confidenceFlag(v: string | undefined): number {
  if (v === undefined) return DEFAULT_CONFIDENCE;
  const m = /^\s*(\d*\.?\d+)\s*(%?)\s*$/.exec(v);
  const c = m ? Number(m[1]) / (m[2] === "%" ? 100 : 1) : NaN;
  if (!(c > 0 && c < 1))
    throw new UserError(
      `--confidence: expected a level between 0 and 1 such as 0.9 or 90%, got ${JSON.stringify(v)}`,
    );
  return c;
}

/** `--precision` values → the target, or null when none was given. */
export function precisionFlag(values: readonly string[]): PrecisionTarget | null {
  if (values.length === 0) return null;
  const t = parsePrecision(values);
  if (typeof t === "string") throw new UserError(t);
  return t;
}

/** `--max-replications`: the cap of a precision run, default 10 × the first batch. */
export function maxReplicationsFlag(v: string | undefined, batch: number): number {
  return v === undefined ? 10 * batch : parseIntegerFlag("--max-replications", v, batch);
}

/**
 * Every group × policy × replication `from` … `from + count − 1`, in that order; replication 0
 * traced when `traced`.
 */
export function studyTasks(
  groups: readonly LoadedScenario[],
  from: number,
  count: number,
  traced: boolean,
): RunTask[] {
  return groups.flatMap((l, group) =>
    l.scenario.policies.flatMap((policy) =>
      Array.from({ length: count }, (_, i): RunTask => ({
        group,
        policy,
        replication: from + i,
        trace: traced && from + i === 0,
      })),
    ),
  );
}

/** Runs replications [from, from + count) of every policy of each scenario. */
async function runBatch(
  groups: readonly LoadedScenario[],
  from: number,
  count: number,
  traced: boolean,
  exec: StudyExec,
): Promise<RunResult[]> {
  const tasks = studyTasks(groups, from, count, traced);
  const progress = startProgress(tasks.length, "runs", exec.io, exec.quiet);
  try {
    return await runTasks(groups, tasks, {
      jobs: exec.jobs,
      isolate: exec.isolate === true,
      onDone: () => {
        progress.tick();
      },
      runner: exec.runner,
    });
  } finally {
    progress.stop();
  }
}

/** What a precision run reached. */
export interface PrecisionOutcome {
  readonly replications: number;
  readonly cap: number;
  readonly statuses: readonly PrecisionStatus[];
}

/**
 * Runs the scenario's replications, then, with a target, more batches of the same size until
 * every headline metric of every policy is within it or `cap` replications are done. Results
 * come back policy by policy, each in replication order (as without a target).
 */
export async function runReplications(
  loaded: LoadedScenario,
  traced: boolean,
  exec: StudyExec,
  study: { target: PrecisionTarget | null; cap: number; confidence: number },
): Promise<{ results: RunResult[]; precision: PrecisionOutcome | null }> {
  const q = loaded.scenario;
  const batch = q.replications;
  const results = await runBatch([loaded], 0, batch, traced, exec);
  if (study.target === null) return { results, precision: null };
  let done = batch;
  for (;;) {
    const statuses = precisionStatus(
      groupByPolicy(results, q.policies),
      study.target,
      study.confidence,
    );
    const more = nextBatch(statuses, done, batch, study.cap);
    if (more === 0) {
      const order = (r: RunResult): number => q.policies.indexOf(r.policy) * done + r.replication;
      results.sort((a, b) => order(a) - order(b));
      return { results, precision: { replications: done, cap: study.cap, statuses } };
    }
    const open = statuses.filter((s) => !s.reached).length;
    exec.io.stderr(
      `precision: ${open} metric(s) not yet within target after ${done} replications, running ${more} more\n`,
    );
    results.push(...(await runBatch([loaded], done, more, false, exec)));
    done += more;
  }
}

/** The variants to run: candidates whose effective scenario differs from the baseline's. */
export function loadVariants(
  base: LoadedScenario,
  flags: ScenarioFlags,
  replications: number,
): { variant: Variant; loaded: LoadedScenario }[] {
  const baseRaw = scenarioToRaw(base.scenario);
  const same = JSON.stringify({ ...baseRaw, replications });
  const withCount = { ...flags, replications: String(replications) };
  return candidateVariants(baseRaw)
    .map((variant) => ({
      variant,
      loaded: loadScenario(base.file, withCount, [variantSetting(variant)]),
    }))
    .filter((v) => JSON.stringify(scenarioToRaw(v.loaded.scenario)) !== same);
}

/**
 * Runs every variant with the same seed and replications as the baseline, one assumption at a
 * time, on the pool, after saying how many runs that is; returns robustness.csv's rows.
 */
export async function runRobustness(
  base: LoadedScenario,
  baseGroups: readonly PolicyRuns[],
  flags: ScenarioFlags,
  replications: number,
  exec: StudyExec,
  confidence: number,
): Promise<{ rows: RobustnessRow[]; variants: readonly Variant[] }> {
  const variants = loadVariants(base, flags, replications);
  const policies = base.scenario.policies;
  const total = variants.length * policies.length * replications;
  exec.io.stderr(
    `robustness: ${variants.length} assumption variants (one at a time, same seed) × ${policies.length} policies × ${replications} replications = ${total} more runs\n`,
  );
  const results = await runBatch(
    variants.map((v) => v.loaded),
    0,
    replications,
    false,
    exec,
  );
  const per = policies.length * replications;
  const runs = [
    { variant: null, groups: baseGroups },
    ...variants.map((v, i) => ({
      variant: v.variant,
      groups: groupByPolicy(results.slice(i * per, (i + 1) * per), policies),
    })),
  ];
  return { rows: robustnessRows(runs, confidence), variants: variants.map((v) => v.variant) };
}
