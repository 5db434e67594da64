/**
 * The README's library example (`examples/library.ts`), type-checked by tsc against the built
 * declarations through the package's own `exports` (`import … from "hasim"`), then run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compare, parseScenario, runScenario } from "../../src/index.js";
import { ROOT } from "../cli/helpers.js";

const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

describe("the library", () => {
  it("runs the README example after tsc type-checks it", () => {
    expect(existsSync(join(ROOT, "dist", "src", "index.d.ts")), "npm run build first").toBe(true);
    // Incremental (its build info beside the output): tsc hashes every file of the program, the
    // built declarations included, and checks again only when one of them changed.
    const incremental = ["--incremental", "--tsBuildInfoFile", "dist-examples/.tsbuildinfo"];
    const built = spawnSync(process.execPath, [TSC, "-p", "examples", ...incremental], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(built.status, built.stdout + built.stderr).toBe(0);
    const r = spawnSync(process.execPath, [join(ROOT, "dist-examples", "library.js")], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^off\tlost\t/m);
    expect(r.stdout).toMatch(/^slave\tunavailable_s\t[\d.]+ \[/m);
    expect(r.stdout).toContain("runs: 9");
  });

  it("gives per-replication results, summaries and paired differences", () => {
    const text = readFileSync(join(ROOT, "scenarios", "primary-crash.yaml"), "utf8");
    const scenario = parseScenario(text, "primary-crash.yaml", {
      set: ["horizon=3h", "workload.arrivals.rate=5/s"],
    });
    const result = runScenario(scenario, { policies: ["off", "slave"], replications: 2 });
    expect(result.runs.map((r) => `${r.policy}#${r.replication}`)).toEqual([
      "off#0",
      "off#1",
      "slave#0",
      "slave#1",
    ]);
    const failovers = result.summaries.filter((s) => s.metric === "failovers");
    expect(failovers.map((s) => [s.policy, s.n])).toEqual([
      ["off", 2],
      ["slave", 2],
    ]);
    const d = compare(result).find((x) => x.metric === "failovers");
    expect(d?.policyA).toBe("off");
    expect(d?.n).toBe(2);
    const mean = (p: string): number => failovers.find((s) => s.policy === p)?.mean ?? Number.NaN;
    expect(d?.meanDiff).toBeCloseTo(mean("off") - mean("slave"));
  });

  it("ships only what a user needs", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      files: string[];
      exports: Record<string, { types: string; import: string }>;
    };
    expect(pkg.exports["."]?.types).toBe("./dist/src/index.d.ts");
    expect(pkg.files.some((f) => f.startsWith("test") || f.startsWith("bench"))).toBe(false);
  });
});
