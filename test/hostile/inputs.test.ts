/** Issue 18 item 8: odd files and arguments get one bounded line and exit 2, never a hang. */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { boundLine, MAX_ERROR_LINE_CHARS } from "../../src/cli/errors.js";
import { MAX_SCENARIO_BYTES } from "../../src/cli/load.js";
import { hasim, isOneCleanLine, TINY, tempDir } from "../cli/helpers.js";

async function oneLineExit2(args: readonly string[]): Promise<string> {
  const r = await hasim(args);
  expect(r.code).toBe(2);
  expect(isOneCleanLine(r.err)).toBe(true);
  expect(r.err.length).toBeLessThanOrEqual(MAX_ERROR_LINE_CHARS + 1);
  return r.err;
}

describe("odd scenario files", () => {
  it("refuses a FIFO without blocking on it", async () => {
    const fifo = join(tempDir(), "fifo.yaml");
    execFileSync("mkfifo", [fifo]);
    expect(await oneLineExit2(["validate", fifo])).toMatch(/got a FIFO/);
  });

  it("refuses a device such as /dev/zero without reading it", async () => {
    expect(await oneLineExit2(["validate", "/dev/zero"])).toMatch(/got a device/);
  });

  it("refuses a file over the size limit", async () => {
    const big = join(tempDir(), "big.yaml");
    writeFileSync(big, "# padding\n".repeat(MAX_SCENARIO_BYTES / 10 + 1));
    expect(await oneLineExit2(["validate", big])).toMatch(/at most 1 MiB, got 1\.0 MiB/);
  });

  it("reads a file named -x.yaml given after --", async () => {
    const dir = tempDir();
    copyFileSync(TINY, join(dir, "-x.yaml"));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await hasim(["validate", "--", "-x.yaml"]);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^name: tiny/);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("odd arguments", () => {
  it("checks --time-budget -1s as a value", async () => {
    expect(
      await oneLineExit2(["fuzz", TINY, "--time-budget", "-1s", "--out", join(tempDir(), "f")]),
    ).toMatch(/--time-budget: expected a positive duration .* got "-1s"/);
  });

  it("cuts a 10 000-character node name in the error line", async () => {
    const file = join(tempDir(), "long-node.yaml");
    const name = "N".repeat(10_000);
    writeFileSync(
      file,
      readFileSync(TINY, "utf8").replace(
        "nodes: [{name: A, mode: master}, {name: B, mode: slave}]",
        `nodes: [{name: ${name}, mode: master}, {name: ${name}, mode: slave}]`,
      ),
    );
    const err = await oneLineExit2(["validate", file]);
    expect(err).not.toContain(name);
  });

  it("cuts a deep --set value in the error line", async () => {
    const value = "[".repeat(5000) + "]".repeat(5000);
    const err = await oneLineExit2(["validate", TINY, "--set", `ha.holdOff=${value}`]);
    expect(err.length).toBeLessThan(MAX_ERROR_LINE_CHARS + 2);
  });

  it("bounds any line: long quoted values first, then the line", () => {
    const line = `f: nodes[0].name: expected a short name, got "${"x".repeat(500)}"`;
    const cut = boundLine(line);
    expect(cut).toMatch(
      /^f: nodes\[0\]\.name: expected a short name, got "x+…" \(500 characters\)$/,
    );
    expect(boundLine("y".repeat(5000)).length).toBeLessThanOrEqual(MAX_ERROR_LINE_CHARS);
    expect(boundLine("short")).toBe("short");
  });
});

describe("hasim report on a folder of garbage", () => {
  it("says what is wrong and exits 2, writing nothing", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "summary.csv"), "\u0000garbage,,\n1,2\n");
    writeFileSync(join(dir, "meta.json"), "{ not json");
    writeFileSync(join(dir, "timeline-off.json"), "[]");
    const err = await oneLineExit2(["report", dir]);
    expect(err).toMatch(/^hasim report: nothing to chart in .*: \S+: /);
    expect(readdirSync(dir).sort()).toEqual(["meta.json", "summary.csv", "timeline-off.json"]);
  });

  it("refuses an empty folder", async () => {
    const dir = join(tempDir(), "empty");
    mkdirSync(dir);
    expect(await oneLineExit2(["report", dir])).toMatch(/nothing to chart/);
  });
});
