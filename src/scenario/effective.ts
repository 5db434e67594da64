/**
 * {@link QualifiedScenario} → the effective scenario as a user would write it: every field
 * present with its value after defaults and overrides, durations as `1h30m`, distributions as
 * specs, units by name. `hasim validate` prints it and `meta.json` stores it.
 *
 * It is the inverse of {@link qualifyScenario}: `qualifyScenario(scenarioToRaw(q))` deep-equals
 * `q` (a property test checks it), so the effective file reproduces the run exactly.
 *
 * @module
 */
import type { Dist } from "../kernel/dist.js";
import { formatDuration } from "../kernel/time.js";
import type { DistSpec } from "./dists.js";
import { FAULT_FIELDS, RANDOM_FAULT_FIELDS } from "./shape.js";
import {
  PROTOCOLS,
  type Assumptions,
  type FaultSpec,
  type LocalCheckConfig,
  type QualifiedScenario,
  type RandomFaultSpec,
} from "../config/scenario.js";

/**
 * The effective scenario as plain data, in the file format of `scenarios/README.md`.
 *
 * @param q - a qualified scenario.
 * @returns a mapping that serialises to YAML or JSON and qualifies back to `q`.
 */
export function scenarioToRaw(q: QualifiedScenario): Record<string, unknown> {
  const d = formatDuration;
  const name = (i: 0 | 1 | "any"): string => (i === "any" ? "any" : q.nodes[i].name);
  return {
    name: q.name,
    description: q.description,
    seed: q.seed,
    horizon: d(q.horizonUs),
    drain: d(q.drainUs),
    replications: q.replications,
    policies: [...q.policies],
    nodes: q.nodes.map((n) => ({ name: n.name, mode: n.mode })),
    ha: haToRaw(q),
    mta: {
      spoolCapacity: q.mta.spoolCapacity,
      deliveryWorkers: q.mta.deliveryWorkers,
      deliveryTime: distToSpec(q.mta.deliveryTime),
      queueRetry: d(q.mta.queueRetryUs),
      queueGiveUp: d(q.mta.queueGiveUpUs),
    },
    workload: {
      arrivals: {
        rate: formatRate(q.workload.arrivals.ratePerS),
        process: q.workload.arrivals.process,
        profile: q.workload.arrivals.profile,
        peakFactor: q.workload.arrivals.peakFactor,
        peakAt: d(q.workload.arrivals.peakAtUs),
      },
      senderRetry: {
        interval: d(q.workload.senderRetry.intervalUs),
        giveUp: d(q.workload.senderRetry.giveUpUs),
      },
    },
    faults: q.faults.map((f) => faultToRaw(f, name)),
    randomFaults: q.randomFaults.map((f) => randomFaultToRaw(f, name)),
    assumptions: assumptionsToRaw(q.assumptions),
    engine: { ...q.engine },
  };
}

/** The `ha` section, every protocol and check listed (`off` when not monitored). */
function haToRaw(q: QualifiedScenario): Record<string, unknown> {
  const d = formatDuration;
  return {
    heartbeat: {
      interval: d(q.ha.heartbeat.intervalUs),
      lostThreshold: q.ha.heartbeat.lostThreshold,
      secondaryLink: q.ha.heartbeat.secondaryLink,
    },
    remoteAsHeartbeat: q.ha.remoteAsHeartbeat,
    // Every protocol is listed, `off` for those not probed, so the effective file says so.
    rservice: Object.fromEntries(
      PROTOCOLS.map((p) => {
        const probe = q.ha.rservice.find((r) => r.protocol === p);
        return [
          p,
          probe
            ? {
                interval: d(probe.intervalUs),
                timeout: d(probe.timeoutUs),
                retries: probe.retries,
              }
            : "off",
        ];
      }),
    ),
    lservice: { ports: localCheck(q.ha.lservice.ports), hd: localCheck(q.ha.lservice.hd) },
    mailQueueSync: {
      enabled: q.ha.mailQueueSync.enabled,
      interval: d(q.ha.mailQueueSync.intervalUs),
    },
    mailDataSync: {
      enabled: q.ha.mailDataSync.enabled,
      interval: d(q.ha.mailDataSync.intervalUs),
    },
    holdOff: d(q.ha.holdOffUs),
    admin: {
      responseTime:
        q.ha.admin.responseTime === null ? "never" : distToSpec(q.ha.admin.responseTime),
      action: q.ha.admin.action,
    },
  };
}

