// The exact mail engine (the quiet-mail gate) must give exactly the results of one kernel event per
// arrival and per delivery: same metrics (events included), same trace, same timeline, for any
// fault schedule, load, delivery-time distribution and spool size — ties at the same microsecond
// included (periodic arrivals with constant deliveries make them on purpose).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runReplication } from "../../src/run/replication.js";
import type { QualifiedScenario } from "../../src/config/scenario.js";
import { MailLedger } from "../../src/check/ledger.js";
import { RunObserver } from "../../src/check/metrics.js";
import { buildCluster, startCluster } from "../../src/sim/cluster.js";
import { scenario } from "../helpers/scenario.js";
import { rawCase } from "../helpers/faults-arb.js";

const load = fc.record({
  rate: fc.constantFrom("1/s", "4/s", "10/s"),
  process: fc.constantFrom("poisson", "periodic" as const),
  workers: fc.constantFrom(1, 2, 4),
  deliveryTime: fc.constantFrom<unknown>(
    "250ms",
    "1s",
    { dist: "exponential", mean: "200ms" },
    { dist: "uniform", min: "100ms", max: "900ms" },
  ),
  spoolCapacity: fc.constantFrom(8, 1_000_000),
  queueGiveUp: fc.constantFrom("5d", "20s"),
});

function withMail(sc: QualifiedScenario, mail: "exact" | "events"): QualifiedScenario {
  return { ...sc, engine: { ...sc.engine, mail, checkInvariants: false } };
}

describe("engine.mail: exact", () => {
  it("gives results identical to one kernel event per mail event", () => {
    fc.assert(
      fc.property(rawCase(600), load, (c, l) => {
        const base = scenario(
          {
            ...c.over,
            mta: {
              ...(c.over.mta as object),
              deliveryWorkers: l.workers,
              deliveryTime: l.deliveryTime,
              spoolCapacity: l.spoolCapacity,
              queueGiveUp: l.queueGiveUp,
            },
            workload: { arrivals: { rate: l.rate } },
          },
          { phases: "random" },
        );
        const sc = {
          ...base,
          workload: {
            ...base.workload,
            arrivals: { ...base.workload.arrivals, process: l.process },
          },
        };
        const a = runReplication(withMail(sc, "events"), c.policy, 0, { trace: true });
        // A tiny window of per-mail records: old ids retire all the time (sim/retire.ts).
        const b = runReplication(withMail(sc, "exact"), c.policy, 0, {
          trace: true,
          mailWindow: 16,
        });
        expect(b.metrics).toEqual(a.metrics);
        expect(b.trace).toEqual(a.trace);
        expect(b.timeline).toEqual(a.timeline);
      }),
      { numRuns: 60 },
    );
  });

  it("retiring old mail ids changes nothing, even with a window of 2 mails", () => {
    fc.assert(
      fc.property(rawCase(300), (c) => {
        const sc = scenario(c.over, { phases: "random" });
        const a = runReplication(withMail(sc, "events"), c.policy, 0, { trace: true });
        const b = runReplication(withMail(sc, "events"), c.policy, 0, {
          trace: true,
          mailWindow: 2,
        });
        expect(b.metrics).toEqual(a.metrics);
        expect(b.trace).toEqual(a.trace);
      }),
      { numRuns: 40 },
    );
  });

  it("runs the mail events of a quiet run outside the kernel queue", () => {
    // A tracer sees only what the queue dispatches; the gate's events are counted in eventsRun.
    const sc = withMail(
      scenario({ horizon: "10m", mta: { deliveryWorkers: 4, deliveryTime: "2500ms" } }),
      "exact",
    );
    const observers = {
      model: new RunObserver(["A", "B"], false),
      mail: new MailLedger(),
      invariants: null,
    };
    const c = buildCluster(sc, "off", 0, observers);
    let dispatched = 0;
    c.sched.setTracer(() => {
      dispatched++;
    });
    startCluster(c);
    c.sched.run(sc.horizonUs + sc.drainUs);
    expect(observers.mail.delivered).toBe(599); // periodic, 1/s: arrivals at 1 s … 599 s
    expect(c.sched.eventsRun).toBeGreaterThanOrEqual(2 * 599);
    expect(dispatched).toBeLessThan(50);
  });
});
