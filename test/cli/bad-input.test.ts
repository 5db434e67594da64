/**
 * The CLI half of the bad-input corpus: every malformed command line gives exit code 2, one
 * line on stderr naming what was wrong and what was expected, no stack trace, and no result
 * folder. (The scenario-file half lives with the scenario tests.)
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasim, isOneCleanLine, ROOT, TINY, tempDir } from "./helpers.js";

/** [name, argv (OUT is replaced by the out folder), a pattern the error line must match]. */
const CORPUS: readonly (readonly [string, readonly string[], RegExp])[] = [
  ["unknown flag", ["run", TINY, "--bogus", "--out", "OUT"], /Unknown argument: bogus/],
  [
    "unknown command",
    ["frobnicate", TINY],
    /^hasim: unknown command "frobnicate"; expected one of run, sweep, validate/,
  ],
  [
    "misspelt command",
    ["rn", TINY],
    /^hasim: unknown command "rn"; did you mean run\? \(see hasim --help\)$/,
  ],
  ["no command", [], /expected a command/],
  ["run without a scenario", ["run", "--out", "OUT"], /Not enough non-option arguments/],
  [
    "--policy bogus",
    ["run", TINY, "--policy", "bogus", "--out", "OUT"],
    /^--policy: expected a comma-separated list of off, restore, slave.*got "bogus"$/,
  ],
  [
    "--policy with an empty item",
    ["run", TINY, "--policy", "off,,slave", "--out", "OUT"],
    /^--policy: .*got ""$/,
  ],
  [
    "--policy twice the same",
    ["run", TINY, "--policy", "slave,become-secondary", "--out", "OUT"],
    /^--policy: expected each policy once, got slave twice$/,
  ],
  [
    "--jobs 0",
    ["run", TINY, "--jobs", "0", "--out", "OUT"],
    /^--jobs: expected a positive integer, got "0"$/,
  ],
  [
    "--jobs abc",
    ["run", TINY, "--jobs", "abc", "--out", "OUT"],
    /^--jobs: expected a positive integer, got "abc"$/,
  ],
  [
    "--jobs without a value",
    ["run", TINY, "--out", "OUT", "--jobs"],
    /^--jobs: expected a positive integer, got ""$/,
  ],
  [
    "--replications 0",
    ["run", TINY, "--replications", "0", "--out", "OUT"],
    /^--replications: expected a positive integer, got "0"$/,
  ],
  [
    "--replications 2.5",
    ["run", TINY, "--replications", "2.5", "--out", "OUT"],
    /^--replications: expected a positive integer, got "2.5"$/,
  ],
  [
    "--seed -1",
    ["run", TINY, "--seed", "-1", "--out", "OUT"],
    /^--seed: expected a non-negative integer, got "-1"$/,
  ],
  [
    "--seed abc",
    ["run", TINY, "--seed", "abc", "--out", "OUT"],
    /^--seed: expected a non-negative integer, got "abc"$/,
  ],
  [
    "--horizon -5s",
    ["run", TINY, "--horizon", "-5s", "--out", "OUT"],
    /^--horizon: expected a positive duration.*got "-5s"$/,
  ],
  [
    "--horizon=-5s",
    ["run", TINY, "--horizon=-5s", "--out", "OUT"],
    /^--horizon: expected a positive duration.*got "-5s"$/,
  ],
  [
    "--horizon 0s",
    ["run", TINY, "--horizon", "0s", "--out", "OUT"],
    /^--horizon: expected a positive duration.*got "0s"$/,
  ],
  [
    "--horizon in furlongs",
    ["run", TINY, "--horizon", "3 furlongs", "--out", "OUT"],
    /^--horizon: expected a positive duration/,
  ],
  [
    "--set without =",
    ["run", TINY, "--set", "ha.holdOff", "--out", "OUT"],
    /^--set "ha.holdOff": expected path=value/,
  ],
  [
    "--set with an empty path",
    ["run", TINY, "--set", "=5", "--out", "OUT"],
    /^--set "=5": expected path=value/,
  ],
  [
    "--set on a path that does not exist",
    ["run", TINY, "--set", "ha.hartbeat.lostThreshold=5", "--out", "OUT"],
    /tiny\.yaml: ha\.hartbeat/,
  ],
  [
    "--set with a bad value",
    ["run", TINY, "--set", "ha.heartbeat.lostThreshold=many", "--out", "OUT"],
    /tiny\.yaml: ha\.heartbeat\.lostThreshold: expected/,
  ],
  [
    "missing scenario file",
    ["run", "nope/missing.yaml", "--out", "OUT"],
    /^nope\/missing\.yaml: expected a scenario file \(YAML or JSON\), got no such file$/,
  ],
  [
    "directory instead of a file",
    ["run", join(ROOT, "test"), "--out", "OUT"],
    /test: expected a scenario file \(YAML or JSON\), got a directory$/,
  ],
  ["validate a missing file", ["validate", "nope.yaml"], /^nope\.yaml: expected a scenario file/],
  [
    "validate with a bad --set",
    ["validate", TINY, "--set", "nodes[5].name=C"],
    /tiny\.yaml: nodes/,
  ],
  [
    "sweep without --vary",
    ["sweep", TINY, "--out", "OUT"],
    /^--vary: expected path=v1,v2,\.\.\. or path=from:to:step.*got nothing$/,
  ],
  [
    "--vary without =",
    ["sweep", TINY, "--vary", "ha.holdOff", "--out", "OUT"],
    /^--vary "ha.holdOff": expected path=v1,v2,\.\.\. or path=from:to:step/,
  ],
  [
    "--vary with a bad range",
    ["sweep", TINY, "--vary", "ha.holdOff=5m:1m:1m", "--out", "OUT"],
    /^--vary "ha.holdOff=5m:1m:1m": .*from greater than to$/,
  ],
  [
    "--vary with a zero step",
    ["sweep", TINY, "--vary", "ha.holdOff=1m:5m:0s", "--out", "OUT"],
    /step that is not positive$/,
  ],
  [
    "--vary on a path that does not exist",
    ["sweep", TINY, "--vary", "ha.holdof=1m,2m", "--out", "OUT"],
    /tiny\.yaml: ha\.holdof/,
  ],
  [
    "--vary with one bad value among good ones",
    ["sweep", TINY, "--vary", "ha.heartbeat.lostThreshold=2,x", "--out", "OUT"],
    /tiny\.yaml: ha\.heartbeat\.lostThreshold: expected/,
  ],
  [
    "--vary the same path twice",
    ["sweep", TINY, "--vary", "seed=1", "--vary", "seed=2", "--out", "OUT"],
    /^--vary: expected each path once, got seed twice$/,
  ],
];

