/**
 * What every command gets: where to print, and the command line it came from. Commands never
 * touch `process.stdout` directly, so `main(argv, io)` can run in-process with captured output.
 *
 * @module
 */
import type { Argv } from "yargs";
import type { RunOptions, RunResult } from "../sim/result.js";
import type { Policy, QualifiedScenario } from "../config/scenario.js";

/** Runs one replication: `runReplication` of src/sim/run.ts, or a fake in tests. */
export type Runner = (
  scenario: QualifiedScenario,
  policy: Policy,
  replication: number,
  options?: RunOptions,
) => RunResult;

/** Where the CLI prints. */
export interface CliIo {
  /** Writes text to standard output (the text carries its own newlines). */
  stdout(text: string): void;
  /** Writes text to standard error. */
  stderr(text: string): void;
  /** Whether stderr is a terminal; the progress bar is drawn only then. */
  readonly stderrIsTty: boolean;
}

/** The real process streams. */
export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  get stderrIsTty() {
    return process.stderr.isTTY;
  },
};

/** Passed to a command's `run`. */
export interface CliContext {
  readonly io: CliIo;
  /** The arguments after `hasim`, as typed (recorded in meta.json). */
  readonly argv: readonly string[];
  /** Replaces the model (tests); forces in-process runs, since workers load the real one. */
  readonly runner?: Runner | undefined;
}

/**
 * A `hasim` sub-command. To add one, write a module whose default export is a HasimCommand and
 * list it in `commands/index.ts`.
 */
export interface HasimCommand {
  /** The yargs command string, e.g. `run <scenario>`; its first word is the command's name. */
  readonly command: string;
  /** One line for `hasim --help`. */
  readonly describe: string;
  /** Declares options, positionals and examples (shown by `hasim <command> --help`). */
  builder(y: Argv): Argv;
  /**
   * Does the work and returns the exit code. Throw a UserError (or a ScenarioError) for bad
   * input: main prints its one line and exits 2.
   */
  run(args: Record<string, unknown>, ctx: CliContext): Promise<number>;
}
