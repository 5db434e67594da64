/**
 * Raw scenario data → {@link QualifiedScenario}: validates every field and fills the defaults.
 *
 * Validation is hand-written rather than zod: the messages are the product here. Each check knows
 * the field's unit and range and says so in one line (`expected a duration such as 15s, 5m or
 * 1h30m`); unknown fields get a did-you-mean from the fields allowed at that exact place (which,
 * for a fault, depends on its `kind`); node names are resolved against `nodes`; and cross-field
 * rules (a fault before the horizon, a secondary-link fault needs `secondaryLink`) point at the
 * field to fix. A zod schema would need a custom message on nearly every node to say the same.
 *
 * The field tree ({@link SCENARIO_SHAPE}) is declared once here and shared with the `--set`
 * override checker, so the two cannot disagree about which paths exist.
 *
 * Defaults come from the TSDoc of `types.ts` and from `fortimail-ha.md`; `scenarios/README.md`
 * documents each one with its basis.
 *
 * @module
 */
import { DIST_NAMES, DistError, parseDurationDist, type Dist } from "../kernel/dist.js";
import {
  MAX_TIME_US,
  US_PER_D,
  US_PER_S,
  formatDuration,
  parseDurationUs,
  parseRatePerS,
} from "../kernel/time.js";
import { ROOT_PATH, ScenarioError, describeValue, joinPath } from "./errors.js";
import { didYouMean } from "./suggest.js";
import {
  FAULT_KINDS,
  POLICIES,
  POLICY_ALIASES,
  PROTOCOLS,
  type AdminConfig,
  type Assumptions,
  type EngineOptions,
  type FaultKind,
  type FaultSpec,
  type HaConfig,
  type LinkName,
  type LocalCheckConfig,
  type MtaConfig,
  type NodeIndex,
  type NodeSpec,
  type Policy,
  type ProbeConfig,
  type QualifiedScenario,
  type RandomFaultSpec,
  type WorkloadConfig,
} from "../config/scenario.js";

// ─── The field tree ──────────────────────────────────────────────────────────────────────────

/** Where a field sits in the file: a value, a mapping of named fields, a list, or a fault list item whose fields depend on `kind`. */
export type Shape =
  | { readonly t: "leaf" }
  | { readonly t: "map"; readonly fields: Readonly<Record<string, Shape>> }
  | { readonly t: "list"; readonly item: Shape }
  | { readonly t: "byKind"; readonly fields: Readonly<Record<string, readonly string[]>> };

const leaf: Shape = { t: "leaf" };
const map = (fields: Record<string, Shape>): Shape => ({ t: "map", fields });
const leaves = (...names: string[]): Shape => map(Object.fromEntries(names.map((n) => [n, leaf])));

/** The fields of a distribution spec (the kernel validates which go with which `dist`). */
const DIST = leaves("dist", "value", "mean", "min", "max", "sd", "median", "p95", "shape", "scale");
const PROBE = leaves("interval", "timeout", "retries");
const NODE = leaves("name", "mode");
const CHECK = leaves("interval", "retries");

/** Kind-specific fields of a scheduled fault, besides `at`, `kind` and `duration`. */
export const FAULT_FIELDS: Readonly<Record<FaultKind, readonly string[]>> = {
  "node-crash": ["node", "diskLost"],
  "node-hang": ["node"],
  reboot: ["node"],
  "link-down": ["link"],
  partition: ["node", "from", "direction"],
  "lservice-failure": ["node", "service"],
  "rservice-false-alarm": ["node", "protocol"],
  "monitor-blind": ["node", "monitor"],
  "downstream-outage": [],
  flapping: ["link", "down", "up"],
  admin: ["node", "action"],
};
/** Every field a scheduled fault of `kind` may have. An admin action is instantaneous: no `duration`. */
function faultFieldsOf(kind: FaultKind): readonly string[] {
  return ["at", "kind", ...(kind === "admin" ? [] : ["duration"]), ...FAULT_FIELDS[kind]];
}

export type RandomFaultKind = RandomFaultSpec["kind"];
/** Fault kinds a random process can produce: `admin` and `flapping` are scheduled only. */
export const RANDOM_FAULT_KINDS: readonly RandomFaultKind[] = FAULT_KINDS.filter(
  (k): k is RandomFaultKind => k !== "admin" && k !== "flapping",
);
/** Kind-specific fields of a random fault process, besides `kind`, `mtbf` and `repair`. */
export const RANDOM_FAULT_FIELDS: Readonly<Record<RandomFaultKind, readonly string[]>> = {
  "node-crash": ["node", "diskLostProbability"],
  "node-hang": ["node"],
  reboot: ["node"],
  "link-down": ["link"],
  partition: ["node", "from", "direction"],
  "lservice-failure": ["node", "service"],
  "rservice-false-alarm": ["node", "protocol"],
  "monitor-blind": ["node", "monitor"],
  "downstream-outage": [],
};
function randomFieldsOf(kind: RandomFaultKind): readonly string[] {
  return ["kind", "mtbf", "repair", ...RANDOM_FAULT_FIELDS[kind]];
}

