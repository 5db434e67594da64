/**
 * Issue 18 items 2, 3 and 8 (`--out /`), issue 15 item 1: output places are checked before any
 * simulation, and a results folder never mixes two experiments nor loses one unasked.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Runner } from "../../src/cli/context.js";
import { fakeRunner } from "../cli/fake-runner.js";
import { hasim, isOneCleanLine, TINY, tempDir } from "../cli/helpers.js";

/** A runner that counts the replications it was asked for (none may run when the place is bad). */
function counting(): { runner: Runner; calls: () => number } {
  let n = 0;
  return {
    runner: (...a) => {
      n++;
      return fakeRunner(...a);
    },
    calls: () => n,
  };
}

async function refused(args: readonly string[], pattern: RegExp): Promise<void> {
  const c = counting();
  const r = await hasim(args, c.runner);
  expect(r.code).toBe(2);
  expect(isOneCleanLine(r.err)).toBe(true);
  expect(r.err).toMatch(pattern);
  expect(c.calls()).toBe(0);
}

describe("output places, checked before simulating", () => {
  it.each([
    ["an empty --out", "", /--out: expected a folder path, got ""/],
    ["the root", "/", /file-system root/],
    ["a path under /proc", "/proc/self/x/y", /under \/proc/],
    ["a path under /sys", "/sys/hasim", /under \/sys/],
    ["a path under /dev", "/dev/shm-not/x", /under \/dev/],
    ["a name of 300 characters", join("/tmp", "n".repeat(300)), /at most 225 bytes/],
  ])("refuses %s", async (_, out, pattern) => {
    await refused(["run", TINY, "--out", out], pattern);
  });

  it("refuses a folder under a file", async () => {
    const file = join(tempDir(), "f");
    writeFileSync(file, "x");
    await refused(["run", TINY, "--out", join(file, "sub")], /a file at/);
  });

  it("refuses the current folder, which it would have to rename", async () => {
    await refused(["run", TINY, "--out", "."], /other than the current one/);
  });

  it.skipIf(process.getuid?.() === 0)("refuses a folder whose parent it cannot write", async () => {
    const ro = join(tempDir(), "ro");
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    await refused(["run", TINY, "--out", join(ro, "x")], /no write permission/);
  });

  it("refuses a folder of other files, even with --force (it would replace them)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "thesis.tex"), "years of work");
    await refused(["run", TINY, "--out", dir, "--force"], /holding "thesis.tex"/);
    expect(readFileSync(join(dir, "thesis.tex"), "utf8")).toBe("years of work");
  });

  it("writes into an empty existing folder", async () => {
    const dir = tempDir();
    expect((await hasim(["run", TINY, "--out", dir])).code).toBe(0);
    expect(readdirSync(dir)).toContain("meta.json");
  });
});

describe("one experiment per folder", () => {
  it("replaces the same experiment silently, another one only with --force", async () => {
    const out = join(tempDir(), "r");
    expect((await hasim(["run", TINY, "--out", out, "--trace"])).code).toBe(0);
    // Same runs, other optional files: the same experiment, replaced whole.
    expect((await hasim(["run", TINY, "--out", out, "--jobs", "1"])).code).toBe(0);
    expect(existsSync(join(out, "trace.csv"))).toBe(false);
    const meta1 = JSON.parse(readFileSync(join(out, "meta.json"), "utf8")) as {
      experiment: string;
    };
    await refused(["run", TINY, "--out", out, "--set", "ha.holdOff=30m"], /another experiment/);
    await refused(["sweep", TINY, "--out", out, "--vary", "seed=1,2"], /another experiment/);
    expect((await hasim(["run", TINY, "--out", out, "--seed", "9", "--force"])).code).toBe(0);
    const meta2 = JSON.parse(readFileSync(join(out, "meta.json"), "utf8")) as {
      experiment: string;
    };
    expect(meta2.experiment).toMatch(/^[0-9a-f]{16}$/);
    expect(meta2.experiment).not.toBe(meta1.experiment);
  });

  it("identifies a sweep by its varied values", async () => {
    const out = join(tempDir(), "s");
    expect((await hasim(["sweep", TINY, "--out", out, "--vary", "seed=1,2"])).code).toBe(0);
    expect((await hasim(["sweep", TINY, "--out", out, "--vary", "seed=1,2"])).code).toBe(0);
    await refused(["sweep", TINY, "--out", out, "--vary", "seed=1,3"], /a sweep of "tiny"/);
  });

  it("gives a scenario name of 300 characters a bounded folder name", async () => {
    const dir = tempDir();
    const scenario = join(dir, "long.yaml");
    writeFileSync(
      scenario,
      readFileSync(TINY, "utf8").replace("name: tiny", `name: ${"n".repeat(300)}`),
    );
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect((await hasim(["run", scenario])).code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    const [folder] = readdirSync(join(dir, "results"));
    expect(folder!.length).toBeLessThanOrEqual(100);
    expect(readdirSync(join(dir, "results", folder!))).toContain("runs.csv");
  });
});
