/**
 * The event heap under the scheduler: a binary min-heap of `(time, key)` entries over parallel
 * typed arrays, with each entry's payload behind a recycled slot. The scheduler (scheduler.ts)
 * extends it with the clock, handlers and timers; nothing else uses it.
 *
 * A binary min-heap over parallel typed arrays, so scheduling allocates no object per event:
 * the heap proper is `hTime` (Float64Array, µs) and `hSlot` (Int32Array), and each slot holds
 * the entry's payload in one interleaved Float64Array `slotData` as `[key, arg, code]`:
 * - `key` — priority and sequence folded into one exact float64 integer,
 *   `(priority - PRIORITY_MIN) * 2^42 + sequence`;
 * - `arg` — the handler argument, or the timer generation for a timer entry;
 * - `code` — the handler id (`>= 0`) for a one-shot event, `~timerId` for a timer entry.
 * Slots are recycled through a LIFO free list. Sift operations move only `(time, slot)`; the key
 * is read through the slot only when two times are equal. All arrays grow by doubling.
 *
 * Why this layout (hold model, Node 20, 2-core AMD EPYC, 2026-11-25; numbers are events/s of
 * the scheduler alone, delays precomputed; see bench/kernel-hold.ts and BENCHMARKS.md):
 * - moving `(time, slot)` with the payload behind the slot: 13.0 M/s at N=1e3, 7.6 M/s at 1e5,
 *   against 11.9 and 6.7 M/s for a heap moving all four columns (time, key, arg, code);
 * - binary beats 4-ary in every variant tried (4-ary: 10.0 and 6.9 M/s with slots, 10.6 and
 *   6.8 M/s with four columns; a branch-free 4-ary: 6.4 M/s), and `[time, slot]` interleaved
 *   in one array, an array-of-structs heap, Floyd's bottom-up sift-down and a deferred pop
 *   (replace-top) were all slower or no faster;
 * - the branch-free choice of the smaller child in the sift-down (see `removeTop`) took the
 *   slot heap from 12.6 to 17.7 M/s at N=1e3 and from 7.3 to 8.7 M/s at N=1e5;
 * - every class field is initialised in its declaration so V8 keeps numeric fields unboxed (an
 *   uninitialised `now` cost a heap-number allocation per event).
 *
 * @module
 */

/** Heap size up to which the sift-down picks the smaller child without a branch (see removeTop). */
const BRANCH_FREE_LIMIT = 262_144;

/** The heap's arrays and its sift operations; see the module documentation. */
export class EventHeap {
  /** Heap entries in use, live or stale. */
  protected size = 0;

  /** @param capacity - heap entries allocated up front (the heap doubles when full). */
  constructor(capacity: number) {
    this.hTime = new Float64Array(capacity);
    this.hSlot = new Int32Array(capacity);
    this.slotData = new Float64Array(capacity * 3);
    this.freeSlots = new Int32Array(capacity);
  }
  // Heap: (time, slot) pairs. Slots: [key, arg, code] triples plus a LIFO free list.
  protected hTime: Float64Array = new Float64Array(0);
  protected hSlot: Int32Array = new Int32Array(0);
  protected slotData: Float64Array = new Float64Array(0);
  protected freeSlots: Int32Array = new Int32Array(0);
  protected freeCount = 0;
  /** Slots ever handed out; slots below this are either in the heap or on the free list. */
  protected slotHigh = 0;

  /** Inserts an entry in a fresh slot and sifts it up ("hole" method: one move per level). */
  protected push(time: number, key: number, arg: number, code: number): void {
    let i = this.size;
    if (i === this.hTime.length) this.grow();
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.slotHigh++;
    const data = this.slotData;
    const base = slot * 3;
    data[base] = key;
    data[base + 1] = arg;
    data[base + 2] = code;
    this.size = i + 1;
    const ht = this.hTime,
      hs = this.hSlot;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = ht[p]!;
      if (pt < time || (pt === time && data[hs[p]! * 3]! < key)) break;
      ht[i] = pt;
      hs[i] = hs[p]!;
      i = p;
    }
    ht[i] = time;
    hs[i] = slot;
  }

  /**
   * Removes the root (its slot already released): the last entry sifts down from the root.
   *
   * The larger child is chosen without a branch (`c += +(rt < ct)`): in a hold-type workload
   * that comparison is a coin flip, and a mispredicted branch per level was the single largest
   * cost (the branch-free loop measured 17.7 M events/s against 12.6 M/s at N=1e3, 8.7 against
   * 7.3 M/s at N=1e5). Beyond about 2^18 entries the heap no longer fits in cache, and the
   * branchy loop is faster again (4.2 against 3.5 M/s at N=1e6) because speculation fetches the
   * next level before the comparison resolves; hence two loops. The right child needs no bounds
   * check: when `c + 1 === last`, that position still holds the very entry being sifted down,
   * so picking it just ends the sift with that entry in place. Equal times, rare in most models,
   * take a branch to compare keys.
   */
  protected removeTop(): void {
    const last = --this.size;
    if (last === 0) return;
    const ht = this.hTime,
      hs = this.hSlot,
      data = this.slotData;
    const t = ht[last]!,
      s = hs[last]!;
    let i = 0;
    if (last < BRANCH_FREE_LIMIT) {
      for (;;) {
        let c = 2 * i + 1;
        if (c >= last) break;
        let ct = ht[c]!;
        const rt = ht[c + 1]!;
        if (rt === ct) {
          if (data[hs[c + 1]! * 3]! < data[hs[c]! * 3]!) c++;
        } else {
          c += +(rt < ct);
          ct = ht[c]!;
        }
        if (t < ct || (t === ct && data[s * 3]! < data[hs[c]! * 3]!)) break;
        ht[i] = ct;
        hs[i] = hs[c]!;
        i = c;
      }
    } else {
      for (;;) {
        let c = 2 * i + 1;
        if (c >= last) break;
        let ct = ht[c]!;
        const rt = ht[c + 1]!;
        if (rt < ct || (rt === ct && data[hs[c + 1]! * 3]! < data[hs[c]! * 3]!)) {
          c++;
          ct = rt;
        }
        if (t < ct || (t === ct && data[s * 3]! < data[hs[c]! * 3]!)) break;
        ht[i] = ct;
        hs[i] = hs[c]!;
        i = c;
      }
    }
    ht[i] = t;
    hs[i] = s;
  }

  protected siftDown(start: number): void {
    const ht = this.hTime,
      hs = this.hSlot,
      data = this.slotData;
    const n = this.size;
    const t = ht[start]!,
      s = hs[start]!,
      k = data[s * 3]!;
    let i = start;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (ht[r]! < ht[c]! || (ht[r] === ht[c] && data[hs[r]! * 3]! < data[hs[c]! * 3]!)))
        c = r;
      const ct = ht[c]!;
      if (t < ct || (t === ct && k < data[hs[c]! * 3]!)) break;
      ht[i] = ct;
      hs[i] = hs[c]!;
      i = c;
    }
    ht[i] = t;
    hs[i] = s;
  }

  /** Doubles the heap and the slot pool (a slot is in use only while its entry is in the heap). */
  protected grow(): void {
    const cap = this.hTime.length * 2;
    const t = new Float64Array(cap),
      s = new Int32Array(cap),
      d = new Float64Array(cap * 3),
      f = new Int32Array(cap);
    t.set(this.hTime);
    s.set(this.hSlot);
    d.set(this.slotData);
    f.set(this.freeSlots);
    this.hTime = t;
    this.hSlot = s;
    this.slotData = d;
    this.freeSlots = f;
  }
}
