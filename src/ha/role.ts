/**
 * The role state machine of one FortiMail unit, as a pure function:
 * `transition(state, event) → [state, effects]`.
 *
 * It knows FortiMail's rules (the state table, rows 0–13, of `fortimail-ha.md`) and nothing of
 * time, timers, spools or the network: the cluster driver (`src/sim/cluster.ts`) detects events
 * (a heartbeat timeout, a failed probe run, a boot), feeds them here, and performs the effects.
 * Events that do not apply in the current state leave it unchanged with no effects.
 *
 * @module
 */
import type { ConfiguredMode, Policy } from "./policy.js";
import type { Mode, Physical } from "./modes.js";

export interface RoleState {
  readonly mode: Mode;
  readonly physical: Physical;
  readonly configured: ConfiguredMode;
  /** The unit's `on-failure` policy (both units share it in a scenario). */
  readonly policy: Policy;
  /** It was MASTER when it last failed or went down, so on return the on-failure policy applies [D: S12]. */
  readonly lostMastership: boolean;
  /** A SLAVE that still delivers its own queue (`assumptions.demotedQueue: keep-and-deliver`). */
  readonly keepDelivering: boolean;
  /** `assumptions.demotedQueue`: what a unit that becomes SLAVE with mail does with it [I]. */
  readonly demotedQueue: "push" | "keep-and-deliver" | "strand";
}

/** What the driver tells the machine. `peerMaster`/`peerHeard` describe the peer as this unit sees it. */
export type RoleEvent =
  | { readonly type: "peer-lost" } // heartbeat lost for lostThreshold intervals (row 1, 10)
  | { readonly type: "peer-service-failed" } // own remote service probes of the MASTER failed `retries` times (row 6)
  | { readonly type: "told-failed" } // the peer's probes declared this unit failed and told it (row 6)
  | { readonly type: "local-failure" } // own lservice check failed `retries` times (row 5)
  | { readonly type: "recovered"; readonly peerMaster: boolean } // FAILED and the cause is fixed (row 7)
  | { readonly type: "crash" }
  | { readonly type: "hang" }
  | { readonly type: "unhang"; readonly peerMaster: boolean } // a hung unit resumes; its peer may have taken over
  | { readonly type: "master-heard" } // a SLAVE back from a failure first hears the MASTER's heartbeat (rows 2–4)
  | { readonly type: "reboot" } // planned reboot starts (row 9)
  | { readonly type: "boot"; readonly peerHeard: boolean; readonly peerMode: Mode | null }
  | { readonly type: "peer-rebooting" } // the MASTER peer announced a planned reboot (row 9)
  | { readonly type: "hold-off-expired" }
  | { readonly type: "peer-back" } // the rebooted peer took its role back within the hold-off
  | { readonly type: "to-configured"; readonly propagate: boolean } // admin `restore` (row 8)
  | {
      readonly type: "admin-restart";
      readonly peerMaster: boolean;
      /** `assumptions.adminRestartTo: configured`: back to the configured mode (row 8); else SLAVE. */
      readonly toConfigured: boolean;
    } // admin `restart` (row 8)
  | { readonly type: "demote" }; // the peer takes MASTER back (restore fail-back, split-brain heal)

/** Effects the driver performs, in order. */
export type RoleEffect =
  | "take-over" // became MASTER: take the virtual IP, deliver the spool, adopt queue-sync copies
  | "release" // stopped being a working MASTER: open SMTP sessions are cut
  | "halt" // stopped physically: deliveries in flight are interrupted
  | "push-spool" // push the MTA spool to the MASTER peer, which delivers it (rows 4, 7) [D: S1, S10]
  | "demoted-queue" // became SLAVE with a spool: handle it per assumptions.demotedQueue [I]
  | "demote-peer" // the peer must become SLAVE (restore fail-back, row 3)
  | "peer-to-configured" // admin restore: the peer returns to its configured mode too
  | "peer-back" // tell a HOLD_OFF peer that this unit is back
  | "tell-peer-failed" // the remote service monitor tells the MASTER it failed (over the heartbeat link)
  | "call-admin" // entered OFF: an admin is alerted
  | "start-hold-off"
  | "end-hold-off";

export type Transition = readonly [RoleState, readonly RoleEffect[]];

const NONE: readonly RoleEffect[] = [];

