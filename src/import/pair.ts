/**
 * One or two units' settings → the pair hasim simulates. With one file the peer is inferred
 * (the opposite mode); with two, each unit's mode comes from its own file and the settings that
 * FortiMail does not synchronise (S8, S9, S11: HA settings are per unit) are reconciled: heartbeat
 * detection and remote probes from the secondary's file (it is the one that detects and probes),
 * local checks and on-failure from the primary's, mail-data and MTA-queue backup only if enabled
 * on both. Each difference is a warning naming both values and the one used (W7).
 *
 * @module
 */
import { refuse, type Notes } from "./notes.js";
import type { Sourced, UnitConfig, UnitRef } from "./unit.js";

/** The pair, ready to map to scenario fields. */
export interface PairConfig extends Omit<UnitConfig, "self" | "peer" | "file" | "family"> {
  /** The imported unit first, then its peer. */
  readonly units: readonly [UnitRef, UnitRef];
  /** The peer was not described by any file. */
  readonly inferredPeer: boolean;
  readonly files: readonly string[];
}

type Key =
  "policy" | "heartbeat" | "secondaryLink" | "remoteAsHeartbeat" | "mailDataSync" | "mailQueueSync";

function shown(s: Sourced<unknown> | undefined, file: string): string {
  return s === undefined ? `${file}: not set` : `${s.at.file}:${s.at.line} '${s.text}'`;
}

/** The value of `key` from `pick`, warning when the other unit says something else. */
function reconcile<T>(
  label: string,
  pick: Sourced<T> | undefined,
  other: Sourced<T> | undefined,
  files: readonly [string, string],
  why: string,
  notes: Notes,
  plain: (v: T) => unknown = (v) => v,
): Sourced<T> | undefined {
  const value = (x: Sourced<T> | undefined): string =>
    JSON.stringify(x === undefined ? null : plain(x.value));
  if (value(pick) !== value(other)) {
    notes.warn(
      pick?.at ?? other?.at,
      `the units disagree on ${label}: ${shown(pick, files[0])} and ${shown(other, files[1])}; the first is used (${why})`,
    );
  }
  return pick;
}

/** Both flags on (an absent one counts as `fallback`, the scenario default). */
function both(
  label: string,
  a: Sourced<boolean> | undefined,
  b: Sourced<boolean> | undefined,
  fallback: boolean,
  notes: Notes,
  files: readonly [string, string],
): Sourced<boolean> | undefined {
  const va = a?.value ?? fallback;
  const vb = b?.value ?? fallback;
  if (va === vb) return a ?? b;
  const off = va ? b : a;
  notes.warn(
    a?.at ?? b?.at,
    `the units disagree on ${label}: ${shown(a, files[0])} and ${shown(b, files[1])}; it counts only when enabled on both, so it is off`,
  );
  return off ?? { value: false, at: (a ?? b)!.at, text: "(not set on one unit)" };
}

function opposite(r: UnitRef): UnitRef {
  return { mode: { ...r.mode, value: r.mode.value === "master" ? "slave" : "master" } };
}

/** One file: this unit and its peer (named by 7.4+ `config member`, else inferred). */
function single(u: UnitConfig, notes: Notes): PairConfig {
  if (u.peer === undefined)
    notes.info(
      undefined,
      `the peer is not described; inferred as the other unit, configured ${u.self.mode.value === "master" ? "slave" : "master"}`,
    );
  const { self, peer, file } = u;
  return {
    policy: u.policy,
    heartbeat: u.heartbeat,
    secondaryLink: u.secondaryLink,
    remoteAsHeartbeat: u.remoteAsHeartbeat,
    rservice: u.rservice,
    lservice: u.lservice,
    mailDataSync: u.mailDataSync,
    mailQueueSync: u.mailQueueSync,
    notSimulated: u.notSimulated,
    units: [self, peer ?? opposite(self)],
    inferredPeer: peer === undefined,
    files: [file],
  };
}

