/**
 * Issue 18's mutation fuzzer: thousands of seeded mutants of the shipped scenarios, each
 * validated in-process, must end in exit 0 or exit 2 with exactly one line and never an
 * internal error; a sample of those that validate is run by the built binary with a short
 * horizon under a time bound (a hang is a failure), and a failed run leaves no folder.
 * `HASIM_MUTANTS` sets how many (default 2000), `HASIM_MUTANT_SEED` the seed (default fixed).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { describeError } from "../../src/cli/errors.js";
import { loadScenario } from "../../src/cli/load.js";
import { scenarioToRaw } from "../../src/scenario/index.js";
import { ROOT } from "../cli/helpers.js";
import { ensureBuilt, MAIN } from "./built.js";
import { mutant, type Mutant } from "./mutate.js";

const COUNT = Number(process.env.HASIM_MUTANTS ?? 2000);
const SEED = process.env.HASIM_MUTANT_SEED ?? "hostile-1";
/** Runs of the built binary per CI run (each about half a second). */
const RUN_SAMPLE = 8;
/** A run of 10 simulated minutes that takes longer than this hangs. */
const RUN_TIMEOUT_MS = 60_000;

const SCENARIOS = readdirSync(join(ROOT, "scenarios"))
  .filter((f) => f.endsWith(".yaml"))
  .sort();

function mutants(): Mutant[] {
  const bases = SCENARIOS.map((f) => ({
    name: f.replace(/\.yaml$/, ""),
    data: YAML.parse(readFileSync(join(ROOT, "scenarios", f), "utf8")) as unknown,
  }));
  return Array.from({ length: COUNT }, (_, i) => {
    const b = bases[i % bases.length]!;
    return mutant(SEED, i, b.data, b.name);
  });
}

/**
 * What `hasim validate <file>` does, without yargs (which costs more than the validation):
 * load, qualify, print the effective scenario; an error becomes its exit code and line.
 */
function validate(file: string): { code: number; err: string } {
  try {
    const { scenario } = loadScenario(file, {});
    YAML.stringify(scenarioToRaw(scenario), { version: "1.2", lineWidth: 0 });
    return { code: 0, err: "" };
  } catch (e) {
    const { code, line } = describeError(e);
    return { code, err: line + "\n" };
  }
}

function lines(s: string): string[] {
  return s.split("\n").filter((l) => l !== "");
}

describe("mutated scenarios", () => {
  const dir = mkdtempSync(join(tmpdir(), "hasim-mutants-"));
  const accepted: string[] = [];

  beforeAll(() => {
    ensureBuilt();
  }, 300_000);

  it(`validate ${COUNT} mutants: exit 0, or exit 2 with one line; never an internal error`, () => {
    const bad: string[] = [];
    for (const m of mutants()) {
      const file = join(dir, m.name);
      writeFileSync(file, m.text);
      const r = validate(file);
      const ok =
        (r.code === 0 && r.err === "") ||
        (r.code === 2 && lines(r.err).length === 1 && !/internal error|\n\s+at /.test(r.err));
      if (!ok) bad.push(`${m.name}: exit ${r.code}: ${r.err.slice(0, 300)}`);
      else if (r.code === 0) accepted.push(file);
    }
    expect(bad).toEqual([]);
    console.log(`${accepted.length} of ${COUNT} mutants validate`);
    // The mutants are varied enough that both outcomes occur.
    expect(accepted.length).toBeGreaterThan(COUNT / 50);
    expect(accepted.length).toBeLessThan(COUNT);
  }, 600_000);

  it("runs a sample of the accepted mutants with a short horizon: no internal error, no hang", () => {
    const sample = accepted.filter(
      (_, i) => i % Math.max(1, Math.floor(accepted.length / RUN_SAMPLE)) === 0,
    );
    expect(sample.length).toBeGreaterThan(0);
    const bad: string[] = [];
    for (const file of sample.slice(0, RUN_SAMPLE)) {
      const out = join(dir, "out-" + file.split("/").pop()!);
      const args = [
        MAIN,
        "run",
        file,
        "--horizon",
        "10m",
        "--replications",
        "1",
        "--out",
        out,
        "-q",
        "--jobs",
        "1",
      ];
      const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: RUN_TIMEOUT_MS });
      const err = r.stderr;
      const why =
        r.status === null
          ? `no exit within ${RUN_TIMEOUT_MS} ms (${r.signal})`
          : err.includes("internal error")
            ? `internal error`
            : r.status === 2 && (lines(err).length !== 1 || existsSync(out))
              ? "exit 2 without exactly one line, or with an output folder"
              : r.status !== 0 && r.status !== 1 && r.status !== 2
                ? `exit ${r.status}`
                : null;
      if (why !== null) bad.push(`${file}: ${why}: ${err.slice(0, 300)}`);
    }
    expect(bad).toEqual([]);
  }, 600_000);
});
