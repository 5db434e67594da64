/**
 * The effective scenario is a faithful inverse: for any valid scenario file,
 * `qualifyScenario(scenarioToRaw(q))` deep-equals `q`, directly and through YAML text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { US_PER_D, US_PER_S, formatDuration } from "../../src/kernel/time.js";
import { quantileUs } from "../../src/kernel/dist.js";
import { parseDurationDist } from "../../src/scenario/dists.js";
import { formatRate } from "../../src/scenario/effective.js";
import { TAIL_Q } from "../../src/scenario/limits.js";
import {
  FAULT_KINDS,
  PROTOCOLS,
  parseScenarioText,
  qualifyScenario,
  scenarioToRaw,
  type FaultKind,
} from "../../src/scenario/index.js";

type Raw = Record<string, unknown>;

/** A duration of [minUs, maxUs] µs, written as text (`1h30m`) or as a number of seconds. */
const dur = (minUs: number, maxUs: number): fc.Arbitrary<string | number> =>
  fc
    .tuple(fc.integer({ min: minUs, max: maxUs }), fc.boolean())
    .map(([us, asText]) => (asText ? formatDuration(us) : us / US_PER_S));
const durAbove = (minUs: number) => dur(minUs, 30 * US_PER_D);
const prob = fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x + 0);
/** Removes the keys whose value is undefined: the "left out" of a file. */
const compact = (o: Raw): Raw =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(a, { nil: undefined });

const distSpec: fc.Arbitrary<unknown> = fc
  .oneof(
    durAbove(0),
    durAbove(0).map((value) => ({ dist: "constant", value })),
    durAbove(1).map((mean) => ({ dist: "exponential", mean })),
    fc
      .tuple(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 0, max: 1e10 }))
      .map(([a, b]) => ({
        dist: "uniform",
        min: formatDuration(Math.min(a, b)),
        max: formatDuration(Math.max(a, b)),
      })),
    fc.tuple(durAbove(1), durAbove(0)).map(([mean, sd]) => ({ dist: "normal", mean, sd })),
    fc
      .tuple(fc.integer({ min: 1, max: 1e10 }), fc.integer({ min: 1, max: 1e10 }))
      .map(([m, d]) => ({
        dist: "lognormal",
        median: formatDuration(m),
        p95: formatDuration(m + d),
      })),
    fc.tuple(durAbove(1), durAbove(0)).map(([mean, sd]) => ({ dist: "lognormal", mean, sd })),
    fc
      .tuple(fc.double({ min: 0.1, max: 10, noNaN: true }), durAbove(1))
      .map(([shape, scale]) => ({ dist: "weibull", shape, scale })),
  )
  .filter(
    // A valid scenario keeps a distribution's far tail inside the clock's range (limits.ts).
    (spec) => quantileUs(parseDurationDist(spec), TAIL_Q) < 100 * 365 * US_PER_D,
  );

const nodeName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,6}$/).filter((n) => n !== "any");

const haArb = fc
  .record({
    heartbeat: opt(
      fc
        .record({
          interval: opt(durAbove(1)),
          lostThreshold: opt(fc.integer({ min: 1, max: 20 })),
          secondaryLink: opt(fc.boolean()),
        })
        .map(compact),
    ),
    rservice: opt(
      fc.subarray([...PROTOCOLS]).chain((ps) =>
        fc
          .array(
            fc.tuple(
              fc.integer({ min: 1, max: 600 }),
              fc.integer({ min: 1, max: 600 }),
              opt(fc.integer({ min: 1, max: 9 })),
            ),
            { minLength: ps.length, maxLength: ps.length },
          )
          .map((probes) =>
            Object.fromEntries(
              probes.map(([a, b, retries], i): [string, Raw] => [
                ps[i] ?? "",
                compact({
                  interval: `${Math.max(a, b)}s`,
                  timeout: `${Math.min(a, b)}s`,
                  retries,
                }),
              ]),
            ),
          ),
      ),
    ),
    lservice: opt(
      fc
        .record({
          ports: opt(
            fc.oneof(
              fc.constant("off"),
              fc
                .record({
                  interval: opt(dur(US_PER_S, 60 * US_PER_S)),
                  retries: opt(fc.integer({ min: 1, max: 9 })),
                })
                .map(compact),
            ),
          ),
          hd: opt(fc.record({ interval: opt(dur(US_PER_S, 60 * US_PER_S)) }).map(compact)),
        })
        .map(compact),
    ),
    mailQueueSync: opt(
      fc.record({ enabled: opt(fc.boolean()), interval: opt(durAbove(1)) }).map(compact),
    ),
    mailDataSync: opt(
      fc.record({ enabled: opt(fc.boolean()), interval: opt(durAbove(1)) }).map(compact),
    ),
    holdOff: opt(durAbove(0)),
    admin: opt(
      fc
        .record({
          responseTime: opt(fc.oneof(fc.constant("never"), distSpec)),
          action: opt(fc.constantFrom("restore", "restart")),
        })
        .map(compact),
    ),
  })
  .map(compact)
  // remote-as-heartbeat needs a probe; add it only when there is one.
  .chain((ha) =>
    ha.rservice && Object.keys(ha.rservice as Raw).length > 0
      ? fc.boolean().map((r) => ({ ...ha, remoteAsHeartbeat: r }))
      : fc.constant(ha),
  );