/** The file format, field by field (the names a user writes, not the `…Us` names of the qualified type). */
export const SCENARIO_SHAPE: Shape = map({
  name: leaf,
  description: leaf,
  seed: leaf,
  horizon: leaf,
  drain: leaf,
  replications: leaf,
  policies: { t: "list", item: leaf },
  nodes: { t: "list", item: NODE },
  ha: map({
    heartbeat: leaves("interval", "lostThreshold", "secondaryLink"),
    remoteAsHeartbeat: leaf,
    rservice: map(Object.fromEntries(PROTOCOLS.map((p) => [p, PROBE]))),
    lservice: map({ ports: CHECK, hd: CHECK }),
    mailQueueSync: leaves("enabled", "interval"),
    mailDataSync: leaves("enabled", "interval"),
    holdOff: leaf,
    admin: map({ responseTime: DIST, action: leaf }),
  }),
  mta: map({
    spoolCapacity: leaf,
    deliveryWorkers: leaf,
    deliveryTime: DIST,
    queueRetry: leaf,
    queueGiveUp: leaf,
  }),
  workload: map({
    arrivals: leaves("rate", "process", "profile", "peakFactor", "peakAt"),
    senderRetry: leaves("interval", "giveUp"),
  }),
  faults: {
    t: "list",
    item: {
      t: "byKind",
      fields: Object.fromEntries(FAULT_KINDS.map((k) => [k, faultFieldsOf(k)])),
    },
  },
  randomFaults: {
    t: "list",
    item: {
      t: "byKind",
      fields: Object.fromEntries(RANDOM_FAULT_KINDS.map((k) => [k, randomFieldsOf(k)])),
    },
  },
  assumptions: leaves(
    "demotedQueue",
    "splitBrainHeal",
    "splitBrainShare",
    "splitBrainSessionCutProbability",
    "cutSessionWindow",
    "cutSessionDuplicateProbability",
    "inflightDeliveredProbability",
    "arpUpdateDelay",
    "failedWithoutPeer",
    "lserviceOnSlave",
    "hungMasterArp",
    "adminActs",
    "adminRestartTo",
    "mailDataShare",
  ),
  engine: leaves("heartbeats", "checkInvariants", "phases"),
});

/** The field names allowed in a list item of `byKind` shape: those of `kind`, or of every kind when it is unknown. */
export function byKindFields(
  shape: { readonly fields: Readonly<Record<string, readonly string[]>> },
  kind: unknown,
): readonly string[] {
  const own = typeof kind === "string" ? shape.fields[kind] : undefined;
  return own ?? [...new Set(Object.values(shape.fields).flat())];
}

/** Every mapping path of the tree by its last key (`heartbeat` → `ha.heartbeat`), to hint at a field written at the wrong level. */
const PATHS_BY_KEY: ReadonlyMap<string, string> = (() => {
  const out = new Map<string, string>();
  const walk = (s: Shape, path: string): void => {
    if (s.t === "map") {
      for (const [k, sub] of Object.entries(s.fields)) {
        const p = joinPath(path, k);
        if (!out.has(k.toLowerCase())) out.set(k.toLowerCase(), p);
        walk(sub, p);
      }
    } else if (s.t === "list") walk(s.item, `${path}[i]`);
    else if (s.t === "byKind") {
      for (const k of byKindFields(s, undefined))
        if (!out.has(k.toLowerCase())) out.set(k.toLowerCase(), `${path}.${k}`);
    }
  };
  walk(SCENARIO_SHAPE, "");
  return out;
})();

/**
 * The hint for an unknown field: a close sibling (`hearbeat` → `heartbeat`), else the place the
 * same name belongs (`heartbeat` at the top → `ha.heartbeat`).
 */
export function unknownFieldHint(key: string, allowed: readonly string[]): string | undefined {
  const near = didYouMean(key, allowed);
  if (near !== undefined) return `did you mean "${near}"?`;
  const elsewhere = PATHS_BY_KEY.get(key.toLowerCase());
  if (elsewhere !== undefined) return `"${key}" belongs at ${elsewhere}`;
  const farKey = didYouMean(key, PATHS_BY_KEY.keys());
  return farKey !== undefined ? `did you mean ${PATHS_BY_KEY.get(farKey)}?` : undefined;
}

// ─── Checked readers ─────────────────────────────────────────────────────────────────────────

const DURATION = "a duration such as 15s, 5m or 1h30m";
/** Said when a duration does not parse, so the user sees which units exist. */
const DURATION_UNITS = `${DURATION} (units us, ms, s, m, h, d, w; a bare number is seconds)`;

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A mapping whose keys have been checked against the fields allowed at its path; reads them with their units and defaults. */
class Fields {
  private constructor(
    readonly file: string,
    readonly path: string,
    readonly obj: Readonly<Record<string, unknown>>,
    /** A list read item by item: keys are indices and paths read `faults[1]`. */
    private readonly indexed = false,
  ) {}

  /** The items of a list, read by index (`"0"`, `"1"`…) with paths such as `policies[1]`. */
  static list(file: string, path: string, items: readonly unknown[]): Fields {
    return new Fields(file, path, Object.fromEntries(items.map((x, i) => [String(i), x])), true);
  }

