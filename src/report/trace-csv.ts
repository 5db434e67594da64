/**
 * `trace.csv`: the trace of replication 0 of each policy, one row per record.
 *
 * @module
 */
import type { TraceRecord } from "../sim/result.js";
import { formatMicrosAsSeconds, toCsv, type Cell } from "./format.js";

/** The header of trace.csv. */
export const TRACE_HEADER = [
  "policy",
  "time_s",
  "unit",
  "event",
  "from_mode",
  "to_mode",
  "detail",
] as const;

/** The trace of one policy's replication 0. */
export interface PolicyTrace {
  readonly policy: string;
  readonly records: readonly TraceRecord[];
}

/** Renders trace.csv, policies in the order given, records in trace order. Times are exact seconds. */
export function traceCsv(traces: readonly PolicyTrace[]): string {
  const rows: Cell[][] = [];
  for (const t of traces) {
    for (const r of t.records) {
      rows.push([
        t.policy,
        formatMicrosAsSeconds(r.timeUs),
        r.unit,
        r.event,
        r.fromMode,
        r.toMode,
        r.detail,
      ]);
    }
  }
  return toCsv(TRACE_HEADER, rows);
}
