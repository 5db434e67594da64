/**
 * The mail fate ledger: a checker that the model tells what happens to every mail (arrived,
 * accepted, delivered, given up, expired, destroyed, copied) and that decides, at the end, which
 * mails were lost and which were delivered more than once, and why. The model never asks it
 * anything: it implements the model's `MailObserver` and is only told.
 *
 * Two bytes per mail (a fate byte and the first-delivered copy's tag, in growable typed arrays), so 100 million
 * mails take 200 MB. Mail ids are consecutive integers from 0.
 *
 * @module
 */
import type { DuplicateCause, GiveUpCause, LostCause } from "../ha/causes.js";
import { DUPLICATE_CAUSES, GIVE_UP_CAUSES, LOST_CAUSES } from "../ha/causes.js";
import { EntryTag } from "../ha/spool.js";
import type { MailObserver } from "../sim/events.js";
import { DurationHistogram } from "./histogram.js";

const ACCEPTED = 1;
const DELIVERED = 2;
const GIVEN_UP = 4;
const EXPIRED = 8;
const DESTROYED = 16;

export class MailLedger implements MailObserver {
  private fate: Uint8Array;
  /** The tag of the copy delivered first (an `EntryTag`), for per-copy attribution. */
  private firstTag: Uint8Array;
  private n = 0;
  private acceptedCount = 0;
  private deliveredCount = 0;
  private givenUpCount = 0;
  private duplicatedCount = 0;
  readonly duplicatedBy: Record<DuplicateCause, number>;
  readonly givenUpBy: Record<GiveUpCause, number>;
  /** Sessions refused (every attempt a sender made that no unit took). */
  refusedAttempts = 0;
  /** Acceptance → first delivery, per delivered mail (µs). */
  readonly latency = new DurationHistogram();
  /** The sender's first attempt → first delivery, per delivered mail (µs): what senders see. */
  readonly senderLatency = new DurationHistogram();
  /** Invariant violations seen (delivery before acceptance); only filled when checking. */
  readonly violations: string[] = [];
  /** Called on every duplicate delivery (for traces); null when nobody listens. */
  onDuplicate: ((mail: number, cause: DuplicateCause) => void) | null = null;

  constructor(initialCapacity = 1 << 16) {
    this.fate = new Uint8Array(initialCapacity);
    this.firstTag = new Uint8Array(initialCapacity);
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
    return this.n;
  }
  get accepted(): number {
    return this.acceptedCount;
  }
  get delivered(): number {
    return this.deliveredCount;
  }
  get givenUp(): number {
    return this.givenUpCount;
  }
  get duplicated(): number {
    return this.duplicatedCount;
  }

  /** A new mail reaches a sending MTA (ids are consecutive from 0). */
  arrive(mail: number): void {
    if (mail >= this.fate.length) this.grow();
    this.n = mail + 1;
  }

  isAccepted(mail: number): boolean {
    return (this.fate[mail]! & ACCEPTED) !== 0;
  }

  /** A unit answered 250 for the mail (possibly again, after a retried session). */
  accept(mail: number): void {
    const f = this.fate[mail]!;
    if ((f & ACCEPTED) === 0) {
      this.fate[mail] = f | ACCEPTED;
      this.acceptedCount++;
    }
  }

  /** The sender stopped retrying the mail; it counts as given up if no unit ever accepted it. */
  refuse(): void {
    this.refusedAttempts++;
  }

  giveUp(mail: number, cause: number): void {
    if ((this.fate[mail]! & ACCEPTED) !== 0) return; // a retried session of an accepted mail
    this.givenUpBy[GIVE_UP_CAUSES[cause]!]++;
    this.fate[mail] = this.fate[mail]! | GIVEN_UP;
    this.givenUpCount++;
  }

  /** A copy of the mail was bounced after mta.queueGiveUp. */
  expire(mail: number): void {
    this.fate[mail] = this.fate[mail]! | EXPIRED;
  }

  /** A copy of the mail was destroyed with its disk. */
  destroy(mail: number): void {
    this.fate[mail] = this.fate[mail]! | DESTROYED;
  }

  /**
   * The downstream server received a copy of the mail. The first delivery records the latencies
   * from `acceptUs` (acceptance of that copy) and from `firstTryUs` (the sender's first attempt
   * of the mail) and remembers which copy it was (its tag); later ones are duplicates,
   * attributed to what made the extra copy (see {@link duplicateCause}).
   */
  deliver(mail: number, tag: number, acceptUs: number, nowUs: number, firstTryUs: number): void {
    const f = this.fate[mail]!;
    if ((f & ACCEPTED) === 0)
      this.violations.push(`mail ${mail} delivered at ${nowUs}us before it was accepted`);
    if ((f & DELIVERED) === 0) {
      this.fate[mail] = f | DELIVERED;
      this.firstTag[mail] = tag;
      this.deliveredCount++;
      this.latency.record(nowUs - acceptUs);
      this.senderLatency.record(nowUs - firstTryUs);
      return;
    }
    this.duplicatedCount++;
    const cause = this.duplicateCause(mail, tag);
    this.duplicatedBy[cause]++;
    if (this.onDuplicate !== null) this.onDuplicate(mail, cause);
  }

  /**
   * Per-copy attribution: a delivered copy made by a retried session or a queue-sync adoption
   * is a duplicate of that cause. A duplicate of the original copy was made extra by whatever
   * made the copy delivered first; when that was the original itself, its first delivery was an
   * in-flight delivery that had reached the downstream before its unit stopped.
   */
  private duplicateCause(mail: number, tag: number): DuplicateCause {
    const made = tag !== EntryTag.Original ? tag : this.firstTag[mail]!;
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
    const out = Object.fromEntries(LOST_CAUSES.map((c) => [c, 0])) as Record<LostCause, number>;
    for (let m = 0; m < this.n; m++) {
      const f = this.fate[m]!;
      if ((f & ACCEPTED) === 0 || (f & DELIVERED) !== 0) continue;
      const where = locate(m);
      if (where !== null) out[where]++;
      else if ((f & DESTROYED) !== 0) out["disk-destroyed"]++;
      else if ((f & EXPIRED) !== 0) out.expired++;
      else out["disk-destroyed"]++;
    }
    return out;
  }

  /** Mails never accepted and not given up: still waiting at their senders. */
  waitingAtSenders(): number {
    let w = 0;
    for (let m = 0; m < this.n; m++) if ((this.fate[m]! & (ACCEPTED | GIVEN_UP)) === 0) w++;
    return w;
  }

  private grow(): void {
    const fate = new Uint8Array(this.fate.length * 2);
    fate.set(this.fate);
    this.fate = fate;
    const firstTag = new Uint8Array(this.firstTag.length * 2);
    firstTag.set(this.firstTag);
    this.firstTag = firstTag;
  }
}
