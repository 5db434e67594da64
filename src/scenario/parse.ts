/**
 * Scenario text → plain data (mappings, lists, strings, numbers, booleans, null).
 *
 * YAML 1.2 (core schema), so `off`, `yes` and `no` stay strings: `policies: [off, slave]` means the
 * policy named `off`, not `false` as YAML 1.1 would have it. `.json` files are read with
 * `JSON.parse`, which is stricter than reading JSON as YAML (YAML would take `"b": }` as null).
 * Syntax errors become a {@link ScenarioError} whose path is the line and column.
 *
 * @module
 */
import YAML from "yaml";
import { ScenarioError, describeValue } from "./errors.js";

/**
 * Parses the text of a scenario file.
 *
 * @param source - the file's contents (a leading byte-order mark is ignored).
 * @param file - the file name as the user gave it; `.json` selects JSON, anything else YAML
 *   (a name with neither `.yaml` nor `.yml` whose text starts with `{` is tried as JSON first).
 * @returns the plain data; the caller validates it with `qualifyScenario`.
 * @throws ScenarioError on a syntax error, naming the line and column.
 */
export function parseScenarioText(source: string, file: string): unknown {
  // Editors on Windows may save a byte-order mark, which JSON.parse refuses.
  const text = source.replace(/^\uFEFF/, "");
  const lower = file.toLowerCase();
  if (lower.endsWith(".json")) return parseJson(text, file);
  const yamlByName = lower.endsWith(".yaml") || lower.endsWith(".yml");
  if (!yamlByName && /^\s*\{/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not JSON after all: YAML flow mappings also start with "{".
    }
  }
  return parseYaml(text, file);
}

/** YAML 1.2 → data; the first syntax error is reported with its position. */
function parseYaml(text: string, file: string): unknown {
  const doc = YAML.parseDocument(text, { prettyErrors: true, version: "1.2", uniqueKeys: true });
  const err = doc.errors[0];
  if (err !== undefined) {
    const pos = err.linePos?.[0];
    // With prettyErrors the message carries " at line L, column C:" and a code frame; keep the reason only.
    const reason = err.message.split(/ at line \d+, column \d+/)[0] ?? err.message;
    throw new ScenarioError(
      file,
      pos ? `line ${pos.line}, column ${pos.col}` : "(top level)",
      "expected valid YAML",
      `${lowerFirst(reason.trim())}${pos ? ` (${describeValue(lineAt(text, pos.line).trim())})` : ""}`,
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    // An alias to a missing anchor, or alias expansion past the limit (a "billion laughs" file).
    throw new ScenarioError(
      file,
      "(top level)",
      "expected valid YAML",
      lowerFirst((e as Error).message),
    );
  }
}

/** JSON → data; V8's message gives a position only sometimes, so the line is found from it when it can be. */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const msg = (e as Error).message;
    const at = /position (\d+)/.exec(msg);
    let where = "(top level)";
    if (at !== null) where = lineColumn(text, Number(at[1]));
    else if (/end of (JSON|data)/i.test(msg)) where = lineColumn(text, text.length);
    const reason =
      msg.split(/ in JSON at position| at position|, ".*" is not valid JSON/s)[0] ?? msg;
    throw new ScenarioError(file, where, "expected valid JSON", lowerFirst(reason.trim()));
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const col = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${col}`;
}

function lineAt(text: string, line: number): string {
  return text.split(/\r?\n/)[line - 1] ?? "";
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0]!.toLowerCase() + s.slice(1) : s;
}