function faultArb(kind: FaultKind, horizonUs: number, names: string[], ha: Raw): fc.Arbitrary<Raw> {
  const secondary =
    ((ha.heartbeat as Raw | undefined)?.secondaryLink as boolean | undefined) ?? false;
  const probed = Object.keys((ha.rservice as Raw | undefined) ?? {});
  const node = fc.constantFrom(...names);
  const link = opt(
    fc.constantFrom(...(secondary ? ["primary", "secondary", "all"] : ["primary", "all"])),
  );
  const specific: Record<FaultKind, fc.Arbitrary<Raw>> = {
    "node-crash": fc.record({ node, diskLost: opt(fc.boolean()) }),
    "node-hang": fc.record({ node }),
    reboot: fc.record({ node }),
    "link-down": fc.record({ link }),
    partition: fc.record({
      node,
      from: opt(fc.constantFrom("peer", "senders", "downstream", "all")),
      direction: opt(fc.constantFrom("both", "inbound", "outbound")),
    }),
    "lservice-failure": fc.record({ node, service: opt(fc.constantFrom("ports", "hd")) }),
    "rservice-false-alarm": fc.record({ node, protocol: opt(fc.constantFrom(...probed, "all")) }),
    "monitor-blind": fc.record({
      node,
      monitor: opt(fc.constantFrom("rservice", "lservice", "all")),
    }),
    "downstream-outage": fc.record({}),
    flapping: fc.record({ link, down: durAbove(1), up: durAbove(1) }),
    admin: fc.record({ node, action: opt(fc.constantFrom("restart", "restore", "resync")) }),
  };
  const base = fc.record({
    at: dur(0, horizonUs - 1),
    duration: kind === "admin" ? fc.constant(undefined) : durAbove(1),
  });
  return fc.tuple(base, specific[kind]).map(([b, s]) => compact({ kind, ...b, ...s }));
}

function randomFaultArb(kind: FaultKind, names: string[], ha: Raw): fc.Arbitrary<Raw> {
  return faultArb(kind, 2, names, ha).chain((f) =>
    fc
      .record({
        mtbf: durAbove(1),
        repair: distSpec,
        node: opt(fc.constantFrom(...names, "any")),
        diskLostProbability: opt(prob),
      })
      .map((r) => {
        const rest = Object.fromEntries(
          Object.entries(f).filter(([k]) => !["at", "duration", "diskLost", "node"].includes(k)),
        );
        const hasNode = f.node !== undefined;
        return compact({
          ...rest,
          mtbf: r.mtbf,
          repair: r.repair,
          node: hasNode ? r.node : undefined,
          diskLostProbability: kind === "node-crash" ? r.diskLostProbability : undefined,
        });
      }),
  );
}

const scenarioArb: fc.Arbitrary<Raw> = fc
  .record({
    horizonUs: fc.integer({ min: 1, max: 400 * US_PER_D }),
    names: fc.uniqueArray(nodeName, { minLength: 2, maxLength: 2 }),
    firstIsMaster: fc.boolean(),
    ha: haArb,
  })
  .chain(({ horizonUs, names, firstIsMaster, ha }) => {
    const randomKinds = FAULT_KINDS.filter((k) => k !== "admin" && k !== "flapping");
    const probed = Object.keys((ha.rservice as Raw | undefined) ?? {}).length > 0;
    const usable = (k: FaultKind) => k !== "rservice-false-alarm" || probed;
    return fc
      .record({
        name: opt(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/)),
        description: opt(fc.string({ maxLength: 30 })),
        seed: opt(fc.nat()),
        drain: opt(dur(0, 10 * US_PER_D)),
        replications: opt(fc.integer({ min: 1, max: 500 })),
        policies: opt(fc.shuffledSubarray(["off", "restore", "slave"], { minLength: 1 })),
        nodes: fc.constant([
          { name: names[0], mode: firstIsMaster ? "master" : "slave" },
          { name: names[1], mode: firstIsMaster ? "slave" : "primary" },
        ]),
        mta: opt(
          fc
            .record({
              spoolCapacity: opt(fc.integer({ min: 1, max: 1e7 })),
              deliveryWorkers: opt(fc.integer({ min: 1, max: 64 })),
              deliveryTime: opt(distSpec),
              queueRetry: opt(durAbove(1)),
              queueGiveUp: opt(durAbove(1)),
            })
            .map(compact),
        ),
        workload: fc.record({
          arrivals: fc
            .record({
              rate: fc
                .tuple(
                  fc.double({ min: 1e-4, max: 1e5, noNaN: true }),
                  fc.constantFrom("s", "min", "h", "d"),
                )
                .map(([n, u]) => `${n}/${u}`),
              process: opt(fc.constantFrom("poisson", "periodic")),
              profile: opt(fc.constantFrom("constant", "diurnal")),
              peakFactor: opt(fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true })),
              peakAt: opt(dur(0, US_PER_D - 1)),
            })
            .map(compact),
          senderRetry: opt(
            fc.record({ interval: opt(durAbove(1)), giveUp: opt(durAbove(0)) }).map(compact),
          ),
        }),
        faults: opt(
          fc.array(
            fc
              .constantFrom(...FAULT_KINDS.filter(usable))
              .chain((k) => faultArb(k, horizonUs, names, ha)),
            { maxLength: 6 },
          ),
        ),
        randomFaults: opt(
          fc.array(
            fc
              .constantFrom(...randomKinds.filter(usable))
              .chain((k) => randomFaultArb(k, names, ha)),
            { maxLength: 4 },
          ),
        ),
        assumptions: opt(
          fc
            .record({
              demotedQueue: opt(fc.constantFrom("push", "keep-and-deliver", "strand")),
              splitBrainHeal: opt(fc.constantFrom("configured-master", "longest-master")),
              splitBrainShare: opt(prob),
              splitBrainSessionCutProbability: opt(prob),
              cutSessionWindow: opt(durAbove(0)),
              cutSessionDuplicateProbability: opt(prob),
              inflightDeliveredProbability: opt(prob),
              arpUpdateDelay: opt(durAbove(0)),
              failedWithoutPeer: opt(fc.constantFrom("stay", "rejoin")),
              lserviceOnSlave: opt(fc.boolean()),
              hungMasterArp: opt(fc.constantFrom("yields", "keeps-share")),
              adminActs: opt(fc.constantFrom("and-repaired", "blind")),
              adminRestartTo: opt(fc.constantFrom("configured", "slave")),
              mailDataShare: opt(fc.double({ min: 0, max: 1, noNaN: true })),
            })
            .map(compact),
        ),
        engine: opt(
          fc
            .record({
              heartbeats: opt(fc.constantFrom("closed-form", "simulated")),
              checkInvariants: opt(fc.boolean()),
              phases: opt(fc.constantFrom("random", "aligned")),
            })
            .map(compact),
        ),
      })
      .map((r) => compact({ ...r, horizon: formatDuration(horizonUs), ha }));
  });

