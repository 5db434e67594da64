// The engine on the shipped fuzz scenarios: known-unsafe settings are found and shrunk, a
// setting believed safe survives, and the same seed finds the same cases.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FUZZ_KINDS } from "../../src/fuzz/arbitraries.js";
import { fuzz, summaryText, type FuzzOptions } from "../../src/fuzz/fuzz.js";
import { fuzzCsv } from "../../src/fuzz/fuzz-csv.js";
import { parseScenarioText, qualifyScenario, scenarioToRaw } from "../../src/scenario/index.js";
import type { QualifiedScenario } from "../../src/config/scenario.js";
import { ROOT } from "../cli/helpers.js";

/** A shipped scenario, optionally with overrides on top. */
function shipped(name: string, over: Record<string, unknown> = {}): QualifiedScenario {
  const file = join(ROOT, "scenarios", name);
  const raw = parseScenarioText(readFileSync(file, "utf8"), file) as Record<string, unknown>;
  return qualifyScenario({ ...raw, ...over }, file);
}

const H = 3600e6;
const opts = (o: Partial<FuzzOptions>): FuzzOptions => ({
  properties: ["single-master"],
  numRuns: 100,
  seed: 1,
  timeBudgetMs: null,
  swarm: false,
  ttrBoundUs: H,
  ...o,
});

describe("the shipped fuzz scenarios", () => {
  it.each(["fuzz-single-link", "fuzz-safe"])(
    "%s qualifies, is named after its file, is light and round-trips",
    (name) => {
      const q = shipped(`${name}.yaml`);
      expect(q.name).toBe(name);
      expect(q.faults).toEqual([]);
      expect(q.horizonUs).toBeLessThanOrEqual(3 * H);
      expect(q.workload.arrivals.ratePerS).toBeLessThanOrEqual(2);
      expect(qualifyScenario(scenarioToRaw(q), `${name}.yaml`)).toEqual(q);
    },
  );

  it("are the unsafe and the believed-safe settings", () => {
    expect(shipped("fuzz-single-link.yaml").ha).toMatchObject({
      heartbeat: { secondaryLink: false },
      remoteAsHeartbeat: false,
    });
    expect(shipped("fuzz-safe.yaml").ha).toMatchObject({
      heartbeat: { secondaryLink: true },
      remoteAsHeartbeat: true,
    });
  });
});

describe("fuzz: known-unsafe settings", () => {
  it.each([1, 2, 3])(
    "single link, remote-as-heartbeat off: a split brain shrinks to one link-down (seed %i)",
    (seed) => {
      const report = fuzz(shipped("fuzz-single-link.yaml"), opts({ seed, numRuns: 200 }));
      const f = report.outcomes[0]?.failure;
      expect(f).toBeTruthy();
      expect(f!.foundAt).toBeLessThanOrEqual(50);
      expect(f!.case.faults).toHaveLength(1);
      expect(f!.case.faults[0]?.kind).toBe("link-down");
      expect(f!.verdict.reason).toMatch(/^two MASTERs for .* \(detection window 15s\)$/);
    },
  );

  it("on-failure off with an admin who never comes back does not recover", () => {
    const base = shipped("fuzz-single-link.yaml", {
      policies: ["off"],
      ha: { admin: { responseTime: "never" } },
    });
    const f = fuzz(base, opts({ properties: ["recovers"] })).outcomes[0]?.failure;
    expect(f).toBeTruthy();
    expect(f!.foundAt).toBeLessThanOrEqual(20);
    expect(f!.case.faults).toHaveLength(1);
    expect(f!.case.config.policy).toBe("off");
    expect(f!.verdict.reason).toMatch(/OFF|never left the spools/);
  });
});

describe("fuzz: a setting believed safe", () => {
  const safe = shipped("fuzz-safe.yaml");
  const noPartition = FUZZ_KINDS.filter((k) => k !== "partition");

  it("secondary link + remote-as-heartbeat: no long split brain under 300 single faults (partitions aside)", () => {
    const report = fuzz(
      safe,
      opts({ numRuns: 300, seed: 7, limits: { maxFaults: 1, kinds: noPartition } }),
    );
    expect(report.outcomes[0]).toMatchObject({
      property: "single-master",
      runs: 300,
      failure: null,
      interrupted: false,
    });
  });

  it("finding: a partition of one unit from its peer cuts both heartbeat links and the probes, so both become MASTER", () => {
    const f = fuzz(safe, opts({ numRuns: 300, seed: 7, limits: { maxFaults: 1 } })).outcomes[0]
      ?.failure;
    expect(f?.case.faults).toEqual([expect.objectContaining({ kind: "partition", from: "peer" })]);
  });
});

describe("fuzz: determinism and budgets", () => {
  it("the same seed finds the same cases (fuzz.csv byte for byte); another seed others", () => {
    const base = shipped("fuzz-single-link.yaml");
    const o = opts({
      properties: ["no-loss", "single-master", "recovers"],
      numRuns: 40,
      swarm: true,
    });
    const a = fuzzCsv(fuzz(base, o));
    expect(fuzzCsv(fuzz(base, o))).toBe(a);
    expect(fuzzCsv(fuzz(base, { ...o, seed: 2 }))).not.toBe(a);
    expect(a.split("\n")[0]).toBe(
      "property,case,shrink,seed,policy,lost_threshold,secondary_link,remote_as_heartbeat,mail_queue_sync,faults,faults_json,verdict,first_violation_s,reason",
    );
  });

  it("records one row per case and property, shrinking steps included, and a summary of counts", () => {
    const report = fuzz(
      shipped("fuzz-single-link.yaml"),
      opts({ properties: ["single-master", "ttr"], numRuns: 30 }),
    );
    const sm = report.rows.filter((r) => r.property === "single-master");
    const f = report.outcomes[0]?.failure;
    expect(sm.filter((r) => r.shrink === 0)).toHaveLength(f!.foundAt);
    expect(sm.filter((r) => r.shrink > 0).every((r) => r.case === f!.foundAt)).toBe(true);
    expect(report.rows.filter((r) => r.property === "ttr")).toHaveLength(30);
    const text = summaryText(report);
    expect(text).toMatch(/^property\s+cases\s+verdict\s+found at case\s+shrinks\s+shrunk faults\n/);
    expect(text).toMatch(/\nsingle-master\s+\d+\s+VIOLATED\s+\d+\s+\d+\s+1\n/);
    expect(text).toMatch(/\nttr\s+30\s+held\s+-/);
  });

  it("swarm varies the configuration from case to case", () => {
    const report = fuzz(
      shipped("fuzz-safe.yaml"),
      opts({ properties: ["ttr"], numRuns: 60, swarm: true }),
    );
    expect(new Set(report.rows.map((r) => r.config)).size).toBeGreaterThan(20);
  });

  it("stops at the time budget", () => {
    const limits = { kinds: FUZZ_KINDS.filter((k) => k !== "partition"), maxFaults: 1 };
    const report = fuzz(
      shipped("fuzz-safe.yaml"),
      opts({ numRuns: 100_000, timeBudgetMs: 300, limits }),
    );
    expect(report.outcomes[0]?.interrupted).toBe(true);
    expect(report.outcomes[0]?.runs).toBeLessThan(100_000);
  });
});
