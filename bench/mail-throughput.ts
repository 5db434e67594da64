/**
 * Item 2 of `npm run bench`: mail throughput of the model. The `baseline` scenario (50 mails/s,
 * no faults) for a number of simulated days, one replication, one thread, each in its own child
 * process (bench/replication-child.ts) so that "whole process, start-up included" and the peak
 * RSS are honest. Variants: the default closed-form heartbeats, heartbeats simulated one event
 * each (`engine.heartbeats: simulated`, the default 5 s interval), and every monitor on (all
 * four remote-service probes and both local checks), closed-form and simulated.
 *
 * @module
 */
import { benchScript, repoPath, runJsonChild } from "./common.js";
import type { ChildFigures, ChildRequest } from "./replication-child.js";

/** A variant of the baseline run: a name and the `--set` overrides that make it. */
export interface MailVariant {
  readonly name: string;
  readonly sets: readonly string[];
}

const ALL_MONITORS = [
  "ha.rservice={smtp: {}, pop3: {}, imap: {}, http: {}}",
  "ha.lservice={ports: {}, hd: {}}",
];

export const MAIL_VARIANTS: readonly MailVariant[] = [
  { name: "baseline (closed-form heartbeats)", sets: [] },
  { name: "heartbeats simulated (every 5 s)", sets: ["engine.heartbeats=simulated"] },
  { name: "every monitor on (closed form)", sets: ALL_MONITORS },
  { name: "every monitor on, simulated", sets: [...ALL_MONITORS, "engine.heartbeats=simulated"] },
];

/** One measured run: the child's figures plus the wall time of the whole child process. */
export interface MailRun {
  readonly variant: string;
  readonly horizon: string;
  readonly figures: ChildFigures;
  /** Spawn to exit: Node start-up, imports, scenario, simulation, result. */
  readonly processSec: number;
  /** Mails per second of the whole process. */
  readonly mailsPerSec: number;
  /** Kernel events per second of the simulation alone. */
  readonly eventsPerSec: number;
}

/** Runs one replication of `baseline` with the given overrides in a child process. */
export function measureBaseline(
  horizon: string,
  sets: readonly string[],
  variant = "baseline",
): MailRun {
  const req: ChildRequest = {
    scenario: repoPath("scenarios/baseline.yaml"),
    horizon,
    policy: "off",
    sets,
  };
  const child = runJsonChild(process.execPath, [
    benchScript("replication-child.js"),
    JSON.stringify(req),
  ]);
  const value = child.value as ChildFigures;
  const wallSec = child.wallSec;
  return {
    variant,
    horizon,
    figures: value,
    processSec: wallSec,
    mailsPerSec: value.mails / wallSec,
    eventsPerSec: value.events / value.runSec,
  };
}

/**
 * Every variant of {@link MAIL_VARIANTS} over `days` simulated days. The first (the one the targets
 * use) runs `repeats` times and keeps the fastest whole process: on a shared machine the fastest
 * of a few runs is the one least disturbed by other work.
 */
export function measureMailThroughput(days: number, repeats = 1): MailRun[] {
  return MAIL_VARIANTS.map((v, i) => {
    const runs = Array.from({ length: i === 0 ? Math.max(1, repeats) : 1 }, () =>
      measureBaseline(`${days}d`, v.sets, v.name),
    );
    return runs.reduce((best, r) => (r.processSec < best.processSec ? r : best));
  });
}

/**
 * Peak RSS of the same process with (almost) no mail: one simulated minute, the smallest of
 * `repeats` runs. Subtracted from a long run's peak it leaves what the mails cost.
 */
export function measureEmptyProcess(repeats = 3): MailRun {
  const runs = Array.from({ length: repeats }, () =>
    measureBaseline("1m", [], "one minute (start-up and model, ~3000 mails)"),
  );
  return runs.reduce((best, r) => (r.figures.maxRssBytes < best.figures.maxRssBytes ? r : best));
}
