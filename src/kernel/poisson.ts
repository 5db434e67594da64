/**
 * Exact Poisson variates: multiplication of uniforms for small means, and Hörmann's transformed
 * rejection with squeeze (PTRS; W. Hörmann, "The transformed rejection method for generating
 * Poisson random variables", Insurance: Mathematics and Economics 12, 1993) for means of 10 and
 * more, O(1) expected uniforms whatever the mean. Both are exact: no normal approximation.
 *
 * @module
 */
import type { Rng } from "./rng.js";
import { logGamma } from "./special.js";

/** A Poisson(mean) count drawn from `rng` (`mean` ≥ 0; 0 gives 0). */
export function samplePoisson(mean: number, rng: Rng): number {
  if (!(mean >= 0 && mean < 2 ** 52)) throw new RangeError(`Poisson mean ${mean} out of range`);
  if (mean === 0) return 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rng.uniform();
    while (p > limit) {
      k++;
      p *= rng.uniform();
    }
    return k;
  }
  const sq = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * sq;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
    if (lhs <= -mean + k * logMean - logGamma(k + 1)) return k;
  }
}
