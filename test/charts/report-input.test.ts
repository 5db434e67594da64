import { describe, expect, it } from "vitest";
import { isReportInputName, reportInputFromFiles } from "../../src/charts/index.js";
import { numberCell, parseCsv, parseCsvTable } from "../../src/charts/csv.js";
import {
  compareRows,
  counterexample,
  crashTimeline,
  demoFiles,
  runRows,
  summaryRows,
  sweepTable,
} from "./fixtures.js";

describe("CSV reading", () => {
  it("handles quotes, escaped quotes, commas, newlines in cells and CRLF", () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"multi\nline",\n')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\nline", ""],
    ]);
    expect(parseCsv("a,b")).toEqual([["a", "b"]]);
  });

  it("reads records by header and empty cells as null numbers", () => {
    const t = parseCsvTable("\uFEFFx,y\n1,\n\n2,3\n");
    expect(t.header).toEqual(["x", "y"]);
    expect(t.records).toEqual([
      { x: "1", y: "" },
      { x: "2", y: "3" },
    ]);
    expect(numberCell("")).toBeNull();
    expect(numberCell("1e3")).toBe(1000);
    expect(numberCell("abc")).toBeNull();
  });
});

describe("report input from a results folder's files", () => {
  const input = reportInputFromFiles(demoFiles());

  it("parses every file the writers produce", () => {
    expect(input.summary).toEqual(summaryRows());
    expect(input.compare).toEqual(compareRows());
    expect(input.runs.map((r) => [r.policy, r.replication])).toEqual(
      runRows().map((r) => [r.policy, r.replication]),
    );
    expect(input.runs[0]!.values.ttr_service_max_s).toBeNull();
    expect(input.sweep).toEqual(sweepTable());
    expect(input.timelines.map((t) => t.policy)).toEqual(["off", "restore", "slave"]);
    expect(input.timelines[1]!.timeline).toEqual(crashTimeline("restore"));
    expect(input.counterexamples).toEqual([counterexample()]);
    expect(input.title).toBe("hasim report: primary-crash");
    expect(input.warnings).toEqual([]);
  });

  it("knows which names to read", () => {
    for (const n of [
      "summary.csv",
      "runs.csv",
      "compare.csv",
      "sweep.csv",
      "meta.json",
      "timeline-off.json",
      "counterexample-no-loss.yaml",
      "counterexample-no-loss.story.txt",
      "counterexample-no-loss.timeline.json",
    ]) {
      expect(isReportInputName(n)).toBe(true);
    }
    for (const n of ["report.html", "timeline-off.svg", "trace.csv", "notes.txt", "fuzz.csv"])
      expect(isReportInputName(n)).toBe(false);
  });

  it("leaves out a bad file with a warning instead of failing", () => {
    const files = {
      ...demoFiles(),
      "timeline-restore.json": "{ broken",
      "compare.csv": "scenario,metric\nx,y\n",
    };
    const partial = reportInputFromFiles(files);
    expect(partial.timelines.map((t) => t.policy)).toEqual(["off", "slave"]);
    expect(partial.compare).toEqual([]);
    expect(partial.warnings).toHaveLength(2);
    expect(partial.warnings).toEqual([
      expect.stringMatching(/^timeline-restore\.json: not JSON/),
      expect.stringMatching(/^compare\.csv: missing column/),
    ]);
  });

  it("ignores a sweep's summary.csv (parameters as leading columns): sweep.csv charts it", () => {
    const files = {
      "summary.csv":
        "ha.x,scenario,policy,metric,mean,ci95_low,ci95_high,p50,p95,max,n\n1,s,off,lost,1,0,2,1,1,1,3\n",
    };
    expect(reportInputFromFiles(files).summary).toEqual([]);
  });

  it("is empty for no files", () => {
    const empty = reportInputFromFiles({});
    expect(empty.summary).toEqual([]);
    expect(empty.sweep).toBeNull();
    expect(empty.timelines).toEqual([]);
  });
});
