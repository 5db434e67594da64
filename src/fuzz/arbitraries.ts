/**
 * fast-check arbitraries of fuzz cases: a simulation seed, an HA configuration and a fault
 * schedule, all plain data, drawn on top of a scenario.
 *
 * Shrinking: each fault is a flat record whose `kind` is a `constantFrom` over
 * {@link FUZZ_KINDS}, so fast-check shrinks a fault towards the kinds listed first (a
 * `link-down` is the simplest fault), durations towards the minimum and start times towards 0;
 * the list shrinks by dropping faults. Faults a case cannot use (a disabled kind, a secondary-link
 * fault without a secondary link) are dropped rather than filtered out of generation, so the
 * shrinker sees one smooth space. `caseScenario` (counterexample.ts) turns a case into the
 * scenario it runs.
 *
 * @module
 */
import fc from "fast-check";
import { FUZZ_KINDS } from "./kinds.js";
import type {
  FaultKind,
  FaultSpec,
  LinkName,
  NodeIndex,
  Policy,
  QualifiedScenario,
} from "../config/scenario.js";

export { FUZZ_KINDS } from "./kinds.js";

/** The HA settings a case runs with: the scenario's own, or (with `--swarm`) drawn within ranges. */
export interface FuzzConfig {
  readonly policy: Policy;
  readonly lostThreshold: number;
  readonly secondaryLink: boolean;
  readonly remoteAsHeartbeat: boolean;
  readonly mailQueueSync: boolean;
}

/** One generated case. Every field is data; the same case always gives the same run. */
export interface FuzzCase {
  /** Root seed of the simulation (the scenario's `seed`). */
  readonly seed: number;
  readonly config: FuzzConfig;
  /** Fault kinds this case may use (all of the limits' kinds unless `--swarm` drew a subset). */
  readonly kinds: readonly FaultKind[];
  /** The schedule: sorted by start, starts at least `minGapUs` apart, every start before the horizon. */
  readonly faults: readonly FaultSpec[];
}

/** Bounds on generated schedules: the stability windows and the count. */
export interface ScheduleLimits {
  /** At most this many faults per case. Default 3. */
  readonly maxFaults: number;
  /** Shortest fault (and flapping down/up phase). Default 10 s. */
  readonly minDurationUs: number;
  /** Longest fault. Default half the horizon, at most 2 h. */
  readonly maxDurationUs: number;
  /** Two faults never start closer than this (a stability window). Default 30 s. */
  readonly minGapUs: number;
  /** Kinds that may be drawn. Default {@link FUZZ_KINDS}. */
  readonly kinds: readonly FaultKind[];
}

/** The default limits for a horizon. */
export function defaultLimits(
  horizonUs: number,
  over: Partial<ScheduleLimits> = {},
): ScheduleLimits {
  const maxDurationUs = Math.max(60e6, Math.min(Math.floor(horizonUs / 2), 2 * 3600e6));
  return {
    maxFaults: 3,
    minDurationUs: 10e6,
    maxDurationUs,
    minGapUs: 30e6,
    kinds: FUZZ_KINDS,
    ...over,
  };
}

/** A fault before it meets a configuration: every kind-specific field present; times in whole seconds. */
interface FaultTemplate {
  readonly kind: FaultKind;
  readonly atS: number;
  readonly durationS: number;
  readonly node: NodeIndex;
  readonly link: LinkName;
  readonly diskLost: boolean;
  readonly from: "peer" | "senders" | "downstream" | "all";
  readonly direction: "both" | "inbound" | "outbound";
  readonly service: "hd" | "ports";
  readonly monitor: "rservice" | "lservice" | "all";
  readonly flapS: readonly [number, number];
}

function templateArb(horizonUs: number, l: ScheduleLimits): fc.Arbitrary<FaultTemplate> {
  const minS = Math.max(1, Math.ceil(l.minDurationUs / 1e6));
  const maxS = Math.max(minS, Math.floor(l.maxDurationUs / 1e6));
  const phase = fc.integer({ min: minS, max: Math.max(minS, Math.min(maxS, 600)) });
  return fc.record({
    kind: fc.constantFrom(...l.kinds),
    atS: fc.integer({ min: 0, max: Math.max(0, Math.ceil(horizonUs / 1e6) - 1) }),
    durationS: fc.integer({ min: minS, max: maxS }),
    node: fc.constantFrom<NodeIndex>(0, 1),
    link: fc.constantFrom<LinkName>("all", "primary", "secondary"),
    diskLost: fc.boolean(),
    from: fc.constantFrom("peer", "senders", "downstream", "all"),
    direction: fc.constantFrom("both", "inbound", "outbound"),
    service: fc.constantFrom("hd", "ports"),
    monitor: fc.constantFrom("rservice", "lservice", "all"),
    flapS: fc.tuple(phase, phase),
  });
}

