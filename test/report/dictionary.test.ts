import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { METRIC_NAMES } from "../../src/report/columns.js";
import { COLUMNS, CSV_FILES, dictionaryMarkdown, headerOf } from "../../src/report/dictionary.js";
import { compareCsv } from "../../src/report/compare-csv.js";
import { groupByPolicy } from "../../src/report/groups.js";
import { runsCsv } from "../../src/report/runs-csv.js";
import { summaryCsv } from "../../src/report/summary-csv.js";
import { traceCsv } from "../../src/report/trace-csv.js";
import { fakeResults } from "../cli/fake-runner.js";

const README = "results/README.md";
const BEGIN = "<!-- columns:begin -->\n";
const END = "<!-- columns:end -->";

function firstLine(csv: string): string[] {
  return (csv.split("\n")[0] ?? "").split(",");
}

describe("the column dictionary", () => {
  it("is what results/README.md shows", () => {
    const text = readFileSync(README, "utf8");
    const a = text.indexOf(BEGIN);
    const b = text.indexOf(END);
    expect(a).toBeGreaterThan(0);
    const want = text.slice(0, a + BEGIN.length) + dictionaryMarkdown() + text.slice(b);
    if (process.env.HASIM_WRITE_DICTIONARY === "1") writeFileSync(README, want);
    expect(text).toBe(want);
  });

  it("documents every column once per file, each with a meaning", () => {
    for (const file of CSV_FILES) {
      const names = COLUMNS.filter((c) => c.file === file).map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
    }
    for (const c of COLUMNS) expect(c.meaning.length).toBeGreaterThan(10);
  });

  it("gives the headers the writers write", () => {
    const results = fakeResults("crash", 1, ["off", "slave"], 2);
    const groups = groupByPolicy(results, ["off", "slave"]);
    expect(firstLine(runsCsv(results, 1))).toEqual(headerOf("runs.csv"));
    expect(firstLine(summaryCsv(groups))).toEqual(headerOf("summary.csv"));
    expect(firstLine(compareCsv(groups))).toEqual(headerOf("compare.csv"));
    expect(firstLine(traceCsv([]))).toEqual(headerOf("trace.csv"));
  });

  it("lists every metric column of runs.csv, with a unit, the causes and events and end_s", () => {
    const runs = COLUMNS.filter((c) => c.file === "runs.csv");
    expect(runs.map((c) => c.name).slice(5)).toEqual([...METRIC_NAMES]);
    for (const c of runs.slice(5)) expect(c.unit).not.toBe("");
    const doc = dictionaryMarkdown();
    for (const name of [
      "events",
      "end_s",
      "spool_mean",
      "lost_stranded_off",
      "duplicated_cut_session",
    ])
      expect(doc).toContain(`| \`${name}\` |`);
  });
});
