/**
 * Reading one scope of `config system ha`: unknown keys warned with a did-you-mean (W1),
 * not-simulated keys listed, and the `config service` entries that every block family shares.
 *
 * @module
 */
import type { Protocol } from "../config/scenario.js";
import { didYouMean } from "../scenario/suggest.js";
import { SERVICE, SERVICE_ENTRIES, type KeyTable } from "./keys.js";
import { refuse, type Notes } from "./notes.js";
import type { Block, Setting } from "./tree.js";
import {
  enabled,
  from,
  wholeNumber,
  type CheckSettings,
  type ProbeSettings,
  type Sourced,
  type UnitDraft,
} from "./unit.js";

/**
 * Checks a block's keys against its table: unknown keys are warned about, `listed` ones added to
 * the unit's not-simulated list. Nested blocks not in `blocks` are warned about too.
 *
 * @param scope - names the scope in messages (`config system ha`, `config interface port1`).
 */
export function checkKeys(
  b: Block,
  table: KeyTable,
  scope: string,
  unit: UnitDraft,
  notes: Notes,
  blocks: readonly string[] = [],
): void {
  for (const s of b.fields.values()) {
    const role = table[s.key];
    if (role === undefined) {
      const near = didYouMean(s.key, Object.keys(table));
      notes.warn(
        s.at,
        `unknown HA key '${s.key}' in ${scope} ignored${near === undefined ? "" : `; did you mean '${near}'?`}`,
      );
    } else if (role !== "mapped") unit.notSimulated.push(from(s, scope));
  }
  for (const sub of b.blocks.values()) {
    if (!blocks.includes(sub.name))
      notes.warn(sub.at, `unknown block 'config ${sub.name}' in ${scope} ignored`);
  }
}

/** An integer field of a service entry, or undefined when absent. */
function num(e: Block, key: string): number | undefined {
  const s = e.fields.get(key);
  return s === undefined ? undefined : wholeNumber(s.at, key, s.args[0], 0, "whole seconds");
}

/** Whether a service entry is on: its `status`, or (7.6 `local-ports`, no status) `implied`. */
function entryOn(e: Block, notes: Notes, implied: boolean | undefined): boolean {
  const status = e.fields.get("status");
  if (status !== undefined) return enabled(status, notes);
  if (implied !== undefined) return implied;
  if (e.fields.size > 0)
    notes.warn(
      e.at,
      `${e.name} has settings but no 'status'; assumed disabled (default not documented)`,
    );
  return false;
}

/** An entry as one source: its `edit` line and the settings that count (`status enable, retries 3`). */
function entrySource<T>(e: Block, value: T): Sourced<T> {
  const shown = ["status", "check-interval", "check-timeout", "retries"]
    .map((k) => e.fields.get(k))
    .filter((s): s is Setting => s !== undefined)
    .map((s) => `${s.key} ${s.args.join(" ")}`);
  return { value, at: e.at, text: `edit "${e.name}": ${shown.join(", ")}` };
}

/**
 * `config service` → `unit.rservice` / `unit.lservice`. A probe or check with a zero interval or
 * retries is off; absent values take the scenario defaults (info line).
 *
 * @param localPortsOn - 7.4+: `local-ports` has no `status`; on when an interface monitors its port.
 */
export function readServices(
  b: Block,
  unit: UnitDraft,
  notes: Notes,
  localPortsOn?: boolean,
): void {
  for (const e of b.entries.values()) {
    const target = SERVICE_ENTRIES[e.name];
    if (target === undefined) {
      const near = didYouMean(e.name, Object.keys(SERVICE_ENTRIES));
      notes.warn(
        e.at,
        `unknown service '${e.name}' ignored${near === undefined ? "" : `; did you mean '${near}'?`}`,
      );
      continue;
    }
    checkKeys(e, SERVICE, `service ${e.name}`, unit, notes);
    if (!entryOn(e, notes, e.name === "local-ports" ? localPortsOn : undefined)) continue;
    const interval_s = num(e, "check-interval");
    const retries = num(e, "retries");
    if (interval_s === 0 || retries === 0) {
      notes.info(e.at, `${e.name}: a check interval or retries of 0 turns it off`);
      continue;
    }
    if (interval_s === undefined || retries === undefined)
      notes.info(e.at, `${e.name}: check-interval or retries not set; the scenario defaults apply`);
    const [kind, name] = target;
    if (kind === "rservice") {
      let timeout_s = num(e, "check-timeout");
      if (timeout_s === 0) {
        notes.warn(
          e.at,
          `${e.name}: a check-timeout of 0 cannot be simulated; the scenario default applies`,
        );
        timeout_s = undefined;
      }
      const probe: ProbeSettings = { interval_s, timeout_s, retries };
      unit.rservice[name as Protocol] = entrySource(e, probe);
    } else {
      const check: CheckSettings = { interval_s, retries };
      unit.lservice[name as "ports" | "hd"] = entrySource(e, check);
    }
  }
}

/** Refuses an HA mode hasim does not model (R1–R3), naming the value found. */
export function refuseMode(s: Setting, v: string): never {
  if (/^config[-_ ]?(primary|secondary|master|slave)$/.test(v))
    return refuse(
      s.at,
      `refused: HA mode '${v}' is a config-only cluster (each unit processes its own mail, no failover); hasim models an active-passive pair only`,
    );
  if (v === "off")
    return refuse(s.at, `refused: HA is off on this unit (mode off); nothing to simulate`);
  if (v === "active-active")
    return refuse(
      s.at,
      `refused: HA mode 'active-active' is not modelled (all units process mail behind a load balancer); hasim simulates one active-passive pair`,
    );
  return refuse(
    s.at,
    `${s.key}: expected primary or secondary (master or slave), got ${JSON.stringify(s.args.join(" "))}`,
  );
}