/** The state of a unit at the start of a run: up, in its configured mode. */
export function initialRole(
  configured: ConfiguredMode,
  policy: Policy,
  demotedQueue: RoleState["demotedQueue"] = "strand",
): RoleState {
  return {
    demotedQueue,
    mode: configured === "master" ? "MASTER" : "SLAVE",
    physical: "UP",
    configured,
    policy,
    lostMastership: false,
    keepDelivering: false,
  };
}

function set(s: RoleState, patch: Partial<RoleState>): RoleState {
  return { ...s, ...patch };
}

/** A unit that detected or was told of its own failure: OFF under `off`, else FAILED (rows 5, 6). */
function failSelf(s: RoleState): Transition {
  if (s.mode !== "MASTER" && s.mode !== "SLAVE") return [s, NONE];
  const wasMaster = s.mode === "MASTER";
  const release: readonly RoleEffect[] = wasMaster ? ["release"] : NONE;
  if (s.policy === "off") {
    return [
      set(s, { mode: "OFF", lostMastership: wasMaster, keepDelivering: false }),
      [...release, "call-admin"],
    ];
  }
  return [set(s, { mode: "FAILED", lostMastership: wasMaster, keepDelivering: false }), release];
}

function becomeMaster(s: RoleState): Transition {
  return [set(s, { mode: "MASTER", lostMastership: false, keepDelivering: false }), ["take-over"]];
}

/** Becoming SLAVE by a path other than on-failure slave's documented push. */
function becomeSlaveWithQueue(s: RoleState, extra: readonly RoleEffect[] = NONE): Transition {
  const release: readonly RoleEffect[] =
    s.mode === "MASTER" && s.physical === "UP" ? ["release"] : NONE;
  const keep = s.demotedQueue === "keep-and-deliver";
  return [
    set(s, { mode: "SLAVE", lostMastership: false, keepDelivering: keep }),
    [...release, "demoted-queue", ...extra],
  ];
}

/** A unit back from a failure while its peer is MASTER: the on-failure policy decides (rows 2–4, 12). */
function rejoinUnderPolicy(s: RoleState): Transition {
  if (!s.lostMastership) return becomeSlaveWithQueue(s);
  switch (s.policy) {
    case "off":
      return [set(s, { mode: "OFF", keepDelivering: false }), ["call-admin"]];
    case "restore":
      if (s.configured === "master") {
        return [
          set(s, { mode: "MASTER", lostMastership: false, keepDelivering: false }),
          ["take-over", "demote-peer"],
        ];
      }
      return becomeSlaveWithQueue(s);
    case "slave":
      return [
        set(s, { mode: "SLAVE", lostMastership: false, keepDelivering: false }),
        ["push-spool"],
      ];
  }
}

function onBoot(s: RoleState, peerHeard: boolean, peerMode: Mode | null): Transition {
  const up = set(s, { physical: "UP" });
  if (!peerHeard) {
    // Nobody heard: listen as SLAVE; the heartbeat detector makes it MASTER if no MASTER is heard,
    // and a unit that lost mastership applies its on-failure policy when it first hears one.
    return [set(up, { mode: "SLAVE", keepDelivering: false }), NONE];
  }
  if (peerMode === "MASTER") return rejoinUnderPolicy(up);
  // The peer is up but not MASTER (it waited in HOLD_OFF, or is a SLAVE without a master): lead.
  const [next, effects] = becomeMaster(up);
  return [next, peerMode === "HOLD_OFF" ? [...effects, "peer-back"] : effects];
}

/**
 * A hung unit resumes. A MASTER whose peer took over meanwhile is a failed unit coming back: its
 * on-failure policy decides (rows 2–4), not a split-brain heal. Otherwise it simply goes on.
 */
function onResume(s: RoleState, peerMaster: boolean): Transition {
  const up = set(s, { physical: "UP" });
  if (s.mode !== "MASTER") return [up, NONE];
  if (peerMaster) return rejoinUnderPolicy(set(up, { lostMastership: true }));
  return [set(up, { lostMastership: false }), NONE];
}

/** Admin `restart` of an OFF or FAILED unit (row 8). */
function onAdminRestart(s: RoleState, peerMaster: boolean, toConfigured: boolean): Transition {
  if (s.mode !== "OFF" && s.mode !== "FAILED") return [s, NONE];
  const fresh = set(s, { lostMastership: false });
  if (toConfigured && s.configured === "master") {
    const [next] = becomeMaster(fresh);
    return [next, peerMaster ? ["take-over", "demote-peer"] : ["take-over"]];
  }
  if (!peerMaster) return [set(fresh, { mode: "SLAVE", keepDelivering: false }), NONE];
  return becomeSlaveWithQueue(fresh);
}

