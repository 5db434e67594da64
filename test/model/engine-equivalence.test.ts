// The closed-form heartbeat and probe engine must give exactly the results of simulating every
// heartbeat and every probe: same metrics, same trace, for any fault schedule and settings.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runReplication } from "../../src/run/replication.js";
import { scenario } from "../helpers/scenario.js";
import { rawCase } from "../helpers/faults-arb.js";

describe("closed-form heartbeats", () => {
  it("give results identical to simulating every heartbeat and probe", () => {
    fc.assert(
      fc.property(rawCase(1800), fc.constantFrom("random", "aligned" as const), (c, phases) => {
        const closed = scenario(c.over, { phases, heartbeats: "closed-form" });
        const simulated = {
          ...closed,
          engine: { ...closed.engine, heartbeats: "simulated" as const },
        };
        const a = runReplication(
          {
            ...closed,
            workload: {
              ...closed.workload,
              arrivals: { ...closed.workload.arrivals, process: "poisson" },
            },
          },
          c.policy,
          0,
          { trace: true },
        );
        const b = runReplication(
          {
            ...simulated,
            workload: {
              ...simulated.workload,
              arrivals: { ...simulated.workload.arrivals, process: "poisson" },
            },
          },
          c.policy,
          0,
          { trace: true },
        );
        expect(b.trace).toEqual(a.trace);
        expect({ ...b.metrics, events: 0 }).toEqual({ ...a.metrics, events: 0 });
        // The closed form costs fewer events: no event per heartbeat.
        expect(a.metrics.events).toBeLessThan(b.metrics.events);
      }),
      { numRuns: 250 },
    );
  });
});
