/**
 * Reading a scenario the way every command does: the file, then `--set` overrides, then the
 * named flags (`--seed`, `--horizon`, `--replications`, `--policy`), then qualification.
 *
 * @module
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from "node:fs";
import { parseDurationUs } from "../scenario/units.js";
import { applyOverrides, parseScenarioText, qualifyScenario } from "../scenario/index.js";
import { POLICIES, POLICY_ALIASES, type QualifiedScenario } from "../config/scenario.js";
import { UserError } from "./errors.js";
import type { CliIo } from "./context.js";
import { importForRun, looksLikeFortiMailConfig } from "./commands/import.js";

/** Scenario-changing flags shared by run, sweep and validate (raw strings as typed). */
export interface ScenarioFlags {
  readonly set?: readonly string[] | undefined;
  readonly seed?: string | undefined;
  readonly horizon?: string | undefined;
  readonly replications?: string | undefined;
  readonly policy?: string | undefined;
}

/** A scenario ready to run, with the plain data it was qualified from (workers re-qualify it). */
export interface LoadedScenario {
  readonly file: string;
  /** Plain data after overrides: structured-clonable, unlike the qualified scenario's compiled distributions. */
  readonly raw: unknown;
  readonly scenario: QualifiedScenario;
}

/** Largest scenario file read, bytes: shipped scenarios are a few kB; a larger file is a mistake. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

/** What a non-regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

/** Why a file could not be opened, in words. */
function openFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENAMETOOLONG") return "a name too long for the file system";
  return code ?? "an unreadable file";
}

/**
 * Reads a scenario file's text: a regular file of at most {@link MAX_SCENARIO_BYTES}. It is
 * opened without blocking and checked through its descriptor, so a FIFO or a device is refused
 * instead of blocking forever or being read without end.
 */
function readScenarioText(file: string): string {
  const expected = `${file}: expected a scenario file (YAML or JSON)`;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new UserError(`${expected}, got ${openFailure(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UserError(`${expected}, got ${kindOf(st)}`);
    if (st.size > MAX_SCENARIO_BYTES)
      throw new UserError(
        `${expected} of at most ${MAX_SCENARIO_BYTES / 1024 / 1024} MiB, got ${(st.size / 1024 / 1024).toFixed(1)} MiB`,
      );
    return readFileSync(fd, "utf8");
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${expected}, got ${openFailure(e)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and parses a scenario file into plain data.
 *
 * A FortiMail configuration (`hasim run fml.cfg`) is imported over the shipped typical-faults
 * scenario instead, its notes printed on `io`.
 *
 * @throws UserError when the file is missing, not a regular file, too large or unreadable;
 *   ScenarioError on bad YAML/JSON.
 */
export function readScenarioFile(file: string, io?: CliIo): unknown {
  const text = readScenarioText(file);
  if (looksLikeFortiMailConfig(text)) return importForRun(file, text, io);
  return parseScenarioText(text, file);
}

/** `--set a.b=1` → checked to have a path and an `=`; the scenario module checks the path. */
export function checkSet(flag: string, set: string): void {
  const eq = set.indexOf("=");
  if (eq <= 0)
    throw new UserError(
      `${flag} ${JSON.stringify(set)}: expected path=value (e.g. ha.heartbeat.lostThreshold=5)`,
    );
}

/** A non-negative (or positive) safe integer flag value. */
export function parseIntegerFlag(flag: string, value: string, min: number): number {
  const n = /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    const what = min > 0 ? "a positive integer" : "a non-negative integer";
    throw new UserError(`${flag}: expected ${what}, got ${JSON.stringify(value)}`);
  }
  return n;
}

/** `--policy off,slave` → the policies as typed (aliases are mapped by the qualifier). */
export function parsePolicyFlag(value: string): string[] {
  const names = value.split(",").map((s) => s.trim());
  const known = [...POLICIES, ...Object.keys(POLICY_ALIASES)];
  const seen = new Set<string>();
  for (const name of names) {
    if (!known.includes(name)) {
      throw new UserError(
        `--policy: expected a comma-separated list of ${known.join(", ")}, got ${JSON.stringify(name)}`,
      );
    }
    const policy = POLICY_ALIASES[name] ?? name;
    if (seen.has(policy))
      throw new UserError(`--policy: expected each policy once, got ${policy} twice`);
    seen.add(policy);
  }
  return names;
}

/** `--horizon 1d` → checked to be a positive duration, kept as typed for the qualifier. */
export function checkHorizonFlag(value: string): string {
  let us: number;
  try {
    us = parseDurationUs(value);
  } catch {
    us = -1;
  }
  if (!(us > 0))
    throw new UserError(
      `--horizon: expected a positive duration such as 1d or 12h, got ${JSON.stringify(value)}`,
    );
  return value;
}

/** Applies the named flags on top of the data; a non-mapping is left for the qualifier to reject. */
function applyNamedFlags(raw: unknown, flags: ScenarioFlags): unknown {
  const named: Record<string, unknown> = {};
  if (flags.seed !== undefined) named.seed = parseIntegerFlag("--seed", flags.seed, 0);
  if (flags.horizon !== undefined) named.horizon = checkHorizonFlag(flags.horizon);
  if (flags.replications !== undefined)
    named.replications = parseIntegerFlag("--replications", flags.replications, 1);
  if (flags.policy !== undefined) named.policies = parsePolicyFlag(flags.policy);
  if (
    Object.keys(named).length === 0 ||
    raw === null ||
    typeof raw !== "object" ||
    Array.isArray(raw)
  )
    return raw;
  return { ...(raw as Record<string, unknown>), ...named };
}

/**
 * Applies `--set` overrides (then `extraSets`, e.g. a sweep point) and the named flags to parsed
 * data; named flags win over `--set`.
 */
export function applyFlags(
  raw: unknown,
  file: string,
  flags: ScenarioFlags,
  extraSets: readonly string[] = [],
): unknown {
  const sets = [...(flags.set ?? [])];
  for (const s of sets) checkSet("--set", s);
  const all = [...sets, ...extraSets];
  const overridden = all.length > 0 ? applyOverrides(raw, all, file) : raw;
  return applyNamedFlags(overridden, flags);
}

/**
 * Reads, overrides and qualifies a scenario file.
 *
 * @throws UserError or ScenarioError (both one line, exit 2) on any bad input.
 */
export function loadScenario(
  file: string,
  flags: ScenarioFlags,
  extraSets: readonly string[] = [],
  io?: CliIo,
): LoadedScenario {
  const raw = applyFlags(readScenarioFile(file, io), file, flags, extraSets);
  return { file, raw, scenario: qualifyScenario(raw, file) };
}
