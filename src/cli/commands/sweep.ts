/**
 * `hasim sweep <scenario> --vary path=values ...`: the full factorial grid of the varied
 * parameters × policies × replications; writes sweep.csv, summary.csv (the varied parameters as
 * leading columns) and meta.json, every interval at `--confidence`. Every grid point is qualified
 * before anything runs, so a bad value fails at once with exit 2 and no files.
 *
 * No `--precision`: a sweep's runs are one fixed grid, known before the first run, which is what
 * the work estimate, `--plan` and the shards split; batches that depend on results would break
 * that, and points that stopped at different replication counts would no longer be compared on
 * the same replications (common random numbers across points).
 *
 * @module
 */
import { join } from "node:path";
import type { Argv } from "yargs";
import { scenarioToRaw } from "../../scenario/index.js";
import type { RunResult } from "../../sim/result.js";
import { groupByPolicy, type PolicyRuns } from "../../report/groups.js";
import { metaJson } from "../../report/meta.js";
import { hasimVersion } from "../version.js";
import { summaryCsv } from "../../report/summary-csv.js";
import { sweepCsv } from "../../report/sweep-csv.js";
import type { CliContext, HasimCommand } from "../context.js";
import { loadScenario, type LoadedScenario } from "../load.js";
import { safeFolderName, writeOutputs } from "../output.js";
import { checkOutDir } from "../out-place.js";
import { experimentId, stampExperiment } from "../experiment.js";
import { planWork, type WorkPlan } from "../plan.js";
import { runTasks, type RunTask } from "../pool.js";
import { announceLine, startProgress } from "../progress.js";
import { shardOptions, studyArgv, studyShard, wantsShard } from "../shard/index.js";
import { summaryTable, terminalWidth } from "../table.js";
import { gridPoints, parseVaryAll } from "../vary.js";
import {
  allStrings,
  jobsFlag,
  lastString,
  scenarioArg,
  scenarioFlags,
  scenarioOptions,
  simulationOptions,
  ex,
} from "./options.js";
import { writeReport } from "./report.js";
import { seedsOf } from "./run.js";
import { STUDY_OPTIONS, studyMeta } from "./study-options.js";
import { confidenceFlag } from "../study-runs.js";
import { UserError } from "../errors.js";

/** Runs the tasks on `plan.threads` threads, with a progress line on stderr unless `quiet`. */
async function runWithProgress(
  loaded: readonly LoadedScenario[],
  tasks: readonly RunTask[],
  plan: WorkPlan,
  ctx: CliContext,
  quiet: boolean,
): Promise<RunResult[]> {
  const progress = startProgress(tasks.length, "runs", ctx.io, quiet);
  try {
    return await runTasks(loaded, tasks, {
      jobs: plan.threads,
      isolate: plan.isolate,
      onDone: () => {
        progress.tick();
      },
      runner: ctx.runner,
    });
  } finally {
    progress.stop();
  }
}

/** Every grid point's policies × replications, point by point; untraced. */
function sweepTasks(loaded: readonly LoadedScenario[]): RunTask[] {
  return loaded.flatMap((l, group) =>
    l.scenario.policies.flatMap((policy) =>
      Array.from({ length: l.scenario.replications }, (_, r): RunTask => ({
        group,
        policy,
        replication: r,
        trace: false,
      })),
    ),
  );
}

/** What meta.json records of one grid point: its values by parameter path, and its seeds. */
interface PointMeta {
  values: Record<string, string>;
  seeds: string[];
}

/**
 * The results grouped by point and policy, and each point's meta. Tasks were made point by
 * point, so each point's results are one contiguous slice.
 */
function byPoint(
  loaded: readonly LoadedScenario[],
  results: readonly RunResult[],
  points: readonly (readonly string[])[],
  paths: readonly string[],
): { groups: PolicyRuns[]; pointMeta: PointMeta[] } {
  const groups: PolicyRuns[] = [];
  const pointMeta: PointMeta[] = [];
  let offset = 0;
  loaded.forEach((l, i) => {
    const count = l.scenario.policies.length * l.scenario.replications;
    const slice = results.slice(offset, offset + count);
    offset += count;
    const point = points[i]!;
    groups.push(...groupByPolicy(slice, l.scenario.policies, point));
    pointMeta.push({
      values: Object.fromEntries(paths.map((p, k) => [p, point[k]!])),
      seeds: seedsOf(slice),
    });
  });
  return { groups, pointMeta };
}

