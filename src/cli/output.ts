/**
 * The only module of the CLI that writes result files. A results folder is replaced as a whole:
 * the new set is written into a sibling folder `.<name>.hasim-new-<pid>` (every file fsynced),
 * then the old folder is renamed aside to `.<name>.hasim-old-<pid>`, the new one renamed into
 * place, the parent fsynced, and the old one removed. Nothing is written until all simulation
 * has succeeded. A crash (`kill -9`, power loss) at any instant leaves either the old set or the
 * new set whole; between the two renames the folder is briefly absent and the old set whole in
 * its `-old-` sibling, and the next hasim run that writes there puts it back (or replaces it)
 * and removes every leftover of a dead hasim process. SIGINT and SIGTERM cannot interrupt the
 * write: it is synchronous, so their handlers run before it starts or after it has finished.
 *
 * Files of the experiment (CSVs, meta.json, timelines, fuzz files, the report and its charts)
 * are replaced; anything else in the folder (a user's notes, a `fuzz/` subfolder, which is an
 * experiment of its own) is carried over into the new folder by hard links (copied where links
 * are not possible).
 *
 * @module
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { crashPoint } from "./crash-point.js";
import { noteResultsWritten } from "./signals.js";

export { safeFolderName } from "./safe-name.js";

/** A file to write: its name inside the output folder and its whole content. */
export interface OutputFile {
  readonly name: string;
  readonly content: string;
}

/** How {@link writeOutputs} treats what the folder already holds. */
export interface WriteOptions {
  /**
   * Files of the old folder to keep in the new one, besides those that are not experiment
   * files (see {@link isExperimentFile}), which are always kept. `hasim report` keeps the run's
   * files and replaces only the report.
   */
  readonly keep?: (name: string) => boolean;
}

/**
 * Files that hasim writes into a results folder: run, sweep and fuzz results, meta.json, the
 * report and its charts, and the per-file temporaries of hasim versions before whole-folder
 * replacement. A folder's other entries are not part of its experiment.
 */
export function isExperimentFile(name: string): boolean {
  return (
    /^(runs|summary|compare|trace|sweep|fuzz|robustness)\.csv$|^meta\.json$|^timeline-.+\.json$/.test(
      name,
    ) ||
    /^counterexample-.+\.(yaml|story\.txt|timeline\.json)$/.test(name) ||
    /^report\.html$|^(comparison|differences|sweep|timeline-|counterexample-).*\.svg$/.test(name) ||
    /^\..+\.\d+\.tmp$/.test(name)
  );
}

/** `.<name>.hasim-new-<pid>` and `.<name>.hasim-old-<pid>`: siblings of a folder being replaced. */
const LEFTOVER = /^\.(.+)\.hasim-(new|old)-(\d+)$/;

function sibling(abs: string, kind: "new" | "old", pid: number): string {
  return join(dirname(abs), `.${basename(abs)}.hasim-${kind}-${pid}`);
}

/** Whether process `pid` still runs (then its siblings are in use, not leftovers). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Cleans up after crashed hasim runs that were replacing `dir`: an `-old-` sibling whose folder
 * is missing (a crash between the two renames) is renamed back into place; every other leftover
 * of a dead process is removed.
 *
 * @returns what was done, one phrase per leftover (empty when there was nothing).
 */
export function recoverLeftovers(dir: string): string[] {
  const abs = resolve(dir);
  const parent = dirname(abs);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const done: string[] = [];
  // Old sets first, so that a restored folder is in place before new sets are judged.
  const leftovers = names
    .map((n) => LEFTOVER.exec(n))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === basename(abs))
    .filter((m) => !isAlive(Number(m[3])))
    .sort((a, b) => (a[2] === b[2] ? 0 : a[2] === "old" ? -1 : 1));
  for (const m of leftovers) {
    const path = join(parent, m[0]);
    if (m[2] === "old" && !existsSync(abs)) {
      renameSync(path, abs);
      done.push(`restored ${abs} from an interrupted run`);
    } else {
      rmSync(path, { recursive: true, force: true });
      done.push(`removed ${path}, left by an interrupted run`);
    }
  }
  if (done.length > 0) fsyncDir(parent);
  return done;
}

