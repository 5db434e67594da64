/**
 * The SMTP sessions a unit accepted in the last `windowUs`: if the unit stops now, these are the
 * sessions cut after commit but possibly before the sender saw 250. A ring of (id, time) pairs
 * trimmed when it is full, so it holds at most about max(256, 2 × rate × window) entries. The capacity is a power of
 * two so indices wrap with `& mask` (one push per accepted mail: no integer division).
 *
 * @module
 */
import { ringIdsBelow, ringMin } from "../ha/spool.js";

export class RecentAccepts {
  private ids = new Int32Array(256);
  private times = new Float64Array(256);
  private firsts = new Float64Array(256);
  private mask = 255;
  private head = 0;
  private count = 0;

  constructor(private readonly windowUs: number) {}

  /**
   * Records an acceptance at `nowUs`. Entries older than the window are dropped only when the ring
   * is full (and by {@link drain}), not on every push: times only grow, so what drain() keeps is
   * the same, and the hot path (one push per accepted mail) skips the trim loop.
   */
  push(id: number, nowUs: number, firstTryUs: number): void {
    if (this.count === this.ids.length) {
      this.trim(nowUs);
      if (this.count === this.ids.length) this.grow();
    }
    const i = (this.head + this.count) & this.mask;
    this.ids[i] = id;
    this.times[i] = nowUs;
    this.firsts[i] = firstTryUs;
    this.count++;
  }

  /**
   * Calls `fn` for each acceptance within the window before `nowUs` (with its sender's first
   * attempt, µs), then forgets them all.
   */
  drain(nowUs: number, fn: (id: number, firstTryUs: number) => void): void {
    this.trim(nowUs);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & this.mask;
      fn(this.ids[i]!, this.firsts[i]!);
    }
    this.head = 0;
    this.count = 0;
  }

  /**
   * Counts the ids below `cut` held here (some may be older than the window), adding them to
   * `out` unless it is null.
   */
  idsBelow(cut: number, out: Set<number> | null): number {
    return ringIdsBelow(this.ids, this.head, this.count, this.mask, cut, out);
  }

  /** The lowest mail id held; Infinity when empty. */
  minId(): number {
    return ringMin(this.ids, this.head, this.count, this.mask);
  }

  private trim(nowUs: number): void {
    const mask = this.mask;
    const oldest = nowUs - this.windowUs;
    while (this.count > 0 && this.times[this.head]! < oldest) {
      this.head = (this.head + 1) & mask;
      this.count--;
    }
  }

  private grow(): void {
    const cap = this.ids.length * 2;
    const ids = new Int32Array(cap);
    const times = new Float64Array(cap);
    const firsts = new Float64Array(cap);
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) & this.mask;
      ids[k] = this.ids[i]!;
      times[k] = this.times[i]!;
      firsts[k] = this.firsts[i]!;
    }
    this.ids = ids;
    this.times = times;
    this.firsts = firsts;
    this.mask = cap - 1;
    this.head = 0;
  }
}
