// One scenario per row (0–13) of the state table in ../shared/domain/fortimail-ha.md.
//
// Every scenario uses the hand-checkable base of test/helpers/scenario.ts: exactly one mail per
// second (arrivals at 1 s … 3599 s, so 3599 mails), heartbeats every 5 s × 3 on grids aligned at
// 0, deliveries of exactly 30 s on 100 workers (so the 30 mails accepted in the last 30 s are in
// flight at any moment), senders retrying after 15 min, no admin unless a row needs one, and no
// random session effects. The expected counts below are worked out by hand in the comments.
import { describe, expect, it } from "vitest";
import { runReplication } from "../../src/run/replication.js";
import type { RunResult } from "../../src/sim/result.js";
import type { Policy } from "../../src/config/scenario.js";
import { scenario } from "../helpers/scenario.js";

const ARRIVED = 3599;

function run(over: Record<string, unknown>, policy: Policy): RunResult {
  const r = runReplication(scenario(over), policy, 0, { trace: true });
  expect(r.violations).toEqual([]);
  return r;
}

/** Display mode of a unit at time t (seconds), from the timeline. */
function modeAt(r: RunResult, unit: string, tS: number): string {
  const t = tS * 1e6;
  const hit = r.timeline!.modes.find((m) => m.unit === unit && m.startUs <= t && t < m.endUs);
  return hit?.mode ?? "?";
}

function counts(r: RunResult): {
  accepted: number;
  delivered: number;
  lost: number;
  duplicated: number;
} {
  const m = r.metrics;
  return { accepted: m.accepted, delivered: m.delivered, lost: m.lost, duplicated: m.duplicated };
}

const crashA = { faults: [{ at: "10m", kind: "node-crash", node: "A", duration: "30m" }] };

