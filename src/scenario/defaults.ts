/**
 * Every field of a scenario file that holds a value: its type, its range and its default. This is
 * the one place a default or a range is written. The readers (`sections.ts`, `faults.ts`) take
 * them from here; `hasim validate` prints the result; `scenarios/README.md` and
 * `test/scenario/defaults.test.ts` are checked against this table by a test.
 *
 * Keys are the paths as `scenarios/README.md` writes them: `ha.heartbeat.interval`,
 * `ha.rservice.<protocol>.retries`, `faults[].link`. Durations and distributions are written as a
 * user would write them (`"5s"`), so the table reads like the README.
 *
 * Besides each field's own range, every time the simulation can reach (a duration, interval ×
 * retries, lostThreshold × interval, a distribution's far tail, each added to horizon + drain)
 * must stay inside the simulated clock's range: see `limits.ts`.
 *
 * @module
 */
import { POLICIES, PROTOCOLS, type NodeSpec } from "../config/scenario.js";
import type { DistSpec } from "./dists.js";

/** A duration field; `min` says whether 0 is allowed. `minUs`/`maxUs` narrow it, with `says` as the message. */
export interface DurationRule {
  readonly type: "duration";
  /** Absent = required. */
  readonly def?: string;
  readonly min: "zero" | "positive";
  readonly minUs?: number;
  readonly maxUs?: number;
  /** `maxUs` itself is refused. */
  readonly maxOpen?: boolean;
  /** The expectation when outside `minUs`/`maxUs`. */
  readonly says?: string;
  /** The range as the README's Unit column writes it, when `minUs`/`maxUs` narrow it. */
  readonly range?: string;
}
/** A whole number in [min, max]. */
export interface IntRule {
  readonly type: "int";
  readonly def?: number;
  readonly min: number;
  readonly max: number;
}
/** A number in [min, max] (or [min, max) with `maxOpen`). */
export interface NumberRule {
  readonly type: "number";
  readonly def: number;
  readonly min: number;
  readonly max: number;
  readonly maxOpen?: boolean;
}
/** A rate in events per second, in [minPerS, maxPerS]. */
export interface RateRule {
  readonly type: "rate";
  readonly def?: undefined;
  readonly minPerS: number;
  readonly maxPerS: number;
}
/** One of `values`. */
export interface ChoiceRule<T extends string = string> {
  readonly type: "choice";
  readonly def: T;
  readonly values: readonly T[];
}
export interface BoolRule {
  readonly type: "bool";
  readonly def: boolean;
}
export interface ProbabilityRule {
  readonly type: "probability";
  readonly def: number;
}
/** A distribution; `never` is allowed where `def` is `ha.admin.responseTime`'s. Absent = required. */
export interface DistRule {
  readonly type: "dist";
  readonly def?: DistSpec;
}
/** A value with no range (text, lists), with its default. `doc` is how the README words it. */
export interface OtherRule<T> {
  readonly type: "other";
  readonly def: T;
  readonly doc: string;
}

export type FieldRule =
  | DurationRule
  | IntRule
  | NumberRule
  | RateRule
  | ChoiceRule
  | BoolRule
  | ProbabilityRule
  | DistRule
  | OtherRule<unknown>;

const positive = (def?: string): DurationRule =>
  def === undefined
    ? { type: "duration", min: "positive" }
    : { type: "duration", def, min: "positive" };
const zeroOk = (def: string): DurationRule => ({ type: "duration", def, min: "zero" });
const int = (def: number, min: number, max: number): IntRule => ({
  type: "int",
  def,
  min,
  max,
});
const bool = (def: boolean): BoolRule => ({ type: "bool", def });
const probability = (def: number): ProbabilityRule => ({ type: "probability", def });
const choice = <T extends string>(values: readonly T[], def: T): ChoiceRule<T> => ({
  type: "choice",
  def,
  values,
});

