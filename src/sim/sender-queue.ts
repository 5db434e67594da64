/**
 * Sending MTAs' retry queue: mails refused (or whose session was cut) wait here and are offered
 * again after `senderRetry.interval`. Because the interval is fixed, retry times are in FIFO order,
 * so one timer for the head serves every waiting mail: no event per mail per retry. The capacity
 * is a power of two so indices wrap with `& mask` rather than an integer division.
 *
 * @module
 */
import { ringIdsBelow, ringMin } from "../ha/spool.js";

export class SenderQueue {
  private ids = new Int32Array(1024);
  private first = new Float64Array(1024);
  private next = new Float64Array(1024);
  private tags = new Uint8Array(1024);
  private origin = new Float64Array(1024);
  private mask = 1023;
  private head = 0;
  private count = 0;
  /** Fields of the entry last returned by {@link shift}. */
  firstTryUs = 0;
  tag = 0;
  originUs = 0;

  get size(): number {
    return this.count;
  }

  /** Time of the head's next try; Infinity when empty. */
  get headNextUs(): number {
    return this.count === 0 ? Infinity : this.next[this.head]!;
  }

  /**
   * Queues a mail to be offered again at `nextTryUs` (must not be earlier than the tail's).
   * `firstTryUs` starts this session series' give-up clock; `originUs` is the sender's first
   * attempt of the mail (they differ for a session retried after a cut).
   */
  push(id: number, firstTryUs: number, nextTryUs: number, tag: number, originUs: number): void {
    if (this.count === this.ids.length) this.grow();
    const i = (this.head + this.count) & this.mask;
    this.ids[i] = id;
    this.first[i] = firstTryUs;
    this.next[i] = nextTryUs;
    this.tags[i] = tag;
    this.origin[i] = originUs;
    this.count++;
  }

  /** Removes the head; its first-try time, tag and origin are left in firstTryUs, tag and originUs. */
  shift(): number {
    const i = this.head;
    this.firstTryUs = this.first[i]!;
    this.tag = this.tags[i]!;
    this.originUs = this.origin[i]!;
    this.head = (i + 1) & this.mask;
    this.count--;
    return this.ids[i]!;
  }

  /** The lowest mail id held; Infinity when empty. */
  minId(): number {
    return ringMin(this.ids, this.head, this.count, this.mask);
  }

  /** Calls `fn` for every waiting mail. */
  forEach(fn: (id: number) => void): void {
    for (let k = 0; k < this.count; k++) fn(this.ids[(this.head + k) & this.mask]!);
  }

  /** Counts the ids below `cut` held here, adding them to `out` unless null. */
  idsBelow(cut: number, out: Set<number> | null): number {
    return ringIdsBelow(this.ids, this.head, this.count, this.mask, cut, out);
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const ids = new Int32Array(cap);
    const first = new Float64Array(cap);
    const next = new Float64Array(cap);
    const tags = new Uint8Array(cap);
    const origin = new Float64Array(cap);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & this.mask;
      ids[k] = this.ids[i]!;
      first[k] = this.first[i]!;
      next[k] = this.next[i]!;
      tags[k] = this.tags[i]!;
      origin[k] = this.origin[i]!;
    }
    this.ids = ids;
    this.first = first;
    this.next = next;
    this.tags = tags;
    this.origin = origin;
    this.mask = cap - 1;
    this.head = 0;
  }
}