/** The scenario's probes, or an SMTP probe with the documented defaults when remote-as-heartbeat needs one. */
export function probesFor(
  base: QualifiedScenario,
  config: FuzzConfig,
): QualifiedScenario["ha"]["rservice"] {
  if (base.ha.rservice.length > 0 || !config.remoteAsHeartbeat) return base.ha.rservice;
  return [{ protocol: "smtp", intervalUs: 30e6, timeoutUs: 5e6, retries: 3 }];
}

/** A template as a fault of this configuration, or null when the configuration cannot have it. */
function toFault(
  t: FaultTemplate,
  atUs: number,
  config: FuzzConfig,
  probes: boolean,
): FaultSpec | null {
  const base = { atUs, durationUs: t.durationS * 1e6 };
  if (
    t.link === "secondary" &&
    !config.secondaryLink &&
    (t.kind === "link-down" || t.kind === "flapping")
  )
    return null;
  switch (t.kind) {
    case "node-crash":
      return { ...base, kind: t.kind, node: t.node, diskLost: t.diskLost };
    case "node-hang":
    case "reboot":
      return { ...base, kind: t.kind, node: t.node };
    case "link-down":
      return { ...base, kind: t.kind, link: t.link };
    case "flapping":
      return {
        ...base,
        kind: t.kind,
        link: t.link,
        downUs: t.flapS[0] * 1e6,
        upUs: t.flapS[1] * 1e6,
      };
    case "partition":
      return { ...base, kind: t.kind, node: t.node, from: t.from, direction: t.direction };
    case "lservice-failure":
      return { ...base, kind: t.kind, node: t.node, service: t.service };
    case "rservice-false-alarm":
      return probes ? { ...base, kind: t.kind, node: t.node, protocol: "all" } : null;
    case "monitor-blind":
      return { ...base, kind: t.kind, node: t.node, monitor: t.monitor };
    case "downstream-outage":
      return { ...base, kind: t.kind };
    case "admin":
      return null;
  }
}

/**
 * Templates → the schedule: drop what the case cannot use, sort by start (stable), then push
 * each start to at least `minGapUs` after the previous one so faults do not flip every instant;
 * a fault pushed past the horizon is dropped.
 */
function schedule(
  ts: readonly FaultTemplate[],
  c: Omit<FuzzCase, "faults">,
  probes: boolean,
  horizonUs: number,
  gapUs: number,
): FaultSpec[] {
  const usable = ts.filter((t) => c.kinds.includes(t.kind)).sort((a, b) => a.atS - b.atS);
  const out: FaultSpec[] = [];
  let last = -Infinity;
  for (const t of usable) {
    const atUs = Math.max(t.atS * 1e6, last + gapUs);
    if (atUs >= horizonUs) break;
    const f = toFault(t, atUs, c.config, probes);
    if (f === null) continue;
    out.push(f);
    last = atUs;
  }
  return out;
}

function configArb(base: QualifiedScenario, swarm: boolean): fc.Arbitrary<FuzzConfig> {
  const hb = base.ha.heartbeat;
  const policy = fc.constantFrom(...base.policies);
  if (!swarm) {
    return policy.map((p) => ({
      policy: p,
      lostThreshold: hb.lostThreshold,
      secondaryLink: hb.secondaryLink,
      remoteAsHeartbeat: base.ha.remoteAsHeartbeat,
      mailQueueSync: base.ha.mailQueueSync.enabled,
    }));
  }
  return fc.record({
    policy,
    lostThreshold: fc.integer({ min: 2, max: 6 }),
    secondaryLink: fc.boolean(),
    remoteAsHeartbeat: fc.boolean(),
    mailQueueSync: fc.boolean(),
  });
}

/** Largest seed drawn: any non-negative integer is a valid scenario seed. */
export const MAX_SEED = 0x7fffffff;

/**
 * Cases on top of `base`. Without `swarm` the configuration is the scenario's (only the policy
 * is drawn from its `policies`); with `swarm` each case also draws the enabled fault kinds and
 * the configuration within ranges (policy, lostThreshold 2–6, secondary link, remote-as-heartbeat,
 * MTA queue sync), as in swarm testing.
 */
export function caseArb(
  base: QualifiedScenario,
  swarm: boolean,
  limits: ScheduleLimits = defaultLimits(base.horizonUs),
): fc.Arbitrary<FuzzCase> {
  const kinds = swarm
    ? fc.subarray([...limits.kinds], { minLength: 1 })
    : fc.constant(limits.kinds);
  return fc
    .record({
      seed: fc.integer({ min: 0, max: MAX_SEED }),
      config: configArb(base, swarm),
      kinds,
      templates: fc.array(templateArb(base.horizonUs, limits), { maxLength: limits.maxFaults }),
    })
    .map(({ seed, config, kinds, templates }) => {
      const head = { seed, config, kinds };
      const probes = probesFor(base, config).length > 0;
      return {
        ...head,
        faults: schedule(templates, head, probes, base.horizonUs, limits.minGapUs),
      };
    });
}
