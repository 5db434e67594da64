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
});
