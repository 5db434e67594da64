// The cluster driven by its verbs, with times worked out by hand on the aligned test base
// (heartbeats every 5 s at 0, 5, 10…, lostThreshold 3: a peer is declared lost 15 s after the
// last heartbeat heard; one mail per second).
import { describe, expect, it } from "vitest";
import { Harness } from "../helpers/harness.js";
import { scenario } from "../helpers/scenario.js";

describe("the cluster driven by verbs", () => {
  // The crash at 600 s runs before the 600 s heartbeat (faults come first at an instant), so the
  // last heartbeat B heard was at 595 s: 595 + 3 × 5 = 610 s.
  it("crash A at 600 s: B declares A lost at 610 s and takes over; A boots as SLAVE under slave", () => {
    const h = new Harness(scenario(), "slave");
    h.at(600, (v) => {
      v.crash(0, false);
    });
    h.runTo(609);
    expect([h.mode("A"), h.mode("B")]).toEqual(["DOWN", "SLAVE"]);
    h.runTo(611);
    expect([h.mode("A"), h.mode("B")]).toEqual(["DOWN", "MASTER"]);
    const lost = h.events("heartbeat-lost");
    expect(lost.map((e) => [e.unit, e.peer, e.timeUs])).toEqual([["B", "A", 610e6]]);
    expect(h.events("failover").map((e) => e.unit)).toEqual(["B"]);
    h.at(900, (v) => {
      v.powerOn(0);
    });
    h.runTo(1000);
    expect([h.mode("A"), h.mode("B")]).toEqual(["SLAVE", "MASTER"]);
  });

  it("isolating B from its peer makes a split brain; reconnecting heals it to the configured master", () => {
    const h = new Harness(scenario(), "slave");
    h.at(600, (v) => {
      v.isolate(1, "peer", "both", 1);
    });
    h.runTo(700);
    expect([h.mode("A"), h.mode("B")]).toEqual(["MASTER", "MASTER"]);
    h.at(800, (v) => {
      v.isolate(1, "peer", "both", -1);
    });
    h.runTo(900);
    expect([h.mode("A"), h.mode("B")]).toEqual(["MASTER", "SLAVE"]);
    expect(h.events("split-brain-heal").map((e) => [e.unit, e.keeper])).toEqual([["B", "A"]]);
  });

  it("with a secondary link, cutting the primary link changes nothing; cutting both does", () => {
    const h = new Harness(scenario({ ha: { heartbeat: { secondaryLink: true } } }), "slave");
    h.at(600, (v) => {
      v.cutLink("primary", 1);
    });
    h.runTo(700);
    expect([h.mode("A"), h.mode("B")]).toEqual(["MASTER", "SLAVE"]);
    h.at(700, (v) => {
      v.cutLink("secondary", 1);
    });
    h.runTo(800);
    expect([h.mode("A"), h.mode("B")]).toEqual(["MASTER", "MASTER"]);
  });

  it("overlapping link cuts hold the link down until both are lifted", () => {
    const h = new Harness(scenario(), "slave");
    h.at(600, (v) => {
      v.cutLink("all", 1);
      v.cutLink("primary", 1);
    });
    h.at(601, (v) => {
      v.cutLink("all", -1);
    });
    h.runTo(700);
    expect(h.c.primaryDown).toBe(1);
    expect(h.mode("B")).toBe("MASTER");
  });

  it("a downstream outage stops deliveries but not acceptance; mail waits in the MASTER's spool", () => {
    const h = new Harness(scenario(), "slave");
    h.at(600, (v) => {
      v.downstreamOutage(1);
    });
    h.runTo(1200);
    expect(h.mode("A")).toBe("MASTER");
    // Mail accepted from 600 s on (one a second) cannot leave, plus those in delivery at 600 s.
    expect(h.c.units[0].depth).toBeGreaterThanOrEqual(600);
    expect(h.ledger.accepted).toBe(1200);
  });
});
