/**
 * Mail moving between the units (the spool push of a recovered unit is in `push.ts`): the
 * periodic MTA queue sync to the SLAVE [D: S11] and a new MASTER delivering the copies it holds,
 * and the loss of a spool with its disk.
 *
 * @module
 */
import { EntryTag } from "../ha/spool.js";
import { linkPass } from "./health.js";
import { advancePush } from "./push.js";
import { BIT, type ClusterState } from "./state.js";
import type { UnitRuntime } from "./unit.js";

/** Periodic MTA queue sync: the MASTER's queue is copied to its peer [D: S11]. */
export function queueSync(c: ClusterState): void {
  for (const u of c.units) {
    const p = c.peer(u);
    // Only a SLAVE (or HOLD_OFF) peer is in the group: OFF and FAILED units do not join it [D: S1].
    const inGroup = p.up && (p.role.mode === "SLAVE" || p.role.mode === "HOLD_OFF");
    const linked = u.up && u.role.mode === "MASTER" && inGroup;
    if (!(linked && linkPass(c, u, p))) continue;
    p.copies.clear();
    u.spool.forEach((m, acc, tag, first) => {
      p.copies.push(m, acc, tag, first);
    });
    for (let w = 0; w < u.workerMail.length; w++) {
      const m = u.workerMail[w]!;
      if (m < 0) continue;
      p.copies.push(m, u.workerAcceptUs[w]!, u.workerTag[w]! as EntryTag, u.workerFirstTryUs[w]!);
    }
  }
}

/** Periodic mail-data sync: the MASTER's mail data reaches its peer in the group [D: S11, S29]. */
export function mailDataSync(c: ClusterState): void {
  for (const u of c.units) {
    const p = c.peer(u);
    const inGroup = p.up && (p.role.mode === "SLAVE" || p.role.mode === "HOLD_OFF");
    if (u.up && u.role.mode === "MASTER" && inGroup && linkPass(c, u, p)) u.mailDataUnsynced = 0;
  }
}

/**
 * A unit that created mail data as MASTER becomes SLAVE under a MASTER peer: the peer's next
 * mail-data sync overwrites what it never synced (a user-visible loss, §3.3, §3.6b).
 */
export function overwriteMailData(c: ClusterState, u: UnitRuntime): void {
  if (u.mailDataUnsynced === 0) return;
  const p = c.peer(u);
  if (!(p.up && p.role.mode === "MASTER")) return;
  c.obs.event({
    timeUs: c.sched.nowUs,
    kind: "mail-data-overwritten",
    unit: u.name,
    count: u.mailDataUnsynced,
  });
  u.mailDataUnsynced = 0;
}

/** A new MASTER delivers the queue-sync copies it holds (which can race the owner) [D: S10]. */
export function adoptCopies(c: ClusterState, u: UnitRuntime): void {
  const q = u.copies;
  if (q.size === 0) return;
  let n = 0;
  while (q.size > 0) {
    const m = q.shift();
    if ((c.whereOf(m) & BIT[u.index]) !== 0) continue;
    u.spool.push(m, q.lastAcceptUs, EntryTag.SyncCopy, q.lastFirstTryUs);
    c.setWhere(m, c.whereOf(m) | BIT[u.index]);
    c.depthTotal++;
    n++;
  }
  c.obs.depthChanged(c.sched.nowUs, c.depthTotal, u.depth);
  c.obs.event({ timeUs: c.sched.nowUs, kind: "adopt-copies", unit: u.name, count: n });
}

/** A crash destroyed the disk: the spool and the queue-sync copies on it are gone. */
export function destroyDisk(c: ClusterState, u: UnitRuntime): void {
  // What a running push moved before this instant left (or reached) this disk first.
  for (const x of c.units) advancePush(c, x);
  let n = 0;
  while (u.spool.size > 0) {
    const m = u.spool.shift();
    c.mail.destroy(m);
    c.setWhere(m, c.whereOf(m) & ~BIT[u.index]);
    c.depthTotal--;
    n++;
  }
  u.copies.clear();
  c.obs.depthChanged(c.sched.nowUs, c.depthTotal, u.depth);
  c.obs.event({ timeUs: c.sched.nowUs, kind: "disk-destroyed", unit: u.name, count: n });
}