function halt(s: RoleState, physical: Physical): Transition {
  if (s.physical !== "UP") return [s, NONE];
  const wasMaster = s.mode === "MASTER";
  const effects: readonly RoleEffect[] = wasMaster ? ["release", "halt"] : ["halt"];
  return [set(s, { physical, lostMastership: wasMaster || s.lostMastership }), effects];
}

/**
 * The role transition function. Pure: the same state and event always give the same result, and
 * the input state is never modified.
 */
export function transition(s: RoleState, e: RoleEvent): Transition {
  if (e.type === "boot")
    return s.physical === "CRASHED" || s.physical === "REBOOTING"
      ? onBoot(s, e.peerHeard, e.peerMode)
      : [s, NONE];
  if (e.type === "unhang") return s.physical === "HUNG" ? onResume(s, e.peerMaster) : [s, NONE];
  if (e.type === "crash")
    return s.physical === "CRASHED"
      ? [s, NONE]
      : halt(set(s, { physical: s.physical === "HUNG" ? "UP" : s.physical }), "CRASHED");
  if (s.physical !== "UP") return [s, NONE]; // a down or hung unit reacts to nothing else
  switch (e.type) {
    case "hang":
      return halt(s, "HUNG");
    case "reboot":
      return halt(s, "REBOOTING");
    case "peer-lost":
      return s.mode === "SLAVE" ? becomeMaster(s) : [s, NONE];
    case "peer-service-failed":
      if (s.mode !== "SLAVE") return [s, NONE];
      return [becomeMaster(s)[0], ["take-over", "tell-peer-failed"]];
    case "told-failed":
    case "local-failure":
      return failSelf(s);
    case "recovered":
      if (s.mode !== "FAILED") return [s, NONE];
      if (s.policy === "restore" && s.configured === "master") {
        return [
          set(s, { mode: "MASTER", lostMastership: false }),
          e.peerMaster ? ["take-over", "demote-peer"] : ["take-over"],
        ];
      }
      if (s.policy === "slave") {
        return [
          set(s, { mode: "SLAVE", lostMastership: false }),
          e.peerMaster ? ["push-spool"] : NONE,
        ];
      }
      return becomeSlaveWithQueue(s);
    case "peer-rebooting":
      return s.mode === "SLAVE" ? [set(s, { mode: "HOLD_OFF" }), ["start-hold-off"]] : [s, NONE];
    case "hold-off-expired":
      return s.mode === "HOLD_OFF"
        ? [becomeMaster(s)[0], ["end-hold-off", "take-over"]]
        : [s, NONE];
    case "peer-back":
      return s.mode === "HOLD_OFF" ? [set(s, { mode: "SLAVE" }), ["end-hold-off"]] : [s, NONE];
    case "to-configured": {
      const extra: readonly RoleEffect[] = e.propagate ? ["peer-to-configured"] : NONE;
      if (s.configured === "master") {
        if (s.mode === "MASTER") return [set(s, { lostMastership: false }), extra];
        const endHold: readonly RoleEffect[] = s.mode === "HOLD_OFF" ? ["end-hold-off"] : NONE;
        return [
          set(s, { mode: "MASTER", lostMastership: false, keepDelivering: false }),
          [...endHold, "take-over", ...extra],
        ];
      }
      if (s.mode === "SLAVE") return [set(s, { lostMastership: false }), extra];
      return becomeSlaveWithQueue(s, extra);
    }
    case "admin-restart":
      return onAdminRestart(s, e.peerMaster, e.toConfigured);
    case "master-heard":
      return s.mode === "SLAVE" && s.lostMastership ? rejoinUnderPolicy(s) : [s, NONE];
    case "demote":
      return s.mode === "MASTER" ? becomeSlaveWithQueue(s) : [s, NONE];
  }
}

/** Whether a unit in this state takes part in mail processing (accepts, delivers). */
export function processesMail(s: RoleState): boolean {
  return s.physical === "UP" && (s.mode === "MASTER" || (s.mode === "SLAVE" && s.keepDelivering));
}
