/**
 * The mail fate ledger: a checker that the model tells what happens to every mail (arrived,
 * accepted, delivered, given up, expired, destroyed, copied) and that decides, at the end, which
 * mails were lost and which were delivered more than once, and why. The model never asks it
 * anything: it implements the model's `MailObserver` and is only told.
 *
 * Two bytes per mail (a fate byte and the first-delivered copy's tag) in rings indexed by
 * `id & mask`, over the ids from `base` (the oldest mail the model may still mention, see
 * {@link MailLedger.retire}) to the newest: memory follows the mails in the system, not the
 * mails run. Retired mails are summarised into counts. Mail ids are consecutive integers from 0.
 *
 * @module
 */
import type { DuplicateCause, GiveUpCause, LostCause } from "../ha/causes.js";
import { DUPLICATE_CAUSES, GIVE_UP_CAUSES, LOST_CAUSES } from "../ha/causes.js";
import { EntryTag } from "../ha/spool.js";
import type { MailObserver } from "../sim/events.js";
import { DurationHistogram, recordBoth } from "./histogram.js";

const ACCEPTED = 1;
const DELIVERED = 2;
const GIVEN_UP = 4;
const EXPIRED = 8;
const DESTROYED = 16;

export class MailLedger implements MailObserver {
  private fate: Uint8Array;
  /** The tag of the copy delivered first (an `EntryTag`), for per-copy attribution. */
  private firstTag: Uint8Array;
  /** Ring capacity - 1 (a power of two). */
  private mask: number;
  /** Mails below this id are retired. */
  private base = 0;
  private n = 0;
  /** Retired mails that were lost (by cause) or never accepted and not given up. */
  private readonly retiredLost: Record<LostCause, number>;
  private retiredWaiting = 0;
  /** Fate and first tag (`fate | tag << 8`) of the few mails below `base` still held. */
  private readonly old = new Map<number, number>();
  private acceptedCount = 0;
  private deliveredCount = 0;
  private givenUpCount = 0;
  private duplicatedCount = 0;
  readonly duplicatedBy: Record<DuplicateCause, number>;
  readonly givenUpBy: Record<GiveUpCause, number>;
  /** Sessions refused (every attempt a sender made that no unit took). */
  refusedAttempts = 0;
  /** Acceptance → first delivery, per simulated delivered mail (µs; see {@link latencyAll}). */
  readonly latency = new DurationHistogram();
  /** The sender's first attempt → first delivery, per delivered mail (µs): what senders see. */
  readonly senderLatency = new DurationHistogram();
  /** Latencies of calm mails, the sample that stands for skipped ones (`engine.mail: episodes`). */
  readonly calmLatency = new DurationHistogram();
  /** Mails counted, not simulated, between fault episodes. */
  skipped = 0;
  /** Invariant violations seen (delivery before acceptance); only filled when checking. */
  readonly violations: string[] = [];
  /** Called on every duplicate delivery (for traces); null when nobody listens. */
  onDuplicate: ((mail: number, cause: DuplicateCause, nowUs: number) => void) | null = null;

  constructor(initialCapacity = 1 << 16) {
    const cap = 2 ** Math.ceil(Math.log2(Math.max(2, initialCapacity)));
    this.fate = new Uint8Array(cap);
    this.firstTag = new Uint8Array(cap);
    this.mask = cap - 1;
    this.retiredLost = Object.fromEntries(LOST_CAUSES.map((c) => [c, 0])) as Record<
      LostCause,
      number
    >;
    this.givenUpBy = Object.fromEntries(GIVE_UP_CAUSES.map((c) => [c, 0])) as Record<
      GiveUpCause,
      number
    >;
    this.duplicatedBy = Object.fromEntries(DUPLICATE_CAUSES.map((c) => [c, 0])) as Record<
      DuplicateCause,
      number
    >;
  }

  get arrived(): number {
    return this.n + this.skipped;
  }
  get accepted(): number {
    return this.acceptedCount + this.skipped;
  }
  get delivered(): number {
    return this.deliveredCount + this.skipped;
  }

  skip(count: number): void {
    this.skipped += count;
  }

  calmSample(latencyUs: number): void {
    this.calmLatency.record(latencyUs);
  }

  /**
   * All latencies of `simulated` (acceptance or sender latency), plus the skipped mails':
   * estimated as the calm sample's distribution (or, with no calm sample, the simulated
   * acceptance latencies') scaled to their number. A calm mail's sender saw no refusal, so both
   * latencies use the same sample.
   */
  latencyAll(simulated: DurationHistogram = this.latency): DurationHistogram {
    if (this.skipped === 0) return simulated;
    const out = new DurationHistogram();
    out.addScaled(simulated, 1);
    const sample = this.skippedSample();
    if (sample.count > 0) out.addScaled(sample, this.skipped / sample.count);
    return out;
  }

