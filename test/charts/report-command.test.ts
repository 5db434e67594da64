import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import report, { reportCommand, writeReport } from "../../src/cli/commands/report.js";
import type { CliContext } from "../../src/cli/context.js";
import { UserError } from "../../src/cli/errors.js";
import { demoFiles } from "./fixtures.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(files: Record<string, string> = {}): string {
  const d = mkdtempSync(join(tmpdir(), "hasim-report-test-"));
  dirs.push(d);
  for (const [n, t] of Object.entries(files)) writeFileSync(join(d, n), t);
  return d;
}
function ctx(): CliContext & { err: string[]; out: string[] } {
  const err: string[] = [];
  const out: string[] = [];
  return {
    io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stderrIsTty: false },
    argv: [],
    err,
    out,
  };
}

describe("hasim report <dir>", () => {
  it("is a command named report taking a folder", () => {
    expect(report.command).toBe("report <dir>");
    expect(typeof report.builder).toBe("function");
  });

  it("writes report.html and the SVGs into the folder, removing stale charts only", async () => {
    const dir = tempDir({
      ...demoFiles(),
      "timeline-off-episode-99.svg": "<svg/>",
      "notes.txt": "mine",
    });
    const c = ctx();
    expect(await reportCommand({ dir }, c)).toBe(0);
    const names = readdirSync(dir);
    expect(names).toContain("report.html");
    expect(names).toContain("comparison.svg");
    expect(names).toContain("counterexample-no-duplicates.svg");
    expect(names).not.toContain("timeline-off-episode-99.svg");
    expect(names).toContain("notes.txt");
    expect(names.filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect(c.err.join("")).toMatch(/report in .*report\.html \(\d+ charts\)/);
    expect(readFileSync(join(dir, "report.html"), "utf8")).toContain("hasim report: primary-crash");
  });

  it("writes elsewhere with --out and prints warnings for unreadable files", async () => {
    const dir = tempDir({ ...demoFiles(), "timeline-slave.json": "nope" });
    const out = join(tempDir(), "sub");
    const c = ctx();
    const written = await writeReport(dir, c.io, out);
    expect(written.files[0]).toBe("report.html");
    expect(readdirSync(out)).toContain("timeline-off.svg");
    expect(readdirSync(out)).not.toContain("timeline-slave.svg");
    expect(c.err.join("")).toMatch(/hasim report: warning: timeline-slave\.json: not JSON/);
  });

  it("fails as a user error on a missing folder, a file, or nothing to chart", async () => {
    await expect(reportCommand({ dir: "/nonexistent/hasim" }, ctx())).rejects.toThrow(UserError);
    const file = join(tempDir(), "f.csv");
    writeFileSync(file, "x");
    await expect(writeReport(file)).rejects.toThrow(/expected a results folder/);
    await expect(writeReport(tempDir({ "meta.json": "{}", "notes.txt": "x" }))).rejects.toThrow(
      /nothing to chart/,
    );
  });
});
