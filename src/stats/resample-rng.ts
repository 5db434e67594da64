/**
 * The bootstrap's own random stream. stats imports nothing (layering), so it cannot fork the
 * kernel's streams; and a confidence interval should not depend on where in a program it is
 * computed. So the stream is seeded from the sample itself: the same values (in the same order)
 * always get the same resamples, whichever command, worker count or metric computes them.
 *
 * @module
 */

/** FNV-1a over the IEEE-754 bytes of the values, then a fixed salt: a 32-bit seed. */
export function sampleSeed(values: readonly number[]): number {
  const f = new Float64Array(1);
  const words = new Uint32Array(f.buffer);
  let h = 0x811c9dc5;
  for (const v of values) {
    f[0] = v;
    for (const w of words) {
      h = Math.imul(h ^ (w & 0xffff), 0x01000193);
      h = Math.imul(h ^ (w >>> 16), 0x01000193);
    }
  }
  return (h ^ 0x68617369) >>> 0; // "hasi"
}

function rotl(v: number, k: number): number {
  return ((v << k) | (v >>> (32 - k))) >>> 0;
}

/**
 * Means of `resamples` resamples with replacement of `values`, drawn with xoshiro128** seeded
 * through splitmix32 (small, well mixed, plenty for B × n ≤ a few million draws), inlined (the hot loop of every interval: B × n draws), unsorted.
 */
export function resampleMeans(
  values: readonly number[],
  resamples: number,
  seed: number,
): Float64Array {
  const n = values.length;
  const xs = Float64Array.from(values);
  let x = seed >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      const t = (s1 << 9) >>> 0;
      s2 = (s2 ^ s0) >>> 0;
      s3 = (s3 ^ s1) >>> 0;
      s1 = (s1 ^ s2) >>> 0;
      s0 = (s0 ^ s3) >>> 0;
      s2 = (s2 ^ t) >>> 0;
      s3 = rotl(s3, 11);
      sum += xs[Math.floor((r / 4294967296) * n)]!;
    }
    means[b] = sum / n;
  }
  return means;
}
