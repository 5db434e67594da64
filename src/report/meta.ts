/**
 * `meta.json`: what is needed to reproduce a result folder — the effective scenario, the seeds,
 * the hasim version and the command line. Nothing time- or machine-dependent goes in, so the
 * same command gives the same bytes.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What meta.json records. Keys are written in this order. */
export interface MetaInput {
  /** `run` or `sweep`. */
  readonly command: string;
  /** The arguments after `hasim`, as typed. */
  readonly argv: readonly string[];
  readonly version: string;
  /** The effective scenario (scenarioToRaw of the qualified scenario; a sweep's first grid point). */
  readonly scenario: Record<string, unknown>;
  /** Seed strings of each replication, from the runs (RunResult.seed), by replication index (a sweep's first point). */
  readonly seeds: readonly string[];
  /** Sweeps only: the varied paths with their values, and each grid point with its seeds. */
  readonly sweep?: {
    readonly vary: ReadonlyArray<{ readonly path: string; readonly values: readonly string[] }>;
    readonly points: ReadonlyArray<{ readonly values: Readonly<Record<string, string>>; readonly seeds: readonly string[] }>;
  };
}

/** Renders meta.json (2-space indent, trailing newline). */
export function metaJson(meta: MetaInput): string {
  const doc: Record<string, unknown> = {
    hasim: meta.version,
    command: meta.command,
    argv: meta.argv,
    seeds: meta.seeds,
  };
  if (meta.sweep !== undefined) doc["sweep"] = meta.sweep;
  doc["scenario"] = meta.scenario;
  return JSON.stringify(doc, null, 2) + "\n";
}

let cachedVersion: string | undefined;

/**
 * The version from hasim's package.json, found by walking up from this module; it works both
 * from the TS sources (src/report/) and from the build (dist/src/report/).
 */
export function hasimVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "hasim" && typeof pkg.version === "string") return (cachedVersion = pkg.version);
    }
    const parent = dirname(dir);
    if (parent === dir) return (cachedVersion = "unknown");
    dir = parent;
  }
}
