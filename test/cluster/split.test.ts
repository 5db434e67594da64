/** The pure parts of sharding: the cost-balanced split, unit names, argv, the result codec. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { studyArgs, studyArgv } from "../../src/cli/shard/argv.js";
import { parseShardFlag } from "../../src/cli/shard/spec.js";
import { decodeUnit, encodeUnit } from "../../src/study/codec.js";
import { shardLoads, splitByCost } from "../../src/study/split.js";
import { listUnits, unitKey } from "../../src/study/units.js";
import { fakeRunner } from "../cli/fake-runner.js";
import { loadScenario } from "../../src/cli/load.js";
import { TINY } from "../cli/helpers.js";

describe("splitByCost", () => {
  const costs = fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 0, maxLength: 200 });
  const count = fc.integer({ min: 1, max: 20 });

  it("puts every unit in exactly one shard, each shard in study order", () => {
    fc.assert(
      fc.property(costs, count, (c, n) => {
        const shards = splitByCost(c, n);
        expect(shards).toHaveLength(n);
        const all = shards.flat().sort((a, b) => a - b);
        expect(all).toEqual(c.map((_, i) => i));
        for (const s of shards) expect([...s].sort((a, b) => a - b)).toEqual(s);
      }),
    );
  });

  it("balances: no shard exceeds the lightest by more than the largest unit", () => {
    fc.assert(
      fc.property(costs, count, (c, n) => {
        const loads = shardLoads(c, splitByCost(c, n));
        const biggest = Math.max(0, ...c);
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(biggest);
      }),
    );
  });

  it("is deterministic and does not depend on anything but the costs", () => {
    const c = Array.from({ length: 50 }, (_, i) => ((i * 37) % 11) + 1);
    expect(splitByCost(c, 7)).toEqual(splitByCost([...c], 7));
    // Equal costs: round-robin-like, lowest shard first.
    expect(splitByCost([1, 1, 1, 1, 1], 2)).toEqual([
      [0, 2, 4],
      [1, 3],
    ]);
  });

  it("gives heavy units their own shards", () => {
    const c = [10, 1, 1, 10, 1, 1];
    const shards = splitByCost(c, 2);
    expect(shards).toEqual([
      [0, 1, 4],
      [2, 3, 5],
    ]);
    expect(shardLoads(c, shards)).toEqual([12, 12]);
  });

  it("refuses a shard count below 1", () => {
    expect(() => splitByCost([1], 0)).toThrow(RangeError);
  });
});

describe("unit names", () => {
  it("name a run's units by policy and replication, a sweep's also by point", () => {
    expect(unitKey({ group: 0, policy: "off", replication: 3 }, false)).toBe("off#3");
    expect(unitKey({ group: 12, policy: "slave", replication: 0 }, true)).toBe("p12:slave#0");
  });

  it("list at most eight names, then count the rest", () => {
    const keys = Array.from({ length: 11 }, (_, i) => `off#${i}`);
    expect(listUnits(keys.slice(0, 3))).toBe("off#0, off#1, off#2");
    expect(listUnits(keys)).toMatch(/off#7, … and 3 more$/);
  });
});

describe("the study's command", () => {
  it("drops where and how fast, keeps what changes results", () => {
    const argv = ["run", "x.yaml", "--out", "o", "-j", "4", "--seed", "3", "-q", "--shard", "1/4"];
    expect(studyArgv(argv)).toEqual(["run", "x.yaml", "--seed", "3"]);
    const glued = ["sweep", "x.yaml", "--out=o", "-j2", "--jobs=3", "--shards", "16", "--plan"];
    expect(studyArgv([...glued, "--vary", "seed=1,2"])).toEqual([
      "sweep",
      "x.yaml",
      "--vary",
      "seed=1,2",
    ]);
    expect(studyArgv(["run", "--target", "1h", "--quiet", "x.yaml", "--trace"])).toEqual([
      "run",
      "x.yaml",
      "--trace",
    ]);
  });

  it("drops the same from parsed arguments", () => {
    const args = {
      _: ["run"],
      $0: "hasim",
      scenario: "x",
      out: "o",
      j: "2",
      jobs: "2",
      shard: "1/2",
      seed: "3",
    };
    expect(studyArgs(args)).toEqual({ _: ["run"], scenario: "x", seed: "3" });
  });
});

describe("--shard i/n", () => {
  it("parses i/n with 0 ≤ i < n", () => {
    expect(parseShardFlag("3/16")).toEqual({ index: 3, count: 16, source: "" });
    expect(parseShardFlag(" 0 / 1 ")).toEqual({ index: 0, count: 1, source: "" });
  });

  it.each(["4/4", "1/0", "-1/4", "a/b", "3", "1/2/3", ""])("refuses %j in one line", (v) => {
    expect(() => parseShardFlag(v)).toThrow(/^--shard: expected i\/n with 0 ≤ i < n/);
  });
});

describe("the unit codec", () => {
  it("gives back exactly what it was given, NaN, ±Infinity and -0 included", () => {
    const q = loadScenario(TINY, {}).scenario;
    const r = fakeRunner(q, "restore", 2, { trace: false });
    const odd = {
      ...r,
      metrics: {
        ...r.metrics,
        latency_p99_s: NaN,
        spool_mean: -0,
        spool_max: Infinity,
        split_brain_s: -Infinity,
      },
    };
    const back = decodeUnit(encodeUnit({ unit: "restore#2", result: odd }));
    expect(back.unit).toBe("restore#2");
    expect(back.result).toEqual(odd);
    expect(Object.is(back.result.metrics.spool_mean, -0)).toBe(true);
    expect(back.result.metrics.latency_p99_s).toBeNaN();
    expect(Object.keys(back.result.metrics)).toEqual(Object.keys(odd.metrics));
  });

  it("writes one line per unit", () => {
    const q = loadScenario(TINY, {}).scenario;
    const line = encodeUnit({ unit: "off#0", result: fakeRunner(q, "off", 0, { trace: false }) });
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1)).not.toContain("\n");
  });

  it("refuses what is not a unit record", () => {
    expect(() => decodeUnit('{"unit":3}')).toThrow(TypeError);
    expect(() => decodeUnit("{")).toThrow(SyntaxError);
  });
});