describe("scenarioToRaw", () => {
  it("qualifies back to the same scenario, directly and through YAML text", () => {
    fc.assert(
      fc.property(scenarioArb, (raw) => {
        const q = qualifyScenario(raw, "gen.yaml");
        const effective = scenarioToRaw(q);
        expect(qualifyScenario(effective, "elsewhere.yaml")).toEqual(q);
        const text = YAML.stringify(effective);
        expect(
          qualifyScenario(parseScenarioText(text, "effective.yaml"), "effective.yaml"),
        ).toEqual(q);
        // The effective form is a fixed point: printing it twice gives the same file.
        expect(scenarioToRaw(qualifyScenario(effective, "x.yaml"))).toEqual(effective);
      }),
      { numRuns: 400 },
    );
  });

  it("writes rates in the unit where they read simply, exactly", () => {
    expect(formatRate(50)).toBe("50/s");
    expect(formatRate(0.5)).toBe("0.5/s");
    expect(formatRate(1 / 60)).toBe("1/min");
    expect(formatRate(120 / 3600)).toBe("2/min");
    expect(formatRate(1 / 3600)).toBe("1/h");
    expect(formatRate(1 / 7)).toBe(`${1 / 7}/s`);
  });

  it("writes every field, with units by name and durations as text", () => {
    const q = qualifyScenario(
      {
        horizon: "1d",
        nodes: [{ name: "fml-1" }, { name: "fml-2" }],
        workload: { arrivals: { rate: "3000/min" } },
        faults: [{ at: 5400, kind: "node-crash", node: "fml-2", duration: "30m" }],
        randomFaults: [{ kind: "downstream-outage", mtbf: "30d", repair: "1h" }],
      },
      "s.yaml",
    );
    const raw = scenarioToRaw(q);
    expect(raw.horizon).toBe("1d");
    expect(raw.faults).toEqual([
      { at: "1h30m", kind: "node-crash", duration: "30m", node: "fml-2", diskLost: false },
    ]);
    expect(raw.randomFaults).toEqual([
      { kind: "downstream-outage", mtbf: "30d", repair: { dist: "constant", value: "1h" } },
    ]);
    expect((raw.workload as Raw).arrivals).toEqual({
      rate: "50/s",
      process: "poisson",
      profile: "constant",
      peakFactor: 1.8,
      peakAt: "14h",
    });
    expect((raw.ha as Raw).rservice).toEqual({
      smtp: "off",
      pop3: "off",
      imap: "off",
      http: "off",
    });
    expect((raw.ha as Raw).admin).toEqual({
      responseTime: { dist: "lognormal", median: "4h", p95: "1d" },
      action: "restore",
    });
    expect(Object.keys(raw)).toEqual([
      "name",
      "description",
      "seed",
      "horizon",
      "drain",
      "replications",
      "policies",
      "nodes",
      "ha",
      "mta",
      "workload",
      "faults",
      "randomFaults",
      "assumptions",
      "engine",
    ]);
  });
});
