/**
 * The pair → a whole raw scenario: policies, nodes and `ha` from the configuration, everything
 * else (horizon, replications, workload, random faults…) from a base scenario, the shipped
 * `typical-faults` workload and fault mix. The configuration's `ha`, `nodes` and `policies`
 * replace the base's wholesale.
 *
 * @module
 */
import { POLICIES } from "../config/scenario.js";
import { mapHa, cite, type FieldComment } from "./map-ha.js";
import type { Notes } from "./notes.js";
import type { PairConfig } from "./pair.js";
import type { UnitRef } from "./unit.js";

/** How to build the scenario. */
export interface MapOptions {
  /** The scenario name (letters, digits, `.`, `_`, `-`). */
  readonly name: string;
  /** The base scenario as plain data (typically `scenarios/typical-faults.yaml`). */
  readonly base: Readonly<Record<string, unknown>>;
  /** Compare every policy (`--policies all`) instead of the configured one. */
  readonly policiesAll?: boolean | undefined;
}

/** The raw scenario and the comments to write on its fields. */
export interface MappedScenario {
  readonly raw: Record<string, unknown>;
  readonly comments: readonly FieldComment[];
}

/** A host or member name made a valid unit name, or undefined when nothing is left. */
export function unitName(s: string): string | undefined {
  const v = s.replace(/[^A-Za-z0-9._-]/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return v === "" || v === "any" ? undefined : v;
}

function nodes(
  p: PairConfig,
  notes: Notes,
): { list: Record<string, string>[]; comments: FieldComment[] } {
  const names = p.units.map((u: UnitRef) => {
    const raw = u.name?.value;
    const v = raw === undefined ? undefined : unitName(raw);
    if (raw !== undefined && v !== raw)
      notes.info(
        u.name?.at,
        `unit name '${raw}' is not a valid scenario name; ${v === undefined ? "a letter" : `'${v}'`} used`,
      );
    return v;
  });
  const first = names[0] ?? (names[1] === "A" ? "B" : "A");
  let second = names[1] ?? (first === "B" ? "A" : "B");
  if (second === first) second = `${first}-2`;
  const list = [
    { name: first, mode: p.units[0].mode.value },
    { name: second, mode: p.units[1].mode.value },
  ];
  const comments = p.units.map((u, i): FieldComment => ({
    path: ["nodes", i],
    text:
      i === 1 && p.inferredPeer
        ? "the peer: not described by the configuration, inferred with the opposite mode"
        : `${cite(u.mode)}${u.name === undefined ? "" : `; name from ${cite(u.name)}`}`,
  }));
  return { list, comments };
}

function policies(p: PairConfig, notes: Notes, all: boolean): { value: string[]; text: string } {
  const configured = p.policy;
  if (all)
    return {
      value: [...POLICIES],
      text: `--policies all: every policy replays the same faults${configured === undefined ? "" : `; configured: ${configured.value} (${cite(configured)})`}`,
    };
  if (configured === undefined) {
    notes.warn(
      undefined,
      "on-failure not set and no default is documented; all three policies will be compared",
    );
    return {
      value: [...POLICIES],
      text: "on-failure not set and no default is documented: every policy is compared",
    };
  }
  return {
    value: [configured.value],
    text: `${cite(configured)}; compare with --policy off,restore,slave`,
  };
}

/** Random faults the imported `ha` cannot produce are dropped (a false alarm needs a probe). */
function baseFaults(base: Readonly<Record<string, unknown>>, p: PairConfig, notes: Notes): unknown {
  const list = base.randomFaults;
  if (!Array.isArray(list) || Object.keys(p.rservice).length > 0) return list;
  const kept = list.filter(
    (f: unknown) => (f as { kind?: unknown }).kind !== "rservice-false-alarm",
  );
  if (kept.length < list.length)
    notes.info(
      undefined,
      "no remote service probe is configured, so the typical remote-probe false alarms are left out",
    );
  return kept;
}

/** Builds the scenario. */
export function mapScenario(p: PairConfig, notes: Notes, o: MapOptions): MappedScenario {
  // The configuration replaces the base's name, policies, nodes and ha; its faults are filtered.
  const replaced = new Set(["name", "description", "policies", "nodes", "ha", "randomFaults"]);
  const rest = Object.fromEntries(Object.entries(o.base).filter(([k]) => !replaced.has(k)));
  const { seed, horizon, drain, replications } = rest;
  const pol = policies(p, notes, o.policiesAll === true);
  const n = nodes(p, notes);
  const h = mapHa(p, notes);
  const raw: Record<string, unknown> = { name: o.name, description: "" };
  for (const [k, v] of Object.entries({ seed, horizon, drain, replications }))
    if (v !== undefined) raw[k] = v;
  Object.assign(raw, { policies: pol.value, nodes: n.list, ha: h.ha }, rest);
  const rf = baseFaults(o.base, p, notes);
  if (rf !== undefined) raw.randomFaults = rf;
  const comments: FieldComment[] = [
    { path: ["policies"], text: pol.text },
    ...n.comments,
    ...h.comments,
  ];
  return { raw, comments };
}
