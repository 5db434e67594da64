/**
 * Progress of long jobs on stderr. On a terminal: a bar. Off a terminal (CI, `| tee`, `nohup`):
 * a line every few seconds with runs done/total, the rate and the time left, so long work is never
 * silent. `--quiet` silences both. The first line of every job says how much work it is.
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

/** Seconds between progress lines off a terminal (override: HASIM_PROGRESS_S, tests and CI). */
export const LINE_INTERVAL_S = 5;

const SILENT: Progress = { tick: () => undefined, stop: () => undefined };

/** `1h 02m`, `3m 05s`, `42s`: a wall-clock duration for people. */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (x: number): string => String(x).padStart(2, "0");
  if (h > 0) return `${h}h ${two(m)}m`;
  if (m > 0) return `${m}m ${two(s % 60)}s`;
  return `${s}s`;
}

/** `12/90 runs (13%), 0.8 runs/s, about 1m 37s left`. */
export function progressLine(done: number, total: number, label: string, elapsedS: number): string {
  const pct = Math.floor((100 * done) / total);
  const rate = elapsedS > 0 ? done / elapsedS : 0;
  const eta = rate > 0 ? `, about ${formatEta((total - done) / rate)} left` : "";
  const shown = rate >= 10 ? rate.toFixed(0) : rate.toPrecision(2);
  return `hasim: ${done}/${total} ${label} (${pct}%), ${shown} ${label}/s${eta}`;
}

/**
 * The first line of a job: how many runs it will do and the root seed, in words.
 *
 * @param factors - what multiplies to the total, e.g. `[[3, "policies"], [10, "replications"]]`.
 */
export function announceLine(
  total: number,
  factors: readonly (readonly [number, string])[],
  seed: number,
): string {
  const parts = factors.map(
    ([n, what]) => `${n} ${n === 1 ? what.replace(/ies$/, "y").replace(/s$/, "") : what}`,
  );
  return `hasim: ${total} run${total === 1 ? "" : "s"} (${parts.join(" × ")}), seed ${seed}`;
}

/** Progress lines on stderr at most every `intervalS` seconds of wall clock. */
function lineProgress(
  total: number,
  label: string,
  io: CliIo,
  clock: () => number,
  intervalS: number,
): Progress {
  const startMs = clock();
  let done = 0;
  let lastMs = startMs;
  const maybePrint = (): void => {
    const now = clock();
    if (now - lastMs < intervalS * 1000) return;
    lastMs = now;
    io.stderr(progressLine(done, total, label, (now - startMs) / 1000) + "\n");
  };
  // A timer as well as the ticks: one long run must not leave the log silent either.
  const timer = setInterval(maybePrint, intervalS * 1000);
  timer.unref();
  return {
    tick: () => {
      done++;
      if (done < total) maybePrint();
    },
    stop: () => {
      clearInterval(timer);
    },
  };
}

/** The interval of progress lines: HASIM_PROGRESS_S when set to a positive number. */
function intervalFromEnv(): number {
  const v = Number(process.env.HASIM_PROGRESS_S);
  return Number.isFinite(v) && v > 0 ? v : LINE_INTERVAL_S;
}

/**
 * Starts a bar (stderr is a terminal) or progress lines (it is not) for `total` tasks; silent
 * with `quiet` or a single task.
 *
 * @param label - what is counted, e.g. `runs`.
 * @param clock - wall clock in ms (tests pass a fake one).
 */
export function startProgress(
  total: number,
  label: string,
  io: CliIo,
  quiet: boolean,
  clock: () => number = Date.now,
): Progress {
  if (quiet || total <= 1) return SILENT;
  if (!io.stderrIsTty) return lineProgress(total, label, io, clock, intervalFromEnv());
  return barProgress(total, label);
}

function barProgress(total: number, label: string): Progress {
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