describe("bad command lines (in-process)", () => {
  it.each(CORPUS)("%s: exit 2, one clean line, no result files", async (_, argv, pattern) => {
    const parent = tempDir();
    const out = join(parent, "out");
    const r = await hasim(argv.map((a) => (a === "OUT" ? out : a)));
    expect(r.code).toBe(2);
    expect(isOneCleanLine(r.err)).toBe(true);
    expect(r.err.trim()).toMatch(pattern);
    expect(r.out).toBe("");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it("rejects --out naming a file before running anything", async () => {
    const parent = tempDir();
    const file = join(parent, "taken");
    writeFileSync(file, "x");
    const r = await hasim(["run", TINY, "--out", file]);
    expect(r.code).toBe(2);
    expect(isOneCleanLine(r.err)).toBe(true);
    expect(r.err).toMatch(/^--out .*taken: expected a folder for the results, got a file\n$/);
  });

  it("rejects malformed YAML with the file and the line", async () => {
    const dir = tempDir();
    const file = join(dir, "broken.yaml");
    writeFileSync(file, "name: x\nha: {heartbeat: [\n");
    const r = await hasim(["run", file, "--out", join(dir, "out")]);
    expect(r.code).toBe(2);
    expect(isOneCleanLine(r.err)).toBe(true);
    expect(r.err).toContain("broken.yaml: line ");
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("leaves an existing result folder untouched", async () => {
    const out = join(tempDir(), "out");
    mkdirSync(out);
    writeFileSync(join(out, "runs.csv"), "previous");
    const r = await hasim(["run", TINY, "--out", out, "--jobs", "0"]);
    expect(r.code).toBe(2);
    expect(readdirSync(out)).toEqual(["runs.csv"]);
  });

  it("reports an internal error in one line with exit 1", async () => {
    const out = join(tempDir(), "out");
    const r = await hasim(["run", TINY, "--out", out], () => {
      throw new Error("model exploded");
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^hasim: \d+ runs? \(.*\), seed 7\nhasim: internal error: model exploded \(this is a bug; HASIM_DEBUG=1 shows the stack\)\n$/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
