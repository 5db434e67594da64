/**
 * Shards and merge, in-process with the fake model: merged folders are byte-identical to the
 * single-machine run, and bad shard sets are refused with one line, exit 2 and nothing written.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Runner } from "../../src/cli/context.js";
import { fakeRunner } from "../cli/fake-runner.js";
import { hasim, isOneCleanLine, tempDir, TINY } from "../cli/helpers.js";
import { clearShardEnv, exists, folderFiles } from "./helpers.js";

const STUDY = [TINY, "--replications", "4", "-q"];

beforeEach(clearShardEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Runs every shard of `argv` into `dir`, each with `--shard i/n`. */
async function shards(argv: readonly string[], n: number, dir: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await hasim([...argv, "--shard", `${i}/${n}`, "--out", dir]);
    expect(r.code, r.err).toBe(0);
  }
}

describe("hasim merge", () => {
  it("joins the shards of a run into the single-machine folder, byte for byte", async () => {
    const t = tempDir();
    expect((await hasim(["run", ...STUDY, "--out", join(t, "single"), "-j", "2"])).code).toBe(0);
    await shards(["run", ...STUDY], 3, join(t, "shards"));
    const m = await hasim(["merge", join(t, "shards"), "--out", join(t, "merged")]);
    expect(m.code, m.err).toBe(0);
    const single = folderFiles(join(t, "single"));
    expect(Object.keys(single)).toEqual(["compare.csv", "meta.json", "runs.csv", "summary.csv"]);
    expect(folderFiles(join(t, "merged"))).toEqual(single);
    expect(m.out).toMatch(/^policy\s+runs/);
  });

  it("does the same with --trace (trace.csv and timelines) and with more shards than units per shard", async () => {
    const t = tempDir();
    const argv = ["run", TINY, "--replications", "2", "--trace", "-q"];
    expect((await hasim([...argv, "--out", join(t, "single")])).code).toBe(0);
    await shards(argv, 6, join(t, "shards"));
    expect((await hasim(["merge", join(t, "shards"), "--out", join(t, "merged")])).code).toBe(0);
    const single = folderFiles(join(t, "single"));
    expect(Object.keys(single)).toContain("trace.csv");
    expect(folderFiles(join(t, "merged"))).toEqual(single);
  });

  it("joins the shards of a sweep (sweep.csv, summary.csv, meta.json)", async () => {
    const t = tempDir();
    const argv = ["sweep", ...STUDY, "--vary", "seed=1,2", "--vary", "ha.holdOff=5m,20m"];
    expect((await hasim([...argv, "--out", join(t, "single")])).code).toBe(0);
    await shards(argv, 5, join(t, "shards"));
    // Shard folders can also be named one by one.
    const dirs = [0, 1, 2, 3, 4].map((i) => join(t, "shards", `shard-${i}-of-5`));
    expect((await hasim(["merge", ...dirs, "--out", join(t, "merged")])).code).toBe(0);
    const single = folderFiles(join(t, "single"));
    expect(Object.keys(single)).toEqual(["meta.json", "summary.csv", "sweep.csv"]);
    expect(folderFiles(join(t, "merged"))).toEqual(single);
  });

  it("writes raw per-unit results and a manifest per shard", async () => {
    const t = tempDir();
    await shards(["run", ...STUDY], 2, t);
    const manifest = JSON.parse(
      readFileSync(join(t, "shard-1-of-2", "manifest.json"), "utf8"),
    ) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      format: "hasim-shard/1",
      command: ["run", TINY, "--replications", "4"],
      shard: { index: 1, count: 2 },
      totalUnits: 12,
    });
    expect(manifest.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    const units = manifest.units as string[];
    expect(units).toHaveLength(6);
    const lines = readFileSync(join(t, "shard-1-of-2", "units.jsonl"), "utf8")
      .trimEnd()
      .split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { unit: string }).unit)).toEqual(units);
  });
});

