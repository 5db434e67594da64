/**
 * Checks, before any simulation, that a results folder can be written and replaced as a whole
 * (see output.ts), so that a long run never fails at its very end, spins in `mkdir`, writes into
 * `/`, or destroys another experiment's results without being asked.
 *
 * @module
 */
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, relative, resolve, sep, isAbsolute } from "node:path";
import { UserError } from "./errors.js";
import { describeExperiment, experimentId, fieldsOfMeta } from "./experiment.js";
import { isExperimentFile, recoverLeftovers } from "./output.js";

/** Longest path component, bytes: 255 on Linux and macOS, less hasim's sibling suffix. */
const MAX_COMPONENT_BYTES = 255 - 30;
/** Longest whole path, bytes (PATH_MAX is 4096 on Linux, 1024 on macOS). */
const MAX_PATH_BYTES = 1000;
/** Pseudo file systems: nothing there is a place for results (and `mkdir` there may never return). */
const PSEUDO_ROOTS = ["/proc", "/sys", "/dev"];

/** What {@link checkOutDir} checks the folder's contents against. */
export interface PlaceOptions {
  /** Identity of the experiment about to be written (experiment.ts); absent: not checked. */
  readonly experiment?: string | undefined;
  /** Replace a folder that holds another hasim experiment. */
  readonly force?: boolean | undefined;
}

function isUnder(path: string, root: string): boolean {
  const r = relative(root, path);
  return r === "" || (!r.startsWith("..") && !isAbsolute(r));
}

/** The deepest part of `abs` that exists, and whether it is a folder. */
function nearestExisting(abs: string): { path: string; isDir: boolean } {
  for (let d = abs; ; d = dirname(d)) {
    try {
      return { path: d, isDir: statSync(d).isDirectory() };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOTDIR") continue; // a file higher up: found when the loop reaches it
      if (code !== "ENOENT") return { path: d, isDir: false };
      if (dirname(d) === d) return { path: d, isDir: true };
    }
  }
}

function isWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Refuses names the file system would refuse, before the run rather than after it. */
function checkLength(abs: string, where: string): void {
  const long = abs.split(sep).find((c) => Buffer.byteLength(c) > MAX_COMPONENT_BYTES);
  if (long !== undefined)
    throw new UserError(
      `${where}: expected folder names of at most ${MAX_COMPONENT_BYTES} bytes, got one of ${Buffer.byteLength(long)}`,
    );
  if (Buffer.byteLength(abs) > MAX_PATH_BYTES)
    throw new UserError(
      `${where}: expected a path of at most ${MAX_PATH_BYTES} bytes, got ${Buffer.byteLength(abs)}`,
    );
}

/** Checks where the folder is: not `/`, not a pseudo file system, a writable parent, not the current folder. */
function checkPlace(abs: string, where: string): void {
  if (dirname(abs) === abs)
    throw new UserError(`${where}: expected a folder hasim can replace, got the file-system root`);
  checkLength(abs, where);
  const near = nearestExisting(abs);
  if (!near.isDir)
    throw new UserError(
      `${where}: expected a folder for the results, got ${near.path === abs ? "a file" : `a file at ${near.path}`}`,
    );
  const real = resolve(near.path);
  const pseudo = PSEUDO_ROOTS.find((r) => isUnder(real, r) || isUnder(abs, r));
  if (pseudo !== undefined)
    throw new UserError(`${where}: expected a folder on a disk, got a path under ${pseudo}`);
  const exists = near.path === abs;
  if (exists && isUnder(process.cwd(), abs))
    throw new UserError(
      `${where}: expected a folder other than the current one (hasim replaces the whole folder)`,
    );
  const parent = exists ? dirname(abs) : near.path;
  if (!isWritable(parent))
    throw new UserError(
      `${where}: expected a folder hasim may write in, got no write permission in ${parent}`,
    );
  if (exists && statSync(abs).dev !== statSync(dirname(abs)).dev)
    throw new UserError(
      `${where}: expected a folder hasim can replace, got a mount point (give a folder inside it)`,
    );
}

/** A subfolder that is itself a results folder (e.g. `fuzz/` inside a run's folder). */
function isResultsSubfolder(path: string): boolean {
  try {
    return statSync(path).isDirectory() && readdirSync(path).some(isExperimentFile);
  } catch {
    return false;
  }
}

/** The folder's meta.json, parsed, or null. */
function readMeta(abs: string): unknown {
  try {
    return JSON.parse(readFileSync(resolve(abs, "meta.json"), "utf8")) as unknown;
  } catch {
    return null;
  }
}

/** Checks what an existing folder holds against the experiment about to replace it. */
function checkContents(abs: string, where: string, o: PlaceOptions): void {
  const names = readdirSync(abs).filter((n) => !/^\..+\.hasim-(new|old)-\d+$/.test(n));
  const ours = names.filter(isExperimentFile);
  if (ours.length === 0) {
    const foreign = names.filter((n) => !isResultsSubfolder(resolve(abs, n)));
    if (foreign.length > 0)
      throw new UserError(
        `${where}: expected a new, empty or results folder (hasim replaces it as a whole), got a folder holding ${JSON.stringify(foreign[0]!.slice(0, 60))}${foreign.length > 1 ? ` and ${foreign.length - 1} more` : ""}`,
      );
    return;
  }
  if (o.experiment === undefined || o.force === true) return;
  const meta = readMeta(abs);
  const fields = fieldsOfMeta(meta);
  if (fields !== null && experimentId(fields) === o.experiment) return;
  const what = fields === null ? "results without a readable meta.json" : describeExperiment(meta);
  throw new UserError(
    `${where}: holds ${what}, another experiment; give another --out, or --force to replace it`,
  );
}

/**
 * Checks, before any simulation, that `dir` can be the results folder: a folder (or a path that
 * can become one) on a disk, not `/`, whose parent hasim may write in, with names the file
 * system accepts, that does not hold another experiment (unless `force`) or files that are not
 * results. Restores a folder that a crashed run left renamed aside.
 *
 * @param flag - how the folder was given, for the message (`--out` or the default).
 * @throws UserError (one line, exit 2) when it cannot.
 */
export function checkOutDir(dir: string, flag: string, options: PlaceOptions = {}): void {
  if (dir.trim() === "")
    throw new UserError(`${flag}: expected a folder path, got ${JSON.stringify(dir)}`);
  const where = `${flag} ${dir.length > 80 ? dir.slice(0, 77) + "..." : dir}`;
  const abs = resolve(dir);
  checkPlace(abs, where);
  recoverLeftovers(abs);
  if (existsSync(abs)) checkContents(abs, where, options);
}
