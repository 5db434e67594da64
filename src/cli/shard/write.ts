/**
 * Runs one shard of a study and writes its folder: `units.jsonl` (one raw result per unit, in
 * study order) and then `manifest.json`. Both are written atomically and the manifest last, so
 * a shard killed at any moment leaves no manifest and `hasim merge --status` reports it missing.
 *
 * @module
 */
import { join } from "node:path";
import { scenarioToRaw } from "../../scenario/index.js";
import type { RunResult } from "../../sim/result.js";
import { encodeUnit } from "../../study/codec.js";
import { MANIFEST_FORMAT, manifestJson, scenarioHash } from "../../study/manifest.js";
import { expectedCost, splitByCost } from "../../study/split.js";
import { unitKey } from "../../study/units.js";
import { jobsFlag } from "../commands/options.js";
import type { CliContext } from "../context.js";
import { writeOutputs } from "../output.js";
import { runTasks } from "../pool.js";
import { startProgress } from "../progress.js";
import { hasimVersion } from "../version.js";
import { studyArgs, studyArgv } from "./argv.js";
import type { StudyWork } from "./index.js";
import type { ShardSpec } from "./spec.js";

/** The files of a shard folder (an earlier shard's are replaced). */
export function isShardFile(name: string): boolean {
  return name === "units.jsonl" || name === "manifest.json";
}

/** `shard-03-of-16`: zero-padded so that folders sort in index order. */
export function shardFolderName(index: number, count: number): string {
  const width = String(count - 1).length;
  return `shard-${String(index).padStart(width, "0")}-of-${count}`;
}

/** The units of each shard of a study (indices into its tasks). */
export function shardUnits(work: StudyWork, count: number): number[][] {
  const costs = work.tasks.map((t) => expectedCost(work.loaded[t.group]!.scenario, t.trace));
  return splitByCost(costs, count);
}

/**
 * Runs the shard's units and writes its folder under the command's output folder.
 *
 * @returns the exit code (0; invariant violations are reported by the merge, like a run's).
 */
export async function runShard(
  args: Record<string, unknown>,
  ctx: CliContext,
  work: StudyWork,
  spec: ShardSpec,
): Promise<number> {
  const mine = shardUnits(work, spec.count)[spec.index]!;
  const tasks = mine.map((i) => work.tasks[i]!);
  const seed = work.loaded[0]?.scenario.seed ?? 0;
  ctx.io.stderr(
    `hasim: shard ${spec.index}/${spec.count}: ${tasks.length} of ${work.tasks.length} runs, seed ${seed}\n`,
  );
  const progress = startProgress(tasks.length, "runs", ctx.io, args.quiet === true);
  let results: RunResult[];
  try {
    results = await runTasks(work.loaded, tasks, {
      jobs: jobsFlag(args),
      onDone: () => {
        progress.tick();
      },
      runner: ctx.runner,
    });
  } finally {
    progress.stop();
  }
  const sweep = work.loaded.length > 1;
  const keys = tasks.map((t) => unitKey(t, sweep));
  const units = results.map((result, i) => encodeUnit({ unit: keys[i]!, result })).join("");
  const manifest = manifestJson({
    format: MANIFEST_FORMAT,
    hasim: hasimVersion(),
    command: studyArgv(ctx.argv),
    scenarioHash: scenarioHash(work.loaded.map((l) => scenarioToRaw(l.scenario))),
    shard: { index: spec.index, count: spec.count },
    totalUnits: work.tasks.length,
    units: keys,
    args: studyArgs(args),
  });
  const dir = join(work.outDir, shardFolderName(spec.index, spec.count));
  writeOutputs(dir, [
    { name: "units.jsonl", content: units },
    { name: "manifest.json", content: manifest },
  ]);
  ctx.io.stderr(
    `shard ${spec.index}/${spec.count}: ${tasks.length} of ${work.tasks.length} units in ${dir}\n`,
  );
  return 0;
}
