/**
 * The only module of the CLI that writes files. Every result file is first written to a
 * temporary file in the destination folder and then renamed over its name (rename is atomic
 * within a file system), and nothing is written until all simulation has succeeded, so bad
 * input, a crash or Ctrl-C never leaves a half-written or half-updated result folder.
 *
 * @module
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { UserError } from "./errors.js";

/** A file to write: its name inside the output folder and its whole content. */
export interface OutputFile {
  readonly name: string;
  readonly content: string;
}

/**
 * Result files that `run` and `sweep` write (or may write). Those in the folder that the current
 * command did not write come from an earlier command, and are removed so that every result file
 * in the folder comes from the same command (a trace.csv of an earlier `--trace` run would
 * otherwise sit next to runs of another seed). Other files (charts, notes) are left alone.
 */
export function isResultFile(name: string): boolean {
  return /^(runs|summary|compare|trace|sweep|robustness)\.csv$|^meta\.json$|^timeline-.+\.json$/.test(
    name,
  );
}

/**
 * Writes the files into `dir` (created if needed) atomically, then removes the stale result
 * files (see {@link isResultFile}) that this command did not write.
 */
export function writeOutputs(
  dir: string,
  files: readonly OutputFile[],
  stale: (name: string) => boolean = isResultFile,
): void {
  mkdirSync(dir, { recursive: true });
  const temps: { tmp: string; final: string }[] = [];
  try {
    // All temporaries first: if the disk fills up halfway, no final file has been replaced yet.
    for (const f of files) {
      const tmp = join(dir, `.${f.name}.${process.pid}.tmp`);
      temps.push({ tmp, final: join(dir, f.name) });
      writeFileSync(tmp, f.content, "utf8");
    }
  } catch (e) {
    for (const t of temps) {
      try {
        rmSync(t.tmp, { force: true });
      } catch {
        // Keep the first error: it is the one that says what went wrong.
      }
    }
    throw e;
  }
  for (const t of temps) renameSync(t.tmp, t.final);
  const written = new Set(files.map((f) => f.name));
  for (const name of readdirSync(dir))
    if (!written.has(name) && stale(name)) rmSync(join(dir, name), { force: true });
}

/**
 * Checks, before any simulation, that the output folder can be one: it or its nearest existing
 * ancestor must be a folder (a long run should not fail at the very end on `--out somefile`).
 *
 * @param flag - how the folder was given, for the message (`--out` or the default).
 */
export function checkOutDir(dir: string, flag: string): void {
  for (let d = dir; ; d = dirname(d)) {
    let isDir: boolean;
    try {
      isDir = statSync(d).isDirectory();
    } catch {
      if (dirname(d) === d) return;
      continue; // does not exist yet: mkdir will create it
    }
    if (!isDir)
      throw new UserError(
        `${flag} ${dir}: expected a folder for the results, got ${d === dir ? "a file" : `a file at ${d}`}`,
      );
    return;
  }
}

/**
 * A scenario name made safe as one folder name: characters other than letters, digits, `.`,
 * `_` and `-` become `_`, so a name like `a/b` cannot escape `results/`.
 */
export function safeFolderName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, "_");
  return safe === "" || /^\.+$/.test(safe) ? "_" + safe : safe;
}
