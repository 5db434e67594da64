/**
 * SIGINT (Ctrl-C), SIGTERM (how Slurm, Kubernetes and `timeout` stop a job) and SIGHUP stop
 * hasim the same way: one line on stderr, exit 128 + the signal's number (130, 143, 129), and no
 * half-written results. Results are written in one synchronous step (output.ts), so a handler
 * runs either before it started — nothing was written — or after it finished.
 *
 * @module
 */
import type { CliIo } from "./context.js";

/** The signals handled, with their numbers (exit code 128 + n). */
const STOP_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type StopSignal = keyof typeof STOP_SIGNALS;

/** Result folders written completely by this process, for the message of a late signal. */
const written: string[] = [];

/** Records that a results folder is complete (called by output.ts after its final rename). */
export function noteResultsWritten(dir: string): void {
  written.push(dir);
}

/** The line printed when `signal` stops hasim. */
export function stopLine(signal: StopSignal, done: readonly string[] = written): string {
  const what =
    done.length === 0
      ? "no results were written"
      : `results in ${done.join(", ")} are complete; nothing else was written`;
  return `hasim: stopped by ${signal}; ${what}`;
}

/** The exit code of a stop by `signal`: 128 + its number. */
export function stopCode(signal: StopSignal): number {
  return 128 + STOP_SIGNALS[signal];
}

/**
 * Installs the handlers (the program only: tests that call `main` in-process keep the default
 * behaviour). On a terminal, the progress bar's line is cleared and the cursor shown again.
 */
export function installStopHandlers(io: CliIo, exit: (code: number) => never): void {
  for (const signal of Object.keys(STOP_SIGNALS) as StopSignal[]) {
    process.on(signal, () => {
      const reset = io.stderrIsTty ? "\r\x1b[K\x1b[?25h" : "";
      io.stderr(`${reset}${stopLine(signal)}\n`);
      exit(stopCode(signal));
    });
  }
}
