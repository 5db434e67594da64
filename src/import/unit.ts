/**
 * One unit's HA settings, read from its configuration whatever the firmware family, each value
 * with the statement it came from. This is what the family readers produce and what the merge
 * of two units and the scenario mapping consume.
 *
 * @module
 */
import type { Policy, Protocol } from "../config/scenario.js";
import { refuse, type Notes, type Source } from "./notes.js";
import type { Setting } from "./tree.js";

/** Firmware families with different HA syntax (`fortimail-config.md` §2). */
export type Family = "3.0" | "4.x-6.x" | "7.0-7.2" | "7.4-8.0";

/** A value and the statement it came from (the text never holds a password). */
export interface Sourced<T> {
  readonly value: T;
  readonly at: Source;
  readonly text: string;
}

/** A remote service probe; an absent field takes the scenario default. */
export interface ProbeSettings {
  readonly interval_s?: number | undefined;
  readonly timeout_s?: number | undefined;
  readonly retries?: number | undefined;
}

/** A local check; an absent field takes the scenario default. */
export interface CheckSettings {
  readonly interval_s?: number | undefined;
  readonly retries?: number | undefined;
}

/** Heartbeat timing: `interval_s` × `lostThreshold` = the detection time. */
export interface HeartbeatSettings {
  readonly interval_s: number;
  readonly lostThreshold: number;
}

/** A unit of the pair as one configuration describes it. */
export interface UnitRef {
  readonly name?: Sourced<string> | undefined;
  readonly mode: Sourced<"master" | "slave">;
}

/** Everything one configuration says about HA. Absent = the configuration is silent. */
export interface UnitConfig {
  readonly file: string;
  readonly family: Family;
  /** This unit. */
  readonly self: UnitRef;
  /** The peer, when the configuration names it (7.4+ `config member`). */
  readonly peer?: UnitRef | undefined;
  readonly policy?: Sourced<Policy> | undefined;
  readonly heartbeat?: Sourced<HeartbeatSettings> | undefined;
  readonly secondaryLink?: Sourced<boolean> | undefined;
  readonly remoteAsHeartbeat?: Sourced<boolean> | undefined;
  readonly rservice: Partial<Record<Protocol, Sourced<ProbeSettings>>>;
  readonly lservice: Partial<Record<"ports" | "hd", Sourced<CheckSettings>>>;
  readonly mailDataSync?: Sourced<boolean> | undefined;
  readonly mailQueueSync?: Sourced<boolean> | undefined;
  /** Settings read but not simulated, listed as comments in the scenario. */
  readonly notSimulated: readonly Sourced<string>[];
}

/** A mutable builder of {@link UnitConfig}, filled by the family readers. */
export type UnitDraft = { -readonly [K in keyof UnitConfig]: UnitConfig[K] } & {
  notSimulated: Sourced<string>[];
};

/** A sourced value from a setting. */
export function from<T>(s: Setting, value: T): Sourced<T> {
  return { value, at: s.at, text: s.text };
}

/** The single value word of a setting (enum values compared in lower case, W10). */
export function word(s: Setting, notes: Notes): string {
  const v = s.args.join(" ");
  if (v !== v.toLowerCase())
    notes.warn(s.at, `'${s.key}' value '${v}' is not in lower case; read as '${v.toLowerCase()}'`);
  return v.toLowerCase();
}

/** `enable` / `disable` → true / false; anything else is refused. */
export function enabled(s: Setting, notes: Notes): boolean {
  const v = word(s, notes);
  if (v === "enable") return true;
  if (v === "disable") return false;
  return refuse(
    s.at,
    `${s.key}: expected enable or disable, got ${JSON.stringify(s.args.join(" "))}`,
  );
}

/** A whole number ≥ `min` from one word; anything else is refused with the key named. */
export function wholeNumber(
  at: Source,
  key: string,
  v: string | undefined,
  min: number,
  what = "a whole number",
): number {
  const n = v !== undefined && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min)
    return refuse(
      at,
      `${key}: expected ${what}${min > 0 ? ` ≥ ${min}` : ""}, got ${v === undefined ? "nothing" : JSON.stringify(v)}`,
    );
  return n;
}

/** `hb-lost-threshold N` (total seconds, 7.x) → 5 s × N/5 when N is a multiple of 5, else 1 s × N (§5.1). */
export function splitThreshold(total_s: number): HeartbeatSettings {
  return total_s % 5 === 0
    ? { interval_s: 5, lostThreshold: total_s / 5 }
    : { interval_s: 1, lostThreshold: total_s };
}

/** on-failure words of every family → the scenario's policy names (§4.1). */
export const POLICY_WORDS: Readonly<Record<string, Policy>> = {
  off: "off",
  "switch-off": "off",
  restore: "restore",
  "restore-role": "restore",
  slave: "slave",
  "become-secondary": "slave",
};

/** Reads an on-failure / action-on-failure setting. */
export function readPolicy(s: Setting, notes: Notes): Sourced<Policy> {
  const v = word(s, notes);
  const policy = POLICY_WORDS[v];
  if (policy === undefined)
    return refuse(
      s.at,
      `${s.key}: expected off, restore-role or become-secondary (3.0: off, restore, slave), got ${JSON.stringify(s.args.join(" "))}`,
    );
  return from(s, policy);
}

/** An empty draft for a unit whose mode is known. */
export function draft(file: string, family: Family, self: UnitRef): UnitDraft {
  return { file, family, self, rservice: {}, lservice: {}, notSimulated: [] };
}
