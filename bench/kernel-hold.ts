/**
 * Kernel benchmark: the classic hold model, plus a heartbeat-timer mix, compared with the
 * team's reference programs in `../shared/bench/` (hold.mjs, and hold.c when gcc exists).
 *
 * Hold model: N events pending; each event, when run, schedules one more at now + Exp(mean 1 s)
 * (integer µs, drawn with the kernel's Rng), so the queue stays at N. Events/s is the median of
 * several repeats, each on a fresh scheduler filled before the clock starts.
 *
 * Heartbeat mix: the same, and each event also re-arms one of 1000 timers to now + 30 s (later
 * than its current arming: the pattern of a watchdog reset on every message), and every 64th
 * event cancels one; a timer that fires re-arms itself.
 *
 * Run: `npm run build && npm run bench:kernel` (or `node dist/bench/kernel-hold.js [--quick]`).
 * `runKernelBench()` returns the printed lines for `bench/run-all.ts`.
 *
 * @module
 */

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sampleExponentialUs } from "../src/kernel/dist.js";
import { Rng } from "../src/kernel/rng.js";
import { Scheduler } from "../src/kernel/scheduler.js";
import { runTiesModel } from "./kernel-ties.js";

const MEAN_US = 1_000_000;
const HEARTBEAT_US = 30_000_000;
const TIMERS = 1000;

/** Options for {@link runKernelBench}. */
export interface KernelBenchOptions {
  /** Fewer events and repeats (a smoke run, seconds instead of a minute). Default false. */
  quick?: boolean;
  /** Called with each line as soon as it is ready (e.g. `console.log`). Default: none. */
  log?: (line: string) => void;
}

/** One hold-model measurement row. */
export interface HoldRow {
  readonly n: number;
  readonly events: number;
  readonly oursPerS: number;
  readonly holdMjsPerS: number | null;
  readonly cPerS: number | null;
}

/** Runs the hold model on the kernel once; returns events per second of the timed run. */
export function holdOnce(n: number, m: number, seed = 1): number {
  const sched = new Scheduler({ initialCapacity: n + 16 });
  const rng = Rng.fromSeed(seed).fork("hold");
  let count = 0;
  const tick = sched.register(() => {
    if (++count === m) sched.stop();
    sched.after(sampleExponentialUs(MEAN_US, rng), 0, tick);
  });
  for (let i = 0; i < n; i++) sched.at(sampleExponentialUs(MEAN_US, rng), 0, tick);
  const t0 = process.hrtime.bigint();
  sched.run();
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  if (count !== m) throw new Error(`hold model ran ${count} events, expected ${m}`);
  return m / sec;
}

/** Runs the heartbeat mix once; returns handler calls per second of the timed run. */
export function heartbeatOnce(n: number, m: number, seed = 1): number {
  const sched = new Scheduler({ initialCapacity: n + TIMERS + 16 });
  const rng = Rng.fromSeed(seed).fork("heartbeat");
  let count = 0;
  const timers: number[] = [];
  const tick = sched.register(() => {
    if (++count === m) sched.stop();
    sched.after(sampleExponentialUs(MEAN_US, rng), 0, tick);
    sched.armAfter(timers[count % TIMERS]!, HEARTBEAT_US); // later than before: no heap push
    if ((count & 63) === 0) sched.cancel(timers[(count * 7) % TIMERS]!);
  });
  const expire = sched.register((k) => {
    if (++count === m) sched.stop();
    sched.armAfter(timers[k]!, HEARTBEAT_US);
  });
  for (let k = 0; k < TIMERS; k++) {
    timers.push(sched.createTimer(expire, 1, k));
    sched.arm(timers[k]!, HEARTBEAT_US + k);
  }
  for (let i = 0; i < n; i++) sched.at(sampleExponentialUs(MEAN_US, rng), 0, tick);
  const t0 = process.hrtime.bigint();
  sched.run();
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  return m / sec;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The repository root: the nearest ancestor of this file with a package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "hasim"
    )
      return dir;
    const up = dirname(dir);
    if (up === dir)
      throw new Error(
        "cannot find the hasim repository root above " + fileURLToPath(import.meta.url),
      );
    dir = up;
  }
}

function eventsPerS(output: string): number {
  const m = /events_per_s=(\d+(?:\.\d+)?)/.exec(output);
  if (m === null) throw new Error(`no events_per_s in reference output: ${output.trim()}`);
  return Number(m[1]);
}

const fmtRate = (x: number | null): string => (x === null ? "n/a" : `${(x / 1e6).toFixed(2)}M`);
const fmtRatio = (a: number, b: number | null): string =>
  b === null ? "n/a" : `${(a / b).toFixed(2)}x`;

/**
 * Runs the kernel benchmarks and the reference programs, and returns the report lines (also
 * passed one by one to `options.log`).
 */