describe("state table", () => {
  it("row 0: steady state — A MASTER alone takes and delivers every mail", () => {
    for (const p of ["off", "restore", "slave"] as const) {
      const r = run({}, p);
      expect(counts(r)).toEqual({ accepted: ARRIVED, delivered: ARRIVED, lost: 0, duplicated: 0 });
      expect(r.metrics.arrived).toBe(ARRIVED);
      expect(modeAt(r, "A", 1800)).toBe("MASTER");
      expect(modeAt(r, "B", 1800)).toBe("SLAVE");
      expect(r.metrics.unavailable_s).toBe(0);
      expect(r.metrics.failovers).toBe(0);
      expect(r.metrics.latency_p50_s).toBeCloseTo(30, 0);
    }
  });

  it("row 1: A crashes at 600 s; B misses heartbeats 600…610 and takes over at 610", () => {
    // Last heartbeat B hears is 595 s (the crash at 600 s comes before that instant's heartbeat):
    // 595 + 3 × 5 = 610 s. The 10 mails of 600…609 s are refused and retried 15 min later.
    const r = run(crashA, "slave");
    expect(modeAt(r, "B", 609)).toBe("SLAVE");
    expect(modeAt(r, "B", 611)).toBe("MASTER");
    expect(modeAt(r, "A", 700)).toBe("DOWN");
    expect(r.metrics.unavailable_s).toBe(10);
    expect(r.metrics.ttr_service_mean_s).toBe(10);
  });

  it("row 2: on-failure off — A comes back OFF and its 30 queued mails are stranded", () => {
    // The 30 mails accepted at 570…599 s were in flight at the crash and went back to A's spool.
    const r = run(crashA, "off");
    expect(modeAt(r, "A", 2500)).toBe("OFF");
    expect(modeAt(r, "B", 2500)).toBe("MASTER");
    expect(counts(r)).toEqual({
      accepted: ARRIVED,
      delivered: ARRIVED - 30,
      lost: 30,
      duplicated: 0,
    });
    expect(r.metrics.lost_by_cause["stranded-off"]).toBe(30);
    expect(r.metrics.unrecovered_episodes).toBe(1);
  });

  it("row 3: on-failure restore — A takes MASTER back at 2400 s and B steps down", () => {
    const r = run(crashA, "restore");
    expect(modeAt(r, "A", 2401)).toBe("MASTER");
    expect(modeAt(r, "B", 2401)).toBe("SLAVE");
    expect(counts(r)).toEqual({ accepted: ARRIVED, delivered: ARRIVED, lost: 0, duplicated: 0 });
    expect(r.metrics.failovers).toBe(2); // to B at 610 s, back to A at 2400 s
    // B's 30 deliveries in flight at the fail-back finish at 2429 s: then redundancy is whole.
    expect(r.metrics.ttr_redundancy_mean_s).toBe(2429 - 600);
  });

  it("row 3: the crash and the fail-back each cut the session of the last second; both senders retry, both mails are delivered twice", () => {
    // Within the 1 s cut window: the mail of 599 s on A at the crash, the mail of 2399 s on B at
    // the fail-back. Every cut session had committed (probability 1), so each retry is a duplicate.
    const r = run({ ...crashA, assumptions: { cutSessionDuplicateProbability: 1 } }, "restore");
    expect(r.metrics.duplicated).toBe(2);
    expect(r.metrics.duplicated_by_cause["cut-session"]).toBe(2);
  });

  it("row 4: on-failure slave — A rejoins as SLAVE and pushes its 30 mails to B, which delivers them", () => {
    const r = run(crashA, "slave");
    expect(modeAt(r, "A", 2401)).toBe("SLAVE");
    expect(modeAt(r, "B", 2401)).toBe("MASTER");
    expect(counts(r)).toEqual({ accepted: ARRIVED, delivered: ARRIVED, lost: 0, duplicated: 0 });
    expect(r.metrics.failovers).toBe(1);
    // The push takes 30 mails / 100 per s (assumptions.pushRatePerS) = 0.3 s: the SLAVE's spool is
    // empty, and the group redundant again, at 2400.3 s.
    expect(r.metrics.ttr_redundancy_mean_s).toBeCloseTo(1800.3, 6);
    expect(r.trace!.some((t) => t.event === "push" && t.detail.startsWith("pushed 30 mails"))).toBe(
      true,
    );
  });

  const hdFailure = {
    ha: { lservice: { hd: { interval: "10s", retries: 3 } } },
    faults: [{ at: "10m", kind: "lservice-failure", node: "A", service: "hd", duration: "10m" }],
  };

  it("row 5: A's hard drive fails; the check declares it at 620 s; A stops heartbeats; B takes over at 635 s", () => {
    // Checks at 600, 610, 620 s fail → declared at 620 s. B's last heartbeat from A is 620 s
    // (A's heartbeat at that instant precedes the declaration) → B MASTER at 635 s.
    // A's disk refuses mail from 600 s: 600…634 s is 35 s without service.
    for (const p of ["off", "restore", "slave"] as const) {
      const r = run(hdFailure, p);
      expect(modeAt(r, "A", 630)).toBe(p === "off" ? "OFF" : "FAILED");
      expect(modeAt(r, "B", 634)).toBe("SLAVE");
      expect(modeAt(r, "B", 636)).toBe("MASTER");
      expect(r.metrics.unavailable_s).toBe(35);
      // The deliveries in flight when the disk failed went back to A's spool (30 mails).
      expect(r.metrics.lost).toBe(p === "off" ? 30 : 0);
    }
  });

  it("row 7: after the disk is fixed (1200 s), A recovers at the next check: SLAVE + push, or MASTER under restore", () => {
    const slave = run(hdFailure, "slave");
    expect(modeAt(slave, "A", 1199)).toBe("FAILED");
    expect(modeAt(slave, "A", 1201)).toBe("SLAVE");
    expect(counts(slave)).toEqual({
      accepted: ARRIVED,
      delivered: ARRIVED,
      lost: 0,
      duplicated: 0,
    });
    const restore = run(hdFailure, "restore");
    expect(modeAt(restore, "A", 1201)).toBe("MASTER");
    expect(modeAt(restore, "B", 1201)).toBe("SLAVE");
  });

  const falseAlarm = {
    ha: { rservice: { smtp: { interval: "30s", timeout: "5s", retries: 3 } } },
    faults: [
      { at: "10m", kind: "rservice-false-alarm", node: "B", protocol: "smtp", duration: "10m" },
    ],
  };

  it("row 6: B's SMTP probe of a healthy A fails at 600, 630, 660 s; at 665 s B takes over and tells A", () => {
    // No gap in service: B becomes MASTER as A fails. A's deliveries in flight finish normally.
    const slave = run(falseAlarm, "slave");
    expect(modeAt(slave, "B", 664)).toBe("SLAVE");
    expect(modeAt(slave, "B", 666)).toBe("MASTER");
    expect(modeAt(slave, "A", 666)).toBe("FAILED");
    // A's own probe of B succeeds at its next probe (690 s): A recovers as SLAVE.
    expect(modeAt(slave, "A", 691)).toBe("SLAVE");
    expect(slave.metrics.unavailable_s).toBe(0);
    expect(counts(slave)).toEqual({
      accepted: ARRIVED,
      delivered: ARRIVED,
      lost: 0,
      duplicated: 0,
    });
    const off = run(falseAlarm, "off");
    expect(modeAt(off, "A", 3000)).toBe("OFF");
    expect(off.metrics.unrecovered_episodes).toBe(1);
  });

  it("row 6 under restore: the false alarm makes the pair flap until it clears", () => {
    // A takes MASTER back at 690 s, B (SLAVE again) fails it again 95 s later, and so on.
    const r = run(falseAlarm, "restore");
    expect(r.metrics.failovers).toBeGreaterThanOrEqual(6);
    expect(modeAt(r, "A", 1500)).toBe("MASTER");
    expect(modeAt(r, "B", 1500)).toBe("SLAVE");
  });

  it("row 8: an admin restores the OFF unit an hour after it came back; its stranded mail is delivered", () => {
    const r = run({ ...crashA, ha: { admin: { responseTime: "1h", action: "restore" } } }, "off");
    expect(modeAt(r, "A", 3000)).toBe("OFF");
    expect(modeAt(r, "A", 6001)).toBe("MASTER");
    expect(modeAt(r, "B", 6001)).toBe("SLAVE");
    expect(counts(r)).toEqual({ accepted: ARRIVED, delivered: ARRIVED, lost: 0, duplicated: 0 });
    expect(r.metrics.unrecovered_episodes).toBe(0);
  });

  // A crashes at 600 s, boots OFF at 2400 s (on-failure off); the admin answers 1 h later, at
  // 6000 s, after the horizon: B's spool is empty by then (last mail at 3599 s + 30 s).
  it("row 8: admin restart returns A to its configured mode: MASTER again, its 30 mails delivered", () => {
    const admin = { responseTime: "1h", action: "restart" };
    const r = run({ ...crashA, ha: { admin } }, "off");
    expect(modeAt(r, "A", 6001)).toBe("MASTER");
    expect(modeAt(r, "B", 6001)).toBe("SLAVE");
    expect(r.metrics.lost).toBe(0);
    expect(r.metrics.failovers).toBe(2); // to B at 610 s, back to A at 6000 s
  });

  it("row 8 with adminRestartTo: slave — A rejoins as SLAVE; strand keeps its 30 mails, push delivers them", () => {
    const admin = { responseTime: "1h", action: "restart" };
    const strand = run(
      { ...crashA, ha: { admin }, assumptions: { adminRestartTo: "slave" } },
      "off",
    );
    expect(modeAt(strand, "A", 6001)).toBe("SLAVE");
    expect(strand.metrics.lost_by_cause["stranded-slave"]).toBe(30);
    const push = run(
      { ...crashA, ha: { admin }, assumptions: { adminRestartTo: "slave", demotedQueue: "push" } },
      "off",
    );
    expect(push.metrics.lost).toBe(0);
  });

  it("row 9: A reboots for 10 min; B holds off and A returns as MASTER without a failover", () => {
    // No unit takes mail from 600 to 1200 s: 600 mails wait at their senders and come back later.
    const r = run({ faults: [{ at: "10m", kind: "reboot", node: "A", duration: "10m" }] }, "slave");
    expect(modeAt(r, "B", 900)).toBe("HOLD_OFF");
    expect(modeAt(r, "A", 900)).toBe("REBOOTING");
    expect(modeAt(r, "A", 1201)).toBe("MASTER");
    expect(modeAt(r, "B", 1201)).toBe("SLAVE");
    expect(r.metrics.failovers).toBe(0);
    expect(r.metrics.unavailable_s).toBe(600);
    expect(counts(r)).toEqual({ accepted: ARRIVED, delivered: ARRIVED, lost: 0, duplicated: 0 });
  });

  it("row 9: a reboot longer than the 15 min hold-off — B takes over at 1500 s", () => {
    const r = run({ faults: [{ at: "10m", kind: "reboot", node: "A", duration: "20m" }] }, "slave");
    expect(modeAt(r, "B", 1499)).toBe("HOLD_OFF");
    expect(modeAt(r, "B", 1501)).toBe("MASTER");
    expect(modeAt(r, "A", 1801)).toBe("SLAVE");
  });

  const linkLoss = { faults: [{ at: "10m", kind: "link-down", link: "all", duration: "10m" }] };

  it("row 10: the heartbeat link fails with both units alive — split brain from 610 to 1200 s", () => {
    const r = run(linkLoss, "slave");
    expect(modeAt(r, "A", 900)).toBe("MASTER");
    expect(modeAt(r, "B", 900)).toBe("MASTER");
    expect(r.metrics.split_brain_s).toBe(590);
    // When the link returns, the first heartbeat (1200 s) heals it: the configured master stays.
    expect(modeAt(r, "B", 1201)).toBe("SLAVE");
    expect(counts(r)).toEqual({ accepted: ARRIVED, delivered: ARRIVED, lost: 0, duplicated: 0 });
  });

  it("row 10: when every session in the split brain is cut by ARP flaps, each of its 590 mails is delivered twice", () => {
    const r = run({ ...linkLoss, assumptions: { splitBrainSessionCutProbability: 1 } }, "slave");
    expect(r.metrics.duplicated).toBe(590);
    expect(r.metrics.duplicated_by_cause["split-brain"]).toBe(590);
  });

  it("row 11: remote-as-heartbeat — the probes keep B SLAVE while the link is down", () => {
    const r = run(
      {
        ...linkLoss,
        ha: {
          remoteAsHeartbeat: true,
          rservice: { smtp: { interval: "30s", timeout: "5s", retries: 3 } },
        },
      },
      "slave",
    );
    expect(modeAt(r, "B", 900)).toBe("SLAVE");
    expect(r.metrics.split_brain_s).toBe(0);
    expect(r.metrics.failovers).toBe(0);
    expect(r.trace!.some((t) => t.event === "remote-as-heartbeat")).toBe(true);
  });

  it("row 12: B dies; A carries on alone and B rejoins as SLAVE under every policy", () => {
    for (const p of ["off", "restore", "slave"] as const) {
      const r = run({ faults: [{ at: "10m", kind: "node-crash", node: "B", duration: "30m" }] }, p);
      expect(modeAt(r, "A", 900)).toBe("MASTER");
      expect(modeAt(r, "B", 2401)).toBe("SLAVE");
      expect(r.metrics.unavailable_s).toBe(0);
      expect(counts(r)).toEqual({ accepted: ARRIVED, delivered: ARRIVED, lost: 0, duplicated: 0 });
    }
  });

  it("row 13: admin resync leaves the modes alone", () => {
    const r = run({ faults: [{ at: "10m", kind: "admin", node: "A", action: "resync" }] }, "slave");
    expect(modeAt(r, "A", 900)).toBe("MASTER");
    expect(modeAt(r, "B", 900)).toBe("SLAVE");
    expect(r.trace!.some((t) => t.event === "admin" && t.detail === "resync")).toBe(true);
    expect(r.metrics.failovers).toBe(0);
  });
});

describe("failover counting", () => {
  it("counts every move of the MASTER role, including repeated short split brains", () => {
    // A one-way cut of what B sends to A: B's SMTP probes of A get no answer, so B takes MASTER but
    // cannot tell A; B still hears A's heartbeats, so the split brain heals back to A at the next
    // one; B's probes fail again... every take-over by B is a failover, and so is every heal that
    // moves the role back to A.
    const r = runReplication(
      scenario({
        ha: { rservice: { smtp: { interval: "30s", timeout: "5s", retries: 3 } } },
        faults: [
          {
            at: "10m",
            kind: "partition",
            node: "B",
            from: "peer",
            direction: "outbound",
            duration: "10m",
          },
        ],
      }),
      "slave",
      0,
      { trace: true },
    );
    const takeovers = r.trace!.filter(
      (t) => t.event === "mode" && t.toMode === "MASTER" && t.unit === "B",
    ).length;
    expect(takeovers).toBeGreaterThan(1);
    const healsBack = r.events!.filter(
      (e) => e.kind === "split-brain-heal" && e.keeper === "A",
    ).length;
    expect(healsBack).toBe(takeovers);
    expect(r.metrics.failovers).toBe(takeovers + healsBack);
  });
});
