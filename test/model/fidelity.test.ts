// Multi-fault and return paths (issue: model fidelity), one scenario per item, on the
// hand-checkable base of test/helpers/scenario.ts: one mail per second (1 s … 3599 s), heartbeats
// every 5 s × 3 on grids aligned at 0, 30 s deliveries on 100 workers (so the 30 mails accepted in
// the last 30 s are in flight at any moment), senders retrying after 15 min, no random session
// effects. A fault at an instant runs before that instant's heartbeat, so a unit that stops at
// t = 600 s was last heard at 595 s and is declared lost at 595 + 15 = 610 s.
import { describe, expect, it } from "vitest";
import type { Policy } from "../../src/config/scenario.js";
import { runReplication } from "../../src/run/replication.js";
import type { RunResult } from "../../src/sim/result.js";
import { scenario } from "../helpers/scenario.js";

function run(over: Record<string, unknown>, policy: Policy): RunResult {
  const r = runReplication(scenario(over), policy, 0, { trace: true });
  expect(r.violations).toEqual([]);
  return r;
}

function modeAt(r: RunResult, unit: string, tS: number): string {
  const t = tS * 1e6;
  return (
    r.timeline!.modes.find((m) => m.unit === unit && m.startUs <= t && t < m.endUs)?.mode ?? "?"
  );
}

const crashA = (durationS: number) => ({
  kind: "node-crash",
  node: "A",
  at: "600s",
  duration: `${durationS}s`,
});

