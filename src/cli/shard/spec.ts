/**
 * Which shard this process computes: `--shard i/n`, or the index from the scheduler's
 * environment — Slurm job arrays (`SLURM_ARRAY_TASK_ID`, with the count from
 * `SLURM_ARRAY_TASK_COUNT` or `SLURM_ARRAY_TASK_MIN/MAX`) and Kubernetes Indexed Jobs
 * (`JOB_COMPLETION_INDEX`, with the count from `--shards n`).
 *
 * @module
 */
import { UserError } from "../errors.js";
import { parseIntegerFlag } from "../load.js";
import { lastString } from "../commands/options.js";

/** A shard of a study, and how it was chosen (said on stderr when it came from the environment). */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
  /** Empty when given by `--shard`; otherwise the environment variables read. */
  readonly source: string;
}

/** `i/n` with 0 ≤ i < n. */
export function parseShardFlag(value: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = m === null ? NaN : Number(m[1]);
  const count = m === null ? NaN : Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count)
    throw new UserError(
      `--shard: expected i/n with 0 ≤ i < n (e.g. 3/16), got ${JSON.stringify(value)}`,
    );
  return { index, count, source: "" };
}

type Env = Readonly<Record<string, string | undefined>>;

function envInt(env: Env, name: string): number | undefined {
  const v = env[name];
  if (v === undefined || v === "") return undefined;
  return parseIntegerFlag(name, v, 0);
}

/**
 * The Slurm array task's shard, or undefined outside a job array. With `--shards n` the task ID
 * is the index itself (so `sbatch --array=7,12` re-runs shards 7 and 12 of 16); without it the
 * array must be contiguous and its size is the count, its first ID shard 0.
 */
function fromSlurm(env: Env, shards: number | undefined): ShardSpec | undefined {
  const id = envInt(env, "SLURM_ARRAY_TASK_ID");
  if (id === undefined) return undefined;
  if (shards !== undefined) {
    if (id >= shards)
      throw new UserError(
        `SLURM_ARRAY_TASK_ID: expected 0 to ${shards - 1} (--shards ${shards}), got ${id}`,
      );
    return { index: id, count: shards, source: "SLURM_ARRAY_TASK_ID and --shards" };
  }
  const min = envInt(env, "SLURM_ARRAY_TASK_MIN") ?? 0;
  const max = envInt(env, "SLURM_ARRAY_TASK_MAX");
  const total = envInt(env, "SLURM_ARRAY_TASK_COUNT");
  const span = max === undefined ? undefined : max - min + 1;
  if (total !== undefined && span !== undefined && total !== span)
    throw new UserError(
      `SLURM_ARRAY_TASK_COUNT: expected ${span} tasks (a contiguous array ${min}-${max}), got ${total}; use --array=0-N, or --shards n`,
    );
  const count = total ?? span;
  if (count === undefined)
    throw new UserError(
      "SLURM_ARRAY_TASK_ID: expected SLURM_ARRAY_TASK_COUNT or --shards n with it, got neither",
    );
  const index = id - min;
  if (index < 0 || index >= count)
    throw new UserError(`SLURM_ARRAY_TASK_ID: expected ${min} to ${min + count - 1}, got ${id}`);
  return { index, count, source: "SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT" };
}

/**
 * The shard to compute, or undefined to compute the whole study.
 *
 * @param env - the process environment (only read when `--shard` is not given).
 * @param note - told why the environment was or was not used (for stderr).
 */
export function resolveShard(
  args: Readonly<Record<string, unknown>>,
  env: Env,
  note: (line: string) => void,
): ShardSpec | undefined {
  const flag = lastString(args.shard);
  const shardsFlag = lastString(args.shards);
  if (flag !== undefined) {
    if (shardsFlag !== undefined)
      throw new UserError("--shards: expected either --shard i/n or --shards n, got both");
    return parseShardFlag(flag);
  }
  const shards = shardsFlag === undefined ? undefined : parseIntegerFlag("--shards", shardsFlag, 1);
  const spec = fromSlurm(env, shards) ?? fromKubernetes(env, shards, note);
  if (spec !== undefined) note(`hasim: shard ${spec.index}/${spec.count} (from ${spec.source})`);
  else if (shards !== undefined)
    throw new UserError(
      `--shards ${shards}: expected SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX in the environment, got neither (use --shard i/${shards} by hand)`,
    );
  return spec;
}

function fromKubernetes(
  env: Env,
  shards: number | undefined,
  note: (line: string) => void,
): ShardSpec | undefined {
  const index = envInt(env, "JOB_COMPLETION_INDEX");
  if (index === undefined) return undefined;
  if (shards === undefined) {
    note("hasim: JOB_COMPLETION_INDEX is set but --shards n is not: running the whole study");
    return undefined;
  }
  if (index >= shards)
    throw new UserError(`JOB_COMPLETION_INDEX: expected 0 to ${shards - 1}, got ${index}`);
  return { index, count: shards, source: "JOB_COMPLETION_INDEX and --shards" };
}
