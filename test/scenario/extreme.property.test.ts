/**
 * Issue 18: whatever extreme value sits at whatever place of a scenario, qualifying it either
 * returns a scenario or throws a {@link ScenarioError} whose line is short and single; never
 * anything else (a RangeError, a TypeError, a hang). Every leaf of the field tree, including the
 * fields of faults and distributions, is tried with numbers at and beyond every boundary, odd
 * units, huge and deep values.
 *
 * Seeded for CI; `FC_SEED=<n>` replays a failure, whose seed fast-check prints.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FAULT_KINDS,
  SCENARIO_SHAPE,
  ScenarioError,
  applyOverrides,
  qualifyScenario,
  type QualifiedScenario,
  type Shape,
} from "../../src/scenario/index.js";
import { quantileUs } from "../../src/kernel/dist.js";
import { MAX_TIME_US } from "../../src/kernel/time.js";

const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 18;

/** A valid scenario with something in every list, so list items are reached. */
const BASE = {
  horizon: "1d",
  workload: { arrivals: { rate: "10/s", profile: "diurnal" } },
  ha: { rservice: { smtp: {} }, lservice: { hd: {} }, heartbeat: { secondaryLink: true } },
  faults: [{ at: "1h", kind: "flapping", link: "all", duration: "10m", down: "20s", up: "40s" }],
  randomFaults: [
    { kind: "node-crash", mtbf: "90d", repair: { dist: "lognormal", median: "1h", p95: "4h" } },
  ],
};

/** Every settable path of the tree (list items as [0]; fault fields of every kind). */
function leafPaths(s: Shape, at: string): string[] {
  if (s.t === "leaf") return [at];
  if (s.t === "list") return leafPaths(s.item, `${at}[0]`);
  if (s.t === "byKind")
    return [...new Set(Object.values(s.fields).flat())].map((k) => `${at}.${k}`);
  return Object.entries(s.fields).flatMap(([k, sub]) =>
    leafPaths(sub, at === "" ? k : `${at}.${k}`),
  );
}
const PATHS = leafPaths(SCENARIO_SHAPE, "");
const DIST_FIELDS = ["value", "mean", "median", "p95", "sd", "min", "max", "shape", "scale"];

const extremeNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    0.5,
    1,
    2,
    1e-300,
    5e-324,
    1e-9,
    1e6,
    1000,
    1001,
    1e12,
    2e12,
    4294967296,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    1e300,
    Number.MAX_VALUE,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ),
  fc.double(),
  fc.integer(),
);
const extremeText = fc.oneof(
  fc.constantFrom(
    "",
    "0s",
    "1us",
    "-5s",
    "1e400s",
    "1e-300/s",
    "1e300/s",
    "100000d",
    "14880w",
    "9999999999w",
    "285y",
    "0/s",
    "never",
    "any",
    "*a",
    "\u0000",
    "A",
    "B",
    "all",
    "secondary",
    "\u{1F600}",
  ),
  extremeNumber.map(
    (n) => `${n}${["s", "w", "d", "us", "/s", "/d", ""][Math.abs(Math.trunc(n)) % 7] ?? ""}`,
  ),
  fc.string({ maxLength: 20 }),
  fc.constant("x".repeat(5000)),
);
const extremeDist = fc.oneof(
  fc.record({
    dist: fc.constantFrom("exponential", "constant"),
    mean: extremeText,
    value: extremeText,
  }),
  fc
    .tuple(fc.constantFrom(...DIST_FIELDS), fc.oneof(extremeNumber, extremeText))
    .map(([k, v]) => ({ dist: "lognormal", median: "1h", p95: "2h", [k]: v })),
  fc.tuple(extremeNumber, extremeText).map(([shape, scale]) => ({ dist: "weibull", shape, scale })),
);
const extremeValue: fc.Arbitrary<unknown> = fc.oneof(
  extremeNumber,
  extremeText,
  extremeDist,
  fc.constantFrom(null, true, false, [], {}, [[[[[]]]]], { a: { b: { c: 1 } } }),
  fc.constantFrom(...FAULT_KINDS),
);

/** The value as written after `--set path=` (YAML flow), so --set is exercised too. */
function asSet(path: string, v: unknown): string {
  // JSON is YAML flow; NaN and the infinities become null, which is extreme enough.
  return `${path}=${(JSON.stringify(v) as string | undefined) ?? "null"}`;
}

