/**
 * SMTP sessions: a sending MTA offers each mail to whoever holds the virtual IP; a reachable
 * MASTER with room in its spool accepts it, otherwise the sender retries every
 * `workload.senderRetry.interval` until `giveUp`. Sessions committed just before a unit stops are
 * cut, and some senders, never having seen 250, retry a mail that was in fact accepted.
 *
 * @module
 */
import { GiveUpCode } from "../ha/causes.js";
import { EntryTag } from "../ha/spool.js";
import { checkDrain } from "./drain.js";
import { startDeliveries } from "./delivery.js";
import { holdsVip } from "./health.js";
import { BIT, type ClusterState } from "./state.js";
import type { UnitRuntime } from "./unit.js";

/**
 * The sending MTA offers mail `m` (this session series first tried at `firstTryUs`, the mail
 * itself first tried at `originUs`, µs) to whoever holds the virtual IP.
 */
export function offer(
  c: ClusterState,
  m: number,
  firstTryUs: number,
  tag: EntryTag,
  originUs = firstTryUs,
): void {
  const [a, b] = c.units;
  const va = holdsVip(c, a);
  const vb = holdsVip(c, b);
  let target: UnitRuntime | null = null;
  if (va && vb) {
    const toMaster = c.rng.routing.uniform() < c.sc.assumptions.splitBrainShare;
    target = toMaster ? c.units[c.masterIndex] : c.units[1 - c.masterIndex]!;
  } else if (va) target = a;
  else if (vb) target = b;
  if (target === null) refuse(c, m, firstTryUs, tag, GiveUpCode.NoMaster, originUs);
  else if (!target.reachable) refuse(c, m, firstTryUs, tag, GiveUpCode.Unreachable, originUs);
  else if (target.depth >= c.spoolCapacity)
    refuse(c, m, firstTryUs, tag, GiveUpCode.SpoolFull, originUs);
  else accept(c, target, m, tag, originUs);
}

function refuse(
  c: ClusterState,
  m: number,
  firstTryUs: number,
  tag: number,
  why: GiveUpCode,
  originUs: number,
): void {
  const now = c.sched.nowUs;
  const retry = c.sc.workload.senderRetry;
  c.mail.refuse(m);
  if (now - firstTryUs >= retry.giveUpUs) {
    c.mail.giveUp(m, why);
    return;
  }
  senderPush(c, m, firstTryUs, tag, originUs);
}

/** The sender will try mail `m` again after the retry interval. */
export function senderPush(
  c: ClusterState,
  m: number,
  firstTryUs: number,
  tag: number,
  originUs = firstTryUs,
): void {
  const next = c.sched.nowUs + c.sc.workload.senderRetry.intervalUs;
  c.senders.push(m, firstTryUs, next, tag, originUs);
  if (!c.sched.isArmed(c.senderTimer)) c.sched.arm(c.senderTimer, c.senders.headNextUs);
}

/** The senders' retry timer: offer every mail whose retry is due. */
export function onSenderRetry(c: ClusterState): void {
  const now = c.sched.nowUs;
  const q = c.senders;
  while (q.size > 0 && q.headNextUs <= now) {
    const m = q.shift();
    offer(c, m, q.firstTryUs, q.tag as EntryTag, q.originUs);
  }
  if (q.size > 0) c.sched.arm(c.senderTimer, q.headNextUs);
  checkDrain(c);
}

function accept(c: ClusterState, u: UnitRuntime, m: number, tag: EntryTag, originUs: number): void {
  const now = c.sched.nowUs;
  if (c.invariants !== null) c.invariants.accepted(u.name, u.role.mode, u.role.physical, m, now);
  takeIntoSpool(c, u, m, now, tag, originUs);
  const p = c.peer(u);
  if (
    p.up &&
    p.role.mode === "MASTER" &&
    c.rng.sessions.bernoulli(c.sc.assumptions.splitBrainSessionCutProbability)
  ) {
    // An ARP flap cut the session after commit: the sender never saw 250 and will retry.
    senderPush(c, m, now, EntryTag.SplitRetry, originUs);
  }
  if (u.busy < u.workerMail.length) startDeliveries(c, u);
}

/**
 * Unit `u` answered 250 for mail `m` at `nowUs`: the ledger is told, the mail may leave mail data,
 * and it joins the spool and the recent sessions. Shared by a session's acceptance and the
 * quiet-mail gate's (quiet.ts), which must do exactly the same.
 */
export function takeIntoSpool(
  c: ClusterState,
  u: UnitRuntime,
  m: number,
  nowUs: number,
  tag: EntryTag,
  originUs: number,
): void {
  c.mail.accept(m);
  if (c.mailDataShare > 0 && c.rng.mailData.bernoulli(c.mailDataShare)) u.mailDataUnsynced++;
  c.setWhere(m, c.whereOf(m) | BIT[u.index]);
  u.spool.push(m, nowUs, tag, originUs);
  u.recent.push(m, nowUs, originUs);
  c.depthTotal++;
  c.obs.depthChanged(nowUs, c.depthTotal, u.depth);
}

/** Sessions committed in the last window are cut; some senders never saw 250 and retry. */
export function cutSessions(c: ClusterState, u: UnitRuntime): void {
  const now = c.sched.nowUs;
  const p = c.sc.assumptions.cutSessionDuplicateProbability;
  let n = 0;
  u.recent.drain(now, (m, originUs) => {
    if (c.rng.sessions.bernoulli(p)) {
      senderPush(c, m, now, EntryTag.CutRetry, originUs);
      n++;
    }
  });
  if (n > 0) c.obs.event({ timeUs: now, kind: "sessions-cut", unit: u.name, count: n });
}
