/**
 * Helpers shared by the end-to-end benchmarks (`npm run bench`): where things are, running a
 * child process and timing it as a whole, formatting figures, and the side-by-side table.
 *
 * Benchmarks are not tests: they print figures with the comparison measured in the same run and
 * never fail a build. Wall-clock time is read with `performance.now()` (allowed in bench/, never in
 * src/, whose model is deterministic).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

/** The repository root: this file is `dist/bench/common.js` once built. */
export const REPO = fileURLToPath(new URL("../../", import.meta.url));
/** A path inside the repository. */
export const repoPath = (rel: string): string => `${REPO}${rel}`;
export const CORES = availableParallelism();

/** The 1-minute load average, and a warning when other work competes for the cores. */
export function loadNote(): string {
  const l = loadavg()[0] ?? 0;
  // The benchmark itself keeps about one core busy; more than that is other work.
  const busy =
    l > CORES - 0.25
      ? `  (other work is running: wall-clock figures are pessimistic; the CPU-time figures in brackets are less affected)`
      : "";
  return `load average ${l.toFixed(2)} on ${CORES} cores${busy}`;
}

/** What a finished child process gave: its output and the wall time from spawn to exit. */
export interface ChildRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  /** Spawn to exit, seconds: the whole process, start-up included. */
  readonly wallSec: number;
}

/** Runs a program to completion and times it as a whole. */
export function runChild(
  cmd: string,
  args: readonly string[],
  options: { cwd?: string } = {},
): ChildRun {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, {
    cwd: options.cwd ?? REPO,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const wallSec = (performance.now() - t0) / 1e3;
  if (r.error !== undefined) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, wallSec };
}

/**
 * Runs a program that prints one JSON line last; throws with its stderr when it fails. The parsed
 * line is `unknown`: the caller states the shape its child prints.
 */
export function runJsonChild(
  cmd: string,
  args: readonly string[],
): { value: unknown; wallSec: number } {
  const r = runChild(cmd, args);
  const lines = r.stdout.trim().split("\n");
  const last = lines[lines.length - 1] ?? "";
  if (r.status !== 0 || !last.startsWith("{")) {
    throw new Error(
      `${cmd} ${args.join(" ")} exited with ${r.status}: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`,
    );
  }
  return { value: JSON.parse(last) as unknown, wallSec: r.wallSec };
}

/** The first Python 3 that has SimPy 2 (module `SimPy`), or null. Debian's python3-simpy installs into /usr/bin/python3. */
export function findSimPy2(): string | null {
  for (const py of ["/usr/bin/python3", "python3"]) {
    if (py.startsWith("/") && !existsSync(py)) continue;
    try {
      const r = spawnSync(py, ["-c", "import SimPy, SimPy.Simulation; print(SimPy.__version__)"], {
        encoding: "utf8",
      });
      if (r.status === 0 && r.stdout.trim().startsWith("2.")) return py;
    } catch {
      // not runnable: try the next one
    }
  }
  return null;
}

/** `12.3 M/s`, `456 k/s`: a rate with an SI prefix. */
export function rate(x: number, unit = "/s"): string {
  if (!Number.isFinite(x)) return "n/a";
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M${unit}`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k${unit}`;
  return `${x.toFixed(2)}${unit}`;
}

export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

export function ratio(a: number, b: number): string {
  return b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : "n/a";
}

/** A target line: `PASS` or `FAIL` with what was compared. */
export function verdict(ok: boolean): string {
  return ok ? "PASS" : "FAIL";
}

/** One row of a side-by-side table. */
export type Row = readonly string[];

/** Prints rows as aligned columns under a header. */
export function printTable(header: Row, rows: readonly Row[]): void {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  const line = (r: Row): string =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}
