import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { commandNames, glueDashValues } from "../../src/cli/main.js";
import { hasimVersion } from "../../src/cli/version.js";
import { csvRecords } from "../report/parse-csv.js";
import { hasim, TINY, tempDir } from "./helpers.js";

describe("hasim run (in-process, fake model)", () => {
  it("writes runs, summary, compare and meta, prints SEED first and a table", async () => {
    const out = join(tempDir(), "res");
    const r = await hasim(["run", TINY, "--out", out]);
    expect(r.code).toBe(0);
    expect(r.err.split("\n")[0]).toBe("hasim: 9 runs (3 policies × 3 replications), seed 7");
    expect(readdirSync(out).sort()).toEqual([
      "compare.csv",
      "meta.json",
      "runs.csv",
      "summary.csv",
    ]);
    const runs = csvRecords(readFileSync(join(out, "runs.csv"), "utf8"));
    expect(runs.map((x) => `${x.policy}#${x.replication}`)).toEqual([
      "off#0",
      "off#1",
      "off#2",
      "restore#0",
      "restore#1",
      "restore#2",
      "slave#0",
      "slave#1",
      "slave#2",
    ]);
    expect(runs[0]?.scenario).toBe("tiny");
    expect(r.out).toMatch(/^policy\s+runs\s+lost\s+duplicated\s+ttr service \(s\)/);
    expect(r.out).toMatch(/\nslave\s+3\s+\d/);
  });

  it("records the effective scenario, seeds, version and command line in meta.json", async () => {
    const out = join(tempDir(), "res");
    const argv = [
      "run",
      TINY,
      "--out",
      out,
      "--seed",
      "9",
      "--replications",
      "2",
      "--set",
      "ha.holdOff=20m",
    ];
    expect((await hasim(argv)).code).toBe(0);
    const meta = JSON.parse(readFileSync(join(out, "meta.json"), "utf8")) as Record<
      string,
      unknown
    >;
    expect(meta.hasim).toBe(hasimVersion());
    expect(meta.command).toBe("run");
    // The study's command: where the results go (--out) is not part of it.
    expect(meta.argv).toEqual(argv.filter((_, i) => i !== 2 && i !== 3));
    expect(meta.seeds).toEqual(["9:0", "9:1"]);
    const scenario = meta.scenario as Record<string, unknown>;
    expect(scenario.name).toBe("tiny");
    expect(scenario.seed).toBe(9);
    expect(scenario.replications).toBe(2);
    expect(JSON.stringify(meta)).not.toMatch(/\d{4}-\d\d-\d\dT/); // no timestamps
  });

  it("applies --policy, writes no compare.csv for one policy, and replaces another experiment only with --force", async () => {
    const out = join(tempDir(), "res");
    expect((await hasim(["run", TINY, "--out", out, "--trace"])).code).toBe(0);
    expect(existsSync(join(out, "trace.csv"))).toBe(true);
    writeFileSync(join(out, "report.html"), "a report of the old experiment");
    writeFileSync(join(out, "notes.txt"), "the user's");
    const refused = await hasim(["run", TINY, "--out", out, "--policy", "become-secondary"]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/holds a run of "tiny", seed 7, another experiment.*--force/);
    expect(existsSync(join(out, "trace.csv"))).toBe(true);
    const forced = ["run", TINY, "--out", out, "--policy", "become-secondary", "--force"];
    expect((await hasim(forced)).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["meta.json", "notes.txt", "runs.csv", "summary.csv"]);
    const policies = new Set(
      csvRecords(readFileSync(join(out, "runs.csv"), "utf8")).map((x) => x.policy),
    );
    expect([...policies]).toEqual(["slave"]);
  });

  it("writes trace.csv for replication 0 of each policy with --trace", async () => {
    const out = join(tempDir(), "res");
    expect(
      (await hasim(["run", TINY, "--out", out, "--trace", "--policy", "off,slave"])).code,
    ).toBe(0);
    const trace = readFileSync(join(out, "trace.csv"), "utf8").split("\n");
    expect(trace[0]).toBe("policy,time_s,unit,event,from_mode,to_mode,detail");
    expect(trace.filter((l) => l.startsWith("off,"))).toHaveLength(2);
    expect(trace.filter((l) => l.startsWith("slave,"))).toHaveLength(2);
  });

  it("gives the same bytes twice", async () => {
    const a = join(tempDir(), "a");
    const b = join(tempDir(), "b");
    await hasim(["run", TINY, "--out", a, "--trace"]);
    await hasim(["run", TINY, "--out", b, "--trace"]);
    for (const f of ["runs.csv", "summary.csv", "compare.csv", "trace.csv"]) {
      expect(readFileSync(join(b, f), "utf8")).toBe(readFileSync(join(a, f), "utf8"));
    }
  });
});

