/**
 * `fuzz.csv`: one row per case checked, in the order checked (properties in turn). Each HA
 * setting of the case has its own column; the fault schedule is there in words and as JSON.
 *
 * @module
 */
import type { FuzzReport } from "./fuzz.js";
import { headerOf } from "../report/dictionary.js";
import { formatMicrosAsSeconds, toCsv } from "../report/format.js";

/** The header of fuzz.csv. */
export const FUZZ_HEADER: readonly string[] = headerOf("fuzz.csv");

/** Renders fuzz.csv. */
export function fuzzCsv(report: FuzzReport): string {
  return toCsv(
    FUZZ_HEADER,
    report.rows.map((r) => [
      r.property,
      r.case,
      r.shrink,
      r.seed,
      r.settings.policy,
      r.settings.lostThreshold,
      r.settings.secondaryLink,
      r.settings.remoteAsHeartbeat,
      r.settings.mailQueueSync,
      r.faults,
      JSON.stringify(r.schedule),
      r.verdict.ok ? "pass" : "fail",
      r.verdict.firstViolationUs === null ? "" : formatMicrosAsSeconds(r.verdict.firstViolationUs),
      r.verdict.reason,
    ]),
  );
}