  /**
   * Checks `value` is a mapping (absent or empty = `{}`) holding only `allowed` keys.
   *
   * @param what - names the mapping in "expected a field of …" (e.g. `ha.heartbeat`, `a reboot fault`).
   */
  static of(
    file: string,
    path: string,
    value: unknown,
    allowed: readonly string[],
    what: string,
    hint: (key: string) => string | undefined = (key) => unknownFieldHint(key, allowed),
  ): Fields {
    if (value === undefined || value === null) return new Fields(file, path, {});
    if (!isMapping(value)) {
      throw new ScenarioError(
        file,
        path,
        `expected a mapping with the fields ${allowed.join(", ")}`,
        describeValue(value),
      );
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        throw new ScenarioError(
          file,
          joinPath(path, key),
          `expected a field of ${what} (${allowed.join(", ")})`,
          `unknown field "${key}"`,
          hint(key),
        );
      }
    }
    return new Fields(file, path, value);
  }

  /** The path of a field of this mapping. */
  at(key: string): string {
    return joinPath(this.path, this.indexed ? Number(key) : key);
  }

  get(key: string): unknown {
    return Object.hasOwn(this.obj, key) ? this.obj[key] : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Throws the one-line error for field `key`, showing its current value. */
  fail(key: string, expected: string, hint?: string): never {
    throw new ScenarioError(this.file, this.at(key), expected, describeValue(this.get(key)), hint);
  }

  /** Fails for a missing field that has no default. */
  private required(key: string, expected: string): never {
    return this.fail(key, `${expected} (required)`);
  }

  /** A nested mapping of `shape`-listed fields. */
  section(key: string, allowed: readonly string[]): Fields {
    return Fields.of(this.file, this.at(key), this.get(key), allowed, this.at(key));
  }

  /**
   * A duration in µs. `min: "zero"` allows 0 (say so in the field's docs); the default is `positive`.
   * Negative values are named as such, because "expected a duration" alone would puzzle.
   */
  duration(key: string, def: number | undefined, min: "zero" | "positive" = "positive"): number {
    const v = this.get(key);
    if (v === undefined) return def ?? this.required(key, `expected ${DURATION}`);
    if (typeof v !== "string" && typeof v !== "number")
      this.fail(key, `expected ${DURATION_UNITS}`);
    const negative = typeof v === "number" ? v < 0 : /^\s*-/.test(v);
    if (negative)
      this.fail(
        key,
        min === "zero" ? "expected a duration of 0s or more" : "expected a duration greater than 0",
      );
    let us: number;
    try {
      us = parseDurationUs(v);
    } catch {
      return this.fail(key, `expected ${DURATION_UNITS}`);
    }
    if (!Number.isSafeInteger(us) || us > MAX_TIME_US)
      this.fail(key, "expected a duration shorter than 285 years");
    if (min === "positive" && us === 0) this.fail(key, "expected a duration greater than 0");
    return us;
  }

  /** A whole number in [min, max]. */
  int(key: string, def: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.get(key);
    const expected =
      max === Number.MAX_SAFE_INTEGER
        ? `expected a whole number ≥ ${min}`
        : `expected a whole number from ${min} to ${max}`;
    if (v === undefined) return def ?? this.required(key, expected);
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max)
      this.fail(key, expected);
    return v;
  }

  /** A number in [min, max] (or [min, max) with `maxOpen`). */
  num(key: string, def: number | undefined, min: number, max: number, maxOpen = false): number {
    const v = this.get(key);
    const expected = `expected a number from ${min} to ${max}${maxOpen ? " (exclusive)" : ""}`;
    if (v === undefined) return def ?? this.required(key, expected);
    if (
      typeof v !== "number" ||
      !Number.isFinite(v) ||
      v < min ||
      v > max ||
      (maxOpen && v === max)
    )
      this.fail(key, expected);
    return v;
  }

  /** A probability in [0, 1]. */
  probability(key: string, def: number): number {
    return this.num(key, def, 0, 1);
  }

  bool(key: string, def: boolean): boolean {
    const v = this.get(key);
    if (v === undefined) return def;
    // YAML 1.2 reads yes/no/on/off as text, unlike YAML 1.1: say so rather than just "got "yes"".
    const yaml11 = typeof v === "string" && /^(y|yes|n|no|on|off)$/i.test(v);
    if (typeof v !== "boolean")
      this.fail(
        key,
        "expected true or false",
        yaml11 ? "YAML 1.2 reads yes, no, on and off as text" : undefined,
      );
    return v;
  }

  /** A string (any text when `pattern` is absent). */
  str(key: string, def: string | undefined, pattern?: { re: RegExp; says: string }): string {
    const v = this.get(key);
    if (v === undefined)
      return def ?? this.required(key, `expected ${pattern?.says ?? "a string"}`);
    if (typeof v !== "string" || (pattern !== undefined && !pattern.re.test(v)))
      this.fail(key, `expected ${pattern?.says ?? "a string"}`);
    return v;
  }

  /** One of `values` (or an alias of one), with a did-you-mean. */
  oneOf<T extends string>(
    key: string,
    values: readonly T[],
    def: T | undefined,
    aliases: Readonly<Record<string, T>> = {},
  ): T {
    const v = this.get(key);
    const names = Object.keys(aliases);
    const expected = `expected one of ${values.join(", ")}${names.length > 0 ? ` (or ${names.join(", ")})` : ""}`;
    if (v === undefined) return def ?? this.required(key, expected);
    if (typeof v === "string") {
      if ((values as readonly string[]).includes(v)) return v as T;
      const alias = Object.hasOwn(aliases, v) ? aliases[v] : undefined;
      if (alias !== undefined) return alias;
    }
    const near = typeof v === "string" ? didYouMean(v, [...values, ...names]) : undefined;
    return this.fail(key, expected, near !== undefined ? `did you mean "${near}"?` : undefined);
  }

  /** A rate in events per second (`50/s`, `3000/min`); zero is refused. */
  rate(key: string): number {
    const v = this.get(key);
    const expected = "expected a positive rate such as 50/s, 3000/min or 120/h";
    if (v === undefined) this.required(key, expected);
    if (typeof v !== "string" && typeof v !== "number") this.fail(key, expected);
    try {
      return parseRatePerS(v);
    } catch {
      return this.fail(key, expected);
    }
  }

  /** A duration distribution; the kernel's {@link DistError} path is appended to this field's path. */
  dist(key: string, def: unknown): Dist {
    const v = this.get(key);
    if (v === undefined) return parseDurationDist(def);
    return readDist(this.file, this.at(key), v);
  }
}

