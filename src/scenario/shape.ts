/**
 * The scenario file's field tree: which fields exist where, including which fields each fault kind
 * has. The qualifier checks files against it and the `--set` checker checks paths against it, so
 * the two cannot disagree about which paths exist; unknown fields get their did-you-mean from it.
 *
 * @module
 */
import {
  FAULT_KINDS,
  PROTOCOLS,
  type FaultKind,
  type RandomFaultSpec,
} from "../config/scenario.js";
import { FAULT_DESCRIPTORS } from "../sim/faults/registry.js";
import { joinPath } from "./errors.js";
import { didYouMean } from "./suggest.js";

/** Where a field sits in the file: a value, a mapping of named fields, a list, or a fault list item whose fields depend on `kind`. */
export type Shape =
  | { readonly t: "leaf" }
  | { readonly t: "map"; readonly fields: Readonly<Record<string, Shape>> }
  | { readonly t: "list"; readonly item: Shape }
  | { readonly t: "byKind"; readonly fields: Readonly<Record<string, readonly string[]>> };

const leaf: Shape = { t: "leaf" };
const map = (fields: Record<string, Shape>): Shape => ({ t: "map", fields });
const leaves = (...names: string[]): Shape => map(Object.fromEntries(names.map((n) => [n, leaf])));

/** The fields of a distribution spec (`dists.ts` checks which go with which `dist`). */
const DIST = leaves("dist", "value", "mean", "min", "max", "sd", "median", "p95", "shape", "scale");
const PROBE = leaves("interval", "timeout", "retries");
export const NODE = leaves("name", "mode");
const CHECK = leaves("interval", "retries");

/** A table with one entry per kind. */
function byKind<K extends string>(
  kinds: readonly K[],
  fields: (kind: K) => readonly string[],
): Readonly<Record<K, readonly string[]>> {
  const out = {} as Record<K, readonly string[]>;
  for (const k of kinds) out[k] = fields(k);
  return out;
}

/**
 * Kind-specific fields of a scheduled fault, besides `at`, `kind` and `duration`: the fields of
 * the kind's descriptor (`src/sim/faults/kinds/`), the one place a fault kind is described.
 */
export const FAULT_FIELDS = byKind(FAULT_KINDS, (k) =>
  FAULT_DESCRIPTORS[k].fields.map((f) => f.name),
);
/** Every field a scheduled fault of `kind` may have. An admin action is instantaneous: no `duration`. */
export function faultFieldsOf(kind: FaultKind): readonly string[] {
  return ["at", "kind", ...(kind === "admin" ? [] : ["duration"]), ...FAULT_FIELDS[kind]];
}

export type RandomFaultKind = RandomFaultSpec["kind"];
/** Fault kinds a random process can produce: `admin` and `flapping` are scheduled only. */
export const RANDOM_FAULT_KINDS: readonly RandomFaultKind[] = FAULT_KINDS.filter(
  (k): k is RandomFaultKind => k !== "admin" && k !== "flapping",
);
/**
 * Kind-specific fields of a random fault process, besides `kind`, `mtbf` and `repair`: those of
 * the scheduled fault, with a crash's `diskLost` drawn per occurrence (`diskLostProbability`).
 */
export const RANDOM_FAULT_FIELDS = byKind(RANDOM_FAULT_KINDS, (k) =>
  FAULT_FIELDS[k].map((f) => (f === "diskLost" ? "diskLostProbability" : f)),
);
export function randomFieldsOf(kind: RandomFaultKind): readonly string[] {
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
    "pushRatePerS",
  ),
  engine: leaves("heartbeats", "checkInvariants", "phases", "mail"),
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

/** The field names of the mapping at `path` in the tree (`fieldNames(SCENARIO_SHAPE, "ha", "heartbeat")`). */
export function fieldNames(shape: Shape, ...path: string[]): readonly string[] {
  let s: Shape | undefined = shape;
  for (const k of path) s = s?.t === "map" ? s.fields[k] : undefined;
  if (s?.t !== "map") throw new Error(`internal: no mapping at ${path.join(".")}`);
  return Object.keys(s.fields);
}
