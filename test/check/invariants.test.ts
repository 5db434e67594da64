// The invariant checker flags what it must (mutants of the model would otherwise pass unseen).
import { describe, expect, it } from "vitest";
import { InvariantChecker } from "../../src/check/invariants.js";

describe("InvariantChecker", () => {
  it("flags a unit in OFF, SLAVE, FAILED or HOLD_OFF accepting mail, and a hung MASTER", () => {
    const c = new InvariantChecker(5e6);
    c.accepted("A", "MASTER", "UP", 1, 10);
    expect(c.violations).toEqual([]);
    for (const mode of ["OFF", "SLAVE", "FAILED", "HOLD_OFF"]) c.accepted("A", mode, "UP", 2, 20);
    c.accepted("B", "MASTER", "HUNG", 3, 30);
    expect(c.violations).toHaveLength(5);
    expect(c.violations[0]).toContain("in mode OFF/UP");
  });

  it("flags two MASTERs hearing each other for longer than one heartbeat interval", () => {
    const c = new InvariantChecker(5e6);
    c.dualMaster(100e6, 5e6);
    expect(c.violations).toEqual([]);
    c.dualMaster(100e6, 5e6 + 1);
    expect(c.violations).toHaveLength(1);
  });

  it("flags two up units both SLAVE for longer than the detection window (nobody MASTER)", () => {
    const c = new InvariantChecker(5e6, 20e6);
    const both = {
      accepting: false,
      splitBrain: false,
      healthy: false,
      modes: ["SLAVE", "SLAVE"] as const,
    };
    const one = { ...both, modes: ["MASTER", "SLAVE"] as const };
    c.group(100e6, both);
    c.group(115e6, one); // 15 s: inside the window
    expect(c.violations).toEqual([]);
    c.group(200e6, both);
    c.group(221e6, one); // 21 s
    expect(c.violations).toHaveLength(1);
    c.group(300e6, { ...both, modes: ["OFF", "SLAVE"] as const }); // OFF is out of the group
    c.group(300e6, both);
    c.endLeaderless(400e6); // still leaderless when the run ends
    expect(c.violations).toHaveLength(2);
  });
});
