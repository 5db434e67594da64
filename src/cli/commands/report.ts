/**
 * `hasim report <dir>`: draws the charts of a results folder — report.html (self-contained,
 * offline) and one .svg per chart — from the CSV and JSON files that `run`, `sweep` and `fuzz`
 * wrote there. `hasim run --report` calls {@link writeReport} on its folder.
 *
 * @module
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Argv } from "yargs";
import type { CliContext, CliIo, HasimCommand } from "../context.js";
import { UserError } from "../errors.js";
import { writeOutputs } from "../output.js";
import { checkOutDir } from "../out-place.js";
import { experimentId, fieldsOfMeta } from "../experiment.js";
import { ex, lastString } from "./options.js";

/** What {@link writeReport} wrote. */
export interface ReportWritten {
  /** The files written, report.html first. */
  readonly files: readonly string[];
  /** Input files left out and chart-rendering complaints (already printed to stderr when an io is given). */
  readonly warnings: readonly string[];
}

/**
 * The chart modules, loaded on first use: they pull in vega and vega-lite (about 270 modules),
 * which commands that draw nothing (`--version`, `validate`, `run` without `--report`) skip.
 */
async function charts(): Promise<typeof import("../../charts/index.js")> {
  return import("../../charts/index.js");
}

/** Reads the report's input files of `dir`, by base name. */
function readInputs(
  dir: string,
  isReportInputName: (name: string) => boolean,
): Record<string, string> {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UserError(`hasim report: ${dir}: no such folder`);
  }
  if (!isDir) throw new UserError(`hasim report: ${dir}: expected a results folder, got a file`);
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort())
    if (isReportInputName(name)) files[name] = readFileSync(join(dir, name), "utf8");
  return files;
}

/**
 * Draws the report of the results folder `dir` into `outDir` (default `dir`): writes
 * report.html and the .svg charts atomically (temporary file, then rename) and removes chart
 * files of an earlier report that this one did not write.
 *
 * @throws UserError when `dir` is not a folder or holds nothing to chart.
 */
export async function writeReport(
  dir: string,
  io?: CliIo,
  outDir: string = dir,
  title?: string,
): Promise<ReportWritten> {
  const { buildReport, isReportInputName, isReportOutputName, reportInputFromFiles } =
    await charts();
  const inputs = readInputs(dir, isReportInputName);
  const charted = Object.keys(inputs).filter((n) => n !== "meta.json" && n !== "runs.csv");
  if (charted.length === 0) {
    throw new UserError(
      `hasim report: nothing to chart in ${dir} (expected summary.csv, sweep.csv, timeline-*.json or counterexample-*.timeline.json)`,
    );
  }
  const parsed = reportInputFromFiles(inputs);
  const chartable =
    parsed.summary.length + parsed.compare.length + parsed.timelines.length > 0 ||
    parsed.counterexamples.length > 0 ||
    parsed.sweep !== null;
  if (!chartable)
    throw new UserError(
      `hasim report: nothing to chart in ${dir}: ${parsed.warnings[0] ?? "no readable results"}`,
    );
  const input = title === undefined ? parsed : { ...parsed, title };
  const { files, warnings } = await buildReport(input);
  const names = [
    "report.html",
    ...Object.keys(files)
      .filter((n) => n !== "report.html")
      .sort(),
  ];
  writeOutputs(
    outDir,
    names.map((name) => ({ name, content: files[name] ?? "" })),
    // The results stay; only the report and its charts are replaced.
    { keep: (name) => !isReportOutputName(name) },
  );
  const all = [...input.warnings, ...warnings];
  for (const w of all) io?.stderr(`hasim report: warning: ${w}\n`);
  return { files: names, warnings: all };
}

/** The experiment identity of a results folder's meta.json, if it has a readable one. */
function experimentOf(dir: string): string | undefined {
  try {
    const fields = fieldsOfMeta(JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")));
    return fields === null ? undefined : experimentId(fields);
  } catch {
    return undefined;
  }
}

/** The command: exported for tests. */
export async function reportCommand(
  args: Record<string, unknown>,
  ctx: CliContext,
): Promise<number> {
  const dir = lastString(args.dir);
  if (dir === undefined)
    throw new UserError("hasim report: which results folder? (hasim report results/<scenario>)");
  const outArg = lastString(args.out);
  const outDir = outArg ?? dir;
  checkOutDir(outDir, outArg === undefined ? "results folder" : "--out", {
    experiment: outDir === dir ? undefined : experimentOf(dir),
    force: args.force === true,
  });
  const written = await writeReport(dir, ctx.io, outDir);
  ctx.io.stderr(
    `report in ${join(outDir, "report.html")} (${written.files.length - 1} chart${written.files.length === 2 ? "" : "s"})\n`,
  );
  return 0;
}

const command: HasimCommand = {
  command: "report <dir>",
  describe: "draw report.html and .svg charts from a results folder",
  builder: (y: Argv) =>
    y
      .positional("dir", {
        type: "string",
        describe: "a results folder written by run, sweep or fuzz",
      })
      .option("out", { type: "string", describe: "write the report here instead of into <dir>" })
      .option("force", {
        type: "boolean",
        default: false,
        describe: "with --out: replace a folder that holds another experiment",
      })
      .example(ex("$0 report results/primary-crash", "charts of a run"), "")
      .example(ex("$0 report results/primary-crash --out /tmp/report", "elsewhere"), ""),
  run: (args, ctx) => reportCommand(args, ctx),
};
export default command;