describe("qualifying extreme values", () => {
  it("returns a scenario or throws a one-line ScenarioError, never anything else", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...PATHS), extremeValue), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (edits, viaSet) => {
          try {
            let raw: unknown = structuredClone(BASE);
            if (viaSet)
              raw = applyOverrides(
                raw,
                edits.map(([p, v]) => asSet(p, v)),
                "x.yaml",
              );
            else for (const [p, v] of edits) raw = setRaw(raw, p, v);
            holdsTheSimulation(qualifyScenario(raw, "x.yaml"));
          } catch (e) {
            if (!(e instanceof ScenarioError)) throw e;
            const line = e.format();
            expect(line).not.toMatch(/[\r\n]/);
            expect(line.length).toBeLessThan(1500);
          }
        },
      ),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

/** Times near the clock's end and counts at their bound, where products leave the range. */
const longTime = fc.oneof(
  fc.constantFrom("1000w", "5000w", "14000w", "14880w", "100000d", 1000, 3e9),
  fc.integer({ min: 1, max: 14_880 }).map((w) => `${w}w`),
);
const timeEdit = fc.oneof(
  fc.tuple(
    fc.constantFrom(
      ...PATHS.filter((p) =>
        /interval|timeout|horizon|drain|holdOff|duration|down|up|mtbf|queue|giveUp|Window|Delay/.test(
          p,
        ),
      ),
    ),
    longTime,
  ),
  fc.tuple(
    fc.constantFrom(...PATHS.filter((p) => /retries|lostThreshold/.test(p))),
    fc.constantFrom(1000, 999, 500),
  ),
  fc.tuple(
    fc.constantFrom("mta.deliveryTime", "ha.admin.responseTime", "randomFaults[0].repair"),
    fc.oneof(
      longTime.map((mean) => ({ dist: "exponential", mean })),
      longTime.map((p95) => ({ dist: "lognormal", median: "1s", p95 })),
      fc
        .double({ min: 0.01, max: 1, noNaN: true })
        .map((shape) => ({ dist: "weibull", shape, scale: "1000w" })),
    ),
  ),
);

describe("qualifying times near the end of the clock", () => {
  it("refuses every scenario whose waits, added to horizon + drain, leave the clock", () => {
    fc.assert(
      fc.property(fc.array(timeEdit, { minLength: 1, maxLength: 3 }), (edits) => {
        let raw: unknown = structuredClone(BASE);
        for (const [p, v] of edits) raw = setRaw(raw, p, v);
        try {
          holdsTheSimulation(qualifyScenario(raw, "x.yaml"));
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

/** What a qualified scenario promises the model (an oracle written apart from limits.ts). */
function holdsTheSimulation(q: QualifiedScenario): void {
  const endUs = q.horizonUs + q.drainUs;
  const fits = (us: number): void => {
    expect(endUs + us).toBeLessThanOrEqual(MAX_TIME_US);
  };
  fits(0);
  fits(q.ha.heartbeat.lostThreshold * q.ha.heartbeat.intervalUs);
  for (const p of q.ha.rservice) fits(p.retries * p.intervalUs + p.timeoutUs);
  for (const c of [q.ha.lservice.ports, q.ha.lservice.hd]) if (c) fits(c.retries * c.intervalUs);
  fits(quantileUs(q.mta.deliveryTime, 0.9999));
  for (const f of q.faults) fits(f.durationUs);
  for (const f of q.randomFaults) fits(quantileUs(f.repair, 0.9999));
  expect(q.replications).toBeLessThanOrEqual(1_000_000);
  expect(q.workload.arrivals.ratePerS).toBeGreaterThanOrEqual(1e-9);
}

/** Sets `value` at a dotted path with `[0]` indices, creating mappings on the way (no checks). */
function setRaw(raw: unknown, path: string, value: unknown): unknown {
  const segs = path.split(/\.|(?=\[)/).map((s) => (s.startsWith("[") ? Number(s.slice(1, -1)) : s));
  let node = raw as Record<string | number, unknown>;
  segs.forEach((seg, i) => {
    if (i === segs.length - 1) node[seg] = value;
    else {
      const next = node[seg];
      if (typeof next !== "object" || next === null)
        node[seg] = typeof segs[i + 1] === "number" ? [{}] : {};
      node = node[seg] as Record<string | number, unknown>;
    }
  });
  return raw;
}
