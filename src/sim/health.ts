/**
 * Health predicates: what works right now, from the units' modes and the faults acting on them.
 * Pure reads of the cluster state; the refresh hands their answers to detectors and mail.
 *
 * @module
 */
import type { ClusterState } from "./state.js";
import type { UnitRuntime } from "./unit.js";

/** The unit sends heartbeats: up and in MASTER, SLAVE or HOLD_OFF (FAILED and OFF stop [D: S3]). */
export function emitting(u: UnitRuntime): boolean {
  const m = u.role.mode;
  return u.up && (m === "MASTER" || m === "SLAVE" || m === "HOLD_OFF");
}

/** A heartbeat link from `from` to `to` works (primary, or secondary when configured). */
export function linkPass(c: ClusterState, from: UnitRuntime, to: UnitRuntime): boolean {
  const links = c.primaryDown === 0 || (c.sc.ha.heartbeat.secondaryLink && c.secondaryDown === 0);
  return links && from.faults.peerOut === 0 && to.faults.peerIn === 0;
}

/** `from` emits heartbeats and they reach `to`. */
export function hbPath(c: ClusterState, from: UnitRuntime, to: UnitRuntime): boolean {
  return emitting(from) && linkPass(c, from, to);
}

/** The data network between the units (remote service probes) works from `from` to `to`. */
export function dataPath(from: UnitRuntime, to: UnitRuntime): boolean {
  return (
    from.faults.peerOut === 0 &&
    to.faults.peerIn === 0 &&
    from.faults.portsFailed === 0 &&
    to.faults.portsFailed === 0
  );
}

/** A probe from `prober` of its peer's `protocol` succeeds now. */
export function probeOk(c: ClusterState, prober: UnitRuntime, protocol: string): boolean {
  const f = prober.faults;
  if (f.blindRservice > 0) return true; // a blind monitor misses a real failure
  if (f.falseAlarm.all > 0 || (f.falseAlarm as Record<string, number>)[protocol]! > 0) return false;
  const target = c.peer(prober);
  const serving = target.up && target.role.mode === "MASTER" && target.faults.hdFailed === 0;
  return serving && dataPath(prober, target) && dataPath(target, prober);
}

/** The unit's own interfaces and disk work (what its local checks test). */
export function localOk(u: UnitRuntime): boolean {
  return u.faults.hdFailed === 0 && u.faults.portsFailed === 0;
}

/** A unit can take SMTP sessions (ignoring a full spool): a working MASTER reachable by senders. */
export function reachable(c: ClusterState, u: UnitRuntime): boolean {
  const f = u.faults;
  return (
    u.up &&
    u.role.mode === "MASTER" &&
    f.sendersIn === 0 &&
    f.sendersOut === 0 &&
    f.portsFailed === 0 &&
    f.hdFailed === 0 &&
    c.sched.nowUs >= u.masterSinceUs + c.sc.assumptions.arpUpdateDelayUs
  );
}

/** The unit can reach the downstream mail server. */
export function downstreamReachable(c: ClusterState, u: UnitRuntime): boolean {
  const f = u.faults;
  return (
    c.downstreamDown === 0 &&
    f.downstreamOut === 0 &&
    f.downstreamIn === 0 &&
    f.portsFailed === 0 &&
    f.hdFailed === 0
  );
}

/**
 * Holds the virtual IP: an up MASTER; a hung MASTER too until its peer takes over and announces
 * the IP with ARP [D: S22] (`assumptions.hungMasterArp: keeps-share` keeps it holding a share).
 */
export function holdsVip(c: ClusterState, u: UnitRuntime): boolean {
  if (u.role.mode !== "MASTER") return false;
  if (u.role.physical === "UP") return true;
  if (u.role.physical !== "HUNG") return false;
  return c.sc.assumptions.hungMasterArp === "keeps-share" || !peerIsMaster(c, u);
}

/**
 * A SLAVE hears a heartbeat that keeps it SLAVE: from a MASTER, or from a SLAVE or HOLD_OFF peer
 * that is the configured master (which takes over itself). Two SLAVEs thus elect the configured
 * master within the detection time [I: the documents are silent; configured mode is their basis].
 */
export function hearsMaster(c: ClusterState, u: UnitRuntime): boolean {
  const p = c.peer(u);
  if (!hbPath(c, p, u)) return false;
  return p.role.mode === "MASTER" || p.role.configured === "master";
}

/** The peer is an up MASTER. */
export function peerIsMaster(c: ClusterState, u: UnitRuntime): boolean {
  const p = c.peer(u);
  return p.up && p.role.mode === "MASTER";
}
