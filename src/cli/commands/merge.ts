/**
 * `hasim merge SHARD_DIR… --out DIR`: joins the shards of a study (`run|sweep … --shard i/n`)
 * into the folder the same study writes on one machine, byte for byte. The shards must agree
 * (same hasim version, command and scenarios) and hold every unit exactly once; otherwise one
 * line says what is wrong, the exit code is 2 and nothing is written. `--status` only says which
 * shards are there and which are missing.
 *
 * @module
 */
import type { Argv } from "yargs";
import { disagreement, duplicatedUnits, missingShards } from "../../study/manifest.js";
import type { CliContext, HasimCommand } from "../context.js";
import { UserError } from "../errors.js";
import { checkOutDir } from "../out-place.js";
import { findShards, readResults, type ShardSet } from "../shard/read.js";
import { markReplay, Replay } from "../shard/replay.js";
import { hasimVersion } from "../version.js";
import { ex } from "./example.js";
import { allStrings, lastString } from "./options.js";
import { writeReport } from "./report.js";
import { runCommand } from "./run.js";
import { sweepCommand } from "./sweep.js";

/** Prints which shards are there; exit 0 when the set is complete, 1 when shards are missing. */
function status(set: ShardSet, ctx: CliContext): number {
  const first = set.shards[0]!.manifest;
  const count = first.shard.count;
  const byIndex = new Map(set.shards.map((s) => [s.manifest.shard.index, s]));
  const lines = [`study: hasim ${first.command.join(" ")} (hasim ${first.hasim})`];
  let units = 0;
  for (let i = 0; i < count; i++) {
    const s = byIndex.get(i);
    if (s !== undefined) units += s.manifest.units.length;
    lines.push(
      `  shard ${i}/${count}: ${s === undefined ? "missing" : `${s.manifest.units.length} units in ${s.where}`}`,
    );
  }
  for (const u of set.unfinished) lines.push(`  unfinished (no manifest.json): ${u}`);
  const missing = missingShards(count, set.shards);
  lines.push(
    missing.length === 0
      ? `complete: ${count} of ${count} shards, ${units} of ${first.totalUnits} units`
      : `incomplete: ${count - missing.length} of ${count} shards, ${units} of ${first.totalUnits} units; missing shard(s) ${missing.join(", ")} (re-run them with --shard i/${count})`,
  );
  ctx.io.stdout(lines.join("\n") + "\n");
  return missing.length === 0 ? 0 : 1;
}

/** The command: exported for tests. */
export async function mergeCommand(
  args: Record<string, unknown>,
  ctx: CliContext,
): Promise<number> {
  const paths = allStrings(args.shards);
  const set = findShards(paths);
  if (set.shards.length === 0)
    throw new UserError(
      `hasim merge: expected shard folders (with manifest.json) in ${paths.join(", ")}, got none`,
    );
  const wrong = disagreement(set.shards) ?? duplicatedUnits(set.shards);
  if (wrong !== null) throw new UserError(`hasim merge: ${wrong}`);
  if (args.status === true) return status(set, ctx);
  const first = set.shards[0]!;
  if (first.manifest.hasim !== hasimVersion())
    throw new UserError(
      `hasim merge: ${first.where}: hasim: expected ${hasimVersion()} (this hasim), got ${first.manifest.hasim}; merge with the version that ran the shards`,
    );
  const out = lastString(args.out);
  if (out === undefined)
    throw new UserError("hasim merge: where to? expected --out DIR, got nothing");
  checkOutDir(out, "--out");
  const replay = new Replay(set.shards, readResults(set.shards));
  const study: Record<string, unknown> = {
    ...first.manifest.args,
    out,
    quiet: args.quiet !== false,
  };
  markReplay(study, replay);
  // The replayed command's stderr (its announce line) is held back until it succeeds, so that a refused
  // merge prints its one line only.
  let held = "";
  const io = { ...ctx.io, stderr: (t: string) => void (held += t) };
  const replayCtx: CliContext = { io, argv: first.manifest.command, runner: replay.runner };
  const name = first.manifest.command[0];
  const code =
    name === "sweep" ? await sweepCommand(study, replayCtx) : await runCommand(study, replayCtx);
  ctx.io.stderr(held);
  if (args.report === true && study.report !== true) await writeReport(out, ctx.io);
  return code;
}

const command: HasimCommand = {
  command: "merge <shards..>",
  describe: "join the shard folders of a study (run|sweep --shard i/n) into its results folder",
  builder: (y: Argv) =>
    y
      .positional("shards", {
        type: "string",
        array: true,
        describe: "shard folders, or folders of shard-* folders",
      })
      .option("out", { type: "string", describe: "the results folder to write" })
      .option("status", {
        type: "boolean",
        default: false,
        describe: "only say which shards are there and which are missing (exit 1 if any)",
      })
      .option("report", { type: "boolean", default: false, describe: "also draw report.html" })
      .option("quiet", { alias: "q", type: "boolean", default: true, describe: "no progress bar" })
      .example(ex("$0 merge study/shards --out study/results", "all shard-* folders"), "")
      .example(ex("$0 merge study/shards --status", "which shards are missing"), ""),
  run: (args, ctx) => mergeCommand(args, ctx),
};
export default command;
