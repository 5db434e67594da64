/**
 * What makes two result folders "the same experiment": the command and everything that decides
 * the simulated runs — the effective scenario (seed, horizon, replications, policies included),
 * a sweep's varied values, a fuzz's settings. Not the hasim version, the command line as typed,
 * `--jobs`, `--out` or which optional files were asked for (`--trace`, `--report`): those do not
 * change the runs, so re-running the same experiment may replace its folder without `--force`.
 *
 * The identity is a hash of those fields, recorded in meta.json as `experiment`; an older folder
 * without it is identified from the same fields of its meta.json.
 *
 * @module
 */
import { createHash } from "node:crypto";

/** The fields of meta.json that identify an experiment (the rest is derived or incidental). */
export interface ExperimentFields {
  readonly command: string;
  readonly scenario: unknown;
  /** Sweeps: the varied paths and values (meta.json `sweep.vary`). */
  readonly vary?: unknown;
  /** Fuzz: the search settings (meta.json `fuzz`). */
  readonly fuzz?: unknown;
}

/** JSON with object keys sorted, so the hash does not depend on key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
  }
  // JSON.stringify gives undefined for functions and symbols, which meta.json never holds.
  return v === undefined ? "null" : JSON.stringify(v);
}

/** The experiment's identity: 16 hex digits of a SHA-256 over its identifying fields. */
export function experimentId(f: ExperimentFields): string {
  const doc = { command: f.command, scenario: f.scenario, vary: f.vary, fuzz: f.fuzz };
  return createHash("sha256").update(canonical(doc)).digest("hex").slice(0, 16);
}

/** The identifying fields of a parsed meta.json, or null when it is not one hasim wrote. */
export function fieldsOfMeta(doc: unknown): ExperimentFields | null {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return null;
  const m = doc as Record<string, unknown>;
  if (typeof m.hasim !== "string" || typeof m.command !== "string") return null;
  const sweep = m.sweep as { vary?: unknown } | undefined;
  return { command: m.command, scenario: m.scenario, vary: sweep?.vary, fuzz: m.fuzz };
}

/**
 * meta.json text with `experiment` (see {@link experimentId}) as its second key, after
 * `hasim`. The text must be a meta.json that hasim rendered.
 */
export function stampExperiment(metaText: string): string {
  const doc = JSON.parse(metaText) as Record<string, unknown>;
  const fields = fieldsOfMeta(doc);
  if (fields === null) throw new Error("stampExperiment: not a hasim meta.json");
  const { hasim, ...rest } = doc;
  const stamped = { hasim, experiment: experimentId(fields), ...rest };
  return JSON.stringify(stamped, null, 2) + "\n";
}

/** A few words on what an experiment was, for messages: `run of primary-crash (seed 1)`. */
export function describeExperiment(doc: unknown): string {
  const f = fieldsOfMeta(doc);
  if (f === null) return "files of another program";
  const s = (f.scenario ?? {}) as Record<string, unknown>;
  const name = typeof s.name === "string" ? s.name.slice(0, 60) : "?";
  const seed = typeof s.seed === "number" ? `, seed ${s.seed}` : "";
  return `a ${f.command} of ${JSON.stringify(name)}${seed}`;
}
