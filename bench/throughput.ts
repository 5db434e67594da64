/**
 * Item (a) of `npm run bench`: mail throughput of the whole `hasim` process on the throughput
 * scenario (scenarios/baseline.yaml: 50 mails/s, no faults; one simulated day, one replication,
 * policy `off`), beside the same M/M/c mail model written without a framework
 * (`../shared/bench/mail_floor.mjs`: `ev`, `ev2`, `kw`, `kwfull`; `mail_floor.c`, built with
 * `gcc -O2` into a temporary folder) and in SimPy 2 (bench/simpy_mail.py).
 *
 * Every side is a whole process measured the same way (CPU seconds, user + system, from GNU
 * time), over the same simulated day, so each ratio is mails per CPU second against mails per
 * CPU second. SimPy is the exception, to hasim's disadvantage: a day takes SimPy about 20 s, so
 * it simulates `simpySec` and is credited with the CPU time of its simulation alone (Python's
 * start-up excluded).
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO, findSimPy2, repoPath, runJsonChild } from "./common.js";
import { hasimRun, scenarioPath, type HasimRun } from "./hasim-cli.js";
import { median, timeOk } from "./process-time.js";

/** The throughput scenario's mail model: rate, delivery workers, mean delivery time. */
const RATE_PER_S = 50;
const WORKERS = 8;
const DELIVERY_MEAN_S = 0.1;
const DAY_S = 86_400;

/** The shared reference programs. */
const FLOOR_DIR = join(REPO, "..", "shared", "bench");

/** One side of the comparison. */
export interface ThroughputRow {
  readonly name: string;
  readonly mails: number;
  /** Median CPU seconds of the whole process. */
  readonly cpuSec: number;
  /** Median wall seconds of the whole process. */
  readonly wallSec: number;
  /** Mails per CPU second of the whole process (SimPy: of its simulation, see the module). */
  readonly mailsPerCpuSec: number;
  /** Mean latency, seconds: the same model gives about the same figure. */
  readonly latencyMeanS: number | null;
}

/** What item (a) measured; a reference is null when it could not run here. */
export interface Throughput {
  readonly hasim: ThroughputRow;
  readonly floors: readonly ThroughputRow[];
  readonly ev2: ThroughputRow | null;
  readonly simpy: ThroughputRow | null;
  readonly notes: readonly string[];
}

function row(name: string, mails: number, cpu: number[], wall: number[], lat: number | null) {
  const cpuSec = median(cpu);
  return {
    name,
    mails,
    cpuSec,
    wallSec: median(wall),
    mailsPerCpuSec: mails / cpuSec,
    latencyMeanS: lat,
  };
}

/** `hasim run baseline --horizon 1d --replications 1 --policy off`, `repeats` times. */
function measureHasim(repeats: number): ThroughputRow {
  const runs: HasimRun[] = [];
  for (let i = 0; i < repeats; i++) {
    const r = hasimRun(scenarioPath("baseline.yaml"), [
      "--horizon",
      "1d",
      "--replications",
      "1",
      "--policy",
      "off",
    ]);
    if ("refused" in r) throw new Error(r.refused);
    runs.push(r);
  }
  const first = runs[0]!;
  const lat = Number(first.runs[0]?.latency_mean_s);
  return row(
    "hasim run (whole CLI process)",
    first.mails,
    runs.map((r) => r.cpuSec),
    runs.map((r) => r.wallSec),
    Number.isFinite(lat) ? lat : null,
  );
}

/** `key=value` fields of a reference program's one output line. */
function fields(line: string): Record<string, string> {
  return Object.fromEntries(
    line
      .trim()
      .split(/\s+/)
      .filter((w) => w.includes("="))
      .map((w) => w.split("=") as [string, string]),
  );
}

/** A reference program over the same day, `repeats` whole processes. */
function measureFloor(name: string, cmd: string, args: string[], repeats: number): ThroughputRow {
  const runs = Array.from({ length: repeats }, () => timeOk(cmd, args));
  const f = fields(runs[0]!.stdout);
  return row(
    name,
    Number(f.mails),
    runs.map((r) => r.cpuSec),
    runs.map((r) => r.wallSec),
    Number(f.lat_mean),
  );
}

/** Builds mail_floor.c into a temporary folder; null (with a note) without gcc or the file. */
function buildCFloor(notes: string[]): string | null {
  const src = join(FLOOR_DIR, "mail_floor.c");
  if (!existsSync(src)) {
    notes.push(`C floor skipped: ${src} not found`);
    return null;
  }
  const bin = join(mkdtempSync(join(tmpdir(), "hasim-floor-")), "mail_floor");
  const r = spawnSync("gcc", ["-O2", "-o", bin, src, "-lm"], { encoding: "utf8" });
  if (r.status !== 0) {
    notes.push("C floor skipped: gcc not found or failed");
    return null;
  }
  return bin;
}

function measureSimPy(python: string, simpySec: number): ThroughputRow {
  const args = [String(simpySec), String(RATE_PER_S), String(WORKERS), String(DELIVERY_MEAN_S)];
  const py = runJsonChild(python, [repoPath("bench/simpy_mail.py"), ...args]).value as {
    simpy: string;
    mails: number;
    sec: number;
    cpu_sec: number;
    latency_mean_s: number;
  };
  return {
    name: `SimPy ${py.simpy} (${simpySec} simulated s, simulation only)`,
    mails: py.mails,
    cpuSec: py.cpu_sec,
    wallSec: py.sec,
    mailsPerCpuSec: py.mails / py.cpu_sec,
    latencyMeanS: py.latency_mean_s,
  };
}

/**
 * Measures item (a).
 *
 * @param repeats - whole processes per program (the median is kept).
 * @param simpySec - simulated seconds for SimPy (a day would take it about 20 s).
 */
export function measureThroughput(repeats: number, simpySec: number): Throughput {
  const notes: string[] = [];
  const model = [RATE_PER_S, WORKERS, DELIVERY_MEAN_S, DAY_S].map(String);
  const hasim = measureHasim(repeats);
  const floors: ThroughputRow[] = [];
  const mjs = join(FLOOR_DIR, "mail_floor.mjs");
  if (existsSync(mjs)) {
    for (const mode of ["ev2", "ev", "kw", "kwfull"]) {
      const args = [mjs, mode, "fast", ...model];
      floors.push(measureFloor(`mail_floor.mjs ${mode}`, process.execPath, args, repeats));
    }
  } else notes.push(`JS floors skipped: ${mjs} not found`);
  const c = buildCFloor(notes);
  if (c !== null) {
    for (const mode of ["ev", "kw"])
      floors.push(measureFloor(`mail_floor.c ${mode}`, c, [mode, ...model], repeats));
  }
  const python = findSimPy2();
  if (python === null) notes.push("SimPy skipped: SimPy 2 not found (Debian: python3-simpy)");
  const simpy = python === null ? null : measureSimPy(python, simpySec);
  const ev2 = floors.find((f) => f.name.endsWith(" ev2")) ?? null;
  return { hasim, floors, ev2, simpy, notes };
}
