import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  mkdirSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isResultFile, safeFolderName, writeOutputs } from "../../src/cli/output.js";

describe("writeOutputs", () => {
  it("creates the folder and writes every file, leaving no temporaries", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "hasim-out-")), "a", "b");
    writeOutputs(dir, [
      { name: "runs.csv", content: "x\n" },
      { name: "meta.json", content: "{}\n" },
    ]);
    expect(readdirSync(dir).sort()).toEqual(["meta.json", "runs.csv"]);
    expect(readFileSync(join(dir, "runs.csv"), "utf8")).toBe("x\n");
  });

  it("replaces files and removes stale result files of an earlier command, not other files", () => {
    const dir = mkdtempSync(join(tmpdir(), "hasim-out-"));
    for (const name of [
      "trace.csv",
      "compare.csv",
      "timeline-off.json",
      "report.html",
      "notes.txt",
      "runs.csv",
    ]) {
      writeFileSync(join(dir, name), "old");
    }
    writeOutputs(dir, [{ name: "runs.csv", content: "new" }]);
    expect(readdirSync(dir).sort()).toEqual(["notes.txt", "report.html", "runs.csv"]);
    expect(readFileSync(join(dir, "runs.csv"), "utf8")).toBe("new");
  });

  it("writes nothing final when a temporary cannot be written", () => {
    const dir = mkdtempSync(join(tmpdir(), "hasim-out-"));
    // A folder where the second temporary would go makes its write fail.
    mkdirSync(join(dir, `.b.csv.${process.pid}.tmp`));
    expect(() => {
      writeOutputs(dir, [
        { name: "a.csv", content: "a" },
        { name: "b.csv", content: "b" },
      ]);
    }).toThrow();
    expect(existsSync(join(dir, "a.csv"))).toBe(false);
    expect(existsSync(join(dir, `.a.csv.${process.pid}.tmp`))).toBe(false);
  });
});

describe("result file names", () => {
  it("knows what run and sweep write", () => {
    for (const n of [
      "runs.csv",
      "summary.csv",
      "compare.csv",
      "trace.csv",
      "sweep.csv",
      "meta.json",
      "timeline-slave.json",
    ]) {
      expect(isResultFile(n)).toBe(true);
    }
    for (const n of ["report.html", "fuzz.csv", "counterexample-x.yaml", "chart.svg"])
      expect(isResultFile(n)).toBe(false);
  });

  it("makes scenario names safe as folder names", () => {
    expect(safeFolderName("primary-crash")).toBe("primary-crash");
    expect(safeFolderName("../etc/x y")).toBe(".._etc_x_y");
    expect(safeFolderName("..")).toBe("_..");
    expect(safeFolderName("")).toBe("_");
  });
});
