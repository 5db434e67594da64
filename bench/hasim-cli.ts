/**
 * The real `hasim` command line as the benchmarks run it: `node <cli> run <scenario> --out <tmp>`,
 * a whole process timed from outside (bench/process-time.ts), never a child that imports only the
 * simulation. The default is what `npx hasim` runs: the `bin` of package.json (the bundled
 * CLI, dist/bin/main.js). `--cli PATH` on the bench's command line times another build (e.g. the
 * main branch's `dist/src/cli/main.js`, for a before/after column).
 *
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { REPO } from "./common.js";
import { timeProcess, type ProcessRun } from "./process-time.js";

function cliFromArgv(): string {
  const i = process.argv.indexOf("--cli");
  const given = i >= 0 ? process.argv[i + 1] : undefined;
  if (given !== undefined) return resolve(given);
  const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as {
    bin: { hasim: string };
  };
  return join(REPO, pkg.bin.hasim);
}

/** The CLI entry the benchmarks time. */
export const CLI = cliFromArgv();

/** A finished `hasim run`: the process figures and the mails it simulated. */
export interface HasimRun extends ProcessRun {
  /** Sum of `arrived` over runs.csv: every mail of every run. */
  readonly mails: number;
  /** The runs.csv rows. */
  readonly runs: readonly Record<string, string>[];
}

/** Rows of a CSV with a header and no quoted commas (runs.csv's numeric columns). */
function readCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split("\n");
  const cols = (head ?? "").split(",");
  return lines.map((l) => {
    const cells = l.split(",");
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? ""]));
  });
}

/**
 * `hasim run <scenario> <flags> --out <tmp> -q` as a whole process. Returns `{ refused }` with the CLI's
 * one-line message when it refuses the input (exit 2: e.g. a field this build does not know);
 * throws on any other failure.
 */
export function hasimRun(
  scenario: string,
  flags: readonly string[],
): HasimRun | { refused: string } {
  const dir = mkdtempSync(join(tmpdir(), "hasim-bench-"));
  try {
    const out = join(dir, "out");
    const r = timeProcess(process.execPath, [CLI, "run", scenario, ...flags, "--out", out, "-q"]);
    const line = r.stderr.trim().split("\n").pop() ?? "";
    if (r.status === 2) return { refused: line };
    if (r.status !== 0) throw new Error(`hasim run ${scenario} exited with ${r.status}: ${line}`);
    const runs = readCsv(readFileSync(join(out, "runs.csv"), "utf8"));
    const mails = runs.reduce((s, row) => s + Number(row.arrived), 0);
    return { ...r, mails, runs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A repository path for a scenario (the bench runs in the repository). */
export const scenarioPath = (name: string): string => join(REPO, "scenarios", name);
