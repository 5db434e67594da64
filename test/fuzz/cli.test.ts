// `hasim fuzz` in-process with the real model: files, output, exit codes 1/0/2, determinism,
// and the printed replay command.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commandNames, main } from "../../src/cli/main.js";
import { FUZZ_KINDS } from "../../src/fuzz/arbitraries.js";
import { csvRecords } from "../report/parse-csv.js";
import { isOneCleanLine, ROOT, tempDir } from "../cli/helpers.js";

const SINGLE = join(ROOT, "scenarios", "fuzz-single-link.yaml");
const SAFE = join(ROOT, "scenarios", "fuzz-safe.yaml");
const NO_PARTITION = FUZZ_KINDS.filter((k) => k !== "partition").join(",");

/** Runs `hasim <argv>` in-process; the real model (no runner given). */
async function hasim(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io = {
    stdout: (s: string) => void (out += s),
    stderr: (s: string) => void (err += s),
    stderrIsTty: false,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

describe("hasim fuzz", () => {
  it("is a registered command", async () => {
    expect(await commandNames()).toContain("fuzz");
  });

  it("exits 1 on a violation and writes fuzz.csv and the counterexample's yaml, story and timeline", async () => {
    const out = join(tempDir(), "fz");
    const r = await hasim([
      "fuzz",
      SINGLE,
      "--property",
      "single-master",
      "--runs",
      "50",
      "--seed",
      "1",
      "--out",
      out,
    ]);
    expect(r.code).toBe(1);
    expect(r.err.split("\n")[0]).toMatch(/^hasim: fuzzing .*, seed 1$/);
    expect(readdirSync(out).sort()).toEqual([
      "counterexample-single-master.story.txt",
      "counterexample-single-master.timeline.json",
      "counterexample-single-master.yaml",
      "fuzz.csv",
    ]);
    expect(r.out).toMatch(/^property\s+cases\s+verdict/);
    expect(r.out).toMatch(/\nsingle-master\s+\d+\s+VIOLATED\s+\d+\s+\d+\s+1\n/);
    expect(r.out).toMatch(/\n {2}- link-down all @\d+\S* for \d+s\n/);
    expect(r.out).toMatch(/ B: SLAVE → MASTER \(heartbeat lost; split brain\)\n/);
    const story = readFileSync(join(out, "counterexample-single-master.story.txt"), "utf8");
    expect(r.out).toContain(story);
    const rows = csvRecords(readFileSync(join(out, "fuzz.csv"), "utf8"));
    expect(rows.at(-1)).toMatchObject({ property: "single-master" });
    expect(rows.some((x) => x.verdict === "fail" && x.shrink === "0")).toBe(true);
  });

  it("prints a replay command that reproduces the violation with hasim run", async () => {
    const out = join(tempDir(), "fz");
    const r = await hasim([
      "fuzz",
      SINGLE,
      "--property",
      "single-master",
      "--runs",
      "50",
      "--seed",
      "2",
      "--out",
      out,
    ]);
    const cmd = /\nreplay: hasim run (\S+) --policy (\S+)\n/.exec(r.out);
    expect(cmd).not.toBeNull();
    const replay = join(tempDir(), "replay");
    const run = await hasim([
      "run",
      cmd![1]!,
      "--policy",
      cmd![2]!,
      "--out",
      replay,
      "--quiet",
      "--jobs",
      "1",
    ]);
    expect(run.code).toBe(0);
    const runs = csvRecords(readFileSync(join(replay, "runs.csv"), "utf8"));
    expect(Number(runs[0]?.split_brain_s)).toBeGreaterThan(15);
  });

  it("exits 0 when no property is violated, and removes an earlier fuzz's counterexamples", async () => {
    const out = join(tempDir(), "fz");
    expect(
      (
        await hasim([
          "fuzz",
          SINGLE,
          "--property",
          "single-master",
          "--runs",
          "20",
          "--seed",
          "3",
          "--out",
          out,
        ])
      ).code,
    ).toBe(1);
    expect(existsSync(join(out, "counterexample-single-master.yaml"))).toBe(true);
    writeFileSync(join(out, "notes.txt"), "kept");
    const args = [
      "--property",
      "single-master",
      "--kinds",
      NO_PARTITION,
      "--max-faults",
      "1",
      "--runs",
      "150",
      "--seed",
      "3",
      "--out",
      out,
    ];
    const r = await hasim(["fuzz", SAFE, ...args]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\nsingle-master\s+150\s+held\s+-/);
    expect(readdirSync(out).sort()).toEqual(["fuzz.csv", "notes.txt"]);
  });

  it("is deterministic: the same --seed writes the same fuzz.csv", async () => {
    const [a, b] = [join(tempDir(), "a"), join(tempDir(), "b")];
    const args = [
      "--runs",
      "30",
      "--seed",
      "9",
      "--swarm",
      "--property",
      "no-loss,recovers",
      "--property",
      "ttr",
    ];
    expect((await hasim(["fuzz", SINGLE, ...args, "--out", a])).code).toBe(1);
    expect((await hasim(["fuzz", SINGLE, ...args, "--out", b])).code).toBe(1);
    for (const f of readdirSync(a)) {
      if (!f.endsWith(".yaml") && !f.endsWith(".story.txt"))
        expect(readFileSync(join(b, f), "utf8")).toBe(readFileSync(join(a, f), "utf8"));
    }
    expect(
      new Set(csvRecords(readFileSync(join(a, "fuzz.csv"), "utf8")).map((x) => x.property)),
    ).toEqual(new Set(["no-loss", "recovers", "ttr"]));
  });

  it.each([
    [
      "an unknown property",
      ["--property", "single-mastr"],
      /^--property: expected one of .*got "single-mastr"; did you mean "single-master"\?$/,
    ],
    ["--runs 0", ["--runs", "0"], /^--runs: expected a positive integer, got "0"$/],
    ["--runs abc", ["--runs", "abc"], /^--runs: expected a positive integer/],
    ["--seed -1", ["--seed", "-1"], /^--seed: expected a non-negative integer/],
    ["--ttr-bound 0s", ["--ttr-bound", "0s"], /^--ttr-bound: expected a positive duration/],
    [
      "--time-budget soon",
      ["--time-budget", "soon"],
      /^--time-budget: expected a positive duration/,
    ],
    [
      "--kinds bogus",
      ["--kinds", "link-down,crash"],
      /^--kinds: expected a comma-separated list of .*got "crash"/,
    ],
    ["a bad --set", ["--set", "ha.hearbeat.lostThreshold=2"], /hearbeat/],
  ])("exits 2 with one line and writes nothing on %s", async (_what, flags, message) => {
    const out = join(tempDir(), "fz");
    const r = await hasim(["fuzz", SINGLE, "--out", out, ...flags]);
    expect(r.code).toBe(2);
    expect(isOneCleanLine(r.err)).toBe(true);
    expect(r.err.trim()).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 on a missing scenario file", async () => {
    const r = await hasim(["fuzz", join(ROOT, "missing.yaml"), "--out", join(tempDir(), "fz")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/missing\.yaml: expected a scenario file .*no such file/);
  });
});
