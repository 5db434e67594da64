/**
 * Issue 18 items 4 and 7, with the built binary: `kill -9` at each step of replacing a results
 * folder and at random instants leaves the old experiment or the new one, whole (and the next
 * run cleans up); SIGTERM and SIGINT stop a run with one line, exit 143 / 130, nothing written.
 * The runs that are killed are processes of the built binary; the runs before and after them (the
 * two result sets, the clean-up by the next run) go through the CLI's `main` in-process.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { beforeAll, describe, expect, it } from "vitest";
import { CRASH_POINTS } from "../../src/cli/crash-point.js";
import { hasimModel, ROOT, TINY, tempDir } from "../cli/helpers.js";
import { ensureBuilt, MAIN } from "./built.js";

type Snapshot = Record<string, string>;

function snapshot(dir: string): Snapshot {
  const s: Snapshot = {};
  for (const n of readdirSync(dir).sort()) s[n] = readFileSync(join(dir, n), "utf8");
  return s;
}

function bin(args: readonly string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
}

/** meta.json and runs.csv of a folder tell the same experiment: the same seeds. */
function agrees(s: Snapshot): boolean {
  const meta = JSON.parse(s["meta.json"] ?? "{}") as { seeds?: string[] };
  const [header, ...rows] = (s["runs.csv"] ?? "").trim().split("\n");
  const col = (header ?? "").split(",").indexOf("seed");
  const seeds = new Set(rows.map((r) => r.split(",")[col]));
  return col >= 0 && [...seeds].sort().join() === [...(meta.seeds ?? [])].sort().join();
}

describe("a results folder through kill -9", () => {
  const root = tempDir();
  const out = join(root, "r");
  const OLD = ["run", TINY, "--seed", "1", "--trace", "-q", "--out", out];
  const NEW = ["run", TINY, "--seed", "2", "-q", "--force", "--out", out];
  let old: Snapshot;
  let fresh: Snapshot;
  const saved = join(tempDir(), "old");

  beforeAll(async () => {
    ensureBuilt();
    expect((await hasimModel(NEW)).code).toBe(0);
    fresh = snapshot(out);
    rmSync(out, { recursive: true });
    expect((await hasimModel(OLD)).code).toBe(0);
    old = snapshot(out);
    cpSync(out, saved, { recursive: true });
    expect(agrees(old) && agrees(fresh)).toBe(true);
    expect(Object.keys(old)).toContain("trace.csv");
    expect(Object.keys(fresh)).not.toContain("trace.csv");
  }, 300_000);

  /** After a crash: the old set or the new set, whole (or the old one set aside, whole). */
  async function checkAfterCrash(when: string): Promise<void> {
    const left = readdirSync(root).filter((n) => n !== "r");
    if (existsSync(out)) {
      const s = snapshot(out);
      expect([old, fresh], when).toContainEqual(s);
    } else {
      const aside = left.find((n) => n.startsWith(".r.hasim-old-"));
      expect(aside, when).toBeDefined();
      expect(snapshot(join(root, aside!)), when).toEqual(old);
    }
    for (const n of left) expect(n, when).toMatch(/^\.r\.hasim-(new|old)-\d+$/);
    // The next run cleans up and writes the new set whole.
    expect((await hasimModel(NEW)).code, when).toBe(0);
    expect(snapshot(out), when).toEqual(fresh);
    expect(readdirSync(root), when).toEqual(["r"]);
  }

  function restoreOld(): void {
    rmSync(out, { recursive: true, force: true });
    cpSync(saved, out, { recursive: true });
  }

  it.each(CRASH_POINTS)("at %s", async (point) => {
    restoreOld();
    const r = bin(NEW, { HASIM_CRASH_AT: point });
    expect(r.signal).toBe("SIGKILL");
    await checkAfterCrash(point);
  });

  it("at random instants of a run replacing an earlier result", async () => {
    const draw = seedrandom.alea("crash-instants");
    const t0 = Date.now();
    expect(bin(NEW).status).toBe(0);
    const runMs = Date.now() - t0;
    for (let i = 0; i < 4; i++) {
      restoreOld();
      // Most of a run is simulation; the later half holds the write phase.
      const delayMs = Math.floor((0.5 + 0.7 * draw()) * runMs);
      const child = spawn(process.execPath, [MAIN, ...NEW], { cwd: ROOT, stdio: "ignore" });
      const timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
      await new Promise((resolve) => child.on("exit", resolve));
      clearTimeout(timer);
      await checkAfterCrash(`kill -9 after ${delayMs} ms`);
    }
  }, 300_000);
});

describe("stopped by a signal", () => {
  beforeAll(() => {
    ensureBuilt();
  }, 300_000);

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)(
    "%s: one line, exit %i, no results",
    async (signal, code) => {
      const out = join(tempDir(), "r");
      const args = ["run", join(ROOT, "scenarios", "primary-crash.yaml"), "--replications", "40"];
      const child = spawn(process.execPath, [MAIN, ...args, "-q", "--out", out], { cwd: ROOT });
      let err = "";
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (s: string) => {
        if (err === "" && s.startsWith("hasim: ")) setTimeout(() => child.kill(signal), 300);
        err += s;
      });
      const status = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(status).toBe(code);
      expect(err.split("\n").filter((l) => l.startsWith("hasim: stopped"))).toEqual([
        `hasim: stopped by ${signal}; no results were written`,
      ]);
      expect(err).not.toMatch(/internal error|\n\s+at /);
      expect(existsSync(out)).toBe(false);
    },
    120_000,
  );
});

describe("worker threads only when they pay", () => {
  beforeAll(() => {
    ensureBuilt();
  }, 300_000);

  it("gives the same bytes on forced workers as in-process (where small work now runs)", () => {
    const csvs = (s: Snapshot): Snapshot =>
      Object.fromEntries(Object.entries(s).filter(([n]) => n.endsWith(".csv")));
    const one = join(tempDir(), "one");
    const two = join(tempDir(), "two");
    expect(bin(["run", TINY, "-q", "--jobs", "1", "--out", one]).status).toBe(0);
    const forced = bin(["run", TINY, "-q", "--jobs", "2", "--out", two], {
      HASIM_WORKERS: "always",
    });
    expect(forced.status).toBe(0);
    expect(csvs(snapshot(two))).toEqual(csvs(snapshot(one)));
    expect(Object.keys(csvs(snapshot(one)))).toContain("runs.csv");
  }, 120_000);
});