/** Compiles a distribution spec, turning the kernel's error into a one-line scenario error. */
function readDist(file: string, path: string, spec: unknown): Dist {
  try {
    return parseDurationDist(spec);
  } catch (e) {
    if (!(e instanceof DistError)) throw e;
    const sub = e.path ? joinPath(path, e.path) : path;
    throw distScenarioError(file, sub, e, spec);
  }
}

// ─── Defaults that are distributions (specs, compiled per call) ──────────────────────────────

/** Admin response time: median 4 h, 95% within a day [I]. */
export const DEFAULT_ADMIN_RESPONSE = { dist: "lognormal", median: "4h", p95: "24h" } as const;
/** Time to hand one mail to the downstream server [I]. */
export const DEFAULT_DELIVERY_TIME = { dist: "exponential", mean: "100ms" } as const;

// ─── The scenario ────────────────────────────────────────────────────────────────────────────

const NAME = {
  re: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  says: "a name of letters, digits, '.', '_' or '-' (it names the results folder)",
};
const NODE_NAME = {
  re: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  says: "a unit name of letters, digits, '.', '_' or '-'",
};

/**
 * Validates raw scenario data and fills every default.
 *
 * `name` defaults to the file's base name without its extension (`scenarios/primary-crash.yaml`
 * → `primary-crash`), made safe for a folder name. Faults come out sorted by start time (stable).
 *
 * @param raw - the data from {@link parseScenarioText}, possibly after {@link applyOverrides}.
 * @param file - the file name, for messages and the default name.
 * @throws ScenarioError naming the first field that is wrong.
 */
export function qualifyScenario(raw: unknown, file: string): QualifiedScenario {
  if (raw === undefined || raw === null) {
    throw new ScenarioError(
      file,
      ROOT_PATH,
      "expected a scenario mapping with at least horizon and workload",
      "an empty file",
    );
  }
  const top = Fields.of(file, "", raw, fieldNames(SCENARIO_SHAPE), "a scenario");
  const name = top.str("name", defaultName(file), NAME);
  const description = top.str("description", "");
  const seed = top.int("seed", 1, 0);
  const horizonUs = top.duration("horizon", undefined);
  const drainUs = top.duration("drain", 7 * US_PER_D, "zero");
  if (!Number.isSafeInteger(horizonUs + drainUs))
    top.fail("drain", "expected horizon + drain shorter than 285 years");
  const replications = top.int("replications", 1, 1);
  const policies = readPolicies(top);
  const nodes = readNodes(top);
  const ha = readHa(top.section("ha", fieldNames(SCENARIO_SHAPE, "ha")));
  const mta = readMta(top.section("mta", fieldNames(SCENARIO_SHAPE, "mta")));
  const workload = readWorkload(top.section("workload", fieldNames(SCENARIO_SHAPE, "workload")));
  const ctx: FaultContext = { nodes, horizonUs, ha };
  const faults = readList(top, "faults", (item, path) => readFault(item, path, file, ctx));
  const randomFaults = readList(top, "randomFaults", (item, path) =>
    readRandomFault(item, path, file, ctx),
  );
  const assumptions = readAssumptions(
    top.section("assumptions", fieldNames(SCENARIO_SHAPE, "assumptions")),
  );
  const engine = readEngine(top.section("engine", fieldNames(SCENARIO_SHAPE, "engine")));
  return {
    name,
    description,
    seed,
    horizonUs,
    drainUs,
    replications,
    policies,
    nodes,
    ha,
    mta,
    workload,
    // Array.prototype.sort is stable, so faults at the same time keep the file's order.
    faults: faults.sort((a, b) => a.atUs - b.atUs),
    randomFaults,
    assumptions,
    engine,
  };
}

/** The field names of the mapping at `path` in the tree (`fieldNames(SCENARIO_SHAPE, "ha", "heartbeat")`). */
export function fieldNames(shape: Shape, ...path: string[]): readonly string[] {
  let s: Shape | undefined = shape;
  for (const k of path) s = s?.t === "map" ? s.fields[k] : undefined;
  if (s?.t !== "map") throw new Error(`internal: no mapping at ${path.join(".")}`);
  return Object.keys(s.fields);
}

/** The file's base name without extension, with characters a folder name should not have replaced by `-`. */
function defaultName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? "";
  const stem = base.replace(/\.(ya?ml|json)$/i, "");
  const safe = stem.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return safe === "" ? "scenario" : safe;
}

