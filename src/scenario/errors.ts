/**
 * The one error a scenario file can produce, and how values are shown in it.
 *
 * Every problem with a scenario (bad YAML, an unknown field, a wrong unit, a fault after the
 * horizon, a `--set` on a path that does not exist) becomes a {@link ScenarioError} whose
 * {@link ScenarioError.format} is ONE line that names the file, the field and what was expected:
 *
 * ```text
 * scenarios/x.yaml: ha.hearbeat: expected a field of ha (heartbeat, remoteAsHeartbeat, …), got unknown field "hearbeat"; did you mean "heartbeat"?
 * ```
 *
 * The CLI prints that line and exits 2; no stack trace reaches the user.
 *
 * @module
 */

/** The path shown for a problem with the whole document rather than one field. */
export const ROOT_PATH = "(top level)";

/** A problem in a scenario file or a `--set` override; {@link format} gives the one-line message. */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";

  /**
   * @param file - the scenario file as the user named it (or `--set` for an override without one).
   * @param path - the field, dotted with `[i]` for list items (`faults[1].node`), or a YAML position (`line 3, column 7`).
   * @param expected - what the field should be, starting with "expected".
   * @param got - what was found instead, already described (see {@link describeValue}).
   * @param hint - an optional "did you mean" or remedy, appended after the value.
   */
  constructor(
    readonly file: string,
    readonly path: string,
    readonly expected: string,
    readonly got: string,
    readonly hint?: string,
  ) {
    super();
    // The message is the formatted line, so a ScenarioError that escapes uncaught still reads well.
    this.message = this.format();
  }

  /**
   * `<file>: <path>: <what was expected>, got <what>[; <hint>]`, always on one line and bounded:
   * anything echoed from the input (a 10 000-character unit name, a deep `--set` value) is cut,
   * so the line stays readable whatever the file holds.
   */
  format(): string {
    const path = bound(this.path || ROOT_PATH, MAX_PART);
    const hint = this.hint ? `; ${bound(this.hint, MAX_PART)}` : "";
    const line = `${this.file}: ${path}: ${bound(this.expected, MAX_EXPECTED)}, got ${bound(this.got, MAX_PART)}${hint}`;
    return oneLine(line);
  }
}

/** The longest word (a run without spaces: a name, a key, a value) echoed in an error line. */
export const MAX_WORD = 80;
/** The longest path, value or hint in an error line; the expectation may list fields, so more. */
const MAX_PART = 240;
const LONG_WORD = new RegExp(`\\S{${MAX_WORD + 1},}`, "g");
const MAX_EXPECTED = 600;

/** Cuts every word longer than {@link MAX_WORD} and the whole text at `max`, marking each cut with "…". */
export function bound(text: string, max: number): string {
  const words = oneLine(text).replace(LONG_WORD, (w) => `${w.slice(0, MAX_WORD)}…`);
  return words.length > max ? `${words.slice(0, max)}…` : words;
}

/** Collapses newlines (a YAML code frame, a multi-line library message) so the error stays one line. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** Appends a key or an index to a dotted path: `ha` + `heartbeat` → `ha.heartbeat`, `faults` + 1 → `faults[1]`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  return base === "" ? key : `${base}.${key}`;
}

const MAX_SHOWN = 60;

/**
 * Shows a value the way the user wrote it, short: strings quoted, lists and mappings in YAML flow
 * style cut at about 60 characters, a missing field as "nothing", an empty YAML value as "an empty value".
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "an empty value";
  const shown = flow(v, 0);
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN - 1)}…` : shown;
}

function flow(v: unknown, depth: number): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  // Deep values are elided: the preview is cut at 60 characters anyway.
  if (depth > 2) return "…";
  if (Array.isArray(v)) return `[${v.map((x) => flow(x, depth + 1)).join(", ")}]`;
  if (typeof v === "object") {
    const parts = Object.entries(v as Record<string, unknown>).map(
      ([k, x]) => `${k}: ${flow(x, depth + 1)}`,
    );
    return `{${parts.join(", ")}}`;
  }
  // Parsed files hold no functions or symbols; name the type rather than print their source.
  return `<${typeof v}>`;
}