/** Two files, one per unit. */
/** The two units as `[primary, secondary]`; refuses two units configured with the same mode. */
function primaryFirst(a: UnitConfig, b: UnitConfig): [UnitConfig, UnitConfig] {
  if (a.self.mode.value === b.self.mode.value) {
    const word = a.self.mode.value === "master" ? "primary" : "secondary";
    refuse(
      b.self.mode.at,
      `refused: both units are configured as ${word} (${a.file} and ${b.file}); exactly one master is needed`,
    );
  }
  return a.self.mode.value === "master" ? [a, b] : [b, a];
}

/** The probe tables: the secondary's remote-service probes and the primary's local checks. */
function probes(
  p: UnitConfig,
  s: UnitConfig,
  notes: Notes,
): Pick<PairConfig, "rservice" | "lservice"> {
  const rservice = reconcile(
    "the remote service probes",
    wrap(s.rservice, s),
    wrap(p.rservice, p),
    [s.file, p.file],
    "the secondary runs the probes",
    notes,
    plainTable,
  );
  const lservice = reconcile(
    "the local checks",
    wrap(p.lservice, p),
    wrap(s.lservice, s),
    [p.file, s.file],
    "the primary runs them",
    notes,
    plainTable,
  );
  return { rservice: rservice?.value ?? {}, lservice: lservice?.value ?? {} };
}

function two(a: UnitConfig, b: UnitConfig, notes: Notes): PairConfig {
  const [p, s] = primaryFirst(a, b);
  const fromS: readonly [string, string] = [s.file, p.file];
  const fromP: readonly [string, string] = [p.file, s.file];
  const probeTables = probes(p, s, notes);
  const bySecondary = <T>(label: string, k: Key): Sourced<T> | undefined =>
    reconcile(
      label,
      s[k] as Sourced<T> | undefined,
      p[k] as Sourced<T> | undefined,
      fromS,
      "the secondary detects the primary's loss and runs the probes",
      notes,
    );
  return {
    units: [a.self, b.self],
    inferredPeer: false,
    files: [a.file, b.file],
    policy: reconcile(
      "on-failure",
      p.policy,
      s.policy,
      fromP,
      "the primary's: its failure is the one that triggers a failover",
      notes,
    ),
    heartbeat: bySecondary("the heartbeat timing", "heartbeat"),
    remoteAsHeartbeat: bySecondary("remote-services-as-heartbeat", "remoteAsHeartbeat"),
    secondaryLink: both(
      "the secondary heartbeat link",
      p.secondaryLink,
      s.secondaryLink,
      false,
      notes,
      fromP,
    ),
    mailDataSync: both("mail-data-sync", p.mailDataSync, s.mailDataSync, true, notes, fromP),
    mailQueueSync: both(
      "mailqueue-data-sync",
      p.mailQueueSync,
      s.mailQueueSync,
      false,
      notes,
      fromP,
    ),
    ...probeTables,
    notSimulated: [...a.notSimulated, ...b.notSimulated],
  };
}

/** A whole probe table as one sourced value, so two units' tables compare in one warning. */
function wrap<T extends object>(table: T, u: UnitConfig): Sourced<T> | undefined {
  const entries = Object.entries(table) as [string, Sourced<unknown>][];
  const first = entries[0]?.[1];
  if (first === undefined) return undefined;
  return { value: table, at: first.at, text: `${entries.map(([k]) => k).join(", ")} in ${u.file}` };
}

/** A probe table without its sources, for comparing two units' tables. */
function plainTable(table: object): unknown {
  return Object.fromEntries(
    Object.entries(table).map(([k, v]) => [k, (v as Sourced<unknown>).value]),
  );
}

/**
 * The pair from one or two units.
 *
 * @throws ConfigImportError when both files configure the same mode (R4).
 */
export function makePair(units: readonly UnitConfig[], notes: Notes): PairConfig {
  const [a, b] = units;
  if (a === undefined) throw new Error("makePair: no unit");
  return b === undefined ? single(a, notes) : two(a, b, notes);
}
