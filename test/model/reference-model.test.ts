// Model-based test: random sequences of faults and admin actions against a much simpler reference
// model of the two role machines. The reference knows nothing of time, grids or spools: it steps
// from one settled pair of modes to the next. The simulation must agree with it once each fault
// has had time to be detected (observed 10 min into the fault) and once it has healed and the
// pair has settled again (observed 40 min after it ends). Faults are spaced an hour apart, so at
// most one acts at a time; monitors are off, so only heartbeats, boots and admins move the roles.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { runReplication } from "../../src/run/replication.js";
import type { Policy } from "../../src/config/scenario.js";
import { scenario } from "../helpers/scenario.js";

type M = "MASTER" | "SLAVE" | "OFF";
type Pair = [M, M];
type Cmd =
  | { kind: "crash" | "hang" | "reboot"; node: 0 | 1 }
  | { kind: "link-down" }
  | { kind: "admin-restore"; node: 0 | 1 };
const CONFIGURED: Pair = ["MASTER", "SLAVE"];

/** What the pair looks like during the fault (after detection) and after it healed and settled. */
function reference(policy: Policy, s: Pair, c: Cmd): { during: [string, string]; after: Pair } {
  const [a, b] = s;
  if (c.kind === "admin-restore") return { during: [a, b], after: [...CONFIGURED] }; // both to their configured modes
  if (c.kind === "link-down") {
    // Each SLAVE that stops hearing a MASTER peer takes over; a healed split brain keeps the configured master.
    const during: Pair = [
      a === "SLAVE" && b === "MASTER" ? "MASTER" : a,
      b === "SLAVE" && a === "MASTER" ? "MASTER" : b,
    ];
    const after: Pair = during[0] === "MASTER" && during[1] === "MASTER" ? [...CONFIGURED] : during;
    return { during, after };
  }
  const x = c.node;
  const y = (1 - x) as 0 | 1;
  const mx = s[x];
  const my = s[y];
  // The peer of a silent unit takes over if it is a SLAVE (a HOLD_OFF peer of a reboot waits).
  const yDuring: M = my === "SLAVE" && !(c.kind === "reboot" && mx === "MASTER") ? "MASTER" : my;
  const during: [string, string] = ["", ""];
  during[x] = c.kind === "crash" ? "DOWN" : c.kind === "hang" ? "HUNG" : "REBOOTING";
  during[y] = c.kind === "reboot" && mx === "MASTER" && my === "SLAVE" ? "HOLD_OFF" : yDuring;
  const after: Pair = [a, b];
  if (c.kind === "hang") {
    // The woken unit keeps its mode, unless it was MASTER and its peer took over meanwhile: then
    // it is a failed unit coming back and its on-failure policy decides (rows 2–4).
    after[x] = mx;
    after[y] = yDuring;
    if (mx === "MASTER" && yDuring === "MASTER") {
      if (policy === "restore") return { during, after: [...CONFIGURED] };
      after[x] = policy === "off" ? "OFF" : "SLAVE";
    }
    return { during, after };
  }
  // 20 min down: a reboot outlasts the 15 min hold-off, so the peer has taken over by the return.
  const yAtBoot: M = my === "SLAVE" ? "MASTER" : my;
  after[y] = yAtBoot;
  if (mx === "OFF") {
    after[x] = "OFF"; // OFF lasts until an admin acts, across a reboot too [I]
  } else if (yAtBoot !== "MASTER") {
    after[x] = "MASTER"; // nobody to hear: the returning unit takes over after the detection time
  } else if (mx !== "MASTER") {
    after[x] = "SLAVE";
  } else if (policy === "off") {
    after[x] = "OFF";
  } else if (policy === "slave") {
    after[x] = "SLAVE";
  } else {
    after[x] = CONFIGURED[x];
    after[y] = CONFIGURED[y];
  }
  return { during, after };
}

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("crash" as const, "hang" as const, "reboot" as const),
    node: fc.constantFrom(0 as const, 1 as const),
  }),
  fc.constant({ kind: "link-down" as const }),
  fc.record({
    kind: fc.constant("admin-restore" as const),
    node: fc.constantFrom(0 as const, 1 as const),
  }),
);

function modeAt(
  modes: readonly { unit: string; startUs: number; endUs: number; mode: string }[],
  unit: string,
  tUs: number,
): string {
  return modes.find((m) => m.unit === unit && m.startUs <= tUs && tUs < m.endUs)?.mode ?? "?";
}

describe("role machines against a reference model", () => {
  it("agree on the settled modes after every fault and admin action", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Policy>("off", "restore", "slave"),
        fc.array(cmd, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 1e6 }),
        (policy, cmds, seed) => {
          const names = ["A", "B"];
          const faults = cmds.map((c, i) => {
            const at = `${i + 1}h`;
            if (c.kind === "admin-restore")
              return { at, kind: "admin", node: names[c.node], action: "restore" };
            if (c.kind === "link-down")
              return { at, kind: "link-down", link: "all", duration: "20m" };
            return {
              at,
              kind: c.kind === "crash" ? "node-crash" : c.kind === "hang" ? "node-hang" : "reboot",
              node: names[c.node],
              duration: "20m",
            };
          });
          const sc = scenario(
            {
              seed,
              horizon: `${cmds.length + 1}h`,
              faults,
              workload: { arrivals: { rate: "1/min" } },
            },
            { phases: "random" },
          );
          const r = runReplication(sc, policy, 0, { trace: true });
          expect(r.violations).toEqual([]);
          let state: Pair = [...CONFIGURED];
          cmds.forEach((c, i) => {
            const t0 = (i + 1) * 3600e6;
            const { during, after } = reference(policy, state, c);
            const seen = (t: number): string[] => names.map((n) => modeAt(r.timeline!.modes, n, t));
            if (c.kind !== "admin-restore")
              expect(
                seen(t0 + 10 * 60e6),
                `during ${JSON.stringify(c)} from ${state.join(",")}`,
              ).toEqual(during);
            expect(
              seen(t0 + 60 * 60e6 - 1),
              `after ${JSON.stringify(c)} from ${state.join(",")}`,
            ).toEqual(after);
            state = after;
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
