/**
 * Reads shard folders for `hasim merge`. A path is a shard folder (it holds manifest.json) or a
 * folder of shard folders (`<out>` of the shards, holding `shard-*` folders). A `shard-*` folder
 * without a manifest is a shard that did not finish (killed, failed, still running).
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { RunResult } from "../../sim/result.js";
import { decodeUnit } from "../../study/codec.js";
import { checkManifest, type LocatedManifest } from "../../study/manifest.js";
import { UserError } from "../errors.js";

/** The shards found, and the shard folders that have no manifest (unfinished). */
export interface ShardSet {
  readonly shards: LocatedManifest[];
  readonly unfinished: string[];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readManifest(dir: string): LocatedManifest {
  const file = join(dir, "manifest.json");
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UserError(`${file}: expected a shard manifest (JSON), got ${(e as Error).message}`);
  }
  const checked = checkManifest(data);
  if (typeof checked === "string") throw new UserError(`${file}: ${checked}`);
  return { where: dir, manifest: checked };
}

/**
 * Finds the shards under the given paths.
 *
 * @throws UserError when a path is not a folder or a manifest is unreadable.
 */
export function findShards(paths: readonly string[]): ShardSet {
  const set: ShardSet = { shards: [], unfinished: [] };
  for (const p of paths) {
    if (!isDirectory(p))
      throw new UserError(
        `hasim merge: ${p}: expected a shard folder or a folder of shards, got ${existsSync(p) ? "a file" : "no such folder"}`,
      );
    if (existsSync(join(p, "manifest.json"))) {
      set.shards.push(readManifest(p));
      continue;
    }
    const children = readdirSync(p)
      .filter((n) => n.startsWith("shard-") && isDirectory(join(p, n)))
      .sort();
    for (const n of children) {
      const dir = join(p, n);
      if (existsSync(join(dir, "manifest.json"))) set.shards.push(readManifest(dir));
      else set.unfinished.push(dir);
    }
  }
  return set;
}

/**
 * Reads every shard's units.jsonl into one map by unit name, checking each file holds exactly
 * the units its manifest lists.
 */
export function readResults(shards: readonly LocatedManifest[]): Map<string, RunResult> {
  const all = new Map<string, RunResult>();
  for (const s of shards) {
    const file = join(s.where, "units.jsonl");
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      throw new UserError(`${file}: expected the shard's results, got no such file`);
    }
    const lines = text.split("\n").filter((l) => l !== "");
    const names: string[] = [];
    lines.forEach((line, i) => {
      let rec;
      try {
        rec = decodeUnit(line);
      } catch (e) {
        throw new UserError(
          `${file}: line ${i + 1}: expected a unit record, got ${(e as Error).message}`,
        );
      }
      names.push(rec.unit);
      all.set(rec.unit, rec.result);
    });
    if (names.join("\n") !== s.manifest.units.join("\n"))
      throw new UserError(
        `${file}: expected the ${s.manifest.units.length} units of manifest.json, got ${names.length} that differ; re-run shard ${s.manifest.shard.index}/${s.manifest.shard.count}`,
      );
  }
  return all;
}