describe("hasim sweep (in-process, fake model)", () => {
  it("runs the full grid × policies and writes sweep.csv, summary.csv and meta.json", async () => {
    const out = join(tempDir(), "sw");
    const r = await hasim([
      "sweep",
      TINY,
      "--out",
      out,
      "--vary",
      "seed=1,2",
      "--vary",
      "ha.holdOff=5m:15m:5m",
      "--policy",
      "off,slave",
    ]);
    expect(r.code).toBe(0);
    expect(r.err.split("\n")[0]).toMatch(/^hasim: \d+ runs \(.* points × .*\), seed 1$/);
    expect(readdirSync(out).sort()).toEqual(["meta.json", "summary.csv", "sweep.csv"]);
    const all = csvRecords(readFileSync(join(out, "sweep.csv"), "utf8"));
    const rows = all.filter((x) => x.metric === "lost");
    expect(rows.map((x) => `${x.seed}/${x["ha.holdOff"]}/${x.policy}`)).toEqual(
      ["1", "2"].flatMap((s) =>
        ["5m", "10m", "15m"].flatMap((h) => [`${s}/${h}/off`, `${s}/${h}/slave`]),
      ),
    );
    // The seed axis changes the fake model's numbers: the points really were run with their values.
    expect(rows[0]?.mean).not.toBe(rows[6]?.mean);
    expect(rows.map((x) => x["ha.holdOff_s"])).toEqual(
      ["1", "2"].flatMap(() => ["300", "300", "600", "600", "900", "900"]),
    );
    const summaryHeader = readFileSync(join(out, "summary.csv"), "utf8").split("\n")[0];
    expect(summaryHeader).toBe(
      "seed,ha.holdOff,scenario,policy,metric,mean,ci95_low,ci95_high,p50,p95,max,n",
    );
    const meta = JSON.parse(readFileSync(join(out, "meta.json"), "utf8")) as {
      sweep: { points: { seeds: string[] }[] };
    };
    expect(meta.sweep.points).toHaveLength(6);
    expect(meta.sweep.points[3]?.seeds).toEqual(["2:0", "2:1", "2:2"]);
    expect(r.out.split("\n")[0]).toMatch(/^seed\s+ha\.holdOff\s+policy\s+runs/);
    expect(r.out).toContain(
      "mean [95% confidence interval of the mean, BCa bootstrap] over 3 replications",
    );
  });
});

describe("hasim validate", () => {
  it("prints the effective scenario as YAML that validates to the same output", async () => {
    const r = await hasim(["validate", TINY, "--set", "ha.heartbeat.lostThreshold=5"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const doc = YAML.parse(r.out) as Record<string, unknown>;
    expect(doc.name).toBe("tiny");
    expect((doc.ha as { heartbeat: { lostThreshold: number } }).heartbeat.lostThreshold).toBe(5);
    const again = join(tempDir(), "effective.yaml");
    writeFileSync(again, r.out);
    const r2 = await hasim(["validate", again]);
    expect(r2.code).toBe(0);
    expect(r2.out).toBe(r.out);
  });
});

describe("help and structure", () => {
  it.each(["run", "sweep", "validate"])("has --help with examples for %s", async (cmd) => {
    const r = await hasim([cmd, "--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`hasim ${cmd} <scenario>`);
    expect(r.out).toContain("Examples:");
    expect(r.err).toBe("");
  });

  it("lists the commands in the top-level help and prints the version", async () => {
    const r = await hasim(["--help"]);
    expect(r.code).toBe(0);
    for (const cmd of ["run", "sweep", "validate"]) expect(r.out).toContain(`hasim ${cmd}`);
    expect((await hasim(["--version"])).out).toBe(`${hasimVersion()}\n`);
  });

  it("registers the built-in commands and any optional one present", async () => {
    const names = await commandNames();
    expect(names.slice(0, 3)).toEqual(["run", "sweep", "validate"]);
    for (const optional of ["fuzz", "report"]) {
      const present = existsSync(new URL(`../../src/cli/commands/${optional}.ts`, import.meta.url));
      expect(names.includes(optional)).toBe(present);
    }
  });

  it("glues a dash-leading value to its flag", () => {
    expect(glueDashValues(["run", "x", "--horizon", "-5s", "--trace", "-q"])).toEqual([
      "run",
      "x",
      "--horizon=-5s",
      "--trace",
      "-q",
    ]);
  });
});
