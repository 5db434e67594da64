/**
 * Special functions needed for analytic means and quantiles of distributions: the standard
 * normal CDF and quantile, and the gamma function, all to about 1e-13 relative error or better.
 * They are never used to draw samples.
 *
 * @module
 */

const LN_SQRT_PI = 0.5723649429247001; // ln Γ(1/2)
const TINY = 1e-300;

/**
 * The complementary error function, erfc(x) = 1 − erf(x), to about 1e-15 relative error, tails
 * included: erfc(x) = Q(1/2, x²), the regularised upper incomplete gamma function, computed by
 * its series below x² = 1.5 and by its continued fraction (modified Lentz) above
 * (Numerical Recipes §6.2). No fitted coefficients, so nothing to mistype.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  const z = x * x;
  const prefactor = Math.exp(-z + 0.5 * Math.log(z) - LN_SQRT_PI);
  if (z < 1.5) {
    // erf(x) = P(1/2, z) by its series; erfc >= 0.08 here, so 1 - erf loses nothing.
    if (z === 0) return 1;
    let ap = 0.5;
    let term = 1 / ap;
    let sum = term;
    for (let i = 0; i < 200 && Math.abs(term) > Math.abs(sum) * 1e-17; i++) {
      ap += 1;
      term *= z / ap;
      sum += term;
    }
    return 1 - sum * prefactor;
  }
  if (z > 1500) return 0; // below the smallest double
  let b = z + 0.5;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 300; i++) {
    const an = -i * (i - 0.5);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return prefactor * h;
}

/** The standard normal cumulative distribution function Φ(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** The standard normal density φ(x). */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

// Acklam's rational approximation to the normal quantile, refined by one Halley step below.
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.54967101013589,
  4.374664141464968, 2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/**
 * The standard normal quantile Φ⁻¹(p) for p in [0, 1] (±Infinity at the ends): Acklam's
 * rational approximation, then one Halley step on Φ(x) − p, which takes it to full precision.
 *
 * @throws RangeError when p is outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile expects p in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // Symmetry: 1 - p is exact for p >= 0.5, and the lower tail is where precision matters.
  if (p > 0.5) return -normalQuantile(1 - p);
  const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = D as [number, number, number, number];
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
      (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  }
  // One Halley step on Φ(x) − p.
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

// Lanczos approximation, g = 7, n = 9 (relative error about 1e-15 for positive arguments).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** The gamma function Γ(x) for x > 0 (used for the Weibull mean, Γ(1 + 1/shape)). */
export function gamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`gamma expects x > 0, got ${x}`);
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x)); // reflection
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return Math.sqrt(2 * Math.PI) * Math.pow(t, z + 0.5) * Math.exp(-t) * sum;
}

/** ln Γ(x) for x > 0 (Lanczos; for the Poisson sampler's acceptance test at large counts). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma expects x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
