// Each property on hand-checkable runs (test/helpers/scenario.ts: one mail per second, heartbeat
// grids aligned at 0, 5 s × 3 detection, 30 s deliveries, no admin, no random session effects).
import { describe, expect, it } from "vitest";
import { checkProperty, type PropertyName, type Verdict } from "../../src/fuzz/properties.js";
import type { Policy } from "../../src/config/scenario.js";
import { runReplication } from "../../src/run/replication.js";
import { scenario } from "../helpers/scenario.js";

const H = 3600e6;

function verdict(
  property: PropertyName,
  over: Record<string, unknown>,
  policy: Policy,
  ttrBoundUs = H,
): Verdict {
  const sc = scenario(over);
  return checkProperty(property, runReplication(sc, policy, 0, { trace: true }), {
    scenario: sc,
    ttrBoundUs,
  });
}

const linkDown = (duration: string) => ({
  faults: [{ at: "10m", kind: "link-down", link: "all", duration }],
});
const crashA = { faults: [{ at: "10m", kind: "node-crash", node: "A", duration: "30m" }] };

describe("single-master", () => {
  it("is broken by a 40 s heartbeat-link loss: B is MASTER from 610 s, past the 15 s window at 625 s", () => {
    const v = verdict("single-master", linkDown("40s"), "slave");
    expect(v.ok).toBe(false);
    expect(v.firstViolationUs).toBe(625e6);
    expect(v.reason).toMatch(
      /^two MASTERs for \d+(\.\d)?s from 00:10:10 \(detection window 15s\)$/,
    );
  });

  it("holds when the split brain heals within the detection window (a 20 s loss), or cannot start (remote-as-heartbeat)", () => {
    expect(verdict("single-master", linkDown("20s"), "slave").ok).toBe(true);
    const rah = { ...linkDown("20m"), ha: { remoteAsHeartbeat: true, rservice: { smtp: {} } } };
    expect(verdict("single-master", rah, "slave")).toEqual({
      ok: true,
      firstViolationUs: null,
      reason: "",
    });
  });

  it("scales the window with lostThreshold", () => {
    expect(
      verdict(
        "single-master",
        { ...linkDown("40s"), ha: { heartbeat: { lostThreshold: 6 } } },
        "slave",
      ).ok,
    ).toBe(true);
  });
});

describe("no-loss and no-duplicates", () => {
  it("on-failure off with no admin strands A's 30 queued mails; slave pushes them", () => {
    const off = verdict("no-loss", crashA, "off");
    expect(off.ok).toBe(false);
    expect(off.reason).toBe("30 of 3599 accepted mails never delivered (stranded-off 30)");
    expect(verdict("no-loss", crashA, "slave").ok).toBe(true);
  });

  it("counts duplicates from cut sessions, at the minute they happened", () => {
    const dup = { ...crashA, assumptions: { cutSessionDuplicateProbability: 1 } };
    const v = verdict("no-duplicates", dup, "slave");
    expect(v.ok).toBe(false);
    expect(v.reason).toMatch(/^\d+ extra deliver(y|ies) \(cut-session \d+\)$/);
    expect(v.firstViolationUs).toBeGreaterThanOrEqual(600e6);
    expect(verdict("no-duplicates", crashA, "slave").ok).toBe(true);
  });
});

describe("recovers", () => {
  it("fails when a unit is left OFF for good, holds when it rejoins as SLAVE", () => {
    const v = verdict("recovers", crashA, "off");
    expect(v).toEqual({
      ok: false,
      firstViolationUs: 40 * 60e6 + H,
      reason: "the run ends with A OFF and B MASTER, not one MASTER and one SLAVE",
    });
    expect(verdict("recovers", crashA, "slave").ok).toBe(true);
  });

  it("fails when the admin brings the pair back later than the bound after the last fault healed", () => {
    const late = {
      ...crashA,
      ha: { admin: { responseTime: "2h" } },
      assumptions: { demotedQueue: "push" },
    };
    const v = verdict("recovers", late, "off");
    expect(v.ok).toBe(false);
    // A is OFF from its boot at 40 min until the admin restores both units 2 h later.
    expect(v.reason).toBe(
      "one MASTER and one SLAVE only 2h after the last fault healed (bound 1h)",
    );
    expect(verdict("recovers", late, "off", 3 * H).ok).toBe(true);
  });

  it("fails when mail is left in a spool (a split-brain heal strands the demoted unit's queue)", () => {
    // The downstream is down during the split brain, so B still holds mail when it steps down.
    const outage = { at: "10m", kind: "downstream-outage", duration: "30m" };
    const v = verdict("recovers", { faults: [...linkDown("20m").faults, outage] }, "slave");
    expect(v.ok).toBe(false);
    expect(v.reason).toMatch(/never left the spools \(stranded-slave \d+\)$/);
  });
});

describe("ttr", () => {
  it("bounds mail-service outages: A cut off from senders for 30 min is not noticed by HA", () => {
    const cut = {
      faults: [
        {
          at: "10m",
          kind: "partition",
          node: "A",
          from: "senders",
          direction: "both",
          duration: "30m",
        },
      ],
    };
    const v = verdict("ttr", cut, "slave", 10 * 60e6);
    expect(v).toEqual({
      ok: false,
      firstViolationUs: 20 * 60e6,
      reason: "no unit accepted mail for 30m from 00:10:00 (bound 10m)",
    });
    expect(verdict("ttr", cut, "slave", H).ok).toBe(true);
  });
});
