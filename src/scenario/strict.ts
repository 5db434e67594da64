/**
 * The rules every scenario input obeys, whatever its format: a YAML file, a JSON file or a `--set`
 * value. No key twice in one mapping; nesting at most {@link MAX_NESTING} deep (the format itself
 * needs 5); YAML aliases only in files, at most {@link MAX_ALIASES} of them, never pointing at a
 * node that holds aliases itself (so expanding them grows a file at most linearly: no
 * "billion laughs"); and none at all in `--set`, where `*a` is far more likely a typo than a
 * reference.
 *
 * @module
 */
import YAML from "yaml";
import { ROOT_PATH, ScenarioError, joinPath } from "./errors.js";

/** The deepest nesting of mappings and lists accepted. */
export const MAX_NESTING = 32;
/** The most aliases (`*name`) a YAML file may hold. */
export const MAX_ALIASES = 100;

const TOO_DEEP_EXPECTED = `expected at most ${MAX_NESTING} levels of nesting`;
const TOO_DEEP_GOT = "nesting that is too deep";

/** The error for input nested too deep, at `where` (a field path or a line and column). */
export function tooDeep(file: string, where: string): ScenarioError {
  return new ScenarioError(file, where, TOO_DEEP_EXPECTED, TOO_DEEP_GOT);
}

/** Whether `e` is the engine's stack overflow (a parser recursing through deep nesting). */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

/**
 * Refuses parsed data nested deeper than {@link MAX_NESTING}, naming the path where it goes too
 * deep. Iterative, so the check itself cannot overflow.
 */
export function checkNesting(data: unknown, file: string, base = ""): void {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: data, path: base, depth: 0 }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { v, path, depth } = top;
    if (typeof v !== "object" || v === null) continue;
    if (depth >= MAX_NESTING) throw tooDeep(file, path || ROOT_PATH);
    const entries: [string | number, unknown][] = Array.isArray(v)
      ? v.map((x, i) => [i, x])
      : Object.entries(v);
    for (const [k, x] of entries) stack.push({ v: x, path: joinPath(path, k), depth: depth + 1 });
  }
}

/**
 * Refuses YAML text whose flow collections (`[…]`, `{…}`) nest deeper than {@link MAX_NESTING},
 * before the parser, which recurses once per level, spends seconds or overflows its stack on it.
 * Quoted text and comments are skipped; a bracket inside a block scalar may count, which only
 * matters for text with more than 32 unclosed brackets.
 *
 * @param where - the field a `--set` value is for; a file's error gives the line and column.
 */
export function checkFlowNesting(text: string, file: string, where?: string): void {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1] ?? ""))) {
      const eol = text.indexOf("\n", i);
      i = eol < 0 ? text.length : eol;
    } else if (c === "[" || c === "{") {
      if (++depth > MAX_NESTING) throw tooDeep(file, where ?? lineColumn(text, i));
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
}

/** `line L, column C` of an offset in `text`. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const col = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${col}`;
}

/**
 * Refuses a key written twice in one object of a JSON text that `JSON.parse` has already accepted
 * (it would keep the last silently, where YAML refuses). Also bounds the nesting before the data is
 * walked.
 */
export function checkJsonKeys(text: string, file: string): void {
  // One set of keys per open object; null for an open array.
  const open: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{" || c === "[") {
      if (open.length >= MAX_NESTING) throw tooDeep(file, lineColumn(text, i));
      open.push(c === "{" ? new Set() : null);
    } else if (c === "}" || c === "]") open.pop();
    else if (c === '"') {
      const end = stringEnd(text, i);
      const keys = open.at(-1);
      if (keys instanceof Set && /^\s*:/.test(text.slice(end + 1, end + 64))) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) {
          throw new ScenarioError(
            file,
            lineColumn(text, i),
            "expected valid JSON",
            `map keys must be unique ("${key}" is written twice)`,
          );
        }
        keys.add(key);
      }
      i = end;
    }
  }
}

/** The index of the quote closing the JSON string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}

/**
 * Checks the anchors and aliases of a parsed YAML document against the rules above.
 *
 * @param allowAliases - false for a `--set` value: any anchor or alias is refused.
 * @param where - the path or `--set` the document came from, for the message.
 */
export function checkAliases(
  doc: YAML.Document,
  file: string,
  where: string,
  allowAliases: boolean,
): void {
  let count = 0;
  const refuse = (got: string): never => {
    throw new ScenarioError(
      file,
      where,
      allowAliases
        ? `expected at most ${MAX_ALIASES} YAML aliases, none pointing at a node that holds aliases`
        : "expected a value without YAML anchors or aliases (&name, *name); quote text that starts with * or &",
      got,
    );
  };
  YAML.visit(doc, {
    Alias(_key, alias) {
      if (!allowAliases) refuse(`the alias *${alias.source}`);
      if (++count > MAX_ALIASES) refuse(`more than ${MAX_ALIASES} aliases`);
      const target = alias.resolve(doc);
      if (target !== undefined && holdsAlias(target))
        refuse(`the alias *${alias.source} to a node that holds aliases`);
    },
    Node(_key, node) {
      if (!allowAliases && node.anchor !== undefined) refuse(`the anchor &${node.anchor}`);
    },
  });
}

function holdsAlias(node: YAML.Node): boolean {
  let found = false;
  YAML.visit(node, {
    Alias() {
      found = true;
      return YAML.visit.BREAK;
    },
  });
  return found;
}
