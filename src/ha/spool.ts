/**
 * A unit's MTA spool: a FIFO of mail ids on disk, with the time each was accepted and the tag of
 * how the copy got there. A ring buffer of parallel typed arrays: no allocation per mail.
 *
 * @module
 */

/** How a spool entry came to be; used to attribute duplicates. */
export const EntryTag = {
  Original: 0,
  /** Accepted again after the sender retried a session cut after commit. */
  CutRetry: 1,
  /** Accepted again after a session cut by an ARP flap during a split brain. */
  SplitRetry: 2,
  /** Adopted from a periodic MTA queue sync copy. */
  SyncCopy: 3,
} as const;
export type EntryTag = (typeof EntryTag)[keyof typeof EntryTag];

export class Spool {
  private ids: Int32Array;
  private accept: Float64Array;
  private tags: Uint8Array;
  private head = 0;
  private count = 0;
  /** Accept time (µs) of the entry last returned by {@link shift}. */
  lastAcceptUs = 0;
  /** Tag of the entry last returned by {@link shift}. */
  lastTag: EntryTag = EntryTag.Original;

  constructor(initialCapacity = 1024) {
    this.ids = new Int32Array(initialCapacity);
    this.accept = new Float64Array(initialCapacity);
    this.tags = new Uint8Array(initialCapacity);
  }

  /** Mails queued (not counting deliveries in flight, which a unit holds in its workers). */
  get size(): number {
    return this.count;
  }

  /** Appends a mail at the tail. */
  push(id: number, acceptUs: number, tag: EntryTag): void {
    if (this.count === this.ids.length) this.grow();
    const i = (this.head + this.count) % this.ids.length;
    this.ids[i] = id;
    this.accept[i] = acceptUs;
    this.tags[i] = tag;
    this.count++;
  }

  /** Puts a mail back at the head (a delivery that could not complete). */
  unshift(id: number, acceptUs: number, tag: EntryTag): void {
    if (this.count === this.ids.length) this.grow();
    this.head = (this.head - 1 + this.ids.length) % this.ids.length;
    this.ids[this.head] = id;
    this.accept[this.head] = acceptUs;
    this.tags[this.head] = tag;
    this.count++;
  }

  /** Removes the head and returns its id (accept time and tag in lastAcceptUs/lastTag); -1 when empty. */
  shift(): number {
    if (this.count === 0) return -1;
    const i = this.head;
    this.lastAcceptUs = this.accept[i] as number;
    this.lastTag = this.tags[i] as EntryTag;
    this.head = (i + 1) % this.ids.length;
    this.count--;
    return this.ids[i] as number;
  }

  /** Calls `fn` for every queued entry, head first. */
  forEach(fn: (id: number, acceptUs: number, tag: EntryTag) => void): void {
    const cap = this.ids.length;
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) % cap;
      fn(this.ids[i] as number, this.accept[i] as number, this.tags[i] as EntryTag);
    }
  }

  /** Empties the spool. */
  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const ids = new Int32Array(cap);
    const accept = new Float64Array(cap);
    const tags = new Uint8Array(cap);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) % this.ids.length;
      ids[k] = this.ids[i] as number;
      accept[k] = this.accept[i] as number;
      tags[k] = this.tags[i] as number;
    }
    this.ids = ids;
    this.accept = accept;
    this.tags = tags;
    this.head = 0;
  }
}
