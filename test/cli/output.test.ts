import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  isExperimentFile,
  recoverLeftovers,
  safeFolderName,
  writeOutputs,
} from "../../src/cli/output.js";
import { MAX_FOLDER_NAME_CHARS } from "../../src/cli/safe-name.js";

function temp(): string {
  return mkdtempSync(join(tmpdir(), "hasim-out-"));
}

/** A pid that no process has (pids are below 2^22 on Linux). */
const DEAD_PID = 4_194_999;

describe("writeOutputs", () => {
  it("creates the folder and writes every file, leaving no sibling behind", () => {
    const root = temp();
    const dir = join(root, "a", "b");
    writeOutputs(dir, [
      { name: "runs.csv", content: "x\n" },
      { name: "meta.json", content: "{}\n" },
    ]);
    expect(readdirSync(dir).sort()).toEqual(["meta.json", "runs.csv"]);
    expect(readFileSync(join(dir, "runs.csv"), "utf8")).toBe("x\n");
    expect(readdirSync(join(root, "a"))).toEqual(["b"]);
  });

  it("replaces the experiment as a whole and carries over what is not an experiment file", () => {
    const root = temp();
    const dir = join(root, "res");
    mkdirSync(join(dir, "fuzz"), { recursive: true });
    writeFileSync(join(dir, "fuzz", "fuzz.csv"), "a fuzz of its own");
    for (const name of ["trace.csv", "compare.csv", "timeline-off.json", "report.html"])
      writeFileSync(join(dir, name), "old");
    writeFileSync(join(dir, "notes.txt"), "mine");
    writeFileSync(join(dir, `.runs.csv.123.tmp`), "a temporary of an old hasim");
    writeOutputs(dir, [{ name: "runs.csv", content: "new" }]);
    expect(readdirSync(dir).sort()).toEqual(["fuzz", "notes.txt", "runs.csv"]);
    expect(readFileSync(join(dir, "runs.csv"), "utf8")).toBe("new");
    expect(readFileSync(join(dir, "fuzz", "fuzz.csv"), "utf8")).toBe("a fuzz of its own");
    expect(readdirSync(root)).toEqual(["res"]);
  });

  it("keeps the experiment files that `keep` names (a report keeps the runs)", () => {
    const dir = join(temp(), "res");
    writeOutputs(dir, [
      { name: "runs.csv", content: "runs" },
      { name: "report.html", content: "old report" },
    ]);
    writeOutputs(dir, [{ name: "report.html", content: "new report" }], {
      keep: (n) => n !== "report.html",
    });
    expect(readdirSync(dir).sort()).toEqual(["report.html", "runs.csv"]);
    expect(readFileSync(join(dir, "report.html"), "utf8")).toBe("new report");
  });

  it("leaves the old folder untouched and no sibling when a file cannot be written", () => {
    const root = temp();
    const dir = join(root, "res");
    writeOutputs(dir, [{ name: "runs.csv", content: "old" }]);
    expect(() => {
      writeOutputs(dir, [
        { name: "runs.csv", content: "new" },
        { name: "sub/x.csv", content: "no such subfolder" },
      ]);
    }).toThrow();
    expect(readFileSync(join(dir, "runs.csv"), "utf8")).toBe("old");
    expect(readdirSync(root)).toEqual(["res"]);
  });

  it("writes files with mode 0644 (fsynced through a new descriptor)", () => {
    const dir = join(temp(), "res");
    writeOutputs(dir, [{ name: "runs.csv", content: "x" }]);
    expect(statSync(join(dir, "runs.csv")).mode & 0o777).toBe(0o644);
  });
});

describe("leftovers of a crashed run", () => {
  it("puts back a folder a crash left renamed aside, and removes new sets of dead runs", () => {
    const root = temp();
    const dir = join(root, "res");
    writeOutputs(dir, [{ name: "runs.csv", content: "old" }]);
    renameSync(dir, join(root, `.res.hasim-old-${DEAD_PID}`));
    mkdirSync(join(root, `.res.hasim-new-${DEAD_PID}`));
    writeFileSync(join(root, `.res.hasim-new-${DEAD_PID}`, "runs.csv"), "half");
    const done = recoverLeftovers(dir);
    expect(done).toHaveLength(2);
    expect(readdirSync(root)).toEqual(["res"]);
    expect(readFileSync(join(dir, "runs.csv"), "utf8")).toBe("old");
  });

  it("removes an old set when the folder is in place, and is cleaned by the next write", () => {
    const root = temp();
    const dir = join(root, "res");
    writeOutputs(dir, [{ name: "runs.csv", content: "new" }]);
    mkdirSync(join(root, `.res.hasim-old-${DEAD_PID}`));
    writeOutputs(dir, [{ name: "runs.csv", content: "newer" }]);
    expect(readdirSync(root)).toEqual(["res"]);
  });

  it("leaves the siblings of a live process and of other folders alone", () => {
    const root = temp();
    const dir = join(root, "res");
    mkdirSync(join(root, `.res.hasim-new-${process.ppid}`));
    mkdirSync(join(root, `.other.hasim-new-${DEAD_PID}`));
    expect(recoverLeftovers(dir)).toEqual([]);
    expect(existsSync(join(root, `.res.hasim-new-${process.ppid}`))).toBe(true);
  });
});

describe("experiment file names", () => {
  it("knows what run, sweep, fuzz and report write", () => {
    for (const n of [
      "runs.csv",
      "summary.csv",
      "compare.csv",
      "trace.csv",
      "sweep.csv",
      "fuzz.csv",
      "meta.json",
      "timeline-slave.json",
      "counterexample-single-master.yaml",
      "report.html",
      "comparison-lost.svg",
    ]) {
      expect(isExperimentFile(n)).toBe(true);
    }
    for (const n of ["notes.txt", "fuzz", "chart.png", "runs.csv.bak"])
      expect(isExperimentFile(n)).toBe(false);
  });

  it("makes scenario names safe, bounded folder names", () => {
    expect(safeFolderName("primary-crash")).toBe("primary-crash");
    expect(safeFolderName("../etc/x y")).toBe(".._etc_x_y");
    expect(safeFolderName("..")).toBe("_..");
    expect(safeFolderName("")).toBe("_");
    const long = safeFolderName("x".repeat(300));
    expect(long.length).toBe(MAX_FOLDER_NAME_CHARS);
    expect(long).not.toBe(safeFolderName("x".repeat(299)));
  });
});
