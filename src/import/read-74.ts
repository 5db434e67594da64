/**
 * `config system ha` of FortiMail 7.4–8.0: `set state`, `set type`, `set mode
 * active-passive`, `config member` (the units and their roles; the first entry is this unit),
 * `config interface` with `heartbeat-status enable`, `config service`, `action-on-failure`
 * (`fortimail-config.md` §3.5–3.6).
 *
 * @module
 */
import { INTERFACE_74, MEMBER_74, TOP_74 } from "./keys.js";
import { refuse, type Notes } from "./notes.js";
import { readCommon } from "./read-70.js";
import { checkKeys, refuseMode } from "./scope.js";
import type { Block } from "./tree.js";
import {
  draft,
  enabled,
  from,
  word,
  type Sourced,
  type UnitConfig,
  type UnitDraft,
  type UnitRef,
} from "./unit.js";

/** State, type, mode and groups: refuses what is not one active-passive pair (R1, R3, R5). */
function checkDeployment(ha: Block, notes: Notes): void {
  const state = ha.fields.get("state");
  if (state !== undefined && !enabled(state, notes))
    refuse(state.at, "refused: HA is off on this unit (state disable); nothing to simulate");
  if (state === undefined)
    notes.info(ha.at, "'set state' not given; HA assumed enabled (the block configures members)");
  const type = ha.fields.get("type");
  if (type !== undefined) {
    const v = word(type, notes);
    if (v === "group") refuse(type.at, "refused: group HA (a group of clusters) is not modelled");
    if (v !== "member")
      refuse(type.at, `type: expected member or group, got ${JSON.stringify(type.args.join(" "))}`);
  }
  const group = ha.blocks.get("group");
  const firstGroup = group?.entries.values().next().value;
  if (firstGroup !== undefined)
    refuse(
      firstGroup.at,
      `refused: group HA (a group of clusters, group '${firstGroup.name}') is not modelled`,
    );
  const mode = ha.fields.get("mode");
  if (mode === undefined) notes.info(ha.at, "'set mode' not given; active-passive assumed");
  else {
    const v = word(mode, notes);
    if (v !== "active-passive") refuseMode(mode, v);
  }
}

/** A member's configured role, or undefined when it has none. */
function role(e: Block, notes: Notes): Sourced<"master" | "slave"> | undefined {
  const s = e.fields.get("role");
  if (s === undefined) return undefined;
  const v = word(s, notes);
  if (v === "primary" || v === "master") return from(s, "master");
  if (v === "secondary" || v === "slave") return from(s, "slave");
  return refuse(
    s.at,
    `role: expected primary or secondary, got ${JSON.stringify(s.args.join(" "))}`,
  );
}

/** `config member`: this unit (the first entry) and its peer, roles checked (R4, R6). */
function readMembers(
  ha: Block,
  unit: Pick<UnitDraft, "notSimulated">,
  notes: Notes,
): [UnitRef, UnitRef | undefined] {
  const members = [...(ha.blocks.get("member")?.entries.values() ?? [])];
  if (members.length > 2)
    refuse(
      members[2]!.at,
      `refused: active-passive HA has exactly two units; found ${members.length} members`,
    );
  const [first, second] = members;
  if (first === undefined)
    return refuse(
      ha.at,
      "refused: no 'config member' entries, so this unit's role is unknown; expected a member with role primary or secondary",
    );
  for (const m of members) checkKeys(m, MEMBER_74, `member ${m.name}`, unit as UnitDraft, notes);
  const name = (e: Block): Sourced<string> => ({
    value: e.name,
    at: e.at,
    text: `edit ${JSON.stringify(e.name)}`,
  });
  const r1 = role(first, notes);
  const r2 = second === undefined ? undefined : role(second, notes);
  if (r1?.value === "master" && r2?.value === "master")
    refuse(
      r2.at,
      `refused: two units are configured as primary ('${first.name}' and '${second!.name}'); exactly one master is needed`,
    );
  if (r1?.value === "slave" && r2?.value === "slave")
    refuse(
      r2.at,
      `refused: two units are configured as secondary ('${first.name}' and '${second!.name}'); exactly one master is needed`,
    );
  const opposite = (r: Sourced<"master" | "slave">): Sourced<"master" | "slave"> => ({
    ...r,
    value: r.value === "master" ? "slave" : "master",
  });
  const self = r1 ?? (r2 === undefined ? undefined : opposite(r2));
  if (self === undefined)
    return refuse(
      first.at,
      `refused: member '${first.name}' has no role; expected 'set role primary' or 'secondary'`,
    );
  if (r1 === undefined)
    notes.info(
      first.at,
      `member '${first.name}' has no role; ${self.value} assumed (the other member's opposite)`,
    );
  const peer =
    second === undefined ? undefined : { name: name(second), mode: r2 ?? opposite(self) };
  if (second === undefined || !members.some((m) => m.fields.has("ip") || m.fields.has("ipv6")))
    notes.warn(ha.at, "no peer address configured (member ip); assuming a two-unit pair");
  for (const m of members)
    if (m.fields.has("primary-backup"))
      notes.info(
        m.fields.get("primary-backup")!.at,
        "primary-backup belongs to active-active HA; no effect under active-passive, ignored",
      );
  return [{ name: name(first), mode: self }, peer];
}

/** `config interface`: two or more heartbeat ports → a secondary heartbeat link (D8). */
function readInterfaces74(ha: Block, unit: UnitDraft, notes: Notes): void {
  const ifs = [...(ha.blocks.get("interface")?.entries.values() ?? [])];
  const heartbeat = ifs.filter((e) => {
    checkKeys(e, INTERFACE_74, `interface ${e.name}`, unit, notes);
    const s = e.fields.get("heartbeat-status");
    return s !== undefined && enabled(s, notes);
  });
  const second = heartbeat[1]?.fields.get("heartbeat-status");
  if (second !== undefined) {
    unit.secondaryLink = from(second, true);
    notes.info(
      second.at,
      `${heartbeat.length} heartbeat interfaces; the second one is taken as the secondary heartbeat link`,
    );
  }
}

/** Reads a 7.4–8.0 `config system ha` block. */
export function read74(ha: Block, notes: Notes): UnitConfig {
  checkDeployment(ha, notes);
  const listed: Pick<UnitDraft, "notSimulated"> = { notSimulated: [] };
  const [self, peer] = readMembers(ha, listed, notes);
  const unit = draft(ha.at.file, "7.4-8.0", self);
  unit.peer = peer;
  unit.notSimulated.push(...listed.notSimulated);
  checkKeys(ha, TOP_74, "config system ha", unit, notes, [
    "member",
    "group",
    "interface",
    "service",
  ]);
  readCommon(ha, unit, notes, "action-on-failure");
  readInterfaces74(ha, unit, notes);
  return unit;
}