function readPolicies(top: Fields): Policy[] {
  const v = top.get("policies");
  if (v === undefined) return [...POLICIES];
  let items: unknown[];
  // A comma-separated string is accepted so that `--set policies=off,slave` works without brackets.
  if (typeof v === "string") items = v.split(",").map((s) => s.trim());
  else if (Array.isArray(v)) items = v;
  else return top.fail("policies", "expected a list of policies such as [off, restore, slave]");
  if (items.length === 0 || items.every((x) => x === ""))
    top.fail("policies", "expected at least one of off, restore, slave");
  const list = Fields.list(top.file, top.at("policies"), items);
  const out: Policy[] = [];
  items.forEach((_, i) => {
    const p = list.oneOf(String(i), POLICIES, undefined, POLICY_ALIASES);
    if (out.includes(p)) list.fail(String(i), `expected each policy once (${p} is already listed)`);
    out.push(p);
  });
  return out;
}

function readNodes(top: Fields): readonly [NodeSpec, NodeSpec] {
  const v = top.get("nodes");
  if (v === undefined) {
    return [
      { name: "A", mode: "master" },
      { name: "B", mode: "slave" },
    ];
  }
  if (!Array.isArray(v) || v.length !== 2) {
    top.fail(
      "nodes",
      "expected a list of exactly two units such as [{name: A, mode: master}, {name: B, mode: slave}]",
    );
  }
  const read = v.map((item: unknown, i) => {
    const f = Fields.of(top.file, joinPath(top.at("nodes"), i), item, fieldNames(NODE), "a unit");
    const name = f.str("name", undefined, NODE_NAME);
    // "any" means "either unit" in random faults, so no unit may be called that.
    if (name === "any")
      f.fail("name", "expected a unit name other than any (random faults use any for either unit)");
    // 7.x calls the configured modes primary and secondary.
    const mode = f.oneOf("mode", ["master", "slave"] as const, i === 0 ? "master" : "slave", {
      primary: "master",
      secondary: "slave",
    });
    return { f, spec: { name, mode } satisfies NodeSpec };
  });
  const [a, b] = read as [(typeof read)[0], (typeof read)[0]];
  if (a.spec.name === b.spec.name)
    b.f.fail("name", `expected a name different from nodes[0] (${a.spec.name})`);
  if (a.spec.mode === b.spec.mode) {
    const f = a.spec.mode === "master" ? b.f : a.f;
    f.fail(
      "mode",
      `expected ${a.spec.mode === "master" ? "slave" : "master"}: exactly one unit is configured master`,
    );
  }
  return [a.spec, b.spec];
}

function readHa(h: Fields): HaConfig {
  const hb = h.section("heartbeat", fieldNames(SCENARIO_SHAPE, "ha", "heartbeat"));
  const heartbeat = {
    intervalUs: hb.duration("interval", 5 * US_PER_S),
    lostThreshold: hb.int("lostThreshold", 3, 1),
    secondaryLink: hb.bool("secondaryLink", false),
  };
  const rs = h.section("rservice", PROTOCOLS);
  const rservice = PROTOCOLS.flatMap((protocol): ProbeConfig[] => {
    const v = rs.get(protocol);
    if (v === undefined || v === "off") return [];
    if (!isMapping(v) && v !== null)
      rs.fail(
        protocol,
        "expected a probe such as {interval: 30s, timeout: 5s, retries: 3} ({} for these defaults) or off",
      );
    const p = rs.section(protocol, fieldNames(SCENARIO_SHAPE, "ha", "rservice", protocol));
    const intervalUs = p.duration("interval", 30 * US_PER_S);
    const timeoutUs = p.duration("timeout", 5 * US_PER_S);
    if (timeoutUs > intervalUs)
      p.fail(
        "timeout",
        `expected a timeout no longer than the interval (${formatDuration(intervalUs)})`,
      );
    return [{ protocol, intervalUs, timeoutUs, retries: p.int("retries", 3, 1) }];
  });
  const remoteAsHeartbeat = h.bool("remoteAsHeartbeat", false);
  if (remoteAsHeartbeat && rservice.length === 0) {
    h.fail(
      "remoteAsHeartbeat",
      "expected false while ha.rservice probes no protocol (probes are what count as heartbeat)",
    );
  }
  const ls = h.section("lservice", fieldNames(SCENARIO_SHAPE, "ha", "lservice"));
  const localCheck = (key: "ports" | "hd"): LocalCheckConfig | null => {
    const v = ls.get(key);
    if (v === undefined || v === "off") return null;
    if (!isMapping(v) && v !== null)
      ls.fail(
        key,
        "expected a check such as {interval: 10s, retries: 3} ({} for these defaults) or off",
      );
    const c = ls.section(key, fieldNames(SCENARIO_SHAPE, "ha", "lservice", key));
    const intervalUs = c.duration("interval", 10 * US_PER_S);
    // The documented range of `lservice <check_s>` is 1–60 s [D: S3].
    if (intervalUs < US_PER_S || intervalUs > 60 * US_PER_S)
      c.fail("interval", "expected a duration from 1s to 60s (the documented range)");
    return { intervalUs, retries: c.int("retries", 3, 1) };
  };
  const lservice = { ports: localCheck("ports"), hd: localCheck("hd") };
  const sync = (
    key: string,
    enabled: boolean,
    intervalUs: number,
  ): { enabled: boolean; intervalUs: number } => {
    const s = h.section(key, fieldNames(SCENARIO_SHAPE, "ha", key));
    return { enabled: s.bool("enabled", enabled), intervalUs: s.duration("interval", intervalUs) };
  };
  const mailQueueSync = sync("mailQueueSync", false, 5 * 60 * US_PER_S);
  const mailDataSync = sync("mailDataSync", true, 20 * 60 * US_PER_S);
  const holdOffUs = h.duration("holdOff", 15 * 60 * US_PER_S, "zero");
  const ad = h.section("admin", fieldNames(SCENARIO_SHAPE, "ha", "admin"));
  const admin: AdminConfig = {
    responseTime: readResponseTime(ad),
    action: ad.oneOf("action", ["restore", "restart"] as const, "restore"),
  };
  return {
    heartbeat,
    remoteAsHeartbeat,
    rservice,
    lservice,
    mailQueueSync,
    mailDataSync,
    holdOffUs,
    admin,
  };
}

