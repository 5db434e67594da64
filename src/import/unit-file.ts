/**
 * One configuration file → one unit's HA settings: tokenize, build the block tree, tell the
 * firmware family from the keys (not the header, `fortimail-config.md` §2), and read it.
 *
 * @module
 */
import { refuse, type Notes } from "./notes.js";
import { read30, isHaLine30 } from "./read-30.js";
import { read70 } from "./read-70.js";
import { read74 } from "./read-74.js";
import { TOP_70, TOP_74 } from "./keys.js";
import { buildTree, HA_BLOCK, type Block, type ConfigTree } from "./tree.js";
import { tokenize } from "./tokenize.js";
import type { Family, Sourced, UnitConfig } from "./unit.js";

const WORDS_74 = new Set(["active-passive", "active-active"]);
const WORDS_5X = new Set(["master", "slave", "config-master", "config-slave", "restore"]);

/** The family of a `config system ha` block, from its keys and values. */
export function blockFamily(ha: Block): Family {
  const f = ha.fields;
  const b = ha.blocks;
  const v = (k: string): string => (f.get(k)?.args.join(" ") ?? "").toLowerCase();
  if (
    ["state", "type", "action-on-failure"].some((k) => f.has(k)) ||
    b.has("member") ||
    b.has("group") ||
    WORDS_74.has(v("mode"))
  )
    return "7.4-8.0";
  if (WORDS_5X.has(v("mode")) || WORDS_5X.has(v("on-failure"))) return "4.x-6.x";
  return "7.0-7.2";
}

/** `config system global` / `set hostname`: the unit's name, if given. */
function hostname(tree: ConfigTree): Sourced<string> | undefined {
  const s = tree.blocks.get("system global")?.fields.get("hostname");
  const v = s?.args[0];
  return s === undefined || v === undefined ? undefined : { value: v, at: s.at, text: s.text };
}

/** Refuses a top-level `set` that belongs inside a block (a pasted fragment, or a stray line). */
function checkTopSets(tree: ConfigTree): void {
  const blockStyle = tree.blocks.size > 0;
  for (const s of tree.topSets) {
    if (isHaLine30(s) && !blockStyle) continue;
    const haKey = s.key in TOP_70 || s.key in TOP_74;
    if (blockStyle || haKey)
      refuse(
        s.at,
        `'set ${s.key}' outside any 'config' block; expected it inside 'config system ha' … 'end'`,
      );
  }
}

/**
 * Reads one unit's configuration.
 *
 * @param file - the file name as the user gave it (messages and comments name it).
 * @throws ConfigImportError (one line, `FILE:LINE: why`) for what cannot be imported.
 */
export function readUnit(text: string, file: string, notes: Notes): UnitConfig {
  const tree = buildTree(tokenize(text, file), file, notes);
  checkTopSets(tree);
  const ha = tree.blocks.get(HA_BLOCK);
  const others = [...tree.blocks.keys()].filter((k) => k !== HA_BLOCK).length;
  if (others > 0)
    notes.info(
      undefined,
      `${file}: ${others} configuration block(s) other than 'config system ha' skipped`,
    );
  if (ha !== undefined) {
    const family = blockFamily(ha);
    if (family === "4.x-6.x")
      notes.info(
        ha.at,
        "master/slave words: FortiMail 4.x–6.x assumed, read with the 7.0 key layout",
      );
    return family === "7.4-8.0" ? read74(ha, notes) : read70(ha, family, notes, hostname(tree));
  }
  const first = tree.topSets.find(isHaLine30);
  if (first !== undefined) return read30(tree.topSets, file, notes, first.at);
  if (tree.getStyle !== undefined)
    refuse(
      tree.getStyle,
      "this looks like 'get' output; export with 'show system ha' or a configuration backup",
    );
  return refuse(
    { file, line: 1 },
    "no HA configuration found ('config system ha' or 'set system ha …')",
  );
}
