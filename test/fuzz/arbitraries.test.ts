// The case arbitraries produce valid, well-spaced schedules as plain data, deterministically.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { caseArb, defaultLimits, FUZZ_KINDS, type FuzzCase } from "../../src/fuzz/arbitraries.js";
import { caseScenario } from "../../src/fuzz/counterexample.js";
import { qualifyScenario } from "../../src/scenario/index.js";
import type { QualifiedScenario } from "../../src/config/scenario.js";

const base = (over: Record<string, unknown> = {}): QualifiedScenario =>
  qualifyScenario(
    {
      name: "base",
      horizon: "2h",
      drain: "1d",
      workload: { arrivals: { rate: "0.5/s" } },
      ...over,
    },
    "base.yaml",
  );

const SINGLE = base({ ha: { heartbeat: { secondaryLink: false } } });
const SAFE = base({
  ha: { heartbeat: { secondaryLink: true }, remoteAsHeartbeat: true, rservice: { smtp: {} } },
});

describe("caseArb", () => {
  it("draws schedules that are sorted, spaced by the stability window, bounded, and valid scenarios", () => {
    const limits = defaultLimits(SINGLE.horizonUs);
    fc.assert(
      fc.property(caseArb(SINGLE, false), (c) => {
        expect(c.faults.length).toBeLessThanOrEqual(limits.maxFaults);
        c.faults.forEach((f, i) => {
          expect(f.atUs).toBeLessThan(SINGLE.horizonUs);
          expect(f.durationUs).toBeGreaterThanOrEqual(limits.minDurationUs);
          expect(f.durationUs).toBeLessThanOrEqual(limits.maxDurationUs);
          if (i > 0)
            expect(f.atUs - (c.faults[i - 1]?.atUs ?? 0)).toBeGreaterThanOrEqual(limits.minGapUs);
          // No secondary link here, and no probes: such faults are not drawn.
          if (f.kind === "link-down" || f.kind === "flapping") expect(f.link).not.toBe("secondary");
          expect(f.kind).not.toBe("rservice-false-alarm");
          expect(f.kind).not.toBe("admin");
        });
        // The scenario settings are kept; only the policy is drawn, from the scenario's.
        expect(c.config).toMatchObject({
          lostThreshold: 3,
          secondaryLink: false,
          remoteAsHeartbeat: false,
          mailQueueSync: false,
        });
        expect(SINGLE.policies).toContain(c.config.policy);
        const q = caseScenario(SINGLE, c);
        expect(q.faults).toEqual(c.faults);
        expect(q.seed).toBe(c.seed);
        expect(q.policies).toEqual([c.config.policy]);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("with --swarm draws the enabled kinds and the configuration within ranges", () => {
    const seen = {
      lt: new Set<number>(),
      sec: new Set<boolean>(),
      rah: new Set<boolean>(),
      qs: new Set<boolean>(),
      kinds: new Set<number>(),
    };
    fc.assert(
      fc.property(caseArb(SINGLE, true), (c) => {
        expect(c.config.lostThreshold).toBeGreaterThanOrEqual(2);
        expect(c.config.lostThreshold).toBeLessThanOrEqual(6);
        expect(c.kinds.length).toBeGreaterThan(0);
        for (const f of c.faults) expect(c.kinds).toContain(f.kind);
        seen.lt.add(c.config.lostThreshold);
        seen.sec.add(c.config.secondaryLink);
        seen.rah.add(c.config.remoteAsHeartbeat);
        seen.qs.add(c.config.mailQueueSync);
        seen.kinds.add(c.kinds.length);
        const q = caseScenario(SINGLE, c);
        expect(q.ha.heartbeat.lostThreshold).toBe(c.config.lostThreshold);
        expect(q.ha.remoteAsHeartbeat).toBe(c.config.remoteAsHeartbeat);
        // remote-as-heartbeat needs a probe: the fuzzer adds SMTP with the defaults.
        expect(q.ha.rservice.length).toBe(c.config.remoteAsHeartbeat ? 1 : 0);
      }),
      { numRuns: 300, seed: 12 },
    );
    expect(seen.lt.size).toBe(5);
    expect([seen.sec.size, seen.rah.size, seen.qs.size]).toEqual([2, 2, 2]);
    expect(seen.kinds.size).toBeGreaterThan(3);
  });

  it("uses the secondary link and probe faults where the configuration has them", () => {
    const cases = fc.sample(caseArb(SAFE, false, defaultLimits(SAFE.horizonUs, { maxFaults: 6 })), {
      numRuns: 300,
      seed: 13,
    });
    const faults = cases.flatMap((c) => c.faults);
    expect(
      faults.some(
        (f) => (f.kind === "link-down" || f.kind === "flapping") && f.link === "secondary",
      ),
    ).toBe(true);
    expect(faults.some((f) => f.kind === "rservice-false-alarm")).toBe(true);
    expect(new Set(faults.map((f) => f.kind))).toEqual(new Set(FUZZ_KINDS));
  });

  it("is deterministic: the same seed draws the same cases", () => {
    const draw = (seed: number): FuzzCase[] =>
      fc.sample(caseArb(SAFE, true), { numRuns: 50, seed });
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
  });
});
