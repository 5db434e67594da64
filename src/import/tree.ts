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

/** The stack of open blocks while statements are read. */
class TreeBuilder {
  readonly top = new Map<string, Block>();
  readonly topSets: Setting[] = [];
  readonly stack: Frame[] = [];
  getStyle: Source | undefined;

  constructor(
    private readonly file: string,
    private readonly notes: Notes,
  ) {}

  private get frame(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private get inHa(): boolean {
    return this.stack[0]?.block.name === HA_BLOCK;
  }

  /** A structural mistake: refused inside `config system ha`, warned about elsewhere. */
  private problem(at: Source, why: string): void {
    if (this.inHa) throw new ConfigImportError(this.file, at.line, why);
    this.notes.warn(at, `${why}; ignored`);
  }

  statement(s: Statement): void {
    const at = { file: this.file, line: s.line };
    const [verb, ...args] = s.words as [string, ...string[]];
    if (verb === "config" && args.length > 0) this.open(args.join(" "), at);
    else if (verb === "edit" && args.length === 1) this.edit(args[0]!, at);
    else if (verb === "next" && args.length === 0) this.next(at);
    else if (verb === "end" && args.length === 0) this.end(at);
    else if ((verb === "set" || verb === "unset") && args.length > 0) this.set(s.words, at);
    else if (this.frame === undefined) {
      if (this.getStyle === undefined && (args[0] === ":" || verb.endsWith(":")))
        this.getStyle = at;
    } else if (this.inHa) {
      this.problem(
        at,
        `expected a configuration statement (config, edit, set, unset, next, end), got '${statementText(s.words)}'`,
      );
    }
  }

  private open(name: string, at: Source): void {
    const into = this.frame === undefined ? this.top : this.frame.block.blocks;
    const block = into.get(name) ?? newBlock(name, at);
    into.set(name, block);
    this.stack.push({ kind: "config", block });
  }

  private edit(name: string, at: Source): void {
    const frame = this.frame;
    if (frame?.kind !== "config") {
      this.problem(at, "'edit' outside a 'config' block");
      return;
    }
    const entry = frame.block.entries.get(name) ?? newBlock(name, at);
    frame.block.entries.set(name, entry);
    this.stack.push({ kind: "edit", block: entry });
  }

  private next(at: Source): void {
    if (this.frame?.kind !== "edit") this.problem(at, "'next' without an 'edit' entry to close");
    else this.stack.pop();
  }

  private end(at: Source): void {
    const frame = this.frame;
    if (frame === undefined) {
      this.problem(at, "'end' without a 'config' block to close");
      return;
    }
    if (frame.kind === "edit") {
      this.problem(at, `'end' closes entry '${frame.block.name}' that has no 'next'`);
      this.stack.pop();
    }
    this.stack.pop();
  }

  private set(words: readonly string[], at: Source): void {
    const set = setting(words, at, 1);
    const frame = this.frame;
    if (frame === undefined) {
      if (words[0] === "set") this.topSets.push(set);
      return;
    }
    const before = frame.block.fields.get(set.key);
    if (this.inHa && before !== undefined)
      this.notes.warn(
        at,
        `'${set.key}' set again (first on line ${before.at.line}); the last value wins`,
      );
    if (words[0] === "set") frame.block.fields.set(set.key, set);
    else frame.block.fields.delete(set.key);
  }

  /** The tree; refuses a block still open at the end of the file. */
  finish(): ConfigTree {
    const open = this.frame;
    if (open !== undefined) {
      const [what, closer] =
        open.kind === "config"
          ? [`'config ${open.block.name}'`, "end"]
          : [`'edit ${open.block.name}'`, "next"];
      throw new ConfigImportError(
        this.file,
        open.block.at.line,
        `${what} is never closed (expected '${closer}' before the end of the file)`,
      );
    }
    return { file: this.file, blocks: this.top, topSets: this.topSets, getStyle: this.getStyle };
  }
}

/**
 * Builds the tree.
 *
 * @param notes - receives warnings about duplicate keys and recovered mistakes.
 * @throws ConfigImportError for a mistake inside `config system ha`, or a block never closed.
 */
export function buildTree(
  statements: readonly Statement[],
  file: string,
  notes: Notes,
): ConfigTree {
  const b = new TreeBuilder(file, notes);
  for (const s of statements) b.statement(s);
  return b.finish();
}
