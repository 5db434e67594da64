/**
 * `meta.json`: what is needed to reproduce a result folder — the effective scenario, the seeds,
 * the hasim version and the command line. Nothing time- or machine-dependent goes in, so the
 * same command gives the same bytes.
 *
 * @module
 */

/** What meta.json records. Keys are written in this order. */
export interface MetaInput {
  /** `run` or `sweep`. */
  readonly command: string;
  /** The study's command: the arguments after `hasim` without --out, --jobs, --quiet and the shard flags. */
  readonly argv: readonly string[];
  readonly version: string;
  /** The effective scenario (scenarioToRaw of the qualified scenario; a sweep's first grid point). */
  readonly scenario: Record<string, unknown>;
  /** Seed strings of each replication, from the runs (RunResult.seed), by replication index (a sweep's first point). */
  readonly seeds: readonly string[];
  /** The interval level (`confidence`, runs and sweeps) and, for runs, what `--precision` / `--robustness` did. */
  readonly study?: Record<string, unknown>;
  /** Sweeps only: the varied paths with their values, and each grid point with its seeds. */
  readonly sweep?: {
    readonly vary: readonly { readonly path: string; readonly values: readonly string[] }[];
    readonly points: readonly {
      readonly values: Readonly<Record<string, string>>;
      readonly seeds: readonly string[];
    }[];
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
  if (meta.study !== undefined) doc.study = meta.study;
  if (meta.sweep !== undefined) doc.sweep = meta.sweep;
  doc.scenario = meta.scenario;
  return JSON.stringify(doc, null, 2) + "\n";
}