/** The level of the sweep's intervals (`--confidence`); `--precision` is refused (see above). */
function sweepConfidence(args: Record<string, unknown>): number {
  if (args.precision !== undefined)
    throw new UserError(
      "hasim sweep: --precision: expected no value (a sweep runs one fixed grid of replications, planned and sharded before the first run; run one point with hasim run --precision), got " +
        JSON.stringify(lastString(args.precision) ?? ""),
    );
  return confidenceFlag(lastString(args.confidence));
}

/**
 * Runs a sweep and writes its result folder. Exported for tests (which inject a runner through the context).
 *
 * @returns the exit code.
 */
export async function sweepCommand(
  args: Record<string, unknown>,
  ctx: CliContext,
): Promise<number> {
  const jobs = jobsFlag(args);
  const confidence = sweepConfidence(args);
  const axes = parseVaryAll(allStrings(args.vary));
  const file = scenarioArg(args);
  const flags = scenarioFlags(args);
  const points = gridPoints(axes);
  const paths = axes.map((a) => a.path);
  const loaded: LoadedScenario[] = points.map((p) =>
    loadScenario(
      file,
      flags,
      p.map((v, i) => `${paths[i]}=${v}`),
    ),
  );
  const base = loaded[0]!;
  const outArg = lastString(args.out);
  const outDir = outArg ?? join("results", safeFolderName(base.scenario.name));
  const force = args.force === true;
  const experiment = experimentId({
    command: "sweep",
    scenario: scenarioToRaw(base.scenario),
    vary: axes,
  });
  if (!wantsShard(args))
    checkOutDir(outDir, outArg === undefined ? "output folder" : "--out", { experiment, force });
  const plan = planWork(
    loaded.map((l) => l.scenario),
    jobs,
    force,
  );
  if (plan.notice !== null) ctx.io.stderr(plan.notice + "\n");

  const tasks = sweepTasks(loaded);
  const sharded = await studyShard(args, ctx, { loaded, tasks, outDir });
  if (sharded !== undefined) return sharded;
  const factors = [
    [points.length, "points"],
    [base.scenario.policies.length, "policies"],
    [base.scenario.replications, "replications"],
  ] as const;
  ctx.io.stderr(announceLine(tasks.length, factors, base.scenario.seed) + "\n");
  const results = await runWithProgress(loaded, tasks, plan, ctx, args.quiet === true);
  const { groups, pointMeta } = byPoint(loaded, results, points, paths);

  const meta = metaJson({
    command: "sweep",
    argv: studyArgv(ctx.argv),
    version: hasimVersion(),
    scenario: scenarioToRaw(base.scenario),
    seeds: pointMeta[0]?.seeds ?? [],
    study: studyMeta({ confidence, target: null }, null, null),
    sweep: { vary: axes, points: pointMeta },
  });
  writeOutputs(outDir, [
    { name: "sweep.csv", content: sweepCsv(paths, groups, confidence) },
    { name: "summary.csv", content: summaryCsv(groups, paths, confidence) },
    { name: "meta.json", content: stampExperiment(meta) },
  ]);
  if (args.report === true) await writeReport(outDir, ctx.io);
  ctx.io.stdout(summaryTable(groups, paths, terminalWidth(), confidence));
  ctx.io.stderr(`results in ${outDir}\n`);
  return 0;
}

const command: HasimCommand = {
  command: "sweep <scenario>",
  describe: "run a full factorial grid of parameter values × policies × replications",
  builder: (y: Argv) =>
    shardOptions(simulationOptions(scenarioOptions(y)))
      .option("vary", {
        type: "string",
        describe:
          "a varied field, at least one (repeatable): path=v1,v2,v3 or path=from:to:step (numbers or durations)",
      })
      .option("confidence", STUDY_OPTIONS.confidence!)
      // Declared only to say why it is refused (see the module comment).
      .option("precision", { type: "string", hidden: true })
      .example(ex("$0 sweep crash.yaml --vary seed=1,2,3", "a list"), "")
      .example(ex("$0 sweep crash.yaml --vary ha.holdOff=5m:30m:5m", "6 durations"), "")
      .example(ex("$0 sweep crash.yaml --vary mta.deliveryWorkers=4:16:4", "4 numbers"), "")
      .example(ex("$0 sweep x.yaml --vary a=1,2 --vary b=3,4", "2 × 2 = 4 points"), "")
      .example(ex("$0 sweep crash.yaml --vary seed=1,2 --confidence 90%", "90% intervals"), "")
      .epilogue(
        "Ranges from:to:step include both ends (5m:30m:5m is 6 values); two --vary give their " +
          "full grid (2 × 2 = 4 points), each run under every policy.",
      ),
  run: (args, ctx) => sweepCommand(args, ctx),
};
export default command;
