/**
 * A log-linear histogram of durations in µs (HDR-style): 32 sub-buckets per power of two, so a
 * quantile is within about 3% of the true value, in fixed memory whatever the number of samples.
 * The mean is exact.
 *
 * @module
 */
const SUB_BITS = 5;
const SUB = 1 << SUB_BITS;
const BUCKETS = 64 * SUB;
/** 2^k for k < 64: exact divisors for {@link bucketOf}'s long path. */
const POW2 = Float64Array.from({ length: 64 }, (_, k) => 2 ** k);

export class DurationHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private n = 0;
  private sumUs = 0;

  get count(): number {
    return this.n;
  }

  /** Records one duration (µs, ≥ 0). */
  record(us: number): void {
    this.n++;
    this.sumUs += us;
    const b = bucketOf(us);
    this.counts[b] = this.counts[b]! + 1;
  }

  /** Records one duration (µs, ≥ 0) that falls in bucket `b` (= `bucketOf(us)`). */
  recordIn(b: number, us: number): void {
    this.n++;
    this.sumUs += us;
    this.counts[b] = this.counts[b]! + 1;
  }

  /** Adds `other`'s counts times `factor` (counts may then be fractional: an estimate). */
  addScaled(other: DurationHistogram, factor: number): void {
    for (let b = 0; b < BUCKETS; b++) this.counts[b] = this.counts[b]! + other.counts[b]! * factor;
    this.n += other.n * factor;
    this.sumUs += other.sumUs * factor;
  }

  /** Exact mean in µs; NaN when empty. */
  meanUs(): number {
    return this.n === 0 ? NaN : this.sumUs / this.n;
  }

  /** The q-quantile (0..1) in µs: the midpoint of the bucket that holds it; NaN when empty. */
  quantileUs(q: number): number {
    if (this.n === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.n));
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.counts[b]!;
      if (seen >= rank) return bucketMid(b);
    }
    return bucketMid(BUCKETS - 1);
  }
}

/** Records the same duration (µs, ≥ 0) in two histograms, finding its bucket once. */
export function recordBoth(a: DurationHistogram, b: DurationHistogram, us: number): void {
  const k = bucketOf(us);
  a.recordIn(k, us);
  b.recordIn(k, us);
}

/** The bucket (0 … 2047) of a duration in µs: exported for its test. */
export function bucketOf(us: number): number {
  const v = Math.floor(us);
  if (v < SUB) return v < 0 ? 0 : v;
  if (v < 4294967296) {
    // Hot path (one call per delivered mail): integer shifts instead of `v / 2 ** shift`, which
    // made this function a fifth of a no-fault run's profile. For v < 2^32, `v >>> shift` equals
    // `Math.floor(v / 2 ** shift)` exactly and `31 - clz32(v)` is floor(log2 v), so buckets are
    // those of the formula at the end (test/check/histogram.test.ts).
    const shift = 31 - Math.clz32(v) - SUB_BITS; // floor(log2 v) - SUB_BITS
    return (shift + 1) * SUB + ((v >>> shift) - SUB);
  }
  if (v < 2 ** 53) {
    // Long latencies (a backlog after a downstream outage: every mail waits over 35 min) are
    // common enough that Math.log2 showed at 15% of a year run. The exponent from the high 32
    // bits is exact, and the bucket is the one the Math.log2 formula below gives (where log2
    // rounds up just below a power of two, that formula lands in the same bucket).
    const shift = 63 - Math.clz32(Math.floor(v / 4294967296)) - SUB_BITS; // v ≥ 2^32 here
    return Math.min(BUCKETS - 1, (shift + 1) * SUB + (Math.floor(v / POW2[shift]!) - SUB));
  }
  const big = Math.floor(Math.log2(v));
  const shift = big - SUB_BITS;
  const mant = Math.floor(v / 2 ** shift) - SUB; // 0..SUB-1
  return Math.min(BUCKETS - 1, (shift + 1) * SUB + mant);
}

function bucketMid(b: number): number {
  if (b < SUB) return b;
  const shift = Math.floor(b / SUB) - 1;
  const mant = (b % SUB) + SUB;
  return (mant + 0.5) * 2 ** shift;
}