describe("hasim merge refuses bad shard sets with one line, exit 2 and nothing written", () => {
  async function refused(args: string[], pattern: RegExp): Promise<void> {
    const out = join(tempDir(), "merged");
    const r = await hasim(["merge", ...args, "--out", out]);
    expect(r.code).toBe(2);
    expect(isOneCleanLine(r.err), r.err).toBe(true);
    expect(r.err).toMatch(pattern);
    expect(exists(out)).toBe(false);
  }

  it("incomplete: names the missing shard and units", async () => {
    const t = tempDir();
    await shards(["run", ...STUDY], 3, t);
    rmSync(join(t, "shard-1-of-3"), { recursive: true });
    await refused([t], /^hasim merge: 4 unit\(s\) missing \(shard\(s\) 1\/3 not given\): \w+#\d/);
  });

  it("duplicated: names the units given twice", async () => {
    const t = tempDir();
    await shards(["run", ...STUDY], 2, join(t, "a"));
    cpSync(join(t, "a", "shard-0-of-2"), join(t, "b", "shard-0-of-2"), { recursive: true });
    await refused([join(t, "a"), join(t, "b")], /6 unit\(s\) given more than once .*: \w+#\d/);
  });

  it("mismatched: shards of another study (command, scenario)", async () => {
    const t = tempDir();
    await shards(["run", ...STUDY], 2, join(t, "a"));
    await shards(["run", ...STUDY, "--seed", "8"], 2, join(t, "b"));
    const mixed = [join(t, "a", "shard-0-of-2"), join(t, "b", "shard-1-of-2")];
    await refused(
      mixed,
      /shard-1-of-2: command: expected "run .* --replications 4" \(as in .*\), got ".*--seed 8"/,
    );
  });

  it("mismatched: another shard count", async () => {
    const t = tempDir();
    await shards(["run", ...STUDY], 2, join(t, "a"));
    await shards(["run", ...STUDY], 3, join(t, "b"));
    await refused(
      [join(t, "a", "shard-0-of-2"), join(t, "b", "shard-1-of-3")],
      /shard\.count: expected 2 .* got 3/,
    );
  });

  it("a scenario file changed after the shards ran", async () => {
    const t = tempDir();
    const file = join(t, "s.yaml");
    writeFileSync(file, readFileSync(TINY, "utf8"));
    await shards(["run", file, "--replications", "2", "-q"], 2, join(t, "shards"));
    writeFileSync(file, readFileSync(TINY, "utf8").replace("seed: 7", "seed: 8"));
    await refused(
      [join(t, "shards")],
      /scenarioHash: expected [0-9a-f]+ .*was the scenario file changed/,
    );
  });

  it("a manifest of another hasim version, a damaged units file, a folder with no shards", async () => {
    const t = tempDir();
    await shards(["run", ...STUDY], 2, t);
    const manifests = [0, 1].map((i) => join(t, `shard-${i}-of-2`, "manifest.json"));
    const good = manifests.map((f) => readFileSync(f, "utf8"));
    manifests.forEach((f, i) => {
      writeFileSync(f, good[i]!.replace(/"hasim": "[^"]+"/, '"hasim": "0.0.1"'));
    });
    await refused(
      [t],
      /hasim: expected [\d.]+ \(this hasim\), got 0\.0\.1; merge with the version that ran the shards$/m,
    );
    manifests.forEach((f, i) => {
      writeFileSync(f, good[i]!);
    });
    writeFileSync(join(t, "shard-1-of-2", "units.jsonl"), "{}\n");
    await refused([t], /units\.jsonl: line 1: expected a unit record/);
    await refused([tempDir()], /expected shard folders \(with manifest\.json\)/);
  });
});

describe("a killed shard", () => {
  it("leaves no manifest; --status names it; re-run alone, it completes the study", async () => {
    const t = tempDir();
    const argv = ["run", ...STUDY];
    expect((await hasim([...argv, "--out", join(t, "single")])).code).toBe(0);
    await hasim([...argv, "--shard", "0/3", "--out", join(t, "shards")]);
    await hasim([...argv, "--shard", "2/3", "--out", join(t, "shards")]);
    // Shard 1 dies after two of its units (as if the node went down).
    let calls = 0;
    const dying: Runner = (...a) => {
      if (++calls > 2) throw new Error("node lost");
      return fakeRunner(...a);
    };
    const killed = await hasim([...argv, "--shard", "1/3", "--out", join(t, "shards")], dying);
    expect(killed.code).toBe(1);
    expect(exists(join(t, "shards", "shard-1-of-3", "manifest.json"))).toBe(false);

    const status = await hasim(["merge", join(t, "shards"), "--status"]);
    expect(status.code).toBe(1);
    expect(status.out).toMatch(/shard 1\/3: missing/);
    expect(status.out).toMatch(/incomplete: 2 of 3 shards, 8 of 12 units; missing shard\(s\) 1/);

    await hasim([...argv, "--shard", "1/3", "--out", join(t, "shards")]);
    const done = await hasim(["merge", join(t, "shards"), "--status"]);
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/complete: 3 of 3 shards, 12 of 12 units/);
    expect((await hasim(["merge", join(t, "shards"), "--out", join(t, "merged")])).code).toBe(0);
    expect(folderFiles(join(t, "merged"))).toEqual(folderFiles(join(t, "single")));
  });
});

describe("the shard from the scheduler's environment", () => {
  it("joins the shards of a --robustness run: the variant runs are units too", async () => {
    const t = tempDir();
    const argv = ["run", TINY, "--replications", "2", "--robustness", "-q"];
    const single = await hasim([...argv, "--out", join(t, "single")]);
    expect(single.code, single.err).toBe(0);
    const plan = await hasim([...argv, "--plan"]);
    const m =
      /^units: (\d+) \(\(1 \+ (\d+) assumption variants\) × 3 policies × 2 replications\)$/m.exec(
        plan.out,
      );
    expect(m, plan.out).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThan(0);
    expect(Number(m![1])).toBe((1 + Number(m![2])) * 3 * 2);
    await shards(argv, 4, join(t, "shards"));
    const merged = await hasim(["merge", join(t, "shards"), "--out", join(t, "merged")]);
    expect(merged.code, merged.err).toBe(0);
    const files = folderFiles(join(t, "single"));
    expect(Object.keys(files)).toContain("robustness.csv");
    expect(folderFiles(join(t, "merged"))).toEqual(files);
  });

  it("Slurm job arrays: SLURM_ARRAY_TASK_ID and the array's size, said on stderr", async () => {
    const t = tempDir();
    vi.stubEnv("SLURM_ARRAY_TASK_ID", "6");
    vi.stubEnv("SLURM_ARRAY_TASK_MIN", "5");
    vi.stubEnv("SLURM_ARRAY_TASK_MAX", "7");
    vi.stubEnv("SLURM_ARRAY_TASK_COUNT", "3");
    const r = await hasim(["run", ...STUDY, "--out", t]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(
      /^hasim: shard 1\/3 \(from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT\)$/m,
    );
    expect(exists(join(t, "shard-1-of-3", "manifest.json"))).toBe(true);
  });

  it("with --shards n the task ID is the index: a failed task re-runs alone (--array=7)", async () => {
    const t = tempDir();
    vi.stubEnv("SLURM_ARRAY_TASK_ID", "7");
    vi.stubEnv("SLURM_ARRAY_TASK_MIN", "7");
    vi.stubEnv("SLURM_ARRAY_TASK_MAX", "7");
    vi.stubEnv("SLURM_ARRAY_TASK_COUNT", "1");
    const r = await hasim(["run", ...STUDY, "--shards", "8", "--out", t]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^hasim: shard 7\/8 \(from SLURM_ARRAY_TASK_ID and --shards\)$/m);
    expect(exists(join(t, "shard-7-of-8", "manifest.json"))).toBe(true);
  });

  it("Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX with --shards n", async () => {
    const t = tempDir();
    vi.stubEnv("JOB_COMPLETION_INDEX", "2");
    const r = await hasim(["run", ...STUDY, "--shards", "4", "--out", t]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/shard 2\/4 \(from JOB_COMPLETION_INDEX and --shards\)/);
    expect(exists(join(t, "shard-2-of-4", "manifest.json"))).toBe(true);
    // Without --shards the index alone is no shard: the whole study runs, and stderr says why.
    const whole = await hasim(["run", ...STUDY, "--out", join(t, "whole")]);
    expect(whole.err).toMatch(/JOB_COMPLETION_INDEX is set but --shards n is not/);
    expect(exists(join(t, "whole", "runs.csv"))).toBe(true);
  });

  it("refuses contradictions in one line", async () => {
    const t = tempDir();
    const bad = async (argv: string[], pattern: RegExp): Promise<void> => {
      const r = await hasim(["run", ...STUDY, "--out", t, ...argv]);
      expect(r.code).toBe(2);
      expect(isOneCleanLine(r.err), r.err).toBe(true);
      expect(r.err).toMatch(pattern);
    };
    await bad(
      ["--shards", "4"],
      /^hasim: --shards 4: expected SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX/,
    );
    await bad(["--shard", "1/4", "--shards", "4"], /expected either --shard i\/n or --shards n/);
    vi.stubEnv("SLURM_ARRAY_TASK_ID", "9");
    vi.stubEnv("SLURM_ARRAY_TASK_COUNT", "10");
    await bad(
      ["--shards", "8"],
      /^hasim: SLURM_ARRAY_TASK_ID: expected 0 to 7 \(--shards 8\), got 9/,
    );
    vi.stubEnv("SLURM_ARRAY_TASK_MIN", "0");
    vi.stubEnv("SLURM_ARRAY_TASK_MAX", "12");
    await bad(
      [],
      /^hasim: SLURM_ARRAY_TASK_COUNT: expected 13 tasks \(a contiguous array 0-12\), got 10/,
    );
    await bad(
      ["--shard", "0/2", "--precision", "5%"],
      /^hasim: --precision cannot be planned or sharded/,
    );
    expect(exists(join(t, "runs.csv"))).toBe(false);
  });
});

describe("--plan", () => {
  it("prints the units, a measured cost per unit and a shard count, and writes nothing", async () => {
    const out = join(tempDir(), "never");
    const r = await hasim(["run", ...STUDY, "--plan", "--target", "1h", "--out", out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^units: 12 \(1 point\(s\) × 3 policies × 4 replications\)$/m);
    expect(r.out).toMatch(/^calibration: \w+#\d ran \d time\(s\), [\d.]+ CPU-s each$/m);
    expect(r.out).toMatch(/^suggested: 1 shard\(s\) of one core for a wall time under 1h/m);
    expect(exists(out)).toBe(false);
  });

  it("counts a sweep's points", async () => {
    const r = await hasim(["sweep", ...STUDY, "--vary", "seed=1,2,3", "--plan"]);
    expect(r.out).toMatch(/^units: 36 \(3 point\(s\) × 3 policies × 4 replications\)$/m);
    expect(r.out).toMatch(/^ {2}p2: 12 unit\(s\)/m);
  });
});
