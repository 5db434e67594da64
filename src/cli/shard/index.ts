/**
 * The sharding hook of `run` and `sweep`. Once a command knows its scenarios and work units, it
 * calls {@link studyShard}: with `--plan` the units are costed and nothing runs; with a shard
 * (`--shard i/n` or the scheduler's environment) only that shard's units run and their raw
 * results go to `<out>/shard-i-of-n/`; inside `hasim merge` the shards' results are checked and
 * replayed. Otherwise the command goes on as usual.
 *
 * @module
 */
import type { Argv } from "yargs";
import type { CliContext } from "../context.js";
import type { LoadedScenario } from "../load.js";
import type { RunTask } from "../pool.js";
import { planStudy } from "./plan.js";
import { replayOf } from "./replay.js";
import { resolveShard } from "./spec.js";
import { runShard } from "./write.js";

export { studyArgv } from "./argv.js";
export { replayOf } from "./replay.js";

/** What a command hands to the hook: its scenarios (one per point), units and output folder. */
export interface StudyWork {
  readonly loaded: readonly LoadedScenario[];
  readonly tasks: readonly RunTask[];
  readonly outDir: string;
  /**
   * With `--robustness`: a name per group, `baseline` then each assumption variant
   * (`assumptions.demotedQueue=push`); the groups are then variants, not a sweep's points.
   */
  readonly variantNames?: readonly string[];
}

/** The flags of sharded studies: `--shard`, `--shards`, `--plan`, `--target`. */
export function shardOptions(y: Argv): Argv {
  return y
    .option("shard", {
      type: "string",
      describe:
        "run only shard i of n (i/n, from 0) and write its raw results to <out>/shard-i-of-n for hasim merge (default: from SLURM_ARRAY_TASK_ID)",
    })
    .option("shards", {
      type: "string",
      describe: "shard count when the index comes from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX",
    })
    .option("plan", {
      type: "boolean",
      default: false,
      describe: "print the work units, a calibrated cost per unit and a suggested shard count",
    })
    .option("target", {
      type: "string",
      describe: "wall time per shard that --plan aims at (default 1h)",
    })
    .check((args) => {
      // Bad shard flags or scheduler variables fail at parse time, before anything is printed.
      resolveShard(args, process.env, () => undefined);
      return true;
    });
}

/**
 * Plans, runs one shard or checks a merge's shards.
 *
 * @returns the exit code when the command is done (plan, shard), undefined to go on.
 */
/**
 * This invocation runs one shard or plans (`--shard`, the Slurm/Kubernetes environment, `--plan`):
 * it writes a shard folder inside `--out`, so `--out` itself is not replaced and not checked as
 * a results folder.
 */
export function wantsShard(args: Record<string, unknown>): boolean {
  if (args.plan === true || replayOf(args) !== undefined) return args.plan === true;
  return resolveShard(args, process.env, () => undefined) !== undefined;
}

export async function studyShard(
  args: Record<string, unknown>,
  ctx: CliContext,
  work: StudyWork,
): Promise<number | undefined> {
  const replay = replayOf(args);
  if (replay !== undefined) {
    replay.bind(
      work.loaded.map((l) => l.scenario),
      work.tasks,
    );
    return undefined;
  }
  if (args.plan === true) return planStudy(args, ctx, work);
  const spec = resolveShard(args, process.env, (line) => {
    ctx.io.stderr(line + "\n");
  });
  return spec === undefined ? undefined : runShard(args, ctx, work, spec);
}
