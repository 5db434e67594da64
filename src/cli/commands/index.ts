/**
 * The list of `hasim` sub-commands. Adding a command is one line here (import its module and
 * list it). Commands being written elsewhere in the project (`fuzz`, `report`) are picked up
 * from `commands/<name>.js` when that module exists, so the CLI builds and runs without them.
 *
 * @module
 */
import type { HasimCommand } from "../context.js";
import { importOptional } from "../optional-module.js";
import run from "./run.js";
import sweep from "./sweep.js";
import validate from "./validate.js";

/** Built-in commands, in `--help` order. */
export const COMMANDS: readonly HasimCommand[] = [run, sweep, validate];

/** Command modules loaded only if present (default export: a HasimCommand). */
export const OPTIONAL_COMMANDS: readonly string[] = ["fuzz", "report"];

/** The first word of a command string: `run <scenario>` → `run`. */
export function commandName(c: HasimCommand): string {
  return c.command.split(/\s+/)[0] ?? c.command;
}

/** Every command: the built-in ones, then those optional modules that exist. */
export async function loadCommands(): Promise<HasimCommand[]> {
  const all = [...COMMANDS];
  for (const name of OPTIONAL_COMMANDS) {
    if (all.some((c) => commandName(c) === name)) continue;
    const mod = await importOptional((s) => import(s), `./${name}.js`, `commands/${name}.js`);
    const cmd = mod?.["default"] as HasimCommand | undefined;
    if (cmd !== undefined) all.push(cmd);
  }
  return all;
}
