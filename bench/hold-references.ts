/**
 * Item 1 of `npm run bench` when the kernel's own benchmark (`bench/kernel-hold.ts`) is not in the
 * tree: the kernel hold model at N = 1e3 and 1e5 against the reference programs of
 * `../shared/bench/` measured in the same run (a C binary heap, a plain-JavaScript object heap,
 * SimPy 2), so the section still prints figures with their references. When kernel-hold.ts is
 * present, run-all calls it instead.
 *
 * @module
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO, printTable, rate, ratio, runChild } from "./common.js";
import { holdAt } from "./pending-hold.js";

/** The shared reference programs, next to the repository. */
const SHARED = join(REPO, "..", "shared", "bench");

/** Runs a reference hold program and reads its `events_per_s=` figure; null when it cannot run. */
function reference(cmd: string, args: readonly string[]): number | null {
  try {
    const r = runChild(cmd, args);
    const m = /events_per_s=(\d+)/.exec(r.stdout);
    return r.status === 0 && m !== null ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Compiles hold.c with gcc -O2 into a temporary folder; null without gcc or the source. */
function buildC(dir: string): string | null {
  const src = join(SHARED, "hold.c");
  if (!existsSync(src)) return null;
  const bin = join(dir, "hold");
  try {
    const r = runChild("gcc", ["-O2", "-o", bin, src, "-lm"]);
    return r.status === 0 ? bin : null;
  } catch {
    return null;
  }
}

/** Prints the kernel hold figures beside the references; returns the kernel's events/s by N. */
export function holdWithReferences(quick: boolean, simpy: string | null): Map<number, number> {
  const sizes = [1_000, 100_000];
  const events = quick ? 2_000_000 : 10_000_000;
  const dir = mkdtempSync(join(tmpdir(), "hasim-hold-"));
  const out = new Map<number, number>();
  try {
    const cBin = buildC(dir);
    const rows = sizes.map((n) => {
      const k = holdAt(n, events).eventsPerSec;
      out.set(n, k);
      const c = cBin !== null ? reference(cBin, [String(n), String(events)]) : null;
      const js = reference(process.execPath, [join(SHARED, "hold.mjs"), String(n), String(events)]);
      const py = simpy !== null ? reference(simpy, [join(SHARED, "hold_simpy2.py"), String(n), String(quick ? 300_000 : 1_000_000)]) : null;
      const show = (x: number | null): string => (x === null ? "n/a" : rate(x));
      const vs = (x: number | null): string => (x === null ? "n/a" : ratio(k, x));
      return [`N=${n}`, rate(k), show(c), vs(c), show(js), vs(js), show(py), vs(py)];
    });
    printTable(["hold model", "kernel", "C heap", "kernel/C", "JS heap", "kernel/JS", "SimPy 2", "kernel/SimPy"], rows);
    if (cBin === null) console.log("(C reference skipped: gcc or ../shared/bench/hold.c not found)");
    if (simpy === null) console.log("(SimPy reference skipped: SimPy 2 not installed; apt-get install python3-simpy)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
