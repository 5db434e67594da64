/**
 * `--precision` through the built binary: only the build runs replications on worker threads,
 * so this is where `--jobs 1` and `--jobs 2` must give byte-identical files, batches included.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, TINY, tempDir } from "../cli/helpers.js";

const MAIN = join(ROOT, "dist", "src", "cli", "main.js");

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`no build at ${MAIN}: test/global-setup.ts builds it`);
});

describe("hasim run --precision (built binary)", () => {
  it("writes byte-identical files with --jobs 1 and --jobs 2", () => {
    const dirs = [1, 2].map((jobs) => {
      const out = join(tempDir(), `jobs${jobs}`);
      const args = [
        "run",
        TINY,
        "--replications",
        "2",
        "--precision",
        "2%",
        "--max-replications",
        "6",
      ];
      const r = spawnSync(
        process.execPath,
        [MAIN, ...args, "--quiet", "--jobs", String(jobs), "--out", out],
        {
          cwd: ROOT,
          encoding: "utf8",
        },
      );
      expect(r.status).toBe(0);
      expect(r.stderr).toContain("precision: ");
      return out;
    });
    const files = readdirSync(dirs[0]!).sort();
    expect(files).toEqual(readdirSync(dirs[1]!).sort());
    const runs = readFileSync(join(dirs[0]!, "runs.csv"), "utf8").trim().split("\n");
    expect(runs.length - 1).toBeGreaterThan(3 * 2); // at least one batch beyond the first
    for (const f of files.filter((n) => n !== "meta.json")) {
      expect(readFileSync(join(dirs[1]!, f), "utf8"), f).toBe(
        readFileSync(join(dirs[0]!, f), "utf8"),
      );
    }
    const meta = (d: string): unknown =>
      (JSON.parse(readFileSync(join(d, "meta.json"), "utf8")) as { study: unknown }).study;
    expect(meta(dirs[1]!)).toEqual(meta(dirs[0]!));
  }, 300_000);
});
