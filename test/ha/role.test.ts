// The pure role machine, event by event: each test names the state-table row it checks.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { initialRole, transition, type RoleEvent, type RoleState } from "../../src/ha/role.js";
import type { Policy } from "../../src/config/scenario.js";

const P = (policy: Policy): RoleState => initialRole("master", policy);
const S = (policy: Policy): RoleState => initialRole("slave", policy);
const run = (s: RoleState, ...events: RoleEvent[]): [RoleState, string[]] => {
  const effects: string[] = [];
  for (const e of events) {
    const [n, eff] = transition(s, e);
    s = n;
    effects.push(...eff);
  }
  return [s, effects];
};

describe("role machine", () => {
  it("row 0: starts in the configured mode", () => {
    expect(P("slave").mode).toBe("MASTER");
    expect(S("slave").mode).toBe("SLAVE");
  });

  it("row 1: a SLAVE that loses the MASTER's heartbeat takes over", () => {
    const [s, eff] = run(S("slave"), { type: "peer-lost" });
    expect(s.mode).toBe("MASTER");
    expect(eff).toEqual(["take-over"]);
  });

  it("rows 2–4: a crashed MASTER returns under each policy while its peer is MASTER", () => {
    const back = { type: "boot", peerHeard: true, peerMode: "MASTER" } as const;
    expect(run(P("off"), { type: "crash" }, back)[0].mode).toBe("OFF");
    expect(run(P("off"), { type: "crash" }, back)[1]).toContain("call-admin");
    const [r, reff] = run(P("restore"), { type: "crash" }, back);
    expect(r.mode).toBe("MASTER");
    expect(reff).toEqual(["release", "halt", "take-over", "demote-peer"]);
    const [sl, seff] = run(P("slave"), { type: "crash" }, back);
    expect(sl.mode).toBe("SLAVE");
    expect(seff).toContain("push-spool");
  });

  it("rows 5–6: a local or told failure gives OFF under off, FAILED otherwise", () => {
    expect(run(P("off"), { type: "local-failure" })[0].mode).toBe("OFF");
    expect(run(P("restore"), { type: "local-failure" })[0].mode).toBe("FAILED");
    expect(run(P("slave"), { type: "told-failed" })[0].mode).toBe("FAILED");
    const [s, eff] = run(S("slave"), { type: "peer-service-failed" });
    expect(s.mode).toBe("MASTER");
    expect(eff).toEqual(["take-over", "tell-peer-failed"]);
  });

  it("row 7: FAILED recovers to SLAVE with a push (slave) or to its configured mode (restore)", () => {
    const rec = { type: "recovered", peerMaster: true } as const;
    const [s, eff] = run(P("slave"), { type: "local-failure" }, rec);
    expect(s.mode).toBe("SLAVE");
    expect(eff).toContain("push-spool");
    const [r, reff] = run(P("restore"), { type: "local-failure" }, rec);
    expect(r.mode).toBe("MASTER");
    expect(reff).toContain("demote-peer");
  });

  it("row 8: admin restore and restart bring an OFF unit back", () => {
    const off = run(P("off"), { type: "local-failure" })[0];
    expect(run(off, { type: "to-configured", propagate: true })[0].mode).toBe("MASTER");
    expect(run(off, { type: "to-configured", propagate: true })[1]).toContain("peer-to-configured");
    // restart returns the unit to its configured mode (row 8), or SLAVE with adminRestartTo: slave.
    const restart = run(off, { type: "admin-restart", peerMaster: true, toConfigured: true });
    expect(restart[0].mode).toBe("MASTER");
    expect(restart[1]).toEqual(["take-over", "demote-peer"]);
    const toSlave = { type: "admin-restart", peerMaster: true, toConfigured: false } as const;
    expect(run(off, toSlave)[0].mode).toBe("SLAVE");
    const offSlave = run(S("off"), { type: "local-failure" })[0];
    expect(run(offSlave, { ...toSlave, toConfigured: true })[0].mode).toBe("SLAVE");
  });

  it("a hung MASTER resumes as MASTER, or under its policy when its peer took over (rows 2–4)", () => {
    const hung = run(P("slave"), { type: "hang" })[0];
    expect(run(hung, { type: "unhang", peerMaster: false })[0]).toMatchObject({
      mode: "MASTER",
      lostMastership: false,
    });
    expect(run(hung, { type: "unhang", peerMaster: true })).toEqual([
      expect.objectContaining({ mode: "SLAVE", physical: "UP" }),
      ["push-spool"],
    ]);
    const hungOff = run(P("off"), { type: "hang" })[0];
    expect(run(hungOff, { type: "unhang", peerMaster: true })[0].mode).toBe("OFF");
    const hungRestore = run(P("restore"), { type: "hang" })[0];
    expect(run(hungRestore, { type: "unhang", peerMaster: true })[1]).toEqual([
      "take-over",
      "demote-peer",
    ]);
  });

  it("a SLAVE back from a failure applies its policy when it first hears the MASTER", () => {
    const down = run(P("slave"), { type: "crash" })[0];
    const booted = run(down, { type: "boot", peerHeard: false, peerMode: null })[0];
    expect(booted).toMatchObject({ mode: "SLAVE", lostMastership: true });
    expect(run(booted, { type: "master-heard" })[1]).toEqual(["push-spool"]);
    const plain = run(S("slave"), { type: "master-heard" });
    expect(plain[0]).toEqual(S("slave"));
  });

  it("row 9: a SLAVE holds off while the MASTER reboots, then follows or takes over", () => {
    const held = run(S("slave"), { type: "peer-rebooting" })[0];
    expect(held.mode).toBe("HOLD_OFF");
    expect(run(held, { type: "peer-lost" })[0].mode).toBe("HOLD_OFF"); // no heartbeat checks in HOLD_OFF
    expect(run(held, { type: "peer-back" })[0].mode).toBe("SLAVE");
    expect(run(held, { type: "hold-off-expired" })[0].mode).toBe("MASTER");
  });

  it("row 12: a SLAVE back from a crash rejoins as SLAVE whatever the policy", () => {
    for (const p of ["off", "restore", "slave"] as const) {
      expect(
        run(S(p), { type: "crash" }, { type: "boot", peerHeard: true, peerMode: "MASTER" })[0].mode,
      ).toBe("SLAVE");
    }
  });

  it("a down or hung unit reacts to nothing but boot, crash and unhang", () => {
    const hung = run(P("slave"), { type: "hang" })[0];
    for (const type of [
      "peer-lost",
      "local-failure",
      "told-failed",
      "demote",
      "peer-rebooting",
    ] as const) {
      expect(transition(hung, { type })[0]).toBe(hung);
    }
    expect(run(hung, { type: "unhang", peerMaster: false })[0]).toMatchObject({
      physical: "UP",
      mode: "MASTER",
    });
  });

  it("demoted queue: keep-and-deliver marks the SLAVE as still delivering", () => {
    const m = initialRole("master", "restore", "keep-and-deliver");
    const [s, eff] = run(m, { type: "demote" });
    expect(s).toMatchObject({ mode: "SLAVE", keepDelivering: true });
    expect(eff).toEqual(["release", "demoted-queue"]);
  });

  const events: fc.Arbitrary<RoleEvent> = fc.oneof(
    fc.constantFrom<RoleEvent>(
      { type: "peer-lost" },
      { type: "peer-service-failed" },
      { type: "told-failed" },
      { type: "local-failure" },
      { type: "crash" },
      { type: "hang" },
      { type: "reboot" },
      { type: "master-heard" },
      { type: "peer-rebooting" },
      { type: "hold-off-expired" },
      { type: "peer-back" },
      { type: "demote" },
    ),
    fc.record({ type: fc.constant("recovered" as const), peerMaster: fc.boolean() }),
    fc.record({
      type: fc.constant("admin-restart" as const),
      peerMaster: fc.boolean(),
      toConfigured: fc.boolean(),
    }),
    fc.record({ type: fc.constant("unhang" as const), peerMaster: fc.boolean() }),
    fc.record({ type: fc.constant("to-configured" as const), propagate: fc.boolean() }),
    fc.record({
      type: fc.constant("boot" as const),
      peerHeard: fc.boolean(),
      peerMode: fc.constantFrom("MASTER", "SLAVE", "HOLD_OFF", null),
    }) as fc.Arbitrary<RoleEvent>,
  );

  it("property: pure, total, and never leaves OFF without an admin or a boot", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Policy>("off", "restore", "slave"),
        fc.boolean(),
        fc.array(events, { maxLength: 40 }),
        (policy, master, seq) => {
          let s = initialRole(master ? "master" : "slave", policy);
          for (const e of seq) {
            const frozen = JSON.stringify(s);
            const [n, eff] = transition(s, e);
            expect(JSON.stringify(s)).toBe(frozen); // input not mutated
            expect(transition(s, e)).toEqual([n, eff]); // same input, same output
            if (s.mode === "OFF" && s.physical === "UP" && n.mode !== "OFF") {
              expect(["to-configured", "admin-restart"]).toContain(e.type);
            }
            if (n.mode === "OFF") expect(policy).toBe("off"); // only the off policy switches a unit off
            if (n.mode === "FAILED") expect(policy).not.toBe("off");
            s = n;
          }
        },
      ),
    );
  });
});
