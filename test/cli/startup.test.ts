/**
 * Start-up loads what the command needs and no more: the chart libraries (vega, vega-lite, d3)
 * and fast-check cost about 0.8 CPU-s to load, so `hasim --version`, `hasim validate` and
 * `hasim run` (without `--report`) must not load them. Counted with a module-loading hook
 * (test/cli/load-log.mjs) in the built binary, as a user runs it; modules, never time.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, TINY, tempDir } from "./helpers.js";

const MAIN = join(ROOT, "dist", "src", "cli", "main.js");
const BUNDLE = join(ROOT, "dist", "bin", "main.js");
const HOOK = join(ROOT, "test", "cli", "load-log.mjs");
/** Packages only the report, the charts and the fuzzer need. */
const HEAVY = /\/node_modules\/(vega[^/]*|d3-[^/]+|fast-check)\//;

/** The URLs of the modules `node <entry> <args>` loads, and its exit code. */
function modulesLoaded(
  entry: string,
  args: readonly string[],
): { code: number | null; urls: string[] } {
  const log = join(tempDir(), "modules.txt");
  const r = spawnSync(process.execPath, ["--import", HOOK, entry, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, HASIM_LOAD_LOG: log, HASIM_DEBUG: "" },
  });
  const urls = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
  return { code: r.status, urls };
}

const runArgs = (): string[] => [
  "run",
  TINY,
  "--replications",
  "1",
  "--out",
  join(tempDir(), "o"),
  "-q",
];

describe("start-up", () => {
  it("the hook sees the heavy packages when a command needs them", () => {
    // `hasim report` draws charts: vega must show up, or the checks below would prove nothing.
    const out = join(tempDir(), "o");
    const ran = modulesLoaded(MAIN, [...runArgs().slice(0, -3), "--out", out, "--report", "-q"]);
    expect(ran.code).toBe(0);
    expect(ran.urls.filter((u) => HEAVY.test(u)).length).toBeGreaterThan(10);
  });

  it("--version loads the version module and nothing of the model", () => {
    const { code, urls } = modulesLoaded(MAIN, ["--version"]);
    expect(code).toBe(0);
    expect(urls.length).toBeLessThanOrEqual(10);
    expect(urls.filter((u) => /\/(sim|scenario|kernel|report)\/|node_modules/.test(u))).toEqual([]);
  });

  it.each([
    ["run", runArgs],
    ["validate", () => ["validate", TINY]],
  ])("%s loads neither vega, vega-lite, d3 nor fast-check", (_name, args) => {
    const { code, urls } = modulesLoaded(MAIN, args());
    expect(code).toBe(0);
    expect(urls.length).toBeGreaterThan(50);
    expect(urls.filter((u) => HEAVY.test(u))).toEqual([]);
    // Only the command asked for is loaded, not its six siblings.
    expect(urls.filter((u) => /\/cli\/commands\/(fuzz|sweep|merge)\.js$/.test(u))).toEqual([]);
  });

  it.runIf(existsSync(BUNDLE))("the bundled binary's --version loads at most 4 files", () => {
    const { code, urls } = modulesLoaded(BUNDLE, ["--version"]);
    expect(code).toBe(0);
    expect(urls.filter((u) => u.startsWith("file:")).length).toBeLessThanOrEqual(4);
  });
});
