// Item 14 of the model-fidelity issue: the spool push takes time. Same hand-checkable base as
// fidelity.test.ts (one mail per second, 30 s deliveries, heartbeats every 5 s × 3 on grids at 0).
// A crashes at 600 s with 30 deliveries in flight (accepted 570…599 s), which go back to its spool;
// it boots at 2400 s as SLAVE, hears B (MASTER since 610 s) at once and, under `slave`, pushes
// those 30 mails. At 1 mail/s the push runs 2400…2430 s: one mail leaves each second.
import { describe, expect, it } from "vitest";
import type { ModelEvent } from "../../src/sim/events.js";
import type { RunResult } from "../../src/sim/result.js";
import { runReplication } from "../../src/run/replication.js";
import { scenario } from "../helpers/scenario.js";

function run(over: Record<string, unknown>): RunResult {
  const r = runReplication(scenario(over), "slave", 0, { trace: true });
  expect(r.violations).toEqual([]);
  return r;
}

const crashA = { kind: "node-crash", node: "A", at: "600s", duration: "1800s" };

function pushEvents(r: RunResult): ModelEvent[] {
  return r.events!.filter((e) => e.kind.startsWith("push") && e.kind !== "push-progress");
}

describe("model fidelity 14: the spool push takes time", () => {
  it("at 1/s the 30 mails leave one a second; the group is redundant at 2430 s", () => {
    const r = run({ assumptions: { pushRatePerS: 1 }, faults: [crashA] });
    expect(pushEvents(r)).toMatchObject([
      { kind: "push-start", timeUs: 2400e6, unit: "A", queued: 30, ratePerS: 1 },
      { kind: "push", timeUs: 2430e6, unit: "A", moved: 30, alreadyQueued: 0 },
    ]);
    const progress = r.events!.filter((e) => e.kind === "push-progress");
    expect(progress).toHaveLength(29); // 2401…2429 s
    expect(progress[9]).toMatchObject({ timeUs: 2410e6, moved: 10, remaining: 20 });
    // Redundancy is back when the SLAVE's spool is empty: 2430 − 600 s.
    expect(r.metrics.ttr_redundancy_mean_s).toBe(1830);
    expect(r.metrics.lost).toBe(0);
    expect(r.metrics.duplicated).toBe(0);
    expect(r.trace!.some((t) => t.event === "push-progress")).toBe(false);
  });

  it("0 is instant: all 30 mails at 2400 s, no start or progress events", () => {
    const r = run({ assumptions: { pushRatePerS: 0 }, faults: [crashA] });
    expect(pushEvents(r)).toMatchObject([{ kind: "push", timeUs: 2400e6, moved: 30 }]);
    expect(r.metrics.ttr_redundancy_mean_s).toBe(1800);
  });

  // A partition 2410…2420 s (shorter than the 15 s detection: nobody takes over) cuts the heartbeat
  // path after 10 mails; the 20 others stay on A's disk and leave when the path returns at 2420 s,
  // one a second again: the second push ends at 2440 s. Nothing lost, nothing duplicated.
  it("a partition interrupts it; the rest stays on disk and is pushed when the path returns", () => {
    const partition = { kind: "partition", node: "A", from: "peer", at: "2410s", duration: "10s" };
    const r = run({ assumptions: { pushRatePerS: 1 }, faults: [crashA, partition] });
    expect(pushEvents(r)).toMatchObject([
      { kind: "push-start", timeUs: 2400e6, queued: 30 },
      { kind: "push-interrupted", timeUs: 2410e6, moved: 10, remaining: 20, reason: "interrupted" },
      { kind: "push-start", timeUs: 2420e6, queued: 20 },
      { kind: "push", timeUs: 2440e6, moved: 20 },
    ]);
    expect(r.metrics.failovers).toBe(1);
    expect(r.metrics.lost).toBe(0);
    expect(r.metrics.duplicated).toBe(0);
    const line = r.trace!.find((t) => t.event === "push-interrupted");
    expect(line?.detail).toBe("lost its path to B after 10 mails; 20 stay on its disk");
  });

  // B crashes for good at 2410 s, after 10 mails left A. B then holds its own 30 deliveries in
  // flight (mails 2380…2409 s, the one of 2410 s is refused) plus the 10 pushed, all started at B
  // within the last 30 s: 40 mails stranded on a down unit. A keeps the other 20 and, its last
  // heartbeat from B being 2405 s, takes over at 2420 s and delivers them itself. Instant push:
  // all 30 were at B, so 60 stranded.
  it("a second failure interrupts it: what was pushed is lost with the peer, the rest stays", () => {
    const crashB = { kind: "node-crash", node: "B", at: "2410s", duration: "30d" };
    const timed = run({ assumptions: { pushRatePerS: 1 }, faults: [crashA, crashB] });
    expect(pushEvents(timed)).toMatchObject([
      { kind: "push-start", timeUs: 2400e6, queued: 30 },
      { kind: "push-interrupted", timeUs: 2410e6, moved: 10, remaining: 20 },
    ]);
    expect(timed.metrics.lost_by_cause["stranded-down"]).toBe(40);
    expect(timed.metrics.lost).toBe(40);
    const instant = run({ assumptions: { pushRatePerS: 0 }, faults: [crashA, crashB] });
    expect(instant.metrics.lost_by_cause["stranded-down"]).toBe(60);
    expect(instant.metrics.lost).toBe(60);
  });
});