/** `never`, or a distribution; a word that is neither is most likely a misspelt `never`. */
function readResponseTime(ad: Fields): Dist | null {
  const v = ad.get("responseTime");
  if (v === "never") return null;
  if (typeof v === "string" && /^[a-z]+$/i.test(v.trim())) {
    const near = didYouMean(v, ["never"]);
    ad.fail(
      "responseTime",
      "expected a distribution such as {dist: lognormal, median: 4h, p95: 24h}, a duration, or never",
      near && `did you mean "${near}"?`,
    );
  }
  return ad.dist("responseTime", DEFAULT_ADMIN_RESPONSE);
}

function readMta(m: Fields): MtaConfig {
  return {
    spoolCapacity: m.int("spoolCapacity", 100_000, 1),
    deliveryWorkers: m.int("deliveryWorkers", 8, 1),
    deliveryTime: m.dist("deliveryTime", DEFAULT_DELIVERY_TIME),
    queueRetryUs: m.duration("queueRetry", 27 * 60 * US_PER_S),
    queueGiveUpUs: m.duration("queueGiveUp", 5 * US_PER_D),
  };
}

function readWorkload(w: Fields): WorkloadConfig {
  const a = w.section("arrivals", fieldNames(SCENARIO_SHAPE, "workload", "arrivals"));
  const ratePerS = a.rate("rate");
  const process = a.oneOf("process", ["poisson", "periodic"] as const, "poisson");
  const profile = a.oneOf("profile", ["constant", "diurnal"] as const, "constant");
  const peakFactor = a.num("peakFactor", 1.8, 1, 2, true);
  const peakAtUs = a.duration("peakAt", 14 * 3600 * US_PER_S, "zero");
  if (peakAtUs >= US_PER_D) a.fail("peakAt", "expected a time of day from 0s to before 24h");
  const r = w.section("senderRetry", fieldNames(SCENARIO_SHAPE, "workload", "senderRetry"));
  return {
    arrivals: { ratePerS, process, profile, peakFactor, peakAtUs },
    senderRetry: {
      intervalUs: r.duration("interval", 15 * 60 * US_PER_S),
      giveUpUs: r.duration("giveUp", 5 * US_PER_D, "zero"),
    },
  };
}

function readAssumptions(a: Fields): Assumptions {
  return {
    demotedQueue: a.oneOf(
      "demotedQueue",
      ["push", "keep-and-deliver", "strand"] as const,
      "strand",
    ),
    splitBrainHeal: a.oneOf(
      "splitBrainHeal",
      ["configured-master", "longest-master"] as const,
      "configured-master",
    ),
    splitBrainShare: a.probability("splitBrainShare", 0.5),
    splitBrainSessionCutProbability: a.probability("splitBrainSessionCutProbability", 0.01),
    cutSessionWindowUs: a.duration("cutSessionWindow", US_PER_S, "zero"),
    cutSessionDuplicateProbability: a.probability("cutSessionDuplicateProbability", 0.5),
    inflightDeliveredProbability: a.probability("inflightDeliveredProbability", 0.5),
    arpUpdateDelayUs: a.duration("arpUpdateDelay", 0, "zero"),
    failedWithoutPeer: a.oneOf("failedWithoutPeer", ["stay", "rejoin"] as const, "stay"),
    lserviceOnSlave: a.bool("lserviceOnSlave", false),
    hungMasterArp: a.oneOf("hungMasterArp", ["yields", "keeps-share"] as const, "yields"),
    adminActs: a.oneOf("adminActs", ["and-repaired", "blind"] as const, "and-repaired"),
    adminRestartTo: a.oneOf("adminRestartTo", ["configured", "slave"] as const, "configured"),
    mailDataShare: a.probability("mailDataShare", 0.05),
  };
}

function readEngine(e: Fields): EngineOptions {
  return {
    heartbeats: e.oneOf("heartbeats", ["closed-form", "simulated"] as const, "closed-form"),
    checkInvariants: e.bool("checkInvariants", false),
    phases: e.oneOf("phases", ["random", "aligned"] as const, "random"),
  };
}

// ─── Faults ──────────────────────────────────────────────────────────────────────────────────

