/**
 * The list of `hasim` sub-commands. Adding a command is one line here (import its module and
 * list it).
 *
 * @module
 */
import type { HasimCommand } from "../context.js";
import fuzz from "./fuzz.js";
import importCmd from "./import.js";
import merge from "./merge.js";
import report from "./report.js";
import run from "./run.js";
import sweep from "./sweep.js";
import validate from "./validate.js";

/** Every command, in `--help` order. */
export const COMMANDS: readonly HasimCommand[] = [
  run,
  sweep,
  validate,
  merge,
  fuzz,
  report,
  importCmd,
];

export { commandName } from "../command-name.js";

/** Every command (kept async so callers need not change if a command is ever loaded lazily). */
export function loadCommands(): Promise<HasimCommand[]> {
  return Promise.resolve([...COMMANDS]);
}