describe("model fidelity: multi-fault and return paths", () => {
  // A crashes at 600 s (back at 2400 s); B, MASTER from 610 s, fails its disk at 1000 s and is
  // FAILED once its hd check (every 10 s, 2 failures) declares it; the disk is fixed at 2000 s
  // but B, FAILED, hears nobody until A boots at 2400 s as SLAVE (it heard nobody either). B then
  // hears A and recovers to SLAVE. Before the fix both stayed SLAVE for the rest of the run.
  // Now A, the configured master, hears no MASTER and takes over 15 s after booting: 2415 s.
  it("1. two SLAVEs elect the configured master within the detection time", () => {
    const r = run(
      {
        ha: { lservice: { hd: { interval: "10s", retries: 2 } } },
        faults: [
          crashA(1800),
          { kind: "lservice-failure", node: "B", service: "hd", at: "1000s", duration: "1000s" },
        ],
      },
      "slave",
    );
    expect(modeAt(r, "B", 1100)).toBe("FAILED");
    expect(modeAt(r, "A", 2410)).toBe("SLAVE");
    expect(modeAt(r, "B", 2410)).toBe("SLAVE");
    expect(modeAt(r, "A", 2415)).toBe("MASTER");
    expect(modeAt(r, "B", 2415)).toBe("SLAVE");
    // Outages: 600–610 s (A down, B not yet MASTER) and from B's FAILED to 2415 s.
    expect(r.metrics.outages).toBe(2);
    expect(r.metrics.ttr_service_max_s).toBeLessThan(1500);
    expect(r.metrics.unavailable_s).toBeLessThan(1500);
  });

  // A boots at 2400 s while a partition (2300–2410 s) keeps it from hearing B: it listens as
  // SLAVE. At 2410 s it hears B's heartbeat (grid point 2410 s) and its policy applies then.
  describe("2. a unit that booted without hearing its peer applies its policy when it hears the MASTER", () => {
    const over = {
      faults: [
        crashA(1800),
        { kind: "partition", node: "A", from: "peer", at: "2300s", duration: "110s" },
      ],
    };
    it("slave: pushes its 30 mails from 2410 s (0.3 s at 100/s); nothing lost", () => {
      const r = run(over, "slave");
      expect(modeAt(r, "A", 2405)).toBe("SLAVE");
      const start = r.events!.find((e) => e.kind === "push-start");
      expect(start).toMatchObject({ timeUs: 2410e6, unit: "A", queued: 30, ratePerS: 100 });
      const push = r.events!.find((e) => e.kind === "push");
      expect(push).toMatchObject({ timeUs: 2410.3e6, unit: "A", moved: 30 });
      expect(r.metrics.lost).toBe(0);
    });
    it("off: goes OFF at 2410 s and its 30 mails are stranded", () => {
      const r = run(over, "off");
      expect(modeAt(r, "A", 2411)).toBe("OFF");
      expect(r.metrics.lost_by_cause["stranded-off"]).toBe(30);
    });
    it("restore: takes MASTER back at 2410 s (a second failover)", () => {
      const r = run(over, "restore");
      expect(modeAt(r, "A", 2411)).toBe("MASTER");
      expect(modeAt(r, "B", 2411)).toBe("SLAVE");
      expect(r.metrics.failovers).toBe(2);
    });
  });

  // A hangs 600–1200 s. B declares it lost at 610 s and announces the virtual IP: from then on
  // senders reach B. Mails 600…609 s (10) are refused once, retried at +15 min and accepted by B.
  describe("3. a hung MASTER", () => {
    const over = { faults: [{ kind: "node-hang", node: "A", at: "600s", duration: "600s" }] };
    it("yields the virtual IP to the unit that took over: 10 refused attempts, 10 s without service", () => {
      const r = run(over, "slave");
      expect(r.metrics.refused_attempts).toBe(10);
      expect(r.metrics.unavailable_s).toBe(10);
      expect(r.metrics.given_up).toBe(0);
    });
    it("with hungMasterArp: keeps-share, about half the senders still reach the hung unit", () => {
      const r = run({ ...over, assumptions: { hungMasterArp: "keeps-share" } }, "slave");
      expect(r.metrics.refused_attempts).toBeGreaterThan(200);
    });
    it("on resuming, its policy decides: slave pushes its 30 in-flight mails, off goes OFF, restore takes back MASTER", () => {
      const slave = run(over, "slave");
      expect(modeAt(slave, "A", 1201)).toBe("SLAVE");
      expect(slave.events!.find((e) => e.kind === "push")).toMatchObject({ unit: "A", moved: 30 });
      expect(slave.metrics.lost).toBe(0);
      expect(slave.metrics.split_brain_s).toBe(0);
      const off = run(over, "off");
      expect(modeAt(off, "A", 1201)).toBe("OFF");
      expect(off.metrics.lost_by_cause["stranded-off"]).toBe(30);
      const restore = run(over, "restore");
      expect(modeAt(restore, "A", 1201)).toBe("MASTER");
      expect(modeAt(restore, "B", 1201)).toBe("SLAVE");
      expect(restore.metrics.failovers).toBe(2);
    });
  });

  // A's disk fails at 600 s under on-failure off: A goes OFF, B takes over. B's queue syncs every
  // 5 min; before the fix it was copied to the OFF unit A, which redelivered it when the admin
  // restored it (a queue-sync duplicate for every mail B had queued). Now A holds no copy.
  it("4. queue sync reaches only a SLAVE: an OFF unit gets no copies to redeliver", () => {
    const r = run(
      {
        ha: {
          lservice: { hd: { interval: "10s", retries: 1 } },
          mailQueueSync: { enabled: true, interval: "5m" },
          admin: { responseTime: "30m", action: "restore" },
        },
        faults: [
          { kind: "lservice-failure", node: "A", service: "hd", at: "600s", duration: "10m" },
        ],
      },
      "off",
    );
    expect(modeAt(r, "A", 700)).toBe("OFF");
    expect(modeAt(r, "A", 3000)).toBe("MASTER");
    const adopted = r.events!.filter((e) => e.kind === "adopt-copies");
    expect(adopted.map((e) => [e.unit, e.count])).toEqual([["B", 30]]);
    expect(r.metrics.duplicated).toBe(30);
    expect(r.metrics.duplicated_by_cause["queue-sync-race"]).toBe(30);
  });

  // A's disk fails 600–4200 s under off; the admin answers 30 min after A goes OFF (about
  // 2410 s) but, by default, acts only once the disk is fixed: at 4200 s. A blind admin restores
  // a unit whose disk still fails, which fails its check again at once.
  it("5. the admin fixes, then acts (blind admin as a knob)", () => {
    const over = {
      ha: {
        lservice: { hd: { interval: "10s", retries: 1 } },
        admin: { responseTime: "30m", action: "restore" },
      },
      faults: [
        { kind: "lservice-failure", node: "A", service: "hd", at: "600s", duration: "3600s" },
      ],
    };
    const fixes = run(over, "off");
    expect(modeAt(fixes, "A", 4100)).toBe("OFF");
    expect(modeAt(fixes, "A", 4201)).toBe("MASTER");
    const blind = run({ ...over, assumptions: { adminActs: "blind" } }, "off");
    const admin = blind.events!.filter((e) => e.kind === "admin");
    expect(admin[0]!.timeUs).toBeLessThan(2500e6);
    expect(modeAt(blind, "A", admin[0]!.timeUs / 1e6 + 20)).toBe("OFF"); // its disk fails it again
  });

  // B's disk fails at 600 s while it is SLAVE. By default (S3) only the primary checks its own
  // disk: B stays SLAVE. With lserviceOnSlave: true it goes FAILED.
  it("6. local checks run on the primary only by default", () => {
    const over = {
      ha: { lservice: { hd: { interval: "10s", retries: 1 } } },
      faults: [
        { kind: "lservice-failure", node: "B", service: "hd", at: "600s", duration: "600s" },
      ],
    };
    expect(modeAt(run(over, "slave"), "B", 700)).toBe("SLAVE");
    expect(
      modeAt(run({ ...over, assumptions: { lserviceOnSlave: true } }, "slave"), "B", 700),
    ).toBe("FAILED");
  });

  // All heartbeat links down 600–1200 s: B takes over at 610 s (split brain); at 1200 s the heal
  // keeps the configured master A: the role moved to B and back to A — two failovers.
  it("7. a split-brain heal back to the keeper counts as a failover", () => {
    const r = run(
      { faults: [{ kind: "link-down", link: "all", at: "600s", duration: "600s" }] },
      "slave",
    );
    expect(r.metrics.split_brain_s).toBe(590);
    expect(r.metrics.failovers).toBe(2);
  });

  // A crashes at 600 s for 30 min while the downstream server is down 300 s–2 h: the failure
  // episode lasts until the downstream is back and the spools drain, but the only outage is
  // 600–610 s. Time to restore service is per outage: 10 s.
  it("8. time to restore service is per outage, not per episode", () => {
    const r = run(
      {
        faults: [crashA(1800), { kind: "downstream-outage", at: "300s", duration: "2h" }],
      },
      "slave",
    );
    expect(r.metrics.outages).toBe(1);
    expect(r.metrics.ttr_service_mean_s).toBe(10);
    expect(r.metrics.ttr_service_max_s).toBe(10);
    expect(r.metrics.ttr_redundancy_max_s).toBeGreaterThan(7000);
  });

  // Policy off, A crashes at 600 s and comes back OFF with 30 mails; the admin never comes: the
  // episode never recovers. It is counted, not dropped.
  it("9. an unrecovered episode is visible: recovered_share 0, one unrecovered", () => {
    const r = run({ faults: [crashA(1800)] }, "off");
    expect(r.metrics.failure_episodes).toBe(1);
    expect(r.metrics.unrecovered_episodes).toBe(1);
    expect(r.metrics.recovered_share).toBe(0);
    expect(r.metrics.ttr_redundancy_mean_s).toBeNull();
  });

  // A split brain (links down 600–1200 s) while the downstream is down (500 s–2 h) with spools
  // capped at 200: each MASTER's spool fills to 200; the total reached 400 but no unit held more
  // than its capacity.
  it("12. spool_max is per unit and never exceeds mta.spoolCapacity", () => {
    const r = run(
      {
        mta: { spoolCapacity: 200 },
        assumptions: { splitBrainShare: 0.5 },
        faults: [
          { kind: "link-down", link: "all", at: "600s", duration: "600s" },
          { kind: "downstream-outage", at: "500s", duration: "2h" },
        ],
      },
      "slave",
    );
    expect(r.metrics.spool_max).toBe(200);
    expect(r.metrics.given_up_by_cause["spool-full"]).toBe(0); // senders retry for 5 days
    expect(r.metrics.refused_attempts).toBeGreaterThan(0);
  });

  // Queue sync every minute; the downstream is down 500–1500 s, so A's queue grows and is synced
  // to B. A crashes at 600 s: B takes over at 610 s and adopts its copies of A's queue (synced at
  // 540 s). A boots at 900 s and, under slave, pushes its spool: the mails B already queues are
  // not pushed again [D: S10]. The downstream returns at 1500 s and every mail is delivered once.
  // Timed (default 100/s, and 1/s: the push spans several ticks) or instant, the same.
  it.each([100, 1, 0])(
    "15. a push after a queue-sync copy adds no duplicate (%s mails/s)",
    (rate) => {
      const r = run(
        {
          ha: { mailQueueSync: { enabled: true, interval: "1m" } },
          assumptions: { pushRatePerS: rate },
          faults: [crashA(300), { kind: "downstream-outage", at: "500s", duration: "1000s" }],
        },
        "slave",
      );
      const push = r.events!.find((e) => e.kind === "push");
      expect(push).toBeDefined();
      expect(push!.alreadyQueued).toBeGreaterThan(0);
      expect(r.metrics.duplicated).toBe(0);
      expect(r.metrics.lost).toBe(0);
      // Item 10 through every copy kind (adopted sync copies, pushed mails): only the 10 mails
      // refused at 600…609 s waited at their senders, 900 s each (retried at 1500…1509 s, taken by
      // B), so the senders' mean exceeds the acceptance mean by exactly 10 × 900 s / 3599 mails.
      const m = r.metrics;
      expect(m.refused_attempts).toBe(10);
      expect(m.sender_latency_mean_s! - m.latency_mean_s!).toBeCloseTo(9000 / 3599, 9);
    },
  );

  // A crashes at 600 s for 1800 s (slave): the 10 mails of 600…609 s are refused once and
  // accepted by B at their retry, 900 s later; every other mail is accepted at its first attempt.
  // Acceptance → delivery is 30 s for those 10 as for the others; the sender saw 930 s.
  it("10. senders' latency starts at their first attempt; refused attempts count with giveUp > 0", () => {
    const r = run({ faults: [crashA(1800)] }, "slave");
    const m = r.metrics;
    expect(m.delivered).toBe(3599);
    expect(m.refused_attempts).toBe(10);
    expect(m.given_up).toBe(0);
    expect(m.sender_latency_mean_s! - m.latency_mean_s!).toBeCloseTo(9000 / 3599, 9);
    // 10 + 30 pushed mails (which waited on A's disk) are 1.1% > 1%: the p99 is the 930 s one.
    expect(m.sender_latency_p99_s).toBeGreaterThan(900);
    expect(m.sender_latency_p99_s).toBeLessThan(960);
    expect(m.sender_latency_p50_s).toBe(m.latency_p50_s);
    // A sender that gives up on its first refusal still counts that refused attempt.
    const g = run({ workload: { senderRetry: { giveUp: "0s" } }, faults: [crashA(1800)] }, "slave");
    expect(g.metrics.refused_attempts).toBe(10);
    expect(g.metrics.given_up).toBe(10);
  });

  // All links down 600–1200 s with splitBrainShare 0: every sender reaches B, MASTER from 610 s,
  // so B accepts the 590 mails of 610…1199 s, each leaving a mail-data item (mailDataShare 1).
  // At 1200 s the heal keeps A; A's next mail-data sync overwrites B's 590 items.
  it("13. mail data a split-brain loser received is overwritten when the split brain heals", () => {
    const over = {
      assumptions: { splitBrainShare: 0, mailDataShare: 1 },
      faults: [{ kind: "link-down", link: "all", at: "600s", duration: "600s" }],
    };
    const r = run(over, "slave");
    expect(r.metrics.mail_data_overwritten).toBe(590);
    const off = run({ ...over, ha: { mailDataSync: { enabled: false } } }, "slave");
    expect(off.metrics.mail_data_overwritten).toBe(0);
  });
});