/** Retries and thresholds: at least 1; 1000 is far beyond any real setting. */
const COUNT_MAX = 1000;
/** The seed is a whole number a float64 holds exactly. */
const SEED_MAX = Number.MAX_SAFE_INTEGER;
/** Independent replications per policy (each is a whole simulation). */
export const REPLICATIONS_MAX = 1_000_000;
/**
 * The slowest arrival rate: about one mail per 32 years. Below it the gap between arrivals leaves
 * the simulated clock's range (285 years) and the diurnal thinning loop cannot place an arrival.
 */
export const RATE_MIN_PER_S = 1e-9;
/** The fastest arrival rate: one mail per µs, the clock's resolution. */
export const RATE_MAX_PER_S = 1e6;

const US_PER_S = 1_000_000;
const US_PER_D = 86_400 * US_PER_S;

/** The table (see the module comment). Faults' kind-specific fields are under `faults[]` and `randomFaults[]`. */
export const DEFAULTS = {
  name: { type: "other", def: undefined, doc: "the file's base name" },
  description: { type: "other", def: "", doc: "empty" },
  seed: int(1, 0, SEED_MAX),
  horizon: positive(),
  drain: zeroOk("7d"),
  replications: int(1, 1, REPLICATIONS_MAX),
  policies: { type: "other", def: POLICIES, doc: "all three" },
  nodes: {
    type: "other",
    def: [
      { name: "A", mode: "master" },
      { name: "B", mode: "slave" },
    ] as readonly NodeSpec[],
    doc: "`[{name: A, mode: master}, {name: B, mode: slave}]`",
  },
  "ha.heartbeat.interval": positive("5s"),
  "ha.heartbeat.lostThreshold": int(3, 1, COUNT_MAX),
  "ha.heartbeat.secondaryLink": bool(false),
  "ha.remoteAsHeartbeat": bool(false),
  "ha.rservice.<protocol>.interval": positive("30s"),
  "ha.rservice.<protocol>.timeout": positive("5s"),
  "ha.rservice.<protocol>.retries": int(3, 1, COUNT_MAX),
  "ha.lservice.<check>.interval": {
    type: "duration",
    def: "10s",
    min: "positive",
    minUs: US_PER_S,
    maxUs: 60 * US_PER_S,
    says: "expected a duration from 1s to 60s (the documented range)",
    range: "duration, 1s–60s",
  },
  "ha.lservice.<check>.retries": int(3, 1, COUNT_MAX),
  "ha.mailQueueSync.enabled": bool(false),
  "ha.mailQueueSync.interval": positive("5m"),
  "ha.mailDataSync.enabled": bool(true),
  "ha.mailDataSync.interval": positive("20m"),
  "ha.holdOff": zeroOk("15m"),
  "ha.admin.responseTime": { type: "dist", def: { dist: "lognormal", median: "4h", p95: "24h" } },
  "ha.admin.action": choice(["restore", "restart"] as const, "restore"),
  "mta.spoolCapacity": int(100_000, 1, 1_000_000_000),
  "mta.deliveryWorkers": int(8, 1, 100_000),
  "mta.deliveryTime": { type: "dist", def: { dist: "exponential", mean: "100ms" } },
  "mta.queueRetry": positive("27m"),
  "mta.queueGiveUp": positive("5d"),
  "workload.arrivals.rate": { type: "rate", minPerS: RATE_MIN_PER_S, maxPerS: RATE_MAX_PER_S },
  "workload.arrivals.process": choice(["poisson", "periodic"] as const, "poisson"),
  "workload.arrivals.profile": choice(["constant", "diurnal"] as const, "constant"),
  "workload.arrivals.peakFactor": { type: "number", def: 1.8, min: 1, max: 2, maxOpen: true },
  "workload.arrivals.peakAt": {
    type: "duration",
    def: "14h",
    min: "zero",
    maxUs: US_PER_D,
    maxOpen: true,
    says: "expected a time of day from 0s to before 24h",
    range: "duration, 0s ≤ t < 24h",
  },
  "workload.senderRetry.interval": positive("15m"),
  "workload.senderRetry.giveUp": zeroOk("5d"),
  "faults[].at": { type: "duration", min: "zero" },
  "faults[].duration": positive(),
  "faults[].diskLost": bool(false),
  "faults[].link": choice(["primary", "secondary", "all"] as const, "all"),
  "faults[].from": choice(["peer", "senders", "downstream", "all"] as const, "peer"),
  "faults[].direction": choice(["both", "inbound", "outbound"] as const, "both"),
  "faults[].service": choice(["ports", "hd"] as const, "hd"),
  "faults[].protocol": choice([...PROTOCOLS, "all"] as const, "all"),
  "faults[].monitor": choice(["rservice", "lservice", "all"] as const, "all"),
  "faults[].down": positive(),
  "faults[].up": positive(),
  "faults[].action": choice(["restore", "restart", "resync"] as const, "restore"),
  "randomFaults[].mtbf": positive(),
  "randomFaults[].repair": { type: "dist" },
  "randomFaults[].node": { type: "other", def: "any", doc: "`any`" },
  "randomFaults[].diskLostProbability": probability(0),
  "assumptions.demotedQueue": choice(["push", "keep-and-deliver", "strand"] as const, "strand"),
  "assumptions.splitBrainHeal": choice(
    ["configured-master", "longest-master"] as const,
    "configured-master",
  ),
  "assumptions.splitBrainShare": probability(0.5),
  "assumptions.splitBrainSessionCutProbability": probability(0.01),
  "assumptions.cutSessionWindow": zeroOk("1s"),
  "assumptions.cutSessionDuplicateProbability": probability(0.5),
  "assumptions.inflightDeliveredProbability": probability(0.5),
  "assumptions.arpUpdateDelay": zeroOk("0s"),
  "assumptions.failedWithoutPeer": choice(["stay", "rejoin"] as const, "stay"),
  "assumptions.lserviceOnSlave": bool(false),
  "assumptions.hungMasterArp": choice(["yields", "keeps-share"] as const, "yields"),
  "assumptions.adminActs": choice(["and-repaired", "blind"] as const, "and-repaired"),
  "assumptions.adminRestartTo": choice(["configured", "slave"] as const, "configured"),
  "assumptions.mailDataShare": probability(0.05),
  "assumptions.pushRatePerS": { type: "number", def: 100, min: 0, max: RATE_MAX_PER_S },
  "engine.heartbeats": choice(["closed-form", "simulated"] as const, "closed-form"),
  "engine.checkInvariants": bool(false),
  "engine.mail": choice(["exact", "events", "episodes"] as const, "exact"),
  "engine.phases": choice(["random", "aligned"] as const, "random"),
} as const satisfies Readonly<Record<string, FieldRule>>;