  /** The skipped mails' estimated time in the spool, mail × µs (Little's law). */
  skippedSojournUs(): number {
    const sample = this.skippedSample();
    return sample.count > 0 ? this.skipped * sample.meanUs() : 0;
  }

  /** What skipped mails are taken to be like: the calm sample, or all simulated ones without it. */
  private skippedSample(): DurationHistogram {
    return this.calmLatency.count > 0 ? this.calmLatency : this.latency;
  }
  get givenUp(): number {
    return this.givenUpCount;
  }
  get duplicated(): number {
    return this.duplicatedCount;
  }

  /** A new mail reaches a sending MTA (ids are consecutive from 0). */
  arrive(mail: number): void {
    while (mail - this.base >= this.fate.length) this.grow();
    this.n = mail + 1;
  }

  isAccepted(mail: number): boolean {
    return (this.fateOf(mail) & ACCEPTED) !== 0;
  }

  retire(belowMail: number, held: ReadonlySet<number>): void {
    const end = Math.min(belowMail, this.n);
    for (const [m, v] of this.old) {
      if (held.has(m)) continue;
      this.summarise(v & 0xff);
      this.old.delete(m);
    }
    // The held ids of the range, ascending: the mails between them are summarised in a plain
    // loop (no set lookup per mail) and the range is zeroed in bulk.
    const inside: number[] = [];
    for (const m of held) if (m >= this.base && m < end) inside.push(m);
    inside.sort((a, b) => a - b);
    let from = this.base;
    for (const m of inside) {
      this.summariseRange(from, m);
      const i = m & this.mask;
      this.old.set(m, this.fate[i]! | (this.firstTag[i]! << 8));
      from = m + 1;
    }
    this.summariseRange(from, end);
    this.clearRing(this.base, end);
    if (end > this.base) this.base = end;
  }

  /** Summarises the fates of ids `from` … `to - 1`, none of them held. */
  private summariseRange(from: number, to: number): void {
    for (let m = from; m < to; m++) {
      const f = this.fate[m & this.mask]!;
      if (f !== (ACCEPTED | DELIVERED)) this.summarise(f);
    }
  }

  /** Zeroes the ring entries of ids `from` … `to - 1` (at most a ring's length of them). */
  private clearRing(from: number, to: number): void {
    if (to <= from) return;
    const a = from & this.mask;
    const b = a + (to - from);
    const len = this.fate.length;
    this.fate.fill(0, a, Math.min(b, len));
    this.firstTag.fill(0, a, Math.min(b, len));
    if (b > len) {
      this.fate.fill(0, 0, b - len);
      this.firstTag.fill(0, 0, b - len);
    }
  }

  private summarise(f: number): void {
    if ((f & (ACCEPTED | GIVEN_UP)) === 0) this.retiredWaiting++;
    else if ((f & ACCEPTED) !== 0 && (f & DELIVERED) === 0) this.retiredLost[unheldCause(f)]++;
  }

  private fateOf(m: number): number {
    return m >= this.base ? this.fate[m & this.mask]! : (this.old.get(m) ?? 0) & 0xff;
  }

  private setFate(m: number, f: number): void {
    if (m >= this.base) this.fate[m & this.mask] = f;
    else this.old.set(m, ((this.old.get(m) ?? 0) & ~0xff) | f);
  }

  private setFirstTag(m: number, tag: number): void {
    if (m >= this.base) this.firstTag[m & this.mask] = tag;
    else this.old.set(m, ((this.old.get(m) ?? 0) & 0xff) | (tag << 8));
  }

  private firstTagOf(m: number): number {
    return m >= this.base ? this.firstTag[m & this.mask]! : (this.old.get(m) ?? 0) >> 8;
  }

  /** A unit answered 250 for the mail (possibly again, after a retried session). */
  accept(mail: number): void {
    if (mail >= this.base) {
      // Hot path (every accepted mail): the ring, without fateOf/setFate's branches.
      const i = mail & this.mask;
      const g = this.fate[i]!;
      if ((g & ACCEPTED) === 0) {
        this.fate[i] = g | ACCEPTED;
        this.acceptedCount++;
      }
      return;
    }
    const f = this.fateOf(mail);
    if ((f & ACCEPTED) === 0) {
      this.setFate(mail, f | ACCEPTED);
      this.acceptedCount++;
    }
  }

  /** The sender stopped retrying the mail; it counts as given up if no unit ever accepted it. */
  refuse(): void {
    this.refusedAttempts++;
  }

  giveUp(mail: number, cause: number): void {
    if ((this.fateOf(mail) & ACCEPTED) !== 0) return; // a retried session of an accepted mail
    this.givenUpBy[GIVE_UP_CAUSES[cause]!]++;
    this.setFate(mail, this.fateOf(mail) | GIVEN_UP);
    this.givenUpCount++;
  }

  /** A copy of the mail was bounced after mta.queueGiveUp. */
  expire(mail: number): void {
    this.setFate(mail, this.fateOf(mail) | EXPIRED);
  }

