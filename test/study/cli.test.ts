/**
 * `hasim run --precision / --robustness / --confidence` end to end, in-process with a stand-in
 * model whose lost mail depends on `assumptions.demotedQueue` the way the year-of-faults one does:
 * with `strand`, `off` loses more than `slave`; with `push`, nobody loses anything.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Runner } from "../../src/cli/context.js";
import { csvRecords } from "../report/parse-csv.js";
import { fakeRunner } from "../cli/fake-runner.js";
import { hasim, isOneCleanLine, TINY, tempDir } from "../cli/helpers.js";

const stranding: Runner = (scenario, policy, replication, options) => {
  const base = fakeRunner(scenario, policy, replication, options);
  const strand = scenario.assumptions.demotedQueue === "strand";
  const lost = strand ? (policy === "off" ? 3 : 1) + (replication % 2) : 0;
  return { ...base, metrics: { ...base.metrics, lost } };
};

describe("hasim run --robustness", () => {
  it("--plan counts the variant runs as units and writes nothing", async () => {
    const out = join(tempDir(), "p");
    const r = await hasim(["run", TINY, "--robustness", "--plan", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const m =
      /^units: (\d+) \(\(1 \+ (\d+) assumption variants\) × 3 policies × (\d+) replications\)$/m.exec(
        r.out,
      );
    expect(m, r.out).not.toBeNull();
    expect(Number(m![1])).toBe((1 + Number(m![2])) * 3 * Number(m![3]));
    // Each group is named: the baseline, then the variants as --set would write them.
    expect(r.out).toMatch(/^ {2}baseline: \d+ unit\(s\)/m);
    expect(r.out).toMatch(/^ {2}assumptions\.demotedQueue=push: \d+ unit\(s\)/m);
    expect(existsSync(out)).toBe(false);
  });

  it("announces the runs, writes robustness.csv and flags the verdict that depends on demotedQueue", async () => {
    const out = join(tempDir(), "rob");
    const r = await hasim(
      ["run", TINY, "--replications", "6", "--robustness", "--out", out],
      stranding,
    );
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /robustness: \d+ assumption variants \(one at a time, same seed\) × 3 policies × 6 replications = \d+ more runs/,
    );
    const rows = csvRecords(readFileSync(join(out, "robustness.csv"), "utf8"));
    const lost = rows.filter(
      (x) => x.metric === "lost" && x.policy_a === "off" && x.policy_b === "slave",
    );
    expect(lost[0]).toMatchObject({ assumption: "(baseline)", verdict: "higher" });
    expect(lost.find((x) => x.value === "push")).toMatchObject({
      verdict: "identical",
      mean_diff: "0",
    });
    expect(lost.find((x) => x.value === "keep-and-deliver")?.verdict).toBe("identical");
    expect(
      lost.filter((x) => x.assumption === "assumptions.splitBrainShare").map((x) => x.verdict),
    ).toEqual(["higher", "higher"]);
    expect(r.out).toContain("lost off − slave: higher; depends on assumptions.demotedQueue");
    expect(r.out).toMatch(/duplicated off − slave: .*; holds under every assumption variant/);
    const meta = JSON.parse(readFileSync(join(out, "meta.json"), "utf8")) as {
      study: { robustness: { variants: unknown[] } };
    };
    expect(meta.study.robustness.variants.length).toBe(lost.length - 1);
  });
});

describe("hasim run --precision", () => {
  it("adds batches until the target or the cap, and says which metrics reached it", async () => {
    const out = join(tempDir(), "prec");
    const args = [
      "run",
      TINY,
      "--replications",
      "4",
      "--precision",
      "1%",
      "--max-replications",
      "12",
      "--out",
      out,
    ];
    const r = await hasim(args);
    expect(r.code).toBe(0);
    expect(r.err).toContain("precision: ");
    const runs = csvRecords(readFileSync(join(out, "runs.csv"), "utf8"));
    expect(runs).toHaveLength(3 * 12);
    expect(runs.slice(0, 13).map((x) => `${x.policy}#${x.replication}`)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `off#${i}`),
      "restore#0",
    ]);
    const meta = JSON.parse(readFileSync(join(out, "meta.json"), "utf8")) as {
      study: { precision: { replications: number; metrics: { reached: boolean }[] } };
    };
    expect(meta.study.precision.replications).toBe(12);
    expect(meta.study.precision.metrics.some((m) => !m.reached)).toBe(true);
    expect(r.out).toMatch(/precision: cap of 12 replications hit; not within target: /);
    const again = await hasim([...args.slice(0, -1), join(tempDir(), "prec2")]);
    expect(again.out).toBe(r.out);
  });

  it("stops after the first batch when it is already precise enough", async () => {
    const out = join(tempDir(), "loose");
    const r = await hasim([
      "run",
      TINY,
      "--precision",
      "lost=1000",
      "--precision",
      "1000%",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("precision: every headline metric within target after 3 replications");
  });
});

describe("hasim run --confidence", () => {
  it("sets the level of every interval and names the columns after it", async () => {
    const out = join(tempDir(), "conf");
    const r = await hasim(["run", TINY, "--confidence", "90%", "--out", out]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, "summary.csv"), "utf8").split("\n")[0]).toContain(
      "ci90_low,ci90_high",
    );
    expect(readFileSync(join(out, "compare.csv"), "utf8").split("\n")[0]).toContain("ci90_low");
    expect(r.out).toContain("[90% confidence interval of the mean, BCa bootstrap]");
  });

  it.each([
    ["--confidence", "95"],
    ["--confidence", "abc"],
    ["--precision", "lots"],
    ["--max-replications", "0"],
  ])("rejects %s %s: exit 2, one line, no files", async (flag, value) => {
    const out = join(tempDir(), "bad");
    const r = await hasim(["run", TINY, flag, value, "--precision", "5%", "--out", out]);
    expect(r.code).toBe(2);
    expect(isOneCleanLine(r.err)).toBe(true);
    expect(existsSync(out)).toBe(false);
  });
});

describe("the level is stated wherever an interval is shown", () => {
  it("hasim sweep --confidence 90%: columns, table legend and meta.json", async () => {
    const out = join(tempDir(), "sweep90");
    const r = await hasim([
      "sweep",
      TINY,
      "--vary",
      "seed=1,2",
      "--confidence",
      "90%",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    const header = (f: string): string => readFileSync(join(out, f), "utf8").split("\n")[0]!;
    expect(header("sweep.csv")).toMatch(/,mean,ci90_low,ci90_high,n$/);
    expect(header("summary.csv")).toContain(",ci90_low,ci90_high,");
    expect(r.out).toContain("[90% confidence interval of the mean, BCa bootstrap]");
    expect(r.out).not.toContain("95%");
    const meta = JSON.parse(readFileSync(join(out, "meta.json"), "utf8")) as {
      study: { confidence: number };
    };
    expect(meta.study.confidence).toBe(0.9);
  });

  it.each([
    ["--confidence", "95"],
    ["--precision", "5%"],
  ])("hasim sweep %s %s: exit 2, one line, no files", async (flag, value) => {
    const out = join(tempDir(), "bad-sweep");
    const r = await hasim(["sweep", TINY, "--vary", "seed=1,2", flag, value, "--out", out]);
    expect(r.code).toBe(2);
    expect(isOneCleanLine(r.err)).toBe(true);
    expect(r.err).toContain(flag);
    expect(existsSync(out)).toBe(false);
  });

  it("run --robustness --report --confidence 90%: the report's sentences, table and charts say 90%", async () => {
    const out = join(tempDir(), "report90");
    const r = await hasim(
      ["run", TINY, "--robustness", "--report", "--confidence", "90%", "--out", out],
      stranding,
    );
    expect(r.code).toBe(0);
    const html = readFileSync(join(out, "report.html"), "utf8");
    const sentences = [...html.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!);
    const lost = sentences.find((x) => x.includes("fewer mails than <code>off</code>"));
    expect(lost).toMatch(/\(90% interval .*depends on assumptions\.demotedQueue/);
    expect(html).toContain("[90% interval of the mean]");
    for (const f of readdirSync(out).filter((n) => /\.(html|svg)$/.test(n)))
      expect(readFileSync(join(out, f), "utf8"), f).not.toContain("95%");
    expect(readFileSync(join(out, "comparison.svg"), "utf8")).toContain("90% confidence interval");
  }, 120_000);
});
