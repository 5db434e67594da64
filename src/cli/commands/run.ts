/**
 * `hasim run <scenario>`: every policy × replication, then runs.csv, summary.csv, compare.csv
 * (two policies or more), trace.csv (`--trace`), timeline-<policy>.json (`--trace` or
 * `--report`: replication 0's timeline, which the charts draw) and meta.json, and a summary
 * table on stdout.
 *
 * @module
 */
import { join } from "node:path";
import type { Argv } from "yargs";
import { timelineToJson } from "../../charts/timeline-data.js";
import { scenarioToRaw } from "../../scenario/index.js";
import type { RunResult } from "../../sim/result.js";
import { compareCsv } from "../../report/compare-csv.js";
import { groupByPolicy, type PolicyRuns } from "../../report/groups.js";
import { metaJson } from "../../report/meta.js";
import { hasimVersion } from "../version.js";
import { runsCsv } from "../../report/runs-csv.js";
import { summaryCsv } from "../../report/summary-csv.js";
import { traceCsv } from "../../report/trace-csv.js";
import type { CliContext, HasimCommand } from "../context.js";
import { UserError } from "../errors.js";
import { loadScenario, type LoadedScenario } from "../load.js";
import { safeFolderName, writeOutputs, type OutputFile } from "../output.js";
import { checkOutDir } from "../out-place.js";
import { experimentId, stampExperiment } from "../experiment.js";
import { planWork } from "../plan.js";
import type { RunTask } from "../pool.js";
import { announceLine } from "../progress.js";
import { replayOf, shardOptions, studyArgv, studyShard, wantsShard } from "../shard/index.js";
import { summaryTable, terminalWidth } from "../table.js";
import { robustnessCsv } from "../../report/robustness-csv.js";
import {
  loadVariants,
  runReplications,
  runRobustness,
  studyTasks,
  type StudyExec,
} from "../study-runs.js";
import { variantSetting } from "../../study/variants.js";
import { STUDY_OPTIONS, studyLines, studyMeta, studyOptions } from "./study-options.js";
import {
  jobsFlag,
  lastString,
  scenarioArg,
  scenarioFlags,
  scenarioOptions,
  simulationOptions,
  ex,
} from "./options.js";
import { writeReport } from "./report.js";

/** Seeds by replication, from the first policy's runs (common random numbers: the same for all). */
export function seedsOf(results: readonly RunResult[]): string[] {
  const seeds: (string | undefined)[] = [];
  for (const r of results) seeds[r.replication] ??= r.seed;
  return Array.from(seeds, (s) => s ?? "");
}

/**
 * The result files before meta.json: runs.csv, summary.csv, compare.csv (two policies or more),
 * robustness.csv (with --robustness), trace.csv (with --trace) and each traced run's timeline.
 */
function resultFiles(
  results: readonly RunResult[],
  groups: readonly PolicyRuns[],
  robust: { readonly rows: Parameters<typeof robustnessCsv>[0] } | null,
  o: { seed: number; confidence: number; trace: boolean },
): OutputFile[] {
  const files: OutputFile[] = [
    { name: "runs.csv", content: runsCsv(results, o.seed) },
    { name: "summary.csv", content: summaryCsv(groups, [], o.confidence) },
  ];
  if (groups.length >= 2)
    files.push({ name: "compare.csv", content: compareCsv(groups, o.confidence) });
  if (robust)
    files.push({ name: "robustness.csv", content: robustnessCsv(robust.rows, o.confidence) });
  if (o.trace) {
    const traces = results
      .filter((r) => r.replication === 0)
      .map((r) => ({ policy: r.policy, records: r.trace ?? [] }));
    files.push({ name: "trace.csv", content: traceCsv(traces) });
  }
  for (const r of results) {
    if (r.replication === 0 && r.timeline !== undefined)
      files.push({ name: `timeline-${r.policy}.json`, content: timelineToJson(r.timeline) });
  }
  return files;
}

/** Writes one line to stderr when runs broke invariants; returns how many did. */
function warnViolations(results: readonly RunResult[], ctx: CliContext): number {
  const violations = results.filter((r) => r.violations.length > 0);
  if (violations.length > 0) {
    const first = violations[0]!;
    ctx.io.stderr(
      `hasim: ${violations.length} run(s) broke invariants, first ${first.policy} #${first.replication}: ${first.violations[0]}\n`,
    );
  }
  return violations.length;
}

/**
 * The work units of a planned, sharded or merged run: the baseline's, then with --robustness every
 * assumption variant's, each variant a group of its own (as a sweep's points are), so that the
 * variant runs go to the shards too and `hasim merge` finds them. `--precision` decides how many
 * replications to run as it goes, which a plan cannot know: refused.
 */
