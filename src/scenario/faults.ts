/**
 * Fault reading: the scheduled faults (`faults`) and the random fault processes (`randomFaults`),
 * each checked against the fields of its `kind`, its units resolved against `nodes`, its start
 * against the horizon and its kind against the HA configuration (a secondary-link fault needs a
 * secondary link, a false alarm needs a probed protocol). Defaults come from {@link DEFAULTS}.
 *
 * @module
 */
import { formatDuration } from "../kernel/time.js";
import {
  FAULT_KINDS,
  type FaultKind,
  type FaultSpec,
  type HaConfig,
  type LinkName,
  type NodeIndex,
  type NodeSpec,
  type RandomFaultSpec,
} from "../config/scenario.js";
import { DEFAULTS as D } from "./defaults.js";
import { joinPath } from "./errors.js";
import { Fields, isMapping } from "./fields.js";
import {
  RANDOM_FAULT_KINDS,
  byKindFields,
  faultFieldsOf,
  randomFieldsOf,
  unknownFieldHint,
} from "./shape.js";
import { didYouMean } from "./suggest.js";

/** What a fault is checked against: unit names, the horizon, and the HA configuration. */
export interface FaultContext {
  readonly nodes: readonly [NodeSpec, NodeSpec];
  readonly horizonUs: number;
  readonly ha: HaConfig;
}

export function readList<T>(
  top: Fields,
  key: string,
  read: (item: unknown, path: string) => T,
): T[] {
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

export function readFault(item: unknown, path: string, file: string, ctx: FaultContext): FaultSpec {
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
  const atUs = f.duration("at", D["faults[].at"]);
  if (atUs >= ctx.horizonUs)
    f.fail("at", `expected a time before the horizon (${formatDuration(ctx.horizonUs)})`);
  const durationUs = kind === "admin" ? 0 : f.duration("duration", D["faults[].duration"]);
  return faultOfKind(kind, f, ctx, { atUs, durationUs });
}

/** The kind-specific fields of a scheduled fault, read after its start and duration. */
function faultOfKind(
  kind: FaultKind,
  f: Fields,
  ctx: FaultContext,
  { atUs, durationUs }: { atUs: number; durationUs: number },
): FaultSpec {
  const node = (): NodeIndex => nodeRef(f, ctx, false) as NodeIndex;
  switch (kind) {
    case "node-crash":
      return {
        kind,
        atUs,
        durationUs,
        node: node(),
        diskLost: f.bool("diskLost", D["faults[].diskLost"]),
      };
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
        downUs: f.duration("down", D["faults[].down"]),
        upUs: f.duration("up", D["faults[].up"]),
      };
    case "admin":
      return {
        kind,
        atUs,
        durationUs,
        node: node(),
        action: f.choice("action", D["faults[].action"]),
      };
  }
}

export function readRandomFault(
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
  const mtbfUs = f.duration("mtbf", D["randomFaults[].mtbf"]);
  const has = (field: string): boolean => allowed.includes(field);
  return {
    kind,
    node: has("node") ? nodeRef(f, ctx, true) : D["randomFaults[].node"].def,
    mtbfUs,
    repair: f.dist("repair", D["randomFaults[].repair"]),
    diskLostProbability: has("diskLostProbability")
      ? f.probability("diskLostProbability", D["randomFaults[].diskLostProbability"])
      : D["randomFaults[].diskLostProbability"].def,
    link: has("link") ? readLink(f, ctx) : D["faults[].link"].def,
    from: has("from") ? readFrom(f) : D["faults[].from"].def,
    direction: has("direction") ? readDirection(f) : D["faults[].direction"].def,
    service: has("service") ? readService(f) : D["faults[].service"].def,
    protocol: has("protocol") ? readProtocol(f, ctx) : D["faults[].protocol"].def,
    monitor: has("monitor") ? readMonitor(f) : D["faults[].monitor"].def,
  };
}

/** A unit named in `nodes` (or `any` for a random process, its default). */
function nodeRef(f: Fields, ctx: FaultContext, allowAny: boolean): NodeIndex | "any" {
  const names = ctx.nodes.map((n) => n.name);
  const v = f.get("node");
  const expected = `expected a unit name: ${names.join(" or ")}${allowAny ? " or any" : ""}`;
  if (v === undefined && allowAny) return D["randomFaults[].node"].def;
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
  const link = f.choice("link", D["faults[].link"]);
  if (link === "secondary" && !ctx.ha.heartbeat.secondaryLink) {
    f.fail(
      "link",
      "expected primary or all: there is no secondary heartbeat link (ha.heartbeat.secondaryLink is false)",
    );
  }
  return link;
}

const readFrom = (f: Fields) => f.choice("from", D["faults[].from"]);
const readDirection = (f: Fields) => f.choice("direction", D["faults[].direction"]);
const readService = (f: Fields) => f.choice("service", D["faults[].service"]);
const readMonitor = (f: Fields) => f.choice("monitor", D["faults[].monitor"]);

/** A probe protocol for a false alarm; it must be one that `ha.rservice` probes, or nothing would fail. */
function readProtocol(f: Fields, ctx: FaultContext) {
  const probed = ctx.ha.rservice.map((p) => p.protocol);
  if (probed.length === 0) {
    f.fail(
      "kind",
      "expected a fault the configuration can produce: a remote-service false alarm needs a probe in ha.rservice (e.g. ha.rservice.smtp: {})",
    );
  }
  const protocol = f.choice("protocol", D["faults[].protocol"]);
  if (protocol !== "all" && !probed.includes(protocol))
    f.fail("protocol", `expected a probed protocol: ${probed.join(", ")} or all (see ha.rservice)`);
  return protocol;
}

/** "a reboot fault", "an admin fault". */
function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}
