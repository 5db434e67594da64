/**
 * Item (c) of `npm run bench`: peak resident set size of `hasim run scenarios/baseline.yaml
 * --horizon 30d --replications 1 --policy off` (30 days at 50 mails/s, about 130 M mails, the
 * default mail engine), the whole CLI process as GNU time reports it, beside a one-minute run of
 * the same (the process with almost no mail). Always measured, never projected (also with
 * `--quick`): memory that grows with the mails grows by doubling arrays, so a shorter run does
 * not project linearly.
 *
 * @module
 */
import { hasimRun, scenarioPath } from "./hasim-cli.js";

/** The target's horizon, days. */
export const MEMORY_DAYS = 30;

/** Peak RSS of one run. */
export interface MemoryRun {
  readonly horizon: string;
  readonly mails: number;
  readonly maxRssBytes: number;
  readonly cpuSec: number;
}

function peakOf(horizon: string): MemoryRun {
  const r = hasimRun(scenarioPath("baseline.yaml"), [
    "--horizon",
    horizon,
    "--replications",
    "1",
    "--policy",
    "off",
    "--force",
  ]);
  if ("refused" in r) throw new Error(r.refused);
  return { horizon, mails: r.mails, maxRssBytes: r.maxRssBytes, cpuSec: r.cpuSec };
}

/** Item (c): the one-minute run, then the 30-day run (the target). */
export function measureMemory(): readonly [MemoryRun, MemoryRun] {
  return [peakOf("1m"), peakOf(`${MEMORY_DAYS}d`)];
}