function shardWork(
  args: Record<string, unknown>,
  loaded: LoadedScenario,
  tasks: readonly RunTask[],
): { loaded: LoadedScenario[]; tasks: RunTask[]; variantNames?: string[] } {
  if (lastString(args.precision) !== undefined)
    throw new UserError(
      "hasim: --precision cannot be planned or sharded (it decides how many replications to run as they finish); give --replications instead",
    );
  if (args.robustness !== true) return { loaded: [loaded], tasks: [...tasks] };
  const reps = loaded.scenario.replications;
  const variants = loadVariants(loaded, scenarioFlags(args), reps);
  const scenarios = variants.map((v) => v.loaded);
  // The variants run untraced, as on one machine (study-runs.ts), each in the group after the last.
  const more = studyTasks(scenarios, 0, reps, false).map((t) => ({ ...t, group: t.group + 1 }));
  return {
    loaded: [loaded, ...scenarios],
    tasks: [...tasks, ...more],
    variantNames: ["baseline", ...variants.map((v) => variantSetting(v.variant))],
  };
}

/** The --robustness study, when asked for and there are two policies or more to compare. */
async function robustnessIfAsked(
  loaded: LoadedScenario,
  groups: readonly PolicyRuns[],
  args: Record<string, unknown>,
  exec: StudyExec,
  study: { robustness: boolean; confidence: number },
): Promise<Awaited<ReturnType<typeof runRobustness>> | null> {
  if (!study.robustness || groups.length < 2) return null;
  return runRobustness(
    loaded,
    groups,
    scenarioFlags(args),
    groups[0]!.metrics.length,
    exec,
    study.confidence,
  );
}

/**
 * Runs a scenario and writes its result folder. Exported for tests (which inject a runner through the context).
 *
 * @returns the exit code.
 */
export async function runCommand(args: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const jobs = jobsFlag(args);
  const loaded = loadScenario(scenarioArg(args), scenarioFlags(args), [], ctx.io);
  const q = loaded.scenario;
  const outArg = lastString(args.out);
  const outDir = outArg ?? join("results", safeFolderName(q.name));
  const force = args.force === true;
  const experiment = experimentId({ command: "run", scenario: scenarioToRaw(q) });
  const sharding = wantsShard(args);
  if (!sharding)
    checkOutDir(outDir, outArg === undefined ? "output folder" : "--out", { experiment, force });
  const study = studyOptions(args, q.replications);
  const plan = planWork([q], jobs, force);
  if (plan.notice !== null) ctx.io.stderr(plan.notice + "\n");

  const trace = args.trace === true;
  const report = args.report === true;
  // Replication 0 is traced for trace.csv and for the report's timelines.
  const traced = trace || report;
  const tasks = studyTasks([loaded], 0, q.replications, traced);
  const work =
    sharding || replayOf(args) !== undefined
      ? shardWork(args, loaded, tasks)
      : { loaded: [loaded], tasks };
  const sharded = await studyShard(args, ctx, { ...work, outDir });
  if (sharded !== undefined) return sharded;
  const quiet = args.quiet === true;
  const factors = [
    [q.policies.length, "policies"],
    [q.replications, "replications"],
  ] as const;
  ctx.io.stderr(announceLine(tasks.length, factors, q.seed) + "\n");
  const exec = {
    jobs: plan.threads,
    isolate: plan.isolate,
    runner: ctx.runner,
    io: ctx.io,
    quiet,
  };
  const { results, precision } = await runReplications(loaded, traced, exec, study);
  const groups = groupByPolicy(results, q.policies);
  const robust = await robustnessIfAsked(loaded, groups, args, exec, study);
  const { confidence } = study;
  const files = resultFiles(results, groups, robust, { seed: q.seed, confidence, trace });
  const meta = {
    command: "run",
    argv: studyArgv(ctx.argv),
    version: hasimVersion(),
    scenario: scenarioToRaw(q),
    seeds: seedsOf(results),
    study: studyMeta(study, precision, robust),
  };
  files.push({ name: "meta.json", content: stampExperiment(metaJson(meta)) });

  writeOutputs(outDir, files);
  if (report) await writeReport(outDir, ctx.io);

  const broken = warnViolations(results, ctx);
  ctx.io.stdout(
    summaryTable(groups, [], terminalWidth(), confidence) + studyLines(precision, robust),
  );
  ctx.io.stderr(`results in ${outDir}\n`);
  return broken > 0 ? 1 : 0;
}

const command: HasimCommand = {
  command: "run <scenario>",
  describe: "run a scenario under each policy and write runs, summary and paired comparison CSVs",
  builder: (y: Argv) =>
    shardOptions(simulationOptions(scenarioOptions(y)))
      .option("trace", {
        type: "boolean",
        default: false,
        describe: "write trace.csv (replication 0 of each policy)",
      })
      .options(STUDY_OPTIONS)
      .example(ex("$0 run scenarios/primary-crash.yaml", "every policy"), "")
      .example(ex("$0 run crash.yaml --policy off,slave --seed 7", "seed 7"), "")
      .example(ex("$0 run crash.yaml --set ha.holdOff=30m", "a what-if"), "")
      .example(ex("$0 run crash.yaml --replications 100 -j 4", "on 4 threads"), "")
      .example(ex("$0 run crash.yaml --trace --out /tmp/c", "trace.csv, elsewhere"), "")
      .example(ex("$0 run crash.yaml --precision 5%", "replicate to ±5%"), "")
      .example(ex("$0 run crash.yaml --robustness --report", "vs assumptions"), ""),
  run: (args, ctx) => runCommand(args, ctx),
};
export default command;
