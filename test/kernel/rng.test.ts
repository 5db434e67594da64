import fc from "fast-check";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/kernel/rng.js";

const draws = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.uniform());

describe("seeding", () => {
  it("same seed gives the same draws; different seeds differ", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.stringMatching(/^[a-z0-9:-]{1,12}$/)), (seed) => {
        const a = Rng.fromSeed(seed);
        const b = Rng.fromSeed(seed);
        expect([draws(a, 5), a.normal(0, 1), a.exponential(2), a.int(0, 1e12)]).toEqual([
          draws(b, 5),
          b.normal(0, 1),
          b.exponential(2),
          b.int(0, 1e12),
        ]);
        const other = Rng.fromSeed(`${seed}x`);
        expect(draws(other, 5)).not.toEqual(draws(Rng.fromSeed(seed), 5));
      }),
      { numRuns: 100 },
    );
  });

  it("is seedrandom's Alea keyed by the label path", () => {
    const ours = Rng.fromSeed(42).fork("rep:3").fork("arrivals");
    expect(ours.label).toBe("42/rep:3/arrivals");
    const reference = seedrandom.alea("42/rep:3/arrivals");
    expect(draws(ours, 10)).toEqual(Array.from({ length: 10 }, () => reference()));
  });

  it("steps Alea exactly as seedrandom does, over long sequences and the 53-bit draw", () => {
    // Rng steps Alea's state itself (no closure call per draw): it must never drift from
    // seedrandom's own generator, which seeds it and is the reference.
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.nat(2000), (label, skip) => {
        const path = label.replaceAll("/", "_");
        const ours = Rng.fromSeed(path);
        const reference = seedrandom.alea(path);
        for (let i = 0; i < skip; i++) expect(ours.uniform()).toBe(reference());
        // int() over a span above 2^32 takes seedrandom's double(): two steps, 53 bits.
        const span = 2 ** 40;
        expect(ours.int(0, span - 1)).toBe(Math.floor(reference.double() * span));
        expect(ours.uniform()).toBe(reference());
      }),
      { numRuns: 200 },
    );
  });

  it("rejects bad seeds and labels", () => {
    expect(() => Rng.fromSeed(Number.NaN)).toThrow(RangeError);
    expect(() => Rng.fromSeed("")).toThrow(/seed/);
    expect(() => Rng.fromSeed("a/b")).toThrow(/without "\/"/);
    expect(() => Rng.fromSeed(1).fork("")).toThrow(/fork label/);
    expect(() => Rng.fromSeed(1).fork("a/b")).toThrow(/fork label/);
  });
});

