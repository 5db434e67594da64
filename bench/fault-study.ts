/**
 * Item 3 of `npm run bench`: a fault study through the built CLI, as a user runs it:
 * `hasim run scenarios/year-of-faults.yaml --jobs N` (a year of random faults, replications ×
 * 3 policies), timed as a whole process; replications per second with one job and with one job
 * per core, and the parallel speed-up.
 *
 * Also what a year-long replication costs in kernel events with closed-form heartbeats and probes
 * against one event per heartbeat and probe (`engine.heartbeats: simulated`): the closed form
 * should cost the faults and the mail, not the heartbeats.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchScript, repoPath, runJsonChild } from "./common.js";
import type { ChildFigures, ChildRequest } from "./replication-child.js";

export const FAULT_SCENARIO = "scenarios/year-of-faults.yaml";

export interface StudyRun {
  readonly jobs: number;
  readonly replications: number;
  /** Replications × policies. */
  readonly runs: number;
  /** The whole CLI process, seconds. */
  readonly sec: number;
  /** CPU seconds of the process, every thread. */
  readonly cpuSec: number;
  readonly runsPerSec: number;
}

/**
 * Runs the study through the CLI (`hasim run ... --jobs jobs`, in bench/cli-child.ts), writing to a
 * temporary folder, and times the whole process.
 */
export function measureStudy(jobs: number, replications: number, policies = 3): StudyRun {
  const out = mkdtempSync(join(tmpdir(), "hasim-bench-"));
  try {
    const args = [
      "run",
      repoPath(FAULT_SCENARIO),
      "--jobs",
      String(jobs),
      "--replications",
      String(replications),
      "--quiet",
      "--out",
      join(out, "r"),
    ];
    const child = runJsonChild(process.execPath, [benchScript("cli-child.js"), ...args]);
    const value = child.value as { code: number; cpuSec: number };
    const wallSec = child.wallSec;
    if (value.code !== 0) throw new Error(`hasim ${args.join(" ")} exited with ${value.code}`);
    const runs = replications * policies;
    return {
      jobs,
      replications,
      runs,
      sec: wallSec,
      cpuSec: value.cpuSec,
      runsPerSec: runs / wallSec,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * How many cores this benchmark can have right now: `n` processes that each spin for `cpuSec` of
 * CPU, started together. On an idle machine they finish in about `cpuSec` and the answer is `n`;
 * when other work holds a core, they take longer. A parallel speed-up cannot exceed this.
 */
export async function availableCores(n: number, cpuSec = 2): Promise<number> {
  // Reads the CPU clock only every 2^20 iterations, so the spin is user time, not system calls.
  const spin = `const t = process.cpuUsage(); let x = 0; for (;;) { for (let i = 0; i < 1048576; i++) x = (x * 31 + i) | 0; const c = process.cpuUsage(t); if (c.user + c.system >= ${cpuSec * 1e6}) break; }`;
  const t0 = performance.now();
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve, reject) => {
          const p = spawn(process.execPath, ["-e", spin], { stdio: "ignore" });
          p.on("error", reject);
          p.on("exit", () => {
            resolve();
          });
        }),
    ),
  );
  const wall = (performance.now() - t0) / 1e3;
  return Math.min(n, (n * cpuSec) / wall);
}

export interface EngineCost {
  readonly engine: "closed-form" | "simulated";
  readonly events: number;
  readonly mails: number;
  readonly runSec: number;
}

/** Kernel events of replication 0 (policy `restore`) of the study under each heartbeat engine. */
export function measureEngineCost(
  engine: "closed-form" | "simulated",
  horizon?: string,
): EngineCost {
  const req: ChildRequest = {
    scenario: repoPath(FAULT_SCENARIO),
    policy: "restore",
    sets: [`engine.heartbeats=${engine}`],
    ...(horizon !== undefined ? { horizon } : {}),
  };
  const value = runJsonChild(process.execPath, [
    benchScript("replication-child.js"),
    JSON.stringify(req),
  ]).value as ChildFigures;
  return { engine, events: value.events, mails: value.mails, runSec: value.runSec };
}