  /** A copy of the mail was destroyed with its disk. */
  destroy(mail: number): void {
    this.setFate(mail, this.fateOf(mail) | DESTROYED);
  }

  /**
   * The downstream server received a copy of the mail. The first delivery records the latencies
   * from `acceptUs` (acceptance of that copy) and from `firstTryUs` (the sender's first attempt
   * of the mail) and remembers which copy it was (its tag); later ones are duplicates,
   * attributed to what made the extra copy (see {@link duplicateCause}).
   */
  deliver(mail: number, tag: number, acceptUs: number, nowUs: number, firstTryUs: number): void {
    if (mail >= this.base) {
      // Hot path (every delivered mail): a first delivery of a mail in the ring.
      const i = mail & this.mask;
      const g = this.fate[i]!;
      if ((g & (ACCEPTED | DELIVERED)) === ACCEPTED) {
        this.fate[i] = g | DELIVERED;
        this.firstTag[i] = tag;
        this.firstDelivered(acceptUs, nowUs, firstTryUs);
        return;
      }
    }
    const f = this.fateOf(mail);
    if ((f & ACCEPTED) === 0)
      this.violations.push(`mail ${mail} delivered at ${nowUs}us before it was accepted`);
    if ((f & DELIVERED) === 0) {
      this.setFate(mail, f | DELIVERED);
      this.setFirstTag(mail, tag);
      this.firstDelivered(acceptUs, nowUs, firstTryUs);
      return;
    }
    this.duplicatedCount++;
    const cause = this.duplicateCause(mail, tag);
    this.duplicatedBy[cause]++;
    if (this.onDuplicate !== null) this.onDuplicate(mail, cause, nowUs);
  }

  /** Counts a mail's first delivery and records its two latencies (µs). */
  private firstDelivered(acceptUs: number, nowUs: number, firstTryUs: number): void {
    this.deliveredCount++;
    // Usually the same duration (an original copy, accepted at the sender's first attempt).
    if (acceptUs === firstTryUs) recordBoth(this.latency, this.senderLatency, nowUs - acceptUs);
    else {
      this.latency.record(nowUs - acceptUs);
      this.senderLatency.record(nowUs - firstTryUs);
    }
  }

  /**
   * Per-copy attribution: a delivered copy made by a retried session or a queue-sync adoption
   * is a duplicate of that cause. A duplicate of the original copy was made extra by whatever
   * made the copy delivered first; when that was the original itself, its first delivery was an
   * in-flight delivery that had reached the downstream before its unit stopped.
   */
  private duplicateCause(mail: number, tag: number): DuplicateCause {
    const made = tag !== EntryTag.Original ? tag : this.firstTagOf(mail);
    if (made === EntryTag.SyncCopy) return "queue-sync-race";
    if (made === EntryTag.SplitRetry) return "split-brain";
    if (made === EntryTag.CutRetry) return "cut-session";
    return "inflight-redelivery";
  }

  /**
   * Counts lost mails (accepted, never delivered) by cause. `locate(mail)` says where an
   * undelivered mail still sits (a stranded cause), or null when no unit holds it any more.
   */
  lostByCause(locate: (mail: number) => LostCause | null): Record<LostCause, number> {
    const out = { ...this.retiredLost };
    for (let m = this.base; m < this.n; m++) {
      const f = this.fate[m & this.mask]!;
      if ((f & ACCEPTED) === 0 || (f & DELIVERED) !== 0) continue;
      out[locate(m) ?? unheldCause(f)]++;
    }
    for (const [m, v] of this.old) {
      const f = v & 0xff;
      if ((f & ACCEPTED) !== 0 && (f & DELIVERED) === 0) out[locate(m) ?? unheldCause(f)]++;
    }
    return out;
  }

  /** Mails never accepted and not given up: still waiting at their senders. */
  waitingAtSenders(): number {
    let w = this.retiredWaiting;
    for (let m = this.base; m < this.n; m++)
      if ((this.fate[m & this.mask]! & (ACCEPTED | GIVEN_UP)) === 0) w++;
    for (const v of this.old.values()) if ((v & (ACCEPTED | GIVEN_UP)) === 0) w++;
    return w;
  }

  /** Doubles the rings, keeping each live id at `id & mask`. */
  private grow(): void {
    const cap = this.fate.length * 2;
    const fate = new Uint8Array(cap);
    const firstTag = new Uint8Array(cap);
    for (let m = this.base; m < this.n; m++) {
      fate[m & (cap - 1)] = this.fate[m & this.mask]!;
      firstTag[m & (cap - 1)] = this.firstTag[m & this.mask]!;
    }
    this.fate = fate;
    this.firstTag = firstTag;
    this.mask = cap - 1;
  }
}

/** Why an accepted, undelivered mail that no unit holds any more is lost. */
function unheldCause(fate: number): LostCause {
  return (fate & EXPIRED) !== 0 && (fate & DESTROYED) === 0 ? "expired" : "disk-destroyed";
}
