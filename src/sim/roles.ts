/**
 * The role-effect interpreter: feeds events to a unit's pure role machine (`src/ha/role.ts`),
 * performs the effects it returns, and resolves split brains. Every mode change is reported as a
 * typed `mode` event.
 *
 * @module
 */
import { sampleUs } from "../kernel/dist.js";
import type { Mode } from "../ha/modes.js";
import { displayMode } from "../ha/modes.js";
import { transition, type RoleEffect, type RoleEvent } from "../ha/role.js";
import { abortInflight } from "./delivery.js";
import { hbPath, holdsVip, linkPass, localOk, peerIsMaster } from "./health.js";
import { stopPush } from "./push.js";
import { adoptCopies, overwriteMailData } from "./replication.js";
import { dualMaster } from "./split-brain.js";
import type { ClusterState } from "./state.js";
import type { UnitRuntime } from "./unit.js";

/** Feeds an event to a unit's role machine, performs the effects, then refreshes. */
export function apply(c: ClusterState, u: UnitRuntime, event: RoleEvent): void {
  const before = u.role;
  const [after, effects] = transition(before, event);
  if (after === before && effects.length === 0) return;
  u.role = after;
  const from = displayMode(before.mode, before.physical);
  const to = displayMode(after.mode, after.physical);
  if (from !== to) {
    c.obs.event({
      timeUs: c.sched.nowUs,
      kind: "mode",
      unit: u.name,
      from,
      to,
      reason: event.type,
    });
  }
  for (const e of effects) effect(c, u, e);
  if (after.mode === "SLAVE" && before.mode !== "SLAVE") overwriteMailData(c, u);
  noteMaster(c);
  c.refresh();
}

/** Remembers which unit holds MASTER alone, so a failover counts the role moving to the other unit. */
function noteMaster(c: ClusterState): void {
  const ma = holdsVip(c, c.units[0]);
  const mb = holdsVip(c, c.units[1]);
  if (ma !== mb) c.lastMaster = ma ? 0 : 1;
}

function effect(c: ClusterState, u: UnitRuntime, e: RoleEffect): void {
  const s = c.sched;
  const p = c.peer(u);
  switch (e) {
    case "take-over":
      u.masterSinceUs = s.nowUs;
      stopPush(c, u, "taken-over");
      u.pushPending = false;
      // A failover is the MASTER role moving to the other unit (not a MASTER resuming after a reboot).
      if (c.lastMaster !== u.index)
        c.obs.event({ timeUs: s.nowUs, kind: "failover", unit: u.name });
      c.lastMaster = u.index;
      adoptCopies(c, u);
      return;
    case "release":
      return; // the refresh cuts the open sessions when the unit stops being reachable
    case "halt":
      abortInflight(c, u, true);
      return;
    case "push-spool":
      u.pushPending = true;
      return;
    case "demoted-queue":
      if (c.sc.assumptions.demotedQueue === "push") u.pushPending = true;
      return;
    case "demote-peer":
      apply(c, p, { type: "demote" });
      return;
    case "peer-to-configured":
      apply(c, p, { type: "to-configured", propagate: false });
      return;
    case "peer-back":
      apply(c, p, { type: "peer-back" });
      return;
    case "tell-peer-failed":
      if (p.up && linkPass(c, u, p)) apply(c, p, { type: "told-failed" });
      else c.obs.event({ timeUs: s.nowUs, kind: "tell-failed-lost", unit: u.name, peer: p.name });
      return;
    case "call-admin": {
      const rt = c.sc.ha.admin.responseTime;
      if (rt !== null) s.arm(u.adminTimer, s.nowUs + sampleUs(rt, c.rng.admin));
      return;
    }
    case "start-hold-off":
      s.arm(u.holdOffTimer, s.nowUs + c.sc.ha.holdOffUs);
      return;
    case "end-hold-off":
      s.cancel(u.holdOffTimer);
      return;
  }
}

/** The split-brain resolution timer: the MASTER chosen by `assumptions.splitBrainHeal` stays. */
export function onConflict(c: ClusterState): void {
  if (!dualMaster(c)) return;
  const [a, b] = c.units;
  c.invariants?.dualMaster(c.sched.nowUs, c.sched.nowUs - c.dualSinceUs);
  const rule = c.sc.assumptions.splitBrainHeal;
  const keeper =
    rule === "configured-master"
      ? c.units[c.masterIndex]
      : a.masterSinceUs <= b.masterSinceUs
        ? a
        : b;
  const loser = c.peer(keeper);
  // The role moves back to the keeper when the loser was the last to take over.
  if (c.lastMaster !== keeper.index)
    c.obs.event({ timeUs: c.sched.nowUs, kind: "failover", unit: keeper.name });
  c.lastMaster = keeper.index;
  c.obs.event({
    timeUs: c.sched.nowUs,
    kind: "split-brain-heal",
    unit: loser.name,
    keeper: keeper.name,
    rule,
  });
  apply(c, loser, { type: "demote" });
}

/** An admin acts on a unit (`set system ha restart|restore|resync`). */
export function adminAction(
  c: ClusterState,
  u: UnitRuntime,
  action: "restart" | "restore" | "resync",
): void {
  c.obs.event({ timeUs: c.sched.nowUs, kind: "admin", unit: u.name, action });
  if (action === "restore") apply(c, u, { type: "to-configured", propagate: true });
  else if (action === "restart")
    apply(c, u, {
      type: "admin-restart",
      peerMaster: peerIsMaster(c, u),
      toConfigured: c.sc.assumptions.adminRestartTo === "configured",
    });
}

/**
 * The admin called by on-failure `off` has responded: a unit still OFF gets `ha.admin.action` —
 * at once, or (`assumptions.adminActs: and-repaired`) once its own cause is also fixed.
 */
export function onAdmin(c: ClusterState, u: UnitRuntime): void {
  if (u.role.mode !== "OFF" || !u.up) return;
  if (c.sc.assumptions.adminActs === "and-repaired" && !localOk(u)) {
    u.adminWaiting = true; // the refresh acts once the cause is repaired
    return;
  }
  u.adminWaiting = false;
  adminAction(c, u, c.sc.ha.admin.action);
}

/** The unit finished booting (after a crash or a planned reboot). */
export function boot(c: ClusterState, u: UnitRuntime): void {
  const p = c.peer(u);
  const peerMode: Mode | null = p.up ? p.role.mode : null;
  apply(c, u, { type: "boot", peerHeard: hbPath(c, p, u), peerMode });
}