export function runKernelBench(options: KernelBenchOptions = {}): string[] {
  const quick = options.quick ?? false;
  const lines: string[] = [];
  const out = (line: string): void => {
    lines.push(line);
    options.log?.(line);
  };
  const shared = resolve(repoRoot(), "../shared/bench");
  const holdMjs = join(shared, "hold.mjs");
  const holdC = join(shared, "hold.c");
  const haveMjs = existsSync(holdMjs);
  let cBinary: string | null = null;
  const work = mkdtempSync(join(tmpdir(), "hasim-kernel-bench-"));
  try {
    if (existsSync(holdC) && spawnSync("gcc", ["--version"]).status === 0) {
      const bin = join(work, "hold");
      const cc = spawnSync("gcc", ["-O2", "-o", bin, holdC, "-lm"], { encoding: "utf8" });
      if (cc.status === 0) cBinary = bin;
      else out(`(gcc failed to build hold.c: ${cc.stderr.trim()})`);
    }
    const cpu = cpus();
    const load = loadavg()[0]!.toFixed(2);
    out(
      `kernel hold model — node ${process.version}, ${cpu.length} cores, ${cpu[0]?.model.trim() ?? "unknown cpu"}, load average ${load} at start`,
    );
    out(
      `reference programs: ${haveMjs ? holdMjs : "hold.mjs missing"}; C: ${cBinary !== null ? "gcc -O2 hold.c" : "not available"}`,
    );
    out("");
    out("| N | events | ours ev/s (range) | hold.mjs ev/s | ours/hold.mjs | C ev/s | ours/C |");
    out("|---|---|---|---|---|---|---|");

    const sizes = [1_000, 100_000, 1_000_000];
    const rows: HoldRow[] = [];
    for (const n of sizes) {
      const m = quick ? 500_000 : n >= 1_000_000 ? 2_000_000 : 5_000_000;
      const repeats = quick ? 1 : n >= 1_000_000 ? 3 : 5;
      const refRepeats = quick ? 1 : 3;
      const ours: number[] = [];
      const mjs: number[] = [];
      const c: number[] = [];
      // Interleave ours and the references so machine load affects both alike.
      for (let r = 0; r < Math.max(repeats, refRepeats); r++) {
        if (r < repeats) ours.push(holdOnce(n, m, r + 1));
        if (r < refRepeats && haveMjs)
          mjs.push(
            eventsPerS(
              execFileSync(process.execPath, [holdMjs, String(n), String(m)], { encoding: "utf8" }),
            ),
          );
        if (r < refRepeats && cBinary !== null)
          c.push(eventsPerS(execFileSync(cBinary, [String(n), String(m)], { encoding: "utf8" })));
      }
      const row: HoldRow = {
        n,
        events: m,
        oursPerS: median(ours),
        holdMjsPerS: mjs.length ? median(mjs) : null,
        cPerS: c.length ? median(c) : null,
      };
      rows.push(row);
      const range =
        ours.length > 1 ? ` (${fmtRate(Math.min(...ours))}–${fmtRate(Math.max(...ours))})` : "";
      out(
        `| ${n.toExponential(0)} | ${m.toExponential(0)} | ${fmtRate(row.oursPerS)}${range} | ${fmtRate(row.holdMjsPerS)} | ${fmtRatio(row.oursPerS, row.holdMjsPerS)} | ${fmtRate(row.cPerS)} | ${fmtRatio(row.oursPerS, row.cPerS)} |`,
      );
    }

    out("");
    for (const n of [1_000, 100_000]) {
      const m = quick ? 500_000 : 5_000_000;
      const runs = Array.from({ length: quick ? 1 : 5 }, (_, r) => heartbeatOnce(n, m, r + 1));
      out(
        `heartbeat mix: N=${n.toExponential(0)} pending + ${TIMERS} timers re-armed later on every event, 1/64 cancelled: ${fmtRate(median(runs))} events/s`,
      );
    }

    if (haveMjs) {
      const n = 1000,
        m = quick ? 100_000 : 1_000_000;
      const ref = execFileSync(process.execPath, [holdMjs, String(n), String(m), "ties"], {
        encoding: "utf8",
      });
      const refHash = Number(/hash=(\d+)/.exec(ref)?.[1]);
      const ours = runTiesModel(n, m);
      out(
        `order check vs hold.mjs ties (N=${n}, M=${m}): hash ${ours.hash} vs ${refHash} — ${ours.hash === refHash ? "same order" : "DIFFERENT ORDER"}`,
      );
    }
    return lines;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Prints the benchmark to stdout as it runs (for `bench/run-all.ts`, which calls a module's
 * default export with `{ quick }`). Returns nothing, so the caller prints nothing more.
 */
export default function printKernelBench(options: { quick?: boolean } = {}): void {
  runKernelBench({
    quick: options.quick ?? false,
    log: (line) => {
      console.log(line);
    },
  });
}

// CLI entry: `node dist/bench/kernel-hold.js [--quick]`.
if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(resolve(process.argv[1])).href
) {
  runKernelBench({
    quick: process.argv.includes("--quick"),
    log: (line) => {
      console.log(line);
    },
  });
}