/** A path of {@link DEFAULTS}. */
export type FieldPath = keyof typeof DEFAULTS;

/** A number as the README and messages write it: `1e-9`, `1e6`, `0.5`, `1000`. */
export function formatNumber(x: number): string {
  return x !== 0 && (Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3)
    ? x.toExponential().replace("e+", "e")
    : String(x);
}

/** A rule's range as the README's Unit column writes it (for the rules that have numbers). */
export function rangeText(rule: FieldRule): string | undefined {
  switch (rule.type) {
    case "duration":
      return rule.range ?? (rule.min === "zero" ? "duration ≥ 0" : "duration > 0");
    case "int":
      return rule.max === Number.MAX_SAFE_INTEGER
        ? `whole number ≥ ${rule.min} (below 2^53)`
        : `whole number, ${formatNumber(rule.min)}–${formatNumber(rule.max)}`;
    case "number":
      return `number, ${rule.min} ≤ x ${rule.maxOpen === true ? "<" : "≤"} ${rule.max}`;
    case "rate":
      return `rate, ${formatNumber(rule.minPerS)}/s–${formatNumber(rule.maxPerS)}/s`;
    case "probability":
      return "probability";
    default:
      return undefined;
  }
}

/** A rule's default as the README's Default column writes it. */
export function defaultText(rule: FieldRule): string {
  if (rule.type === "other") return rule.doc;
  if (rule.def === undefined) return "**required**";
  if (typeof rule.def === "object") {
    const fields = Object.entries(rule.def).map(([k, v]) => `${k}: ${String(v)}`);
    return `\`{${fields.join(", ")}}\``;
  }
  return `\`${String(rule.def)}\``;
}
