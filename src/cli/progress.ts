/**
 * A progress bar on stderr for long runs, drawn only when stderr is a terminal and `--quiet` was
 * not given, so redirected output and CI logs stay clean.
 *
 * @module
 */
import cliProgress from "cli-progress";
import type { CliIo } from "./context.js";

/** Counts finished tasks. */
export interface Progress {
  tick(): void;
  stop(): void;
}

const SILENT: Progress = { tick: () => undefined, stop: () => undefined };

/**
 * Starts a bar for `total` tasks, or a silent counter when the bar should not show.
 *
 * @param label - what is counted, e.g. `runs`.
 */
export function startProgress(total: number, label: string, io: CliIo, quiet: boolean): Progress {
  if (quiet || !io.stderrIsTty || total <= 1) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `{bar} {value}/{total} ${label} | {percentage}% | eta {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let done = 0;
  // Ctrl-C: give the terminal its cursor back (nothing has been written yet, so just leave).
  const onInterrupt = (): void => {
    bar.stop();
    process.exit(130);
  };
  process.once("SIGINT", onInterrupt);
  return {
    tick: () => {
      bar.update(++done);
    },
    stop: () => {
      process.off("SIGINT", onInterrupt);
      bar.stop();
    },
  };
}
