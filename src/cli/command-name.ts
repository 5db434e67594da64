/**
 * A command's name, in a module of its own so that `main.ts` can use it without loading every
 * command.
 *
 * @module
 */
import type { HasimCommand } from "./context.js";

/** The first word of a command string: `run <scenario>` → `run`. */
export function commandName(c: HasimCommand): string {
  return c.command.split(/\s+/)[0] ?? c.command;
}
