/**
 * Every caption and sentence of a report states the level its intervals were computed at: a run
 * with `--confidence 90%` writes `ci90_*` columns, and nothing drawn from them may say 95%.
 */
import { describe, expect, it } from "vitest";
import { buildReport, reportInputFromFiles } from "../../src/charts/index.js";
import { comparisonSpec, differencesSpec } from "../../src/charts/comparison-spec.js";
import { conclusionSentence } from "../../src/charts/conclusion-text.js";
import { sweepSpec } from "../../src/charts/sweep-spec.js";
import { levelOfColumn, levelPercent } from "../../src/stats/interval.js";
import { demoRobustness } from "./conclusion-fixtures.js";
import { compareRows, demoFiles, runRows, summaryRows, sweepTable } from "./fixtures.js";

/** A results folder's files at `confidence`, without the timelines (slow to render, no intervals). */
function intervalFiles(confidence: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(demoFiles(confidence)).filter(
      ([name]) => !/^(timeline|counterexample)-/.test(name),
    ),
  );
}

describe("the level of an interval, written and read", () => {
  it("is printed as people write it and read back from a column name", () => {
    expect([0.95, 0.9, 0.995, 0.8].map((c) => levelPercent(c))).toEqual([
      "95%",
      "90%",
      "99.5%",
      "80%",
    ]);
    expect(levelOfColumn("ci90_low")).toBe(0.9);
    expect(levelOfColumn("ci99.5_high")).toBe(0.995);
    expect(levelOfColumn("ci95")).toBeNull();
    expect(levelOfColumn("p95")).toBeNull();
    expect(levelOfColumn("ci100_low")).toBeNull();
  });

  it("is taken from the CSV headers, whatever meta.json says", () => {
    expect(reportInputFromFiles(intervalFiles(0.9)).confidence).toBe(0.9);
    const files = { ...intervalFiles(0.8), "meta.json": intervalFiles(0.9)["meta.json"]! };
    expect(reportInputFromFiles(files).confidence).toBe(0.8);
    // A sweep folder has sweep.csv only.
    const sweep = reportInputFromFiles({ "sweep.csv": intervalFiles(0.99)["sweep.csv"]! });
    expect(sweep.confidence).toBe(0.99);
    expect(sweep.sweep?.rows[0]?.values.lost?.ciLow).toEqual(
      sweepTable().rows[0]!.values.lost!.ciLow,
    );
  });
});

describe("chart subtitles and conclusion sentences say the level used", () => {
  it.each([0.9, 0.99])("at %s: the specs' subtitles", (confidence) => {
    const pct = levelPercent(confidence);
    const texts = [
      comparisonSpec(summaryRows(), runRows(), "primary-crash", confidence),
      differencesSpec(compareRows(), "primary-crash", confidence),
      sweepSpec(sweepTable(), undefined, confidence),
    ].map((s) => JSON.stringify(s));
    for (const t of texts) {
      expect(t).toContain(`${pct} confidence interval`);
      expect(t).not.toContain("95%");
    }
  });

  it("in the sentences, with the robustness statement", () => {
    const s = conclusionSentence(
      "lost",
      summaryRows(),
      compareRows(),
      demoRobustness(compareRows()),
      0.9,
    )!;
    expect(s).toMatch(/^`restore` loses 11\.5 fewer mails than `off` \(90% interval /);
    expect(s).toContain("depends on assumptions.demotedQueue");
    expect(s).not.toContain("95%");
  });

  it("in every file of a report drawn from 90% CSVs, and 95% ones say 95%", async () => {
    const { files } = await buildReport(reportInputFromFiles(intervalFiles(0.9)));
    const html = files["report.html"]!;
    expect(html).toContain("[90% interval of the mean]");
    expect(html).toContain("Intervals: 90% BCa bootstrap");
    expect(html).toMatch(/\(90% interval [^)]*depends on assumptions\.demotedQueue/);
    for (const svg of ["comparison.svg", "differences.svg", "sweep.svg"])
      expect(files[svg], svg).toContain("90% confidence interval");
    for (const [name, text] of Object.entries(files)) expect(text, name).not.toContain("95%");

    const at95 = (await buildReport(reportInputFromFiles(intervalFiles(0.95)))).files;
    expect(at95["report.html"]).toContain("[95% interval of the mean]");
    expect(at95["comparison.svg"]).toContain("95% confidence interval");
  }, 60_000);
});
