/**
 * Whole-process measurements for `npm run bench`: a program's wall time, CPU time (user + system)
 * and peak resident set size, as the operating system accounts for them, read with GNU time
 * (`/usr/bin/time -f`, Debian package `time`). A Node parent cannot read a child's CPU time
 * itself, and getrusage's maxRSS in a child of a big Node parent carries the parent's
 * high-water mark over fork; `/usr/bin/time` is a small parent, so its figures are the child's.
 * Without it only the wall time (measured here) is known and CPU and RSS are NaN.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO } from "./common.js";

const GNU_TIME = "/usr/bin/time";

/** Whether CPU and peak-RSS figures of child processes can be read. */
export const HAVE_GNU_TIME = existsSync(GNU_TIME);

/** One finished process. */
export interface ProcessRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  /** Spawn to exit, seconds. */
  readonly wallSec: number;
  /** User + system CPU seconds of the process (every thread); NaN without GNU time. */
  readonly cpuSec: number;
  /** Peak resident set size, bytes; NaN without GNU time. */
  readonly maxRssBytes: number;
}

/** Runs `cmd args` to completion in the repository and measures it as a whole process. */
export function timeProcess(cmd: string, args: readonly string[]): ProcessRun {
  const dir = mkdtempSync(join(tmpdir(), "hasim-time-"));
  const out = join(dir, "time.txt");
  try {
    const [file, argv] = HAVE_GNU_TIME
      ? [GNU_TIME, ["-f", "%U %S %M", "-o", out, cmd, ...args]]
      : [cmd, [...args]];
    const t0 = performance.now();
    const r = spawnSync(file, argv, { cwd: REPO, encoding: "utf8", maxBuffer: 64 << 20 });
    const wallSec = (performance.now() - t0) / 1e3;
    if (r.error !== undefined) throw r.error;
    let cpuSec = NaN;
    let maxRssBytes = NaN;
    if (HAVE_GNU_TIME) {
      // The last line: GNU time writes "Command exited with non-zero status N" before it.
      const last = readFileSync(out, "utf8").trim().split("\n").pop() ?? "";
      const [user, sys, rssKiB] = last.split(" ").map(Number);
      cpuSec = (user ?? NaN) + (sys ?? NaN);
      maxRssBytes = (rssKiB ?? NaN) * 1024;
    }
    return { stdout: r.stdout, stderr: r.stderr, status: r.status, wallSec, cpuSec, maxRssBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Like {@link timeProcess}, but throws with the end of stderr when the program fails. */
export function timeOk(cmd: string, args: readonly string[]): ProcessRun {
  const r = timeProcess(cmd, args);
  if (r.status !== 0) {
    const tail = r.stderr.trim().split("\n").slice(-3).join(" | ");
    throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}: ${tail}`);
  }
  return r;
}

/** The median of some numbers (the upper one of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** A program measured `n` times against a reference, in turn. */
export interface Paired {
  /** Median CPU seconds of the program and of the reference. */
  readonly cpuSec: number;
  readonly refCpuSec: number;
  /** Median of the pair-by-pair CPU ratios program ÷ reference. */
  readonly cpuRatio: number;
  /** The smallest and largest pair ratio: a wide range says the machine was noisy. */
  readonly ratioMin: number;
  readonly ratioMax: number;
  readonly n: number;
}

/** A program and its arguments, asked for before each run (e.g. a fresh output folder). */
export interface Command {
  readonly cmd: string;
  args(): readonly string[];
}

/**
 * Runs a program and a reference in turn (A B A B …, after one warm-up of each) and compares
 * their CPU time pair by pair, so that a change in the machine's speed during the measurement
 * hits both sides of each pair alike.
 */
export function pairedCpu(a: Command, b: Command, n: number): Paired {
  const once = (c: Command): number => timeOk(c.cmd, c.args()).cpuSec;
  once(a);
  once(b);
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < n; i++) {
    as.push(once(a));
    bs.push(once(b));
  }
  const ratios = as.map((x, i) => x / bs[i]!);
  return {
    cpuSec: median(as),
    refCpuSec: median(bs),
    cpuRatio: median(ratios),
    ratioMin: Math.min(...ratios),
    ratioMax: Math.max(...ratios),
    n,
  };
}
