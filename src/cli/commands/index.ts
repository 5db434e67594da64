/**
 * The list of `hasim` sub-commands. Adding a command is one line here (import its module and
 * list it). Commands being written elsewhere in the project (`fuzz`, `report`) are picked up
 * from `commands/<name>.js` when that module exists, so the CLI builds and runs without them.
 *
 * @module
 */
import type { HasimCommand } from "../context.js";
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

function isMissing(err: unknown, name: string): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === "string" ? e.message : "";
  const notFound = e?.code === "ERR_MODULE_NOT_FOUND" || /cannot find module|failed to load url/i.test(message);
  return notFound && message.includes(`commands/${name}`);
}

/** Every command: the built-in ones, then those optional modules that exist. */
export async function loadCommands(): Promise<HasimCommand[]> {
  const all = [...COMMANDS];
  for (const name of OPTIONAL_COMMANDS) {
    if (all.some((c) => commandName(c) === name)) continue;
    try {
      const spec = `./${name}.js`;
      const mod = (await import(spec)) as { default?: HasimCommand };
      if (mod.default !== undefined) all.push(mod.default);
    } catch (e) {
      if (!isMissing(e, name)) throw e;
    }
  }
  return all;
}