/** In the README's order; the two durations lose their `Us`. */
function assumptionsToRaw(a: Assumptions): Record<string, unknown> {
  return {
    demotedQueue: a.demotedQueue,
    splitBrainHeal: a.splitBrainHeal,
    splitBrainShare: a.splitBrainShare,
    splitBrainSessionCutProbability: a.splitBrainSessionCutProbability,
    cutSessionWindow: formatDuration(a.cutSessionWindowUs),
    cutSessionDuplicateProbability: a.cutSessionDuplicateProbability,
    inflightDeliveredProbability: a.inflightDeliveredProbability,
    arpUpdateDelay: formatDuration(a.arpUpdateDelayUs),
    failedWithoutPeer: a.failedWithoutPeer,
    lserviceOnSlave: a.lserviceOnSlave,
    hungMasterArp: a.hungMasterArp,
    adminActs: a.adminActs,
    adminRestartTo: a.adminRestartTo,
    mailDataShare: a.mailDataShare,
    pushRatePerS: a.pushRatePerS,
  };
}

function localCheck(c: LocalCheckConfig | null): unknown {
  return c === null ? "off" : { interval: formatDuration(c.intervalUs), retries: c.retries };
}

/** A scheduled fault with its kind's fields only, in the order the README lists them. */
function faultToRaw(f: FaultSpec, name: (i: 0 | 1) => string): Record<string, unknown> {
  const out: Record<string, unknown> = { at: formatDuration(f.atUs), kind: f.kind };
  if (f.kind !== "admin") out.duration = formatDuration(f.durationUs);
  const fields = f as unknown as Record<string, unknown>;
  for (const key of FAULT_FIELDS[f.kind]) {
    if (key === "node") out[key] = name(fields.node as 0 | 1);
    else if (key === "down" || key === "up")
      out[key] = formatDuration(fields[`${key}Us`] as number);
    else out[key] = fields[key];
  }
  return out;
}

/** A random fault process with its kind's fields only (the others are defaults the qualifier refills). */
function randomFaultToRaw(
  f: RandomFaultSpec,
  name: (i: 0 | 1 | "any") => string,
): Record<string, unknown> {
  const own = RANDOM_FAULT_FIELDS[f.kind];
  const out: Record<string, unknown> = { kind: f.kind };
  if (own.includes("node")) out.node = name(f.node);
  out.mtbf = formatDuration(f.mtbfUs);
  out.repair = distToSpec(f.repair);
  const fields = f as unknown as Record<string, unknown>;
  for (const key of own) if (key !== "node") out[key] = fields[key];
  return out;
}

const RATE_UNITS: readonly (readonly [string, number])[] = [
  ["s", 1],
  ["min", 60],
  ["h", 3600],
  ["d", 86_400],
];

/**
 * A rate in the first unit where it reads simply (`50/s`, `1/min`, `120/h`) and parses back to
 * the same double; otherwise per second, since String(x) always reads back as x.
 */
export function formatRate(perS: number): string {
  for (const [unit, k] of RATE_UNITS) {
    const x = perS * k;
    if (x / k === perS && String(x).length <= 6) return `${x}/${unit}`;
  }
  return `${perS}/s`;
}

/** A compiled distribution back as the spec a user writes (its durations formatted), which compiles to the same {@link Dist}. */
export function distToSpec(d: Dist): DistSpec {
  const f = formatDuration;
  switch (d.dist) {
    case "constant":
      return { dist: "constant", value: f(d.valueUs) };
    case "exponential":
      return { dist: "exponential", mean: f(d.meanUs) };
    case "uniform":
      return { dist: "uniform", min: f(d.minUs), max: f(d.maxUs) };
    case "normal":
      return { dist: "normal", mean: f(d.meanUs), sd: f(d.sdUs) };
    case "lognormal":
      // mu and sigma are derived from these µs values, so they come back bit for bit.
      return "medianUs" in d
        ? { dist: "lognormal", median: f(d.medianUs), p95: f(d.p95Us) }
        : { dist: "lognormal", mean: f(d.meanUs), sd: f(d.sdUs) };
    case "weibull":
      return { dist: "weibull", shape: d.shape, scale: f(d.scaleUs) };
  }
}