describe("forks", () => {
  it("depend only on the label path, not on parent draws or sibling forks", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.nat({ max: 50 }),
        fc.nat({ max: 50 }),
        (seed, parentDraws, siblingDraws) => {
          const plain = Rng.fromSeed(seed).fork("a");
          const expected = draws(plain, 20);

          const busy = Rng.fromSeed(seed);
          draws(busy, parentDraws); // the parent is used before forking
          const b = busy.fork("b"); // another fork is created and used first
          draws(b, siblingDraws);
          const a = busy.fork("a");
          draws(busy, 3);
          draws(b, 3);
          expect(draws(a, 20)).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("are independent of each other and of the parent", () => {
    const root = Rng.fromSeed(2026);
    const streams = [
      root,
      root.fork("a"),
      root.fork("b"),
      root.fork("rep:1"),
      root.fork("rep:2"),
      root.fork("a").fork("a"),
    ];
    const n = 20_000;
    const samples = streams.map((s) => draws(s, n));
    for (let i = 0; i < samples.length; i++) {
      for (let j = i + 1; j < samples.length; j++) {
        const x = samples[i]!,
          y = samples[j]!;
        expect(x.slice(0, 10)).not.toEqual(y.slice(0, 10));
        // Pearson correlation of two independent U(0,1) streams: sd ≈ 1/sqrt(n) ≈ 0.007.
        let sxy = 0,
          sx = 0,
          sy = 0,
          sxx = 0,
          syy = 0;
        for (let k = 0; k < n; k++) {
          sxy += x[k]! * y[k]!;
          sx += x[k]!;
          sy += y[k]!;
          sxx += x[k]! * x[k]!;
          syy += y[k]! * y[k]!;
        }
        const r = (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
        expect(Math.abs(r)).toBeLessThan(0.035);
      }
    }
  });

  it("forking the same label twice gives the same stream", () => {
    const root = Rng.fromSeed(5);
    expect(draws(root.fork("x"), 5)).toEqual(draws(root.fork("x"), 5));
  });
});

describe("draws", () => {
  const rng = Rng.fromSeed("draws");

  it("uniform is in [0, 1) with mean 1/2; uniformRange scales it", () => {
    let sum = 0;
    const n = 100_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    for (let i = 0; i < 1000; i++) {
      const v = rng.uniformRange(-3, 5);
      expect(v >= -3 && v < 5).toBe(true);
    }
    expect(() => rng.uniformRange(2, 1)).toThrow(RangeError);
  });

  it("int covers exactly [min, max], uniformly, also for wide ranges", () => {
    const counts = new Map<number, number>();
    const n = 60_000;
    for (let i = 0; i < n; i++) {
      const k = rng.int(-2, 3);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    for (const c of counts.values())
      expect(Math.abs(c - n / 6)).toBeLessThan(5 * Math.sqrt((n * (1 / 6) * 5) / 6));
    expect(rng.int(7, 7)).toBe(7);
    // A range wider than 2^32 uses 53-bit draws: odd values must appear too.
    let odd = 0;
    for (let i = 0; i < 1000; i++) {
      const v = rng.int(0, 2 ** 40);
      expect(Number.isInteger(v) && v >= 0 && v <= 2 ** 40).toBe(true);
      odd += v % 2;
    }
    expect(odd).toBeGreaterThan(400);
    expect(() => rng.int(1.5, 3)).toThrow(RangeError);
    expect(() => rng.int(3, 1)).toThrow(RangeError);
  });

  it("bernoulli has the right frequency", () => {
    const n = 100_000;
    let hits = 0;
    for (let i = 0; i < n; i++) if (rng.bernoulli(0.3)) hits++;
    expect(Math.abs(hits / n - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / n));
    expect(rng.bernoulli(0)).toBe(false);
    expect(rng.bernoulli(1)).toBe(true);
    expect(() => rng.bernoulli(1.5)).toThrow(RangeError);
  });

  it("exponential, normal, lognormal and weibull have the right moments", () => {
    const n = 200_000;
    const moments = (f: () => number): [number, number] => {
      let s = 0,
        s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = f();
        s += x;
        s2 += x * x;
      }
      const mean = s / n;
      return [mean, s2 / n - mean * mean];
    };
    const close = (actual: number, expected: number, sd: number) => {
      expect(Math.abs(actual - expected)).toBeLessThan(5 * sd);
    };

    const [em, ev] = moments(() => rng.exponential(3));
    close(em, 3, 3 / Math.sqrt(n));
    close(ev, 9, Math.sqrt((8 * 81) / n)); // Var of the sample variance: (mu4 - sigma^4)/n, mu4 = 9 * 81

    const [nm, nv] = moments(() => rng.normal(10, 2));
    close(nm, 10, 2 / Math.sqrt(n));
    close(nv, 4, Math.sqrt((2 * 16) / n));

    const mu = 0.5,
      sigma = 0.4;
    const [lm] = moments(() => rng.lognormal(mu, sigma));
    const lmean = Math.exp(mu + (sigma * sigma) / 2);
    const lsd = lmean * Math.sqrt(Math.exp(sigma * sigma) - 1);
    close(lm, lmean, lsd / Math.sqrt(n));

    // Weibull shape 1 is exponential with mean = scale.
    const [wm] = moments(() => rng.weibull(1, 4));
    close(wm, 4, 4 / Math.sqrt(n));

    expect(() => rng.exponential(-1)).toThrow(RangeError);
    expect(() => rng.normal(0, -1)).toThrow(RangeError);
    expect(() => rng.weibull(0, 1)).toThrow(RangeError);
  });

  it("exponential has an exponential shape, tail included (ziggurat)", () => {
    const n = 400_000;
    const probes = [0.01, 0.1, 0.5, 1, 2, 4, 7.69, 8, 10, 12];
    const below = probes.map(() => 0);
    let negative = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.exponential(1);
      if (x < 0) negative++;
      for (let k = 0; k < probes.length; k++) if (x <= probes[k]!) below[k]!++;
    }
    expect(negative).toBe(0);
    probes.forEach((x, k) => {
      const p = 1 - Math.exp(-x);
      expect(Math.abs(below[k]! / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n) + 1e-6);
    });
  });

  it("pick and shuffle", () => {
    const items = ["a", "b", "c", "d"];
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(rng.pick(items));
    expect([...seen].sort()).toEqual(items);
    expect(() => rng.pick([])).toThrow(RangeError);

    const arr = [...Array(50).keys()];
    const out = rng.shuffle(arr);
    expect(out).toBe(arr);
    expect([...out].sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect(out).not.toEqual([...Array(50).keys()]);
    // Every element lands in position 0 about equally often.
    const first = new Map<number, number>();
    for (let i = 0; i < 40_000; i++) {
      const v = rng.shuffle([0, 1, 2, 3])[0]!;
      first.set(v, (first.get(v) ?? 0) + 1);
    }
    for (const c of first.values())
      expect(Math.abs(c - 10_000)).toBeLessThan(5 * Math.sqrt(40_000 * 0.25 * 0.75));
  });
});