/** What a fault is checked against: unit names, the horizon, and the HA configuration. */
interface FaultContext {
  readonly nodes: readonly [NodeSpec, NodeSpec];
  readonly horizonUs: number;
  readonly ha: HaConfig;
}

function readList<T>(top: Fields, key: string, read: (item: unknown, path: string) => T): T[] {
  const v = top.get(key);
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v))
    top.fail(
      key,
      `expected a list (one "- {kind: …}" entry per ${key === "faults" ? "fault" : "fault process"})`,
    );
  return v.map((item: unknown, i) => read(item, joinPath(top.at(key), i)));
}

/** Hint for a field that exists on other kinds of fault but not on this one. */
export function kindFieldHint(
  kind: string,
  fieldsByKind: Readonly<Record<string, readonly string[]>>,
  allowed: readonly string[],
) {
  return (key: string): string | undefined => {
    if (key === "duration" && kind === "admin")
      return "an admin action is instantaneous: leave out duration";
    const kinds = Object.entries(fieldsByKind)
      .filter(([, fs]) => fs.includes(key))
      .map(([k]) => k);
    if (kinds.length > 0) return `${key} applies to ${kinds.join(", ")} only`;
    return unknownFieldHint(key, allowed);
  };
}

function readFault(item: unknown, path: string, file: string, ctx: FaultContext): FaultSpec {
  const byKind = Object.fromEntries(FAULT_KINDS.map((k) => [k, faultFieldsOf(k)]));
  const anyKind = byKindFields({ fields: byKind }, undefined);
  // With a valid kind, unknown fields are checked against that kind's fields only (a shorter,
  // more useful list); without one, against every kind's, before complaining about the kind.
  const kindOk = isMapping(item) && (FAULT_KINDS as readonly unknown[]).includes(item.kind);
  const pre = Fields.of(file, path, item, kindOk ? Object.keys(item) : anyKind, "a fault");
  const kind = pre.oneOf("kind", FAULT_KINDS, undefined);
  const allowed = faultFieldsOf(kind);
  const f = Fields.of(
    file,
    path,
    item,
    allowed,
    withArticle(`${kind} fault`),
    kindFieldHint(kind, byKind, allowed),
  );
  const atUs = f.duration("at", undefined, "zero");
  if (atUs >= ctx.horizonUs)
    f.fail("at", `expected a time before the horizon (${formatDuration(ctx.horizonUs)})`);
  const durationUs = kind === "admin" ? 0 : f.duration("duration", undefined);
  const node = (): NodeIndex => nodeRef(f, ctx, false) as NodeIndex;
  switch (kind) {
    case "node-crash":
      return { kind, atUs, durationUs, node: node(), diskLost: f.bool("diskLost", false) };
    case "node-hang":
    case "reboot":
      return { kind, atUs, durationUs, node: node() };
    case "link-down":
      return { kind, atUs, durationUs, link: readLink(f, ctx) };
    case "partition":
      return {
        kind,
        atUs,
        durationUs,
        node: node(),
        from: readFrom(f),
        direction: readDirection(f),
      };
    case "lservice-failure":
      return { kind, atUs, durationUs, node: node(), service: readService(f) };
    case "rservice-false-alarm":
      return { kind, atUs, durationUs, node: node(), protocol: readProtocol(f, ctx) };
    case "monitor-blind":
      return { kind, atUs, durationUs, node: node(), monitor: readMonitor(f) };
    case "downstream-outage":
      return { kind, atUs, durationUs };
    case "flapping":
      return {
        kind,
        atUs,
        durationUs,
        link: readLink(f, ctx),
        downUs: f.duration("down", undefined),
        upUs: f.duration("up", undefined),
      };
    case "admin":
      return {
        kind,
        atUs,
        durationUs,
        node: node(),
        action: f.oneOf("action", ["restore", "restart", "resync"] as const, "restore"),
      };
  }
}

function readRandomFault(
  item: unknown,
  path: string,
  file: string,
  ctx: FaultContext,
): RandomFaultSpec {
  const byKind = Object.fromEntries(RANDOM_FAULT_KINDS.map((k) => [k, randomFieldsOf(k)]));
  const kindOk = isMapping(item) && (RANDOM_FAULT_KINDS as readonly unknown[]).includes(item.kind);
  const pre = Fields.of(
    file,
    path,
    item,
    kindOk ? Object.keys(item) : byKindFields({ fields: byKind }, undefined),
    "a random fault process",
  );
  const k = pre.get("kind");
  if (k === "admin" || k === "flapping") {
    pre.fail(
      "kind",
      `expected one of ${RANDOM_FAULT_KINDS.join(", ")}`,
      `${k} can only be scheduled, under faults`,
    );
  }
  const kind = pre.oneOf("kind", RANDOM_FAULT_KINDS, undefined);
  const allowed = randomFieldsOf(kind);
  const f = Fields.of(
    file,
    path,
    item,
    allowed,
    `a random ${kind} process`,
    kindFieldHint(kind, byKind, allowed),
  );
  const mtbfUs = f.duration("mtbf", undefined);
  if (!f.has("repair"))
    f.fail(
      "repair",
      "expected a distribution such as {dist: exponential, mean: 2h} or a duration (required)",
    );
  const has = (field: string): boolean => allowed.includes(field);
  return {
    kind,
    node: has("node") ? nodeRef(f, ctx, true) : "any",
    mtbfUs,
    repair: f.dist("repair", undefined),
    diskLostProbability: has("diskLostProbability") ? f.probability("diskLostProbability", 0) : 0,
    link: has("link") ? readLink(f, ctx) : "all",
    from: has("from") ? readFrom(f) : "peer",
    direction: has("direction") ? readDirection(f) : "both",
    service: has("service") ? readService(f) : "hd",
    protocol: has("protocol") ? readProtocol(f, ctx) : "all",
    monitor: has("monitor") ? readMonitor(f) : "all",
  };
}

