/**
 * A shard's manifest (manifest.json): what study it belongs to and which units it holds, so a
 * merge can refuse shards of different studies and name missing or duplicated units.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { listUnits } from "./units.js";

/** The manifest format this version writes and reads. */
export const MANIFEST_FORMAT = "hasim-shard/1";

/** What manifest.json holds. Keys are written in this order. */
export interface ShardManifest {
  readonly format: string;
  /** hasim's version: merging needs the same writers as the shards' results. */
  readonly hasim: string;
  /** The study's command: the arguments after `hasim`, without where and how fast (--out, --jobs, --shard…). */
  readonly command: readonly string[];
  /** sha256 of every point's effective scenario, in study order. */
  readonly scenarioHash: string;
  readonly shard: { readonly index: number; readonly count: number };
  /** Units of the whole study. */
  readonly totalUnits: number;
  /** The names of this shard's units, in study order. */
  readonly units: readonly string[];
  /** The parsed study arguments, which a merge replays (not compared: `command` says the same). */
  readonly args: Readonly<Record<string, unknown>>;
}

/** sha256 of the effective scenarios (each as `scenarioToRaw` gives it), hex. */
export function scenarioHash(effective: readonly unknown[]): string {
  const h = createHash("sha256");
  for (const s of effective) h.update(JSON.stringify(s) + "\n");
  return h.digest("hex");
}

/** Renders manifest.json (2-space indent, trailing newline). */
export function manifestJson(m: ShardManifest): string {
  return JSON.stringify(m, null, 2) + "\n";
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === "string");
}

/**
 * Checks parsed manifest.json data.
 *
 * @returns the manifest, or `field: expected …, got …` saying what is wrong.
 */
export function checkManifest(v: unknown): ShardManifest | string {
  if (!isObject(v)) return "expected a shard manifest object";
  if (v.format !== MANIFEST_FORMAT)
    return `format: expected ${JSON.stringify(MANIFEST_FORMAT)}, got ${JSON.stringify(v.format)}`;
  if (typeof v.hasim !== "string") return "hasim: expected a version string";
  if (!isStringArray(v.command)) return "command: expected a list of arguments";
  if (typeof v.scenarioHash !== "string") return "scenarioHash: expected a hash string";
  const shard = v.shard;
  if (
    !isObject(shard) ||
    !Number.isSafeInteger(shard.index) ||
    !Number.isSafeInteger(shard.count) ||
    (shard.index as number) < 0 ||
    (shard.index as number) >= (shard.count as number)
  )
    return "shard: expected {index, count} with 0 ≤ index < count";
  if (!Number.isSafeInteger(v.totalUnits)) return "totalUnits: expected an integer";
  if (!isStringArray(v.units)) return "units: expected a list of unit names";
  if (!isObject(v.args)) return "args: expected the study's arguments";
  return v as unknown as ShardManifest;
}

/** A manifest and where it was read from (for messages). */
export interface LocatedManifest {
  readonly where: string;
  readonly manifest: ShardManifest;
}

const AGREEING: readonly (keyof ShardManifest)[] = [
  "hasim",
  "command",
  "scenarioHash",
  "totalUnits",
];

function show(v: unknown): string {
  return Array.isArray(v) ? JSON.stringify(v.join(" ")) : JSON.stringify(v);
}

/**
 * Checks that the shards belong to one study: same hasim version, command, scenarios, unit
 * count and shard count.
 *
 * @returns null, or a one-line `where: field: expected …, got …` naming the first disagreement.
 */
export function disagreement(shards: readonly LocatedManifest[]): string | null {
  const first = shards[0];
  if (first === undefined) return null;
  for (const s of shards.slice(1)) {
    for (const k of AGREEING) {
      if (show(s.manifest[k]) !== show(first.manifest[k]))
        return `${s.where}: ${k}: expected ${show(first.manifest[k])} (as in ${first.where}), got ${show(s.manifest[k])}`;
    }
    if (s.manifest.shard.count !== first.manifest.shard.count)
      return `${s.where}: shard.count: expected ${first.manifest.shard.count} (as in ${first.where}), got ${s.manifest.shard.count}`;
  }
  return null;
}

/** Units given more than once, by name, with where each copy came from. */
export function duplicatedUnits(shards: readonly LocatedManifest[]): string | null {
  const seen = new Map<string, string>();
  const dups: string[] = [];
  const places = new Set<string>();
  for (const s of shards) {
    for (const u of s.manifest.units) {
      const before = seen.get(u);
      if (before === undefined) seen.set(u, s.where);
      else {
        dups.push(u);
        places.add(before).add(s.where);
      }
    }
  }
  if (dups.length === 0) return null;
  return `${dups.length} unit(s) given more than once (in ${[...places].join(", ")}): ${listUnits(dups)}`;
}

/** The units of `expected` that no shard holds, in study order. */
export function missingUnits(
  expected: readonly string[],
  shards: readonly LocatedManifest[],
): string[] {
  const have = new Set(shards.flatMap((s) => s.manifest.units));
  return expected.filter((u) => !have.has(u));
}

/** Shard indices of `0..count-1` that no manifest has, ascending. */
export function missingShards(count: number, shards: readonly LocatedManifest[]): number[] {
  const have = new Set(shards.map((s) => s.manifest.shard.index));
  return Array.from({ length: count }, (_, i) => i).filter((i) => !have.has(i));
}