/** Writes a file and forces it to the disk before returning. */
function writeDurably(path: string, content: string): void {
  const fd = openSync(path, "wx", 0o644);
  try {
    writeSync(fd, content, null, "utf8");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Forces a folder's entries (names, renames) to the disk; a no-op where folders cannot be synced. */
function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // EINVAL/EISDIR on file systems that do not sync folders: nothing more can be done.
  } finally {
    closeSync(fd);
  }
}

/** Hard-links (or copies) `from` to `to`, recursively for folders. */
function carry(from: string, to: string): void {
  const st = lstatSync(from);
  if (st.isDirectory()) {
    mkdirSync(to);
    for (const name of readdirSync(from)) carry(join(from, name), join(to, name));
  } else if (st.isFile()) {
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
  // Symbolic links, FIFOs and sockets are not results: they are not carried over.
}

/** The folder to replace: `dir` made absolute, through a symbolic link if `dir` is one. */
function target(dir: string): string {
  const abs = resolve(dir);
  try {
    if (lstatSync(abs).isSymbolicLink()) return realpathSync(abs);
  } catch {
    // does not exist yet
  }
  return abs;
}

/** Fills the new folder: the old folder's kept entries, then the new files, all synced. */
function fillNew(fresh: string, old: string | null, files: readonly OutputFile[], o: WriteOptions) {
  mkdirSync(fresh, { mode: 0o755 });
  const written = new Set(files.map((f) => f.name));
  if (old !== null) {
    for (const name of readdirSync(old)) {
      if (written.has(name) || LEFTOVER.test(name)) continue;
      if (!isExperimentFile(name) || o.keep?.(name) === true)
        carry(join(old, name), join(fresh, name));
    }
  }
  let first = true;
  for (const f of files) {
    writeDurably(join(fresh, f.name), f.content);
    if (first) crashPoint("write");
    first = false;
  }
  fsyncDir(fresh);
}

/**
 * Replaces the folder `dir` (created with its parents if needed) by one holding `files`, the
 * old folder's entries that are not experiment files, and those that `options.keep` accepts;
 * see the module comment for how this stays whole through a crash.
 */
export function writeOutputs(
  dir: string,
  files: readonly OutputFile[],
  options: WriteOptions = {},
): void {
  const abs = target(dir);
  const parent = dirname(abs);
  mkdirSync(parent, { recursive: true });
  recoverLeftovers(abs);
  const fresh = sibling(abs, "new", process.pid);
  const exists = existsSync(abs);
  try {
    fillNew(fresh, exists ? abs : null, files, options);
  } catch (e) {
    rmSync(fresh, { recursive: true, force: true });
    throw e;
  }
  if (exists) {
    const old = sibling(abs, "old", process.pid);
    crashPoint("rename-old");
    renameSync(abs, old);
    crashPoint("rename-new");
    renameSync(fresh, abs);
    fsyncDir(parent);
    crashPoint("remove-old");
    rmSync(old, { recursive: true, force: true });
  } else {
    crashPoint("rename-new");
    renameSync(fresh, abs);
    fsyncDir(parent);
  }
  noteResultsWritten(dir);
}

/**
 * Writes one file atomically (a user-named file such as an imported scenario, not a results
 * folder): a temporary beside it, synced, then renamed over it. A crash leaves the old file or the
 * new one, and at worst a `.<name>.hasim-tmp-<pid>` beside it.
 */
export function writeFileAtomic(path: string, content: string): void {
  const dir = dirname(resolve(path));
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.hasim-tmp-${process.pid}`);
  rmSync(tmp, { force: true });
  writeDurably(tmp, content);
  renameSync(tmp, path);
  fsyncDir(dir);
}
