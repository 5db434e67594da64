// A written counterexample replays to the same violation: through the scenario qualifier and
// the model, and through `hasim run`.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { timelineFromJson } from "../../src/charts/timeline-data.js";
import { main } from "../../src/cli/main.js";
import {
  counterexampleScenario,
  counterexampleYaml,
  replayCommand,
} from "../../src/fuzz/counterexample.js";
import { fuzz, type Failure } from "../../src/fuzz/fuzz.js";
import { checkProperty, type PropertyName } from "../../src/fuzz/properties.js";
import { parseScenarioText, qualifyScenario } from "../../src/scenario/index.js";
import type { QualifiedScenario } from "../../src/config/scenario.js";
import { runReplication } from "../../src/run/replication.js";
import { csvRecords } from "../report/parse-csv.js";
import { ROOT, tempDir } from "../cli/helpers.js";

function shipped(name: string, over: Record<string, unknown> = {}): QualifiedScenario {
  const file = join(ROOT, "scenarios", name);
  return qualifyScenario(
    {
      ...(parseScenarioText(readFileSync(file, "utf8"), file) as Record<string, unknown>),
      ...over,
    },
    file,
  );
}

const H = 3600e6;

/** Fuzzes for one property, writes its counterexample, and returns both. */
function found(
  base: QualifiedScenario,
  property: PropertyName,
): { f: Failure; file: string; minDrainUs: number } {
  const report = fuzz(base, {
    properties: [property],
    numRuns: 100,
    seed: 4,
    timeBudgetMs: null,
    swarm: false,
    ttrBoundUs: H,
  });
  const f = report.outcomes[0]?.failure;
  if (f === null || f === undefined) throw new Error(`no counterexample to ${property}`);
  const file = join(tempDir(), `counterexample-${property}.yaml`);
  const x = {
    base,
    case: f.case,
    property,
    verdict: f.verdict,
    fuzzSeed: 4,
    minDrainUs: report.minDrainUs,
  };
  writeFileSync(file, counterexampleYaml(x, file));
  return { f, file, minDrainUs: report.minDrainUs };
}

describe("counterexample files", () => {
  const cases: [PropertyName, QualifiedScenario][] = [
    ["single-master", shipped("fuzz-single-link.yaml")],
    [
      "recovers",
      shipped("fuzz-single-link.yaml", {
        policies: ["off"],
        ha: { admin: { responseTime: "never" } },
      }),
    ],
    ["no-loss", shipped("fuzz-single-link.yaml")],
  ];

  it.each(cases)("%s: the YAML re-qualifies and reruns to the same violation", (property, base) => {
    const { f, file } = found(base, property);
    const q = qualifyScenario(parseScenarioText(readFileSync(file, "utf8"), file), file);
    expect(q.replications).toBe(1);
    expect(q.policies).toEqual([f.case.config.policy]);
    expect(q.seed).toBe(f.case.seed);
    expect(q.faults).toEqual(f.case.faults);
    expect(q.description).toContain(`Counterexample to ${property}`);
    const r = runReplication(q, f.case.config.policy, 0, { trace: true });
    expect(r.metrics).toEqual(f.result.metrics);
    expect(checkProperty(property, r, { scenario: q, ttrBoundUs: H })).toEqual(f.verdict);
  });

  it("replays with hasim run: the split brain is back, longer than the detection window", async () => {
    const { f, file } = found(shipped("fuzz-single-link.yaml"), "single-master");
    const text = readFileSync(file, "utf8");
    expect(text.split("\n")[1]).toBe(`# Replay: ${replayCommand(file, f.case)}`);
    const out = join(tempDir(), "replay");
    const io = { stdout: () => undefined, stderr: () => undefined, stderrIsTty: false };
    const argv = [
      "run",
      file,
      "--policy",
      f.case.config.policy,
      "--out",
      out,
      "--trace",
      "--quiet",
      "--jobs",
      "1",
    ];
    expect(await main(argv, io, runReplication)).toBe(0);
    const runs = csvRecords(readFileSync(join(out, "runs.csv"), "utf8"));
    expect(runs).toHaveLength(1);
    expect(Number(runs[0]?.split_brain_s)).toBe(f.result.metrics.split_brain_s);
    const tl = timelineFromJson(
      readFileSync(join(out, `timeline-${f.case.config.policy}.json`), "utf8"),
    );
    expect(tl.splitBrain.some((s) => s.endUs - s.startUs > 15e6)).toBe(true);
  });

  it("is named after the property and carries the case's configuration", () => {
    const base = shipped("fuzz-single-link.yaml");
    const { f, minDrainUs } = found(base, "single-master");
    const raw = counterexampleScenario({
      base,
      case: f.case,
      property: "single-master",
      verdict: f.verdict,
      fuzzSeed: 4,
      minDrainUs,
    });
    expect(raw.name).toBe("fuzz-single-link-counterexample-single-master");
    expect(raw.policies).toEqual([f.case.config.policy]);
    expect((raw.ha as { heartbeat: unknown }).heartbeat).toEqual({
      interval: "5s",
      lostThreshold: 3,
      secondaryLink: false,
    });
    expect(String(raw.description)).toMatch(
      /found by hasim fuzz --seed 4 on fuzz-single-link, shrunk to 1 fault\(s\): link-down/,
    );
  });
});
