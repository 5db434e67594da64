#!/usr/bin/env node
/**
 * The `hasim` command line. `main(argv, io)` parses with yargs, runs one command and returns
 * the exit code: 0 success, 2 bad input (one line on stderr, no stack trace, no files
 * written), 1 an internal error. Run as a program, it uses the process's streams.
 *
 * @module
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Argv } from "yargs";
import { hasimVersion } from "./version.js";
import { processIo, type CliIo, type HasimCommand, type Runner } from "./context.js";
import { commandName } from "./command-name.js";
import { installStopHandlers } from "./signals.js";

/** Flags that take a value; a value starting with `-` (`--horizon -5s`) is glued to its flag. */
const VALUE_FLAGS = new Set([
  "--set",
  "--seed",
  "--horizon",
  "--replications",
  "--policy",
  "--jobs",
  "-j",
  "--out",
  "--vary",
  "--runs",
  "--time-budget",
  "--ttr-bound",
  "--max-faults",
  "--kinds",
  "--property",
]);

/**
 * `--horizon -5s` → `--horizon=-5s`, so the value is checked as a value ("expected a positive
 * duration, got -5s") instead of being read as the unknown short flags `-5 -s`.
 */
export function glueDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      // Everything after `--` is a positional, even `-x.yaml`. yargs would not give such words
      // to the command's positionals, so they go on without the `--`, a leading dash made
      // harmless by `./`.
      out.push(...argv.slice(i + 1).map((w) => (w.startsWith("-") ? `./${w}` : w)));
      break;
    }
    const next = argv[i + 1];
    if (VALUE_FLAGS.has(a) && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** Thrown by a command's yargs handler once the arguments are parsed and valid (see parse). */
const CHOSEN = new Error("hasim: command chosen");

/** Parses the command line; resolves to the command to run, or to the help/version text. */
function parse(
  yargs: () => Argv,
  userError: new (message: string) => Error,
  argv: readonly string[],
  commands: readonly HasimCommand[],
): { cmd?: HasimCommand; args?: Record<string, unknown>; output: string } {
  let chosen: { cmd: HasimCommand; args: Record<string, unknown> } | undefined;
  const names = commands.map(commandName);
  let y = yargs()
    .scriptName("hasim")
    .usage(
      "$0 <command> [options]\n\nDeterministic simulator of a two-node FortiMail active-passive HA group.",
    )
    .strict()
    .exitProcess(false)
    .parserConfiguration({ "camel-case-expansion": false })
    .demandCommand(1, "expected a command (run, sweep, validate, ...)")
    .recommendCommands()
    .version(hasimVersion())
    .help()
    // The terminal's width (at most 100); 80 when the help goes to a file or a pipe.
    .wrap(process.stdout.isTTY ? Math.min(100, process.stdout.columns) : 80)
    .fail((msg: string | null, err: Error | null) => {
      // yargs reports usage mistakes here; keep its message, on one line, as a user error.
      let text = msg ?? err?.message ?? "bad command line";
      // A wrong command word gets yargs' "Unknown arguments: x, file" or a bare "Did you mean run?".
      const first = argv[0];
      if (first !== undefined && !first.startsWith("-") && !names.includes(first)) {
        const hint = text.startsWith("Did you mean")
          ? lowerFirst(text)
          : `expected one of ${names.join(", ")}`;
        text = `unknown command ${JSON.stringify(first)}; ${hint}`;
      }
      throw new userError(`hasim: ${text} (see hasim --help)`);
    });
  for (const cmd of commands) {
    y = y.command(
      cmd.command,
      cmd.describe,
      (b) => cmd.builder(b),
      (args) => {
        chosen = { cmd, args: args };
        // Leave yargs here: after a handler it renders the command's whole help text to keep
        // for later failures, which hasim never has (about 60 ms of a one-second run).
        throw CHOSEN;
      },
    );
  }
  let output = "";
  try {
    // With a callback yargs parses synchronously; the returned value is not needed.
    void y.parse(glueDashValues(argv), {}, (_err, _args, out) => {
      output = out;
    });
  } catch (err) {
    if (err !== CHOSEN) throw err;
  }
  return chosen === undefined ? { output } : { ...chosen, output };
}

/**
 * Runs the CLI.
 *
 * @param argv - the arguments after `hasim`.
 * @param io - where to print (default: the process's stdout and stderr).
 * @param runner - replaces the model (tests only).
 * @returns the exit code.
 */
export async function main(
  argv: readonly string[],
  io: CliIo = processIo,
  runner?: Runner,
): Promise<number> {
  const debug = process.env.HASIM_DEBUG === "1";
  // `hasim --version` answers before the argument parser and the commands load (start-up time).
  if (argv.length === 1 && argv[0] === "--version") {
    io.stdout(hasimVersion() + "\n");
    return 0;
  }
  try {
    const [{ default: yargs }, { loadCommand, loadCommands }, { UserError }] = await Promise.all([
      import("yargs"),
      import("./commands/index.js"),
      import("./errors.js"),
    ]);
    // `hasim run ...` registers and loads `run` only; `--help` and a mistyped word need them all.
    const named = argv[0] === undefined ? undefined : await loadCommand(argv[0]);
    const commands = named === undefined ? await loadCommands() : [named];
    const { cmd, args, output } = parse(yargs, UserError, argv, commands);
    if (output !== "") io.stdout(output.endsWith("\n") ? output : output + "\n");
    if (cmd === undefined || args === undefined) return 0;
    return await cmd.run(args, { io, argv: [...argv], runner });
  } catch (err) {
    const { describeError } = await import("./errors.js");
    const { code, line } = describeError(err, debug);
    io.stderr(line + "\n");
    return code;
  }
}

/** Exported for tests: the names of the registered commands. */
export async function commandNames(): Promise<string[]> {
  const { loadCommands } = await import("./commands/index.js");
  return (await loadCommands()).map(commandName);
}

/** True when this module is the program (also through npm's bin symlink). */
function isProgram(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isProgram()) {
  installStopHandlers(processIo, (code) => process.exit(code));
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      // main catches everything; this is only a last resort (1: internal error, as EXIT_INTERNAL).
      process.exitCode = 1;
    },
  );
}