/** A unit named in `nodes` (or `any` for a random process, its default). */
function nodeRef(f: Fields, ctx: FaultContext, allowAny: boolean): NodeIndex | "any" {
  const names = ctx.nodes.map((n) => n.name);
  const v = f.get("node");
  const expected = `expected a unit name: ${names.join(" or ")}${allowAny ? " or any" : ""}`;
  if (v === undefined && allowAny) return "any";
  if (v === undefined) f.fail("node", `${expected} (required)`);
  // YAML reads an unquoted unit name such as 1 as a number; compare as text.
  if (typeof v === "string" || typeof v === "number") {
    const i = names.indexOf(String(v));
    if (i === 0 || i === 1) return i;
    if (allowAny && v === "any") return "any";
  }
  const near =
    typeof v === "string" ? didYouMean(v, allowAny ? [...names, "any"] : names) : undefined;
  return f.fail("node", expected, near !== undefined ? `did you mean "${near}"?` : undefined);
}

function readLink(f: Fields, ctx: FaultContext): LinkName {
  const link = f.oneOf("link", ["primary", "secondary", "all"] as const, "all");
  if (link === "secondary" && !ctx.ha.heartbeat.secondaryLink) {
    f.fail(
      "link",
      "expected primary or all: there is no secondary heartbeat link (ha.heartbeat.secondaryLink is false)",
    );
  }
  return link;
}

const readFrom = (f: Fields) =>
  f.oneOf("from", ["peer", "senders", "downstream", "all"] as const, "peer");
const readDirection = (f: Fields) =>
  f.oneOf("direction", ["both", "inbound", "outbound"] as const, "both");
const readService = (f: Fields) => f.oneOf("service", ["ports", "hd"] as const, "hd");
const readMonitor = (f: Fields) =>
  f.oneOf("monitor", ["rservice", "lservice", "all"] as const, "all");

/** A probe protocol for a false alarm; it must be one that `ha.rservice` probes, or nothing would fail. */
function readProtocol(f: Fields, ctx: FaultContext) {
  const probed = ctx.ha.rservice.map((p) => p.protocol);
  if (probed.length === 0) {
    f.fail(
      "kind",
      "expected a fault the configuration can produce: a remote-service false alarm needs a probe in ha.rservice (e.g. ha.rservice.smtp: {})",
    );
  }
  const protocol = f.oneOf("protocol", [...PROTOCOLS, "all"] as const, "all");
  if (protocol !== "all" && !probed.includes(protocol))
    f.fail("protocol", `expected a probed protocol: ${probed.join(", ")} or all (see ha.rservice)`);
  return protocol;
}

/**
 * The kernel's {@link DistError} as a scenario error. Its message ("p95: expected p95 greater
 * than the median (4h), got 1h", "dist: unknown distribution "x"; expected one of …", "mean:
 * missing; exponential expects mean") is recast into this module's shape: the expected part
 * alone, the value shown as the file has it, and a did-you-mean for names.
 */
function distScenarioError(file: string, path: string, e: DistError, spec: unknown): ScenarioError {
  const field = e.path.split(".")[0] ?? "";
  const value = e.path === "" ? spec : isMapping(spec) ? spec[field] : undefined;
  // The kernel prefixes its own path; this module puts it in the path instead.
  const msg = e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message;
  let m: RegExpExecArray | null;
  if ((m = /^missing; (\w+) expects (.*)$/s.exec(msg)) !== null) {
    return new ScenarioError(
      file,
      path,
      `expected ${m[2]} (the fields of ${m[1]}; required)`,
      "nothing",
    );
  }
  if ((m = /^unexpected field for (\w+); expected (.*)$/s.exec(msg)) !== null) {
    const fields = (m[2] ?? "").split(/,? or |,? and |, /).filter((x) => x !== "");
    const near = didYouMean(field, fields);
    return new ScenarioError(
      file,
      path,
      `expected a field of ${m[1]}: ${m[2]}`,
      `unknown field "${field}"`,
      near && `did you mean "${near}"?`,
    );
  }
  if ((m = /^(?:missing|unknown distribution .*?); expected (.*)$/s.exec(msg)) !== null) {
    const near = typeof value === "string" ? didYouMean(value, DIST_NAMES) : undefined;
    return new ScenarioError(
      file,
      path,
      `expected ${m[1]}${value === undefined ? " (required)" : ""}`,
      describeValue(value),
      near && `did you mean "${near}"?`,
    );
  }
  // "expected …, got …": keep the expectation, show the value ourselves.
  const expected = msg.replace(/,? got .*$/s, "").trim();
  return new ScenarioError(
    file,
    path,
    expected.startsWith("expected") ? expected : `expected ${expected}`,
    describeValue(value),
  );
}

/** "a reboot fault", "an admin fault". */
function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}
