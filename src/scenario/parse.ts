/**
 * Scenario text → plain data (mappings, lists, strings, numbers, booleans, null).
 *
 * YAML 1.2 (core schema), so `off`, `yes` and `no` stay strings: `policies: [off, slave]` means the
 * policy named `off`, not `false` as YAML 1.1 would have it. `.json` files are read with
 * `JSON.parse`, which is stricter than reading JSON as YAML (YAML would take `"b": }` as null).
 * Both formats obey the same rules (`strict.ts`): no key twice, bounded nesting, bounded aliases.
 * Syntax errors become a {@link ScenarioError} whose path is the line and column.
 *
 * @module
 */
import YAML from "yaml";
import { ROOT_PATH, ScenarioError, describeValue } from "./errors.js";
import {
  MAX_ALIASES,
  checkAliases,
  checkFlowNesting,
  checkJsonKeys,
  checkNesting,
  isStackOverflow,
  lineColumn,
  tooDeep,
} from "./strict.js";

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
    let data: unknown;
    try {
      data = JSON.parse(text) as unknown;
    } catch {
      // Not JSON after all: YAML flow mappings also start with "{".
      return parseYaml(text, file);
    }
    checkJsonKeys(text, file);
    return data;
  }
  return parseYaml(text, file);
}

/** YAML 1.2 → data; the first syntax error is reported with its position. */
function parseYaml(text: string, file: string): unknown {
  checkFlowNesting(text, file);
  let doc: YAML.Document;
  try {
    doc = YAML.parseDocument(text, { prettyErrors: true, version: "1.2", uniqueKeys: true });
  } catch (e) {
    if (isStackOverflow(e)) throw tooDeep(file, ROOT_PATH);
    throw e;
  }
  const err = doc.errors[0];
  if (err !== undefined) {
    const pos = err.linePos?.[0];
    // The parser recurses per level: a stack overflow is nesting, not a syntax error.
    if (/call stack/i.test(err.message))
      throw tooDeep(file, pos ? `line ${pos.line}, column ${pos.col}` : ROOT_PATH);
    // With prettyErrors the message carries " at line L, column C:" and a code frame; keep the reason only.
    const reason = err.message.split(/ at line \d+, column \d+/)[0] ?? err.message;
    throw new ScenarioError(
      file,
      pos ? `line ${pos.line}, column ${pos.col}` : "(top level)",
      "expected valid YAML",
      `${lowerFirst(reason.trim())}${pos ? ` (${describeValue(lineAt(text, pos.line).trim())})` : ""}`,
    );
  }
  checkAliases(doc, file, ROOT_PATH, true);
  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown;
    checkNesting(data, file);
    return data;
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    if (isStackOverflow(e)) throw tooDeep(file, ROOT_PATH);
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
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (e) {
    if (isStackOverflow(e)) throw tooDeep(file, ROOT_PATH);
    const msg = (e as Error).message;
    const at = /position (\d+)/.exec(msg);
    let where = "(top level)";
    if (at !== null) where = lineColumn(text, Number(at[1]));
    else if (/end of (JSON|data)/i.test(msg)) where = lineColumn(text, text.length);
    const reason =
      msg.split(/ in JSON at position| at position|, ".*" is not valid JSON/s)[0] ?? msg;
    throw new ScenarioError(file, where, "expected valid JSON", lowerFirst(reason.trim()));
  }
  // Same rules as YAML: a key written twice is refused, not silently the last one.
  checkJsonKeys(text, file);
  return data;
}

function lineAt(text: string, line: number): string {
  return text.split(/\r?\n/)[line - 1] ?? "";
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0]!.toLowerCase() + s.slice(1) : s;
}
