// Invariants hold in every run: checked inside the model (engine.checkInvariants) and here, over
// random fault schedules, settings and policies.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runReplication } from "../../src/run/replication.js";
import { LOST_CAUSES, DUPLICATE_CAUSES } from "../../src/sim/result.js";
import { scenario } from "../helpers/scenario.js";
import { rawCase } from "../helpers/faults-arb.js";

describe("model invariants", () => {
  it("hold under random faults: accounting adds up, no early delivery, no OFF unit processing mail", () => {
    fc.assert(
      fc.property(rawCase(1800), (c) => {
        const sc = scenario(c.over, { phases: "random" });
        const r = runReplication(
          {
            ...sc,
            workload: { ...sc.workload, arrivals: { ...sc.workload.arrivals, process: "poisson" } },
          },
          c.policy,
          0,
          { trace: true },
        );
        expect(r.violations).toEqual([]);
        const m = r.metrics;
        // Conservation: every arrived mail was accepted, given up, or still waits at its sender.
        expect(m.accepted + m.given_up + m.waiting_at_sender).toBe(m.arrived);
        // Lost and delivered partition the accepted mails; causes add up.
        expect(m.delivered + m.lost).toBe(m.accepted);
        expect(LOST_CAUSES.reduce((s, k) => s + m.lost_by_cause[k], 0)).toBe(m.lost);
        expect(DUPLICATE_CAUSES.reduce((s, k) => s + m.duplicated_by_cause[k], 0)).toBe(
          m.duplicated,
        );
        expect(m.split_brain_s).toBeLessThanOrEqual(m.end_s);
        expect(m.unavailable_s).toBeLessThanOrEqual(m.end_s);
        expect(m.unrecovered_episodes).toBeLessThanOrEqual(m.failure_episodes);
        // A unit in OFF accepts nothing. The invariant checker flags any acceptance by a unit that
        // is not an up MASTER (r.violations above; the checker itself is tested in
        // test/check/invariants.test.ts); independently, an OFF unit's spool never grows.
        const tl = r.timeline!;
        for (const iv of tl.modes) {
          expect(iv.endUs).toBeGreaterThanOrEqual(iv.startUs);
          if (iv.mode !== "OFF") continue;
          const depths = tl.spool
            .filter((x) => x.unit === iv.unit && x.timeUs > iv.startUs && x.timeUs < iv.endUs)
            .map((x) => x.depth);
          for (let i = 1; i < depths.length; i++)
            expect(depths[i]).toBeLessThanOrEqual(depths[i - 1]!);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("the same scenario, seed and policy give identical results; another seed gives others", () => {
    const sc = scenario(
      { faults: [{ at: "10m", kind: "node-crash", node: "A", duration: "30m" }] },
      { phases: "random" },
    );
    const poisson = {
      ...sc,
      workload: {
        ...sc.workload,
        arrivals: { ...sc.workload.arrivals, process: "poisson" as const },
      },
    };
    const a = runReplication(poisson, "slave", 3, { trace: true });
    const b = runReplication(poisson, "slave", 3, { trace: true });
    expect(b).toEqual(a);
    const c = runReplication(poisson, "slave", 4, { trace: true });
    expect(c.metrics.arrived).not.toBe(a.metrics.arrived);
  });

  it("common random numbers: replication r of every policy sees the same arrivals and random faults", () => {
    const sc = scenario(
      {
        horizon: "2d",
        randomFaults: [
          {
            kind: "node-crash",
            node: "any",
            mtbf: "12h",
            repair: { dist: "exponential", mean: "30m" },
          },
          { kind: "link-down", mtbf: "1d", repair: "10m" },
        ],
      },
      { phases: "random" },
    );
    const poisson = {
      ...sc,
      workload: {
        ...sc.workload,
        arrivals: { ...sc.workload.arrivals, process: "poisson" as const },
      },
    };
    // One traced run per policy (tracing changes no metric: "tracing" below).
    const [off, restore, slave] = (["off", "restore", "slave"] as const).map((p) => {
      const r = runReplication(poisson, p, 1, { trace: true });
      const faults = r
        .trace!.filter((t) => t.event === "fault-start")
        .map((t) => `${t.timeUs} ${t.detail}`);
      return { arrived: r.metrics.arrived, faults };
    });
    expect(new Set([off!.arrived, restore!.arrived, slave!.arrived]).size).toBe(1);
    expect(off!.faults).toEqual(slave!.faults);
    expect(restore!.faults).toEqual(slave!.faults);
    expect(slave!.faults.length).toBeGreaterThan(0);
  });
});

describe("tracing", () => {
  it("changes no metric, not even the event count", () => {
    const sc = scenario(
      { faults: [{ at: "10m", kind: "node-crash", node: "A", duration: "30m" }] },
      { phases: "random" },
    );
    const plain = runReplication(sc, "restore", 2);
    const traced = runReplication(sc, "restore", 2, { trace: true });
    expect(traced.metrics).toEqual(plain.metrics);
  });
});
