/**
 * `config system ha` of FortiMail 5.x–7.2 (and 4.x–6.x, assumed to share the 7.0 layout with
 * the master/slave words): top-level keys, `config interface`, `config service`
 * (`fortimail-config.md` §3.2–3.4).
 *
 * @module
 */
import { INTERFACE_70, TOP_70 } from "./keys.js";
import { refuse, type Notes } from "./notes.js";
import { checkKeys, readServices, refuseMode } from "./scope.js";
import type { Block, Setting } from "./tree.js";
import {
  draft,
  enabled,
  from,
  readPolicy,
  splitThreshold,
  wholeNumber,
  word,
  type Family,
  type HeartbeatSettings,
  type Sourced,
  type UnitConfig,
  type UnitDraft,
} from "./unit.js";

const MODES: Readonly<Record<string, "master" | "slave">> = {
  primary: "master",
  master: "master",
  secondary: "slave",
  slave: "slave",
};

/** The configured mode from `set mode`; config-only, off and unknown words are refused. */
export function readMode70(ha: Block, notes: Notes): Sourced<"master" | "slave"> {
  const s = ha.fields.get("mode");
  if (s === undefined)
    return refuse(
      ha.at,
      "refused: no 'set mode' in 'config system ha' (HA is off or the block is incomplete); expected mode primary or secondary",
    );
  const v = word(s, notes);
  const mode = MODES[v];
  return mode === undefined ? refuseMode(s, v) : from(s, mode);
}

/** `hb-lost-threshold N` (total seconds) → heartbeat timing, with the split stated. */
export function readThreshold(s: Setting, notes: Notes): Sourced<HeartbeatSettings> {
  const total_s = wholeNumber(s.at, s.key, s.args[0], 1, "whole seconds");
  const hb = splitThreshold(total_s);
  notes.info(
    s.at,
    `hb-lost-threshold ${total_s} s mapped to heartbeat ${hb.interval_s}s × ${hb.lostThreshold} (period not documented after 3.0)`,
  );
  return from(s, hb);
}

/** The keys every block family shares: on-failure, timing, remote-as-heartbeat, sync. */
export function readCommon(ha: Block, unit: UnitDraft, notes: Notes, policyKey: string): void {
  const get = (k: string): Setting | undefined => ha.fields.get(k);
  const policy = get(policyKey);
  if (policy !== undefined) unit.policy = readPolicy(policy, notes);
  const threshold = get("hb-lost-threshold");
  if (threshold !== undefined) unit.heartbeat = readThreshold(threshold, notes);
  const flag = (k: string): Sourced<boolean> | undefined => {
    const s = get(k);
    return s === undefined ? undefined : from(s, enabled(s, notes));
  };
  unit.remoteAsHeartbeat = flag("remote-services-as-heartbeat");
  unit.mailDataSync = flag("mail-data-sync");
  unit.mailQueueSync = flag("mailqueue-data-sync");
  const service = ha.blocks.get("service");
  if (service !== undefined)
    readServices(
      service,
      unit,
      notes,
      unit.family === "7.4-8.0" ? portMonitored(ha, notes) : undefined,
    );
}

/** 7.4+: whether any interface has `port-monitor enable` (then `local-ports` is on, D7). */
function portMonitored(ha: Block, notes: Notes): boolean {
  const ifs = ha.blocks.get("interface");
  if (ifs === undefined) return false;
  return [...ifs.entries.values()].some((e) => {
    const s = e.fields.get("port-monitor");
    return s !== undefined && enabled(s, notes);
  });
}

/** Interfaces: a secondary heartbeat port, and whether a peer address is configured. */
function readInterfaces70(ha: Block, unit: UnitDraft, notes: Notes): boolean {
  let peer = false;
  const ifs = ha.blocks.get("interface");
  for (const e of ifs?.entries.values() ?? []) {
    checkKeys(e, INTERFACE_70, `interface ${e.name}`, unit, notes);
    if (e.fields.has("peer-ip") || e.fields.has("peer-ip6")) peer = true;
    const hs = e.fields.get("heartbeat-status");
    if (hs === undefined) continue;
    const v = word(hs, notes);
    if (!["disable", "primary", "secondary"].includes(v))
      refuse(
        hs.at,
        `heartbeat-status: expected disable, primary or secondary, got ${JSON.stringify(hs.args.join(" "))}`,
      );
    if (v === "secondary") unit.secondaryLink = from(hs, true);
  }
  return peer;
}

/**
 * Reads a 5.x–7.2 `config system ha` block.
 *
 * @param hostname - `config system global` / `set hostname`, the unit's name if present.
 */
export function read70(
  ha: Block,
  family: Family,
  notes: Notes,
  hostname: Sourced<string> | undefined,
): UnitConfig {
  const unit = draft(ha.at.file, family, { name: hostname, mode: readMode70(ha, notes) });
  checkKeys(ha, TOP_70, "config system ha", unit, notes, ["interface", "service"]);
  readCommon(ha, unit, notes, "on-failure");
  const hb2 = ha.fields.get("heartbeat-2-interface");
  if (hb2 !== undefined && hb2.args.length > 0 && !["", "none"].includes(hb2.args[0]!))
    unit.secondaryLink = from(hb2, true);
  const peerOnPort = readInterfaces70(ha, unit, notes);
  if (!peerOnPort && !ha.fields.has("heartbeat-1-peer"))
    notes.warn(
      ha.at,
      "no peer address configured (heartbeat-1-peer / peer-ip); assuming a two-unit pair",
    );
  const hd = ha.fields.get("hard-drives-check");
  if (hd !== undefined && enabled(hd, notes) && unit.lservice.hd === undefined) {
    unit.lservice.hd = from(hd, {});
    notes.warn(
      hd.at,
      "hard-drives-check is on but 'config service' has no local-hd entry: its check interval is unknown; the scenario defaults apply",
    );
  }
  return unit;
}
