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

/** Longest error line, characters: enough for any message hasim writes, not for a pasted file. */
export const MAX_ERROR_LINE_CHARS = 400;
/** Longest quoted value kept whole inside an error line. */
const MAX_QUOTED_CHARS = 80;

/** Collapses a message onto one line. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/**
 * Bounds an error line: a quoted value longer than {@link MAX_QUOTED_CHARS} is cut (a 10 000
 * character node name, a huge `--set` value), then the line itself is cut at
 * {@link MAX_ERROR_LINE_CHARS}, saying how much was left out.
 */
export function boundLine(line: string): string {
  const quoted = line.replace(/"(?:[^"\\]|\\.)*"/g, (q) =>
    q.length <= MAX_QUOTED_CHARS
      ? q
      : `${q.slice(0, MAX_QUOTED_CHARS - 10)}…" (${q.length - 2} characters)`,
  );
  if (quoted.length <= MAX_ERROR_LINE_CHARS) return quoted;
  const cut = quoted.length - (MAX_ERROR_LINE_CHARS - 30);
  return `${quoted.slice(0, MAX_ERROR_LINE_CHARS - 30)}… (${cut} more characters)`;
}

/**
 * The exit code and the one line to print for an error thrown by a command.
 *
 * @param err - whatever was thrown.
 * @param debug - include the stack of an internal error (HASIM_DEBUG).
 */
export function describeError(err: unknown, debug = false): { code: number; line: string } {
  if (err instanceof ScenarioError)
    return { code: EXIT_USAGE, line: boundLine(oneLine(err.format())) };
  if (err instanceof UserError) return { code: EXIT_USAGE, line: boundLine(oneLine(err.message)) };
  if (err instanceof TimeFormatError)
    return { code: EXIT_USAGE, line: boundLine(`hasim: ${oneLine(err.message)}`) };
  const e = err instanceof Error ? err : new Error(String(err));
  const line = `hasim: internal error: ${boundLine(oneLine(e.message))} (this is a bug; HASIM_DEBUG=1 shows the stack)`;
  return {
    code: EXIT_INTERNAL,
    line: debug && e.stack !== undefined ? `${line}\n${e.stack}` : line,
  };
}
