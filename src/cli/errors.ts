/**
 * How the CLI fails. A user error (bad flag, bad scenario, missing file) is one line on stderr
 * and exit code 2, never a stack trace; anything else is a bug, reported in one short line with
 * exit code 1 (set HASIM_DEBUG=1 to see the stack).
 *
 * @module
 */
import { ScenarioError } from "../scenario/index.js";
import { TimeFormatError } from "../scenario/units.js";

/** Exit code of a user error. */
export const EXIT_USAGE = 2;
/** Exit code of an unexpected (internal) error. */
export const EXIT_INTERNAL = 1;

/** A mistake in the command line or its input, reported as its message on one line. */
export class UserError extends Error {
  override readonly name = "UserError";
}

/** Collapses a message onto one line. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/**
 * The exit code and the one line to print for an error thrown by a command.
 *
 * @param err - whatever was thrown.
 * @param debug - include the stack of an internal error (HASIM_DEBUG).
 */
export function describeError(err: unknown, debug = false): { code: number; line: string } {
  if (err instanceof ScenarioError) return { code: EXIT_USAGE, line: err.format() };
  if (err instanceof UserError) return { code: EXIT_USAGE, line: oneLine(err.message) };
  if (err instanceof TimeFormatError)
    return { code: EXIT_USAGE, line: `hasim: ${oneLine(err.message)}` };
  const e = err instanceof Error ? err : new Error(String(err));
  const line = `hasim: internal error: ${oneLine(e.message)} (this is a bug; HASIM_DEBUG=1 shows the stack)`;
  return {
    code: EXIT_INTERNAL,
    line: debug && e.stack !== undefined ? `${line}\n${e.stack}` : line,
  };
}
