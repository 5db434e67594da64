/**
 * FortiMail 3.0 MR4: every HA setting is one line `set system ha <sub> <arguments…>` with
 * positional arguments (`fortimail-config.md` §3.1, §6 D1–D3, D9).
 *
 * @module
 */
import type { Protocol } from "../config/scenario.js";
import { didYouMean } from "../scenario/suggest.js";
import { PROTOCOLS_30, SUB_30 } from "./keys.js";
import { refuse, type Notes, type Source } from "./notes.js";
import { refuseMode } from "./scope.js";
import type { Setting } from "./tree.js";
import {
  draft,
  enabled,
  from,
  readPolicy,
  wholeNumber,
  word,
  type Sourced,
  type UnitConfig,
  type UnitDraft,
} from "./unit.js";

/** A 3.0 line as a setting of its sub-command: `set system ha monitor 20000 5 3` → key monitor. */
function asSub(s: Setting): Setting {
  return { key: s.args[1] ?? "", args: s.args.slice(2), at: s.at, text: s.text };
}

/** Whether a top-level `set` is a 3.0 HA line. */
export function isHaLine30(s: Setting): boolean {
  return s.key === "system" && s.args[0] === "ha";
}

const num = (s: Setting, i: number, what = "a whole number"): number =>
  wholeNumber(s.at, `${s.key} argument ${i + 1}`, s.args[i], 0, what);

/** `mode master|slave`; `config master` and `off` are refused (R2, R3). */
function readMode30(s: Setting): Sourced<"master" | "slave"> {
  const v = s.args.join(" ").toLowerCase();
  if (v === "master" || v === "primary") return from(s, "master");
  if (v === "slave" || v === "secondary") return from(s, "slave");
  return refuseMode(s, v);
}

/** `monitor [port] <port> <time_s> <retries>` → heartbeat timing; a zero keeps the default. */
function readMonitor(s: Setting, unit: UnitDraft, notes: Notes): void {
  const args = s.args[0] === "port" ? s.args.slice(1) : s.args;
  if (args.length !== 3)
    refuse(
      s.at,
      `monitor: expected <heartbeat_port> <heartbeat_time> <retries>, got ${args.length} values`,
    );
  const m = { ...s, args };
  num(m, 0, "a port number");
  let interval_s = num(m, 1, "whole seconds");
  let lostThreshold = num(m, 2);
  if (interval_s === 0 || lostThreshold === 0) {
    notes.warn(
      s.at,
      "monitor: a heartbeat time or retries of 0 cannot be simulated; the default (5 s × 3) is kept for it",
    );
    interval_s ||= 5;
    lostThreshold ||= 3;
  }
  unit.heartbeat = from(s, { interval_s, lostThreshold });
}

/** `lservice {ports|hd} <check_s> <retries>`; either 0 = off. */
function readLservice(s: Setting, unit: UnitDraft, notes: Notes): void {
  const check = s.args[0];
  if (check !== "ports" && check !== "hd") {
    notes.warn(s.at, `lservice: unknown check '${check ?? ""}' ignored; expected ports or hd`);
    return;
  }
  const interval_s = num(s, 1, "whole seconds");
  const retries = num(s, 2);
  if (interval_s === 0 || retries === 0) return;
  unit.lservice[check] = from(s, { interval_s, retries });
}

/** `rservice <proto> <ip> <port> <check> <response> <retries>`; 0.0.0.0 or a zero = off. */
function readRservice(s: Setting, unit: UnitDraft, notes: Notes): void {
  const proto = PROTOCOLS_30[s.args[0] ?? ""] as Protocol | undefined;
  if (proto === undefined) {
    notes.warn(
      s.at,
      `rservice: unknown protocol '${s.args[0] ?? ""}' ignored; expected smtp, pop, imap or http`,
    );
    return;
  }
  if (s.args.length !== 6)
    refuse(
      s.at,
      `rservice: expected <protocol> <ip> <port> <check_time> <response_time> <retries>, got ${s.args.length} values`,
    );
  const port = num(s, 2, "a port number");
  const [interval_s, timeout_s, retries] = [
    num(s, 3, "whole seconds"),
    num(s, 4, "whole seconds"),
    num(s, 5),
  ];
  if (s.args[1] === "0.0.0.0" || port === 0 || interval_s === 0 || retries === 0) return;
  notes.warn(
    s.at,
    `rservice ${s.args[0]}: the 3.0 MR4 reference gives the check interval in seconds (table) and minutes (introduction); seconds assumed`,
  );
  unit.rservice[proto] = from(s, {
    interval_s,
    timeout_s: timeout_s === 0 ? undefined : timeout_s,
    retries,
  });
}

/** One sub-command other than mode. */
function readSub(s: Setting, unit: UnitDraft, notes: Notes): void {
  switch (s.key) {
    case "on-failure":
      unit.policy = readPolicy(s, notes);
      return;
    case "monitor":
      readMonitor(s, unit, notes);
      return;
    case "lservice":
      readLservice(s, unit, notes);
      return;
    case "rservice":
      readRservice(s, unit, notes);
      return;
    case "secondary-interface":
      unit.secondaryLink = from(s, word(s, notes) !== "disable" && s.args.length > 0);
      return;
    case "remote-as-heartbeat":
      unit.remoteAsHeartbeat = from(s, enabled(s, notes));
      return;
    case "cpeer":
      refuse(
        s.at,
        "refused: 'cpeer' lists the peers of a config-only cluster (each unit processes its own mail, no failover); hasim models an active-passive pair only",
      );
      return;
    case "config":
    case "data":
    case "datadir":
      notes.warn(
        s.at,
        `'set system ha ${s.key} …' recognised but not interpreted (its syntax is not documented here)`,
      );
      return;
    case "restart":
    case "restore":
    case "resync":
      notes.info(
        s.at,
        `'set system ha ${s.key}' is an operator action, not configuration; ignored`,
      );
      return;
  }
  const role = SUB_30[s.key];
  if (role === "listed" || role === "secret") unit.notSimulated.push(from(s, ""));
  else if (role === undefined) {
    const near = didYouMean(s.key, Object.keys(SUB_30));
    notes.warn(
      s.at,
      `unknown HA key 'set system ha ${s.key}' ignored${near === undefined ? "" : `; did you mean '${near}'?`}`,
    );
  }
}

/** Reads the `set system ha …` lines of a 3.0 configuration. */
export function read30(
  lines: readonly Setting[],
  file: string,
  notes: Notes,
  first: Source,
): UnitConfig {
  const subs = lines.filter(isHaLine30).map(asSub);
  const modes = subs.filter((s) => s.key === "mode");
  const last = modes[modes.length - 1];
  if (last === undefined)
    return refuse(
      first,
      "refused: no 'set system ha mode' line, so this unit's mode is unknown; expected mode master or slave",
    );
  const unit = draft(file, "3.0", { mode: readMode30(last) });
  const seen = new Map<string, Source>();
  for (const s of subs) {
    const id = ["lservice", "rservice"].includes(s.key) ? `${s.key} ${s.args[0] ?? ""}` : s.key;
    const before = seen.get(id);
    if (before !== undefined)
      notes.warn(s.at, `'${id}' set again (first on line ${before.line}); the last value wins`);
    seen.set(id, s.at);
    if (s.key !== "mode") readSub(s, unit, notes);
  }
  if (!subs.some((s) => s.key === "peer"))
    notes.warn(first, "no peer address configured (set system ha peer); assuming a two-unit pair");
  return unit;
}
