/**
 * Retiring mail ids, so that memory follows the mails in the system rather than the mails run.
 *
 * Ids are consecutive, and a mail that no spool, worker, queue-sync copy, sender or recent-session
 * ring holds can never be mentioned again: copies are only ever made from what is held. The
 * per-mail records (the cluster's `where` ring and the fate ledger, told through
 * `MailObserver.retire`) cover a window of recent ids; when the window is full, ids below a cut
 * are retired: the ones no longer held are summarised and dropped, the few still held (a stranded
 * spool, an old queue-sync copy) move to small side maps. When many old mails are still held (a
 * backlog), the window grows instead. Each retirement scans what is held and the retired ids
 * once, so its cost is amortised over half a window of new mails.
 *
 * @module
 */
import type { ClusterState } from "./state.js";

/**
 * Counts the ids held below `cut` (one held in two places counts twice), adding them to `out`
 * unless it is null.
 */
function collectHeldBelow(c: ClusterState, cut: number, out: Set<number> | null): number {
  let n = c.senders.idsBelow(cut, out);
  for (const u of c.units) {
    n += u.spool.idsBelow(cut, out) + u.copies.idsBelow(cut, out) + u.recent.idsBelow(cut, out);
    for (const m of u.workerMail) {
      if (m < 0 || m >= cut) continue;
      n++;
      if (out !== null) out.add(m);
    }
  }
  return n;
}

/** The ids held anywhere below `cut`, each once. */
export function heldBelow(c: ClusterState, cut: number): Set<number> {
  const held = new Set<number>();
  collectHeldBelow(c, cut, held);
  return held;
}

const NONE: ReadonlySet<number> = new Set<number>();

/** The lowest mail id held anywhere, or `upTo` when nothing lower is held. */
export function lowestHeldMail(c: ClusterState, upTo: number): number {
  let min = Math.min(upTo, c.senders.minId());
  for (const u of c.units) {
    min = Math.min(min, u.spool.minId(), u.copies.minId(), u.recent.minId());
    for (const m of u.workerMail) if (m >= 0 && m < min) min = m;
  }
  return min;
}

/** Makes room in the `where` window for mail `m`: retires old ids, or grows the window. */
export function makeRoom(c: ClusterState, m: number): void {
  const cap = c.where.length;
  const low = lowestHeldMail(c, m);
  let cut = Math.max(low, m - (cap >> 1));
  let kept = NONE;
  // Mostly still held (a backlog): moving them aside would slow every access; grow instead,
  // retiring only the ids below the lowest held one (none of which is held: no scan). Counted
  // before any set is built: in a backlog, a set of every held id cost more than the rest of
  // the retirement.
  if (cut > low && collectHeldBelow(c, cut, null) * 4 > cut - c.whereBase) cut = low;
  if (cut > low) kept = heldBelow(c, cut);
  if (cut > c.whereBase) retireBelow(c, cut, kept);
  while (m - c.whereBase > c.whereMask) {
    const bigger = c.where.length * 2;
    const where = new Uint8Array(bigger);
    for (let id = c.whereBase; id < m; id++) where[id & (bigger - 1)] = c.whereOf(id);
    c.where = where;
    c.whereMask = bigger - 1;
  }
}

function retireBelow(c: ClusterState, cut: number, kept: ReadonlySet<number>): void {
  for (const id of kept) if (id >= c.whereBase) c.oldWhere.set(id, c.whereOf(id));
  for (const id of c.oldWhere.keys()) if (!kept.has(id)) c.oldWhere.delete(id);
  for (let id = c.whereBase; id < cut; id++) c.where[id & c.whereMask] = 0;
  c.whereBase = cut;
  c.mail.retire(cut, kept);
}
