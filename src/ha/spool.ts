/**
 * A unit's MTA spool: a FIFO of mail ids on disk, with the time each was accepted, the time its
 * sender first tried to send it (for the latency senders see) and the tag of how the copy got there. A ring buffer of parallel typed arrays: no allocation per mail.
 * Capacities are powers of two so a ring index wraps with `& mask` rather than `%` (an integer
 * division on every push and shift of the mail hot path).
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

/** The lowest of `count` ids of a ring starting at `head` (capacity `mask + 1`); Infinity if none. */
export function ringMin(ids: Int32Array, head: number, count: number, mask: number): number {
  let min = Infinity;
  for (let k = 0; k < count; k++) {
    const id = ids[(head + k) & mask]!;
    if (id < min) min = id;
  }
  return min;
}

/**
 * Counts the ids below `cut` among `count` ids of a ring starting at `head` (capacity
 * `mask + 1`), adding them to `out` unless it is null.
 */
export function ringIdsBelow(
  ids: Int32Array,
  head: number,
  count: number,
  mask: number,
  cut: number,
  out: Set<number> | null,
): number {
  let n = 0;
  for (let k = 0; k < count; k++) {
    const id = ids[(head + k) & mask]!;
    if (id < cut) {
      n++;
      if (out !== null) out.add(id);
    }
  }
  return n;
}

export class Spool {
  private ids: Int32Array;
  private accept: Float64Array;
  private first: Float64Array;
  private tags: Uint8Array;
  /** Capacity - 1; the capacity is a power of two. */
  private mask: number;
  private head = 0;
  private count = 0;
  /** Accept time (µs) of the entry last returned by {@link shift}. */
  lastAcceptUs = 0;
  /** The sender's first attempt (µs) of the entry last returned by {@link shift}. */
  lastFirstTryUs = 0;
  /** Tag of the entry last returned by {@link shift}. */
  lastTag: EntryTag = EntryTag.Original;

  /** @param initialCapacity - rounded up to a power of two (at least 2); the spool grows by doubling. */
  constructor(initialCapacity = 1024) {
    const cap = powerOfTwoAtLeast(initialCapacity);
    this.ids = new Int32Array(cap);
    this.accept = new Float64Array(cap);
    this.first = new Float64Array(cap);
    this.tags = new Uint8Array(cap);
    this.mask = cap - 1;
  }

  /** Mails queued (not counting deliveries in flight, which a unit holds in its workers). */
  get size(): number {
    return this.count;
  }

  /**
   * Appends a mail at the tail. `firstTryUs`: when the original sender first tried to send the
   * mail, whatever made this copy (the same for every copy of a mail).
   */
  push(id: number, acceptUs: number, tag: EntryTag, firstTryUs: number): void {
    if (this.count === this.ids.length) this.grow();
    const i = (this.head + this.count) & this.mask;
    this.ids[i] = id;
    this.accept[i] = acceptUs;
    this.first[i] = firstTryUs;
    this.tags[i] = tag;
    this.count++;
  }

  /** Puts a mail back at the head (a delivery that could not complete). */
  unshift(id: number, acceptUs: number, tag: EntryTag, firstTryUs: number): void {
    if (this.count === this.ids.length) this.grow();
    this.head = (this.head - 1) & this.mask;
    this.ids[this.head] = id;
    this.accept[this.head] = acceptUs;
    this.first[this.head] = firstTryUs;
    this.tags[this.head] = tag;
    this.count++;
  }

  /** Removes the head and returns its id (its fields in lastAcceptUs/lastFirstTryUs/lastTag); -1 when empty. */
  shift(): number {
    if (this.count === 0) return -1;
    const i = this.head;
    this.lastAcceptUs = this.accept[i]!;
    this.lastFirstTryUs = this.first[i]!;
    this.lastTag = this.tags[i] as EntryTag;
    this.head = (i + 1) & this.mask;
    this.count--;
    return this.ids[i]!;
  }

  /** Calls `fn` for every queued entry, head first. */
  forEach(fn: (id: number, acceptUs: number, tag: EntryTag, firstTryUs: number) => void): void {
    const mask = this.mask;
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & mask;
      fn(this.ids[i]!, this.accept[i]!, this.tags[i] as EntryTag, this.first[i]!);
    }
  }

  /** The lowest mail id queued; Infinity when empty. */
  minId(): number {
    return ringMin(this.ids, this.head, this.count, this.mask);
  }

  /** Counts the queued ids below `cut`, adding them to `out` unless null (no call per entry). */
  idsBelow(cut: number, out: Set<number> | null): number {
    return ringIdsBelow(this.ids, this.head, this.count, this.mask, cut, out);
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
    const first = new Float64Array(cap);
    const tags = new Uint8Array(cap);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & this.mask;
      ids[k] = this.ids[i]!;
      accept[k] = this.accept[i]!;
      first[k] = this.first[i]!;
      tags[k] = this.tags[i]!;
    }
    this.ids = ids;
    this.accept = accept;
    this.first = first;
    this.tags = tags;
    this.mask = cap - 1;
    this.head = 0;
  }
}

/** The smallest power of two ≥ max(n, 2), for ring buffers indexed with `& (capacity - 1)`. */
export function powerOfTwoAtLeast(n: number): number {
  let cap = 2;
  while (cap < n) cap *= 2;
  return cap;
}
