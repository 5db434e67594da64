/**
 * Item (b) of `npm run bench`: a year of faults at 50 mails/s, replications × 3 policies, through
 * the real CLI (`hasim run scenarios/year-of-faults.yaml --set engine.mail=episodes --set
 * workload.arrivals.rate=50/s --jobs 2`), timed as a whole process; and what one replication of
 * the same study costs on the default (exact) mail engine, projected to the study.
 *
 * A build whose scenarios have no `engine.mail` field refuses the override with its one-line
 * message (exit 2): the study then reports "engine not available" with that line.
 *
 * @module
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";
import { hasimRun, scenarioPath } from "./hasim-cli.js";

export const YEAR_SCENARIO = "year-of-faults.yaml";
/** The mail rate the target is stated at. */
const RATE = "50/s";
const POLICIES = 3;
const YEAR_DAYS = 365;
/** The target's cores: `--jobs 2`. */
export const STUDY_JOBS = 2;

/** The episodes study, measured or refused. */
export type EpisodesStudy =
  | {
      readonly replications: number;
      readonly wallSec: number;
      readonly cpuSec: number;
      /** Wall seconds scaled to `targetReplications` (equal to wallSec when they are the same). */
      readonly projectedWallSec: number;
      readonly targetReplications: number;
    }
  | { readonly unavailable: string };

/**
 * `replications` × 3 policies of a year at 50/s with `engine.mail: episodes` and `--jobs 2`.
 * Fewer replications than `targetReplications` are scaled up linearly (the runs are independent
 * and the pool keeps both cores busy).
 */
export function measureEpisodesStudy(
  replications: number,
  targetReplications: number,
): EpisodesStudy {
  const r = hasimRun(scenarioPath(YEAR_SCENARIO), [
    "--set",
    "engine.mail=episodes",
    "--set",
    `workload.arrivals.rate=${RATE}`,
    "--replications",
    String(replications),
    "--jobs",
    String(STUDY_JOBS),
    "--force",
  ]);
  if ("refused" in r) return { unavailable: r.refused };
  return {
    replications,
    wallSec: r.wallSec,
    cpuSec: r.cpuSec,
    projectedWallSec: (r.wallSec * targetReplications) / replications,
    targetReplications,
  };
}

/** One replication of the study on the default mail engine, over a shorter horizon. */
export interface ExactReplication {
  readonly days: number;
  readonly mails: number;
  readonly cpuSec: number;
  readonly maxRssBytes: number;
  /** CPU seconds of one year-long replication, projected linearly from `days`. */
  readonly yearCpuSec: number;
  /** Wall seconds of the whole study (`replications` × 3 policies) on `--jobs 2`, projected. */
  readonly studyWallSec: number;
}

/**
 * The study's scenario with `engine.mail` removed (whatever it is set to, the default engine
 * runs) in a temporary file: the default engine's name need not be known.
 */
function defaultEngineCopy(): string {
  const raw = YAML.parse(readFileSync(scenarioPath(YEAR_SCENARIO), "utf8")) as Record<
    string,
    unknown
  >;
  const engine = raw.engine;
  if (typeof engine === "object" && engine !== null) {
    const rest = Object.fromEntries(Object.entries(engine).filter(([k]) => k !== "mail"));
    if (Object.keys(rest).length === 0) delete raw.engine;
    else raw.engine = rest;
  }
  const file = join(mkdtempSync(join(tmpdir(), "hasim-year-")), YEAR_SCENARIO);
  writeFileSync(file, YAML.stringify(raw));
  return file;
}

/**
 * One replication (policy `restore`) of the study at 50/s on the default engine over `days`,
 * projected to a year and to `replications` × 3 policies on `--jobs 2`.
 */
export function measureExactReplication(days: number, replications: number): ExactReplication {
  const r = hasimRun(defaultEngineCopy(), [
    "--set",
    `workload.arrivals.rate=${RATE}`,
    "--horizon",
    `${days}d`,
    "--replications",
    "1",
    "--policy",
    "restore",
    "--force",
  ]);
  if ("refused" in r) throw new Error(r.refused);
  const yearCpuSec = (r.cpuSec * YEAR_DAYS) / days;
  return {
    days,
    mails: r.mails,
    cpuSec: r.cpuSec,
    maxRssBytes: r.maxRssBytes,
    yearCpuSec,
    studyWallSec: (yearCpuSec * replications * POLICIES) / STUDY_JOBS,
  };
}
