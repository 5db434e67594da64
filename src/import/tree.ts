/**
 * Statements → the nested `config` / `edit` structure of a configuration.
 *
 * `config <path>` opens a block and `end` closes it; `edit <name>` opens a table entry and
 * `next` closes it; `set` gives a field a value (the last one wins) and `unset` returns it to its
 * default. Indentation means nothing. Password values are dropped here, so nothing downstream can
 * print them. A structural mistake inside `config system ha` is refused; outside it (the hundreds
 * of other blocks of a backup, which are not read) it is a warning and the parser recovers.
 *
 * @module
 */
import { ConfigImportError, type Notes, type Source } from "./notes.js";
import type { Statement } from "./tokenize.js";

/** A `set` line: `set hb-lost-threshold 20` → key `hb-lost-threshold`, args `["20"]`. */
export interface Setting {
  readonly key: string;
  /** The value words; empty for a password (never kept). */
  readonly args: readonly string[];
  readonly at: Source;
  /** The statement as written (a password shown as `(not shown)`), for comments and messages. */
  readonly text: string;
}

/** A `config` block or an `edit` entry. */
export interface Block {
  /** The object path (`system ha`, `interface`) or the entry name (`port1`). */
  readonly name: string;
  readonly at: Source;
  readonly fields: Map<string, Setting>;
  /** Nested `config` blocks by path. */
  readonly blocks: Map<string, Block>;
  /** `edit` entries by name, in file order. */
  readonly entries: Map<string, Block>;
}

/** A whole file. */
export interface ConfigTree {
  readonly file: string;
  /** Top-level `config` blocks by path (a path given twice is merged). */
  readonly blocks: Map<string, Block>;
  /** `set` statements outside any block (FortiMail 3.0 writes every setting that way). */
  readonly topSets: readonly Setting[];
  /** The first top-level line that reads like `get` output (`name : value`). */
  readonly getStyle?: Source | undefined;
}

/** Keys whose values are never kept, shown or copied. */
const SECRET_KEYS = new Set(["password", "passwd"]);
/** The block whose mistakes are refused rather than warned about. */
export const HA_BLOCK = "system ha";

/** Shows words as a statement, quoting those with spaces; values after a password key are hidden. */
export function statementText(words: readonly string[]): string {
  const shown: string[] = [];
  for (const w of words) {
    shown.push(w === "" || /[\s"#]/.test(w) ? JSON.stringify(w) : w);
    if (SECRET_KEYS.has(w)) {
      shown.push("(not shown)");
      break;
    }
  }
  return shown.join(" ");
}

/** A setting from a `set` statement; a password keeps no value. */
function setting(words: readonly string[], at: Source, keyIndex: number): Setting {
  const key = words[keyIndex] ?? "";
  // `set password x` or 3.0 `set system ha passwd x`: keep the words up to the key, never after.
  const secret = words.slice(0, keyIndex + 3).findIndex((w) => SECRET_KEYS.has(w));
  return {
    key,
    args: words.slice(keyIndex + 1, secret < 0 ? undefined : secret + 1),
    at,
    text: statementText(words),
  };
}

function newBlock(name: string, at: Source): Block {
  return { name, at, fields: new Map(), blocks: new Map(), entries: new Map() };
}

interface Frame {
  readonly kind: "config" | "edit";
  readonly block: Block;
}

/**
 * Builds the tree.
 *
 * @param notes - receives warnings about duplicate keys and recovered mistakes.
 * @throws ConfigImportError for a mistake inside `config system ha`, or a block never closed.
 */
export function buildTree(statements: readonly Statement[], file: string, notes: Notes): ConfigTree {
  const top = new Map<string, Block>();
  const topSets: Setting[] = [];
  const stack: Frame[] = [];
  let getStyle: Source | undefined;
  const problem = (at: Source, why: string): void => {
    if (stack[0]?.block.name === HA_BLOCK) throw new ConfigImportError(file, at.line, why);
    notes.warn(at, `${why}; ignored`);
  };
  for (const s of statements) {
    const at = { file, line: s.line };
    const verb = s.words[0]!;
    const frame = stack[stack.length - 1];
    if (verb === "config" && s.words.length > 1) {
      const name = s.words.slice(1).join(" ");
      const into = frame === undefined ? top : frame.block.blocks;
      const block = into.get(name) ?? newBlock(name, at);
      into.set(name, block);
      stack.push({ kind: "config", block });
    } else if (verb === "edit" && s.words.length === 2) {
      if (frame?.kind !== "config") problem(at, "'edit' outside a 'config' block");
      else {
        const name = s.words[1]!;
        const entry = frame.block.entries.get(name) ?? newBlock(name, at);
        frame.block.entries.set(name, entry);
        stack.push({ kind: "edit", block: entry });
      }
    } else if (verb === "next" && s.words.length === 1) {
      if (frame?.kind !== "edit") problem(at, "'next' without an 'edit' entry to close");
      else stack.pop();
    } else if (verb === "end" && s.words.length === 1) {
      if (frame === undefined) problem(at, "'end' without a 'config' block to close");
      else {
        if (frame.kind === "edit") {
          problem(at, `'end' closes entry '${frame.block.name}' that has no 'next'`);
          stack.pop();
        }
        stack.pop();
      }
    } else if ((verb === "set" || verb === "unset") && s.words.length >= 2) {
      const set = setting(s.words, at, 1);
      if (frame === undefined) {
        if (verb === "set") topSets.push(set);
        continue;
      }
      const inHa = stack[0]?.block.name === HA_BLOCK;
      const before = frame.block.fields.get(set.key);
      if (inHa && before !== undefined)
        notes.warn(at, `'${set.key}' set again (first on line ${before.at.line}); the last value wins`);
      if (verb === "set") frame.block.fields.set(set.key, set);
      else frame.block.fields.delete(set.key);
    } else if (frame === undefined) {
      if (getStyle === undefined && (s.words[1] === ":" || /:$/.test(verb))) getStyle = at;
    } else if (stack[0]?.block.name === HA_BLOCK) {
      problem(at, `expected a configuration statement (config, edit, set, unset, next, end), got '${statementText(s.words)}'`);
    }
  }
  const open = stack[stack.length - 1];
  if (open !== undefined) {
    const what = open.kind === "config" ? `'config ${open.block.name}'` : `'edit ${open.block.name}'`;
    throw new ConfigImportError(
      file,
      open.block.at.line,
      `${what} is never closed (expected '${open.kind === "config" ? "end" : "next"}' before the end of the file)`,
    );
  }
  return { file, blocks: top, topSets, getStyle };
}
