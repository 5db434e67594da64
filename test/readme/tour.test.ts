/**
 * The README's tour, run as written so it cannot rot: every `npx hasim …` command line of the
 * README (the set-up block and the tour table) runs through the CLI's `main` in a scratch folder
 * (its own `results/`, the shipped `scenarios/` linked in), and must exit as the tour says and
 * write the files the tour promises. In-process: the argument parsing, commands and files are
 * the binary's own, and one process loads the model and the chart renderer once for all ten
 * commands (the process boundary, exit codes and signals are tested in test/cli/bin.test.ts and
 * test/hostile/binary.test.ts). To keep the suite short, each run is trimmed through flags
 * appended after the README's own: 1 replication (`--replications`), a fuzz of 5 cases
 * (`--runs`), one worker (`--jobs 1`), and, for scenarios whose horizon is longer than
 * HASIM_TOUR_HORIZON (default 3h), that horizon (without the scheduled faults that start later). `npm test` and the benchmarks are not
 * run (the tour's own test and a long benchmark); their scripts must exist.
 */
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { parseDurationUs } from "../../src/scenario/units.js";
import { hasimModel, type Outcome, ROOT } from "../cli/helpers.js";

const README = readFileSync(join(ROOT, "README.md"), "utf8");
const TOUR_HORIZON_US = parseDurationUs(process.env.HASIM_TOUR_HORIZON ?? "3h");

/** Every `npx hasim …` command in the README, in order, without trailing comments. */
export function readmeCommands(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/npx hasim ([^`#\n]+?)\s*(?:`|#|$)/gm)) out.push(m[1]!.trim());
  return out;
}

/**
 * Flags that shorten a run or sweep of a scenario: HASIM_TOUR_HORIZON when the scenario's horizon
 * is longer, and then no scheduled faults after it (`--set faults=[]` when one starts later: the
 * tour checks the commands and their files, not the numbers).
 */
function shorter(scenarioFile: string): string[] {
  const raw = YAML.parse(readFileSync(join(ROOT, scenarioFile), "utf8")) as {
    horizon?: string;
    faults?: { at?: string }[];
  };
  const horizonUs = parseDurationUs(raw.horizon ?? "1d");
  if (horizonUs <= TOUR_HORIZON_US) return [];
  const late = (raw.faults ?? []).some((f) => parseDurationUs(f.at ?? "0s") >= TOUR_HORIZON_US);
  return ["--horizon", `${TOUR_HORIZON_US / 1e6}s`, ...(late ? ["--set", "faults=[]"] : [])];
}

/** The README command with the trimming flags appended. */
function trimmed(words: readonly string[]): string[] {
  const [cmd, file] = words;
  if (cmd === "fuzz") return [...words, "--runs", "5", "-q"];
  if (cmd !== "run" && cmd !== "sweep") return [...words];
  return [...words, "--replications", "1", "--jobs", "1", "-q", ...shorter(file!)];
}

let work = "";
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "hasim-tour-"));
  symlinkSync(join(ROOT, "scenarios"), join(work, "scenarios"));
});

/** Runs `hasim <words…>` (trimmed) in the scratch folder, as `npx hasim` would there. */
async function hasim(words: readonly string[]): Promise<Outcome> {
  const cwd = process.cwd();
  process.chdir(work);
  try {
    return await hasimModel(trimmed(words));
  } finally {
    process.chdir(cwd);
  }
}

describe("the README tour, as written", () => {
  const commands = readmeCommands(README);

  it("finds the set-up command and every tour row", () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
    expect(commands[0]).toBe("run scenarios/primary-crash.yaml --report");
    expect(README).toMatch(/npm run build && npm run bench/);
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.bench).toBeDefined();
    expect(scripts.test).toBeDefined();
  });

  // In README order: `hasim report results/primary-crash` reads what the first row wrote.
  for (const [i, line] of commands.entries()) {
    it(`runs: hasim ${line}`, async () => {
      const words = line.split(/\s+/);
      const r = await hasim(words);
      // fuzz exits 1 when it finds a counterexample (its seed is random: 5 cases may find none).
      expect(words[0] === "fuzz" ? [0, 1] : [0], r.err).toContain(r.code);
      expect(r.err).not.toMatch(/internal error|Error:/);
      if (words.includes("--report") || words[0] === "report") {
        const dir = words[0] === "report" ? join(work, words[1]!) : folderOf(r.err);
        expect(existsSync(join(dir, "report.html")), `report.html in ${dir}`).toBe(true);
      }
      if (words[0] === "fuzz") expect(r.err).toMatch(/results in .*fuzz/);
      if (i === 0) expect(existsSync(join(work, "results/primary-crash/runs.csv"))).toBe(true);
    });
  }
});

/** The folder a command said it wrote (`results in DIR`). */
function folderOf(stderr: string): string {
  const m = /results in (.+)\n/.exec(stderr);
  return join(work, m?.[1] ?? "nowhere");
}
