/**
 * Tests that spawn the built `hasim` binary (`node dist/src/cli/main.js`), as a user runs it.
 * The build is made once for the whole suite by test/global-setup.ts. Only the build runs
 * replications on worker threads, so the `--jobs 1` vs `--jobs 2` byte-identity check lives here.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hasimModel, isOneCleanLine, ROOT, TINY, tempDir } from "./helpers.js";

const MAIN = join(ROOT, "dist", "src", "cli", "main.js");

function bin(args: readonly string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, HASIM_DEBUG: "" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`no build at ${MAIN}: test/global-setup.ts builds it`);
});

describe("the hasim binary", () => {
  it("prints help with every command", () => {
    const r = bin(["--help"]);
    expect(r.code).toBe(0);
    for (const cmd of ["run", "sweep", "validate"]) expect(r.out).toContain(`hasim ${cmd}`);
  });

  // One rejection of each origin crosses the process boundary (the argument parser, the file
  // system, a directory); the others are the same code path in-process.
  const rejections: [string, "spawned" | "in-process", string[]][] = [
    ["unknown flag", "spawned", ["run", TINY, "--frobnicate", "--out", "OUT"]],
    ["missing file", "spawned", ["run", "missing.yaml", "--out", "OUT"]],
    ["--policy bogus", "in-process", ["run", TINY, "--policy", "bogus", "--out", "OUT"]],
    ["--horizon -5s", "in-process", ["run", TINY, "--horizon", "-5s", "--out", "OUT"]],
    ["--jobs 0", "in-process", ["run", TINY, "--jobs", "0", "--out", "OUT"]],
    ["directory", "spawned", ["validate", join(ROOT, "test")]],
    ["--set without =", "in-process", ["validate", TINY, "--set", "seed"]],
    ["malformed --vary", "in-process", ["sweep", TINY, "--vary", "seed=1:", "--out", "OUT"]],
  ];
  it.each(rejections)(
    "rejects %s (%s): exit 2, one line, no stack, no files",
    async (_, how, args) => {
      const out = join(tempDir(), "out");
      const argv = args.map((a) => (a === "OUT" ? out : a));
      const r = how === "spawned" ? bin(argv) : await hasimModel(argv);
      expect(r.code).toBe(2);
      expect(isOneCleanLine(r.err)).toBe(true);
      expect(r.out).toBe("");
      expect(existsSync(out)).toBe(false);
    },
  );

  it("validates a scenario", () => {
    const r = bin(["validate", TINY]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("name: tiny");
  });

  it("writes byte-identical files with --jobs 1 and --jobs 2", () => {
    const dirs = [1, 2].map((jobs) => {
      const out = join(tempDir(), `jobs${jobs}`);
      const r = bin(["run", TINY, "--trace", "--quiet", "--jobs", String(jobs), "--out", out]);
      expect(r.err.split("\n")[0]).toMatch(/^hasim: \d+ runs? \(.*\), seed 7$/);
      expect(r.code).toBe(0);
      return out;
    });
    const files = readdirSync(dirs[0]!).sort();
    expect(files).toEqual(readdirSync(dirs[1]!).sort());
    expect(files).toEqual(
      expect.arrayContaining(["runs.csv", "summary.csv", "compare.csv", "trace.csv", "meta.json"]),
    );
    for (const f of files.filter((n) => n !== "meta.json")) {
      expect(readFileSync(join(dirs[1]!, f), "utf8"), f).toBe(
        readFileSync(join(dirs[0]!, f), "utf8"),
      );
    }
  });

  it("gives the same runs when workers outnumber or idle behind the tasks", () => {
    // 5 tasks on 3 threads: workers run out of work while others still run (they are retired, not failures).
    const outs = [1, 3].map((jobs) => {
      const out = join(tempDir(), `odd${jobs}`);
      const r = bin([
        "run",
        TINY,
        "--policy",
        "off",
        "--replications",
        "5",
        "--jobs",
        String(jobs),
        "--out",
        out,
      ]);
      expect(r.err).not.toContain("internal error");
      expect(r.code).toBe(0);
      return readFileSync(join(out, "runs.csv"), "utf8");
    });
    expect(outs[1]).toBe(outs[0]);
  });

  it("sweeps byte-identically with --jobs 1 and --jobs 2", () => {
    const dirs = [1, 2].map((jobs) => {
      const out = join(tempDir(), `sweep${jobs}`);
      const r = bin([
        "sweep",
        TINY,
        "--vary",
        "ha.heartbeat.lostThreshold=2,4",
        "--replications",
        "2",
        "--jobs",
        String(jobs),
        "--out",
        out,
      ]);
      expect(r.code).toBe(0);
      return out;
    });
    for (const f of ["sweep.csv", "summary.csv"]) {
      expect(readFileSync(join(dirs[1]!, f), "utf8"), f).toBe(
        readFileSync(join(dirs[0]!, f), "utf8"),
      );
    }
  });
});
