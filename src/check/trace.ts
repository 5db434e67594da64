/**
 * The model's events as `trace.csv` lines: unit, event, from and to modes, and a detail in words.
 * Written from the typed events; nothing downstream parses these words.
 *
 * @module
 */
import type { ModelEvent } from "../sim/events.js";
import type { TraceRecord } from "../sim/result.js";

/** `12.5s`, `3.0m`, `1.25h`: a fault's duration in a trace line. */
function durationText(us: number): string {
  const s = us / 1e6;
  if (s >= 3600) return `${(s / 3600).toFixed(2)}h`;
  return s >= 60 ? `${(s / 60).toFixed(1)}m` : `${s.toFixed(1)}s`;
}

type PushEvent = Extract<
  ModelEvent,
  { kind: "push" | "push-start" | "push-progress" | "push-interrupted" }
>;

/** The words of a spool push line; null for progress (one a second: start, end or interruption tell the story). */
function pushDetail(e: PushEvent): string | null {
  switch (e.kind) {
    case "push": {
      const already = e.alreadyQueued > 0 ? `, ${e.alreadyQueued} already queued there` : "";
      return `pushed ${e.moved} mails to ${e.peer}${already}`;
    }
    case "push-start":
      return `pushes ${e.queued} mails to ${e.peer} at ${e.ratePerS}/s`;
    case "push-progress":
      return null;
    case "push-interrupted": {
      const why = e.reason === "taken-over" ? "took over" : "lost its path to";
      return `${why} ${e.peer} after ${e.moved} mails; ${e.remaining} stay on its disk`;
    }
  }
}

/** The trace line of an event; null for events the trace leaves out (failovers are counted). */
export function traceRecord(e: ModelEvent): TraceRecord | null {
  const line = (unit: string, event: string, detail: string, from = "", to = ""): TraceRecord => ({
    timeUs: e.timeUs,
    unit,
    event,
    fromMode: from,
    toMode: to,
    detail,
  });
  switch (e.kind) {
    case "mode":
      return line(e.unit, "mode", e.reason, e.from, e.to);
    case "heartbeat-heard":
      return line(e.unit, "heartbeat", `hears ${e.peer} again`);
    case "heartbeat-lost":
      return line(e.unit, e.kind, `no heartbeat from ${e.peer} for ${e.intervals} intervals`);
    case "remote-as-heartbeat":
      return line(e.unit, e.kind, `probes of ${e.peer} not declared failed: no failover`);
    case "rservice-failed":
      return line(e.unit, e.kind, `${e.protocol} probes of ${e.peer} failed`);
    case "lservice-failed":
      return line(e.unit, e.kind, `local ${e.service} check failed`);
    case "split-brain-heal":
      return line(e.unit, e.kind, `${e.keeper} keeps MASTER (${e.rule})`);
    case "tell-failed-lost":
      return line(e.unit, e.kind, `cannot tell ${e.peer} it failed: no heartbeat link`);
    case "admin":
      return line(e.unit, e.kind, e.action);
    case "failover":
      return null;
    case "sessions-cut":
      return line(e.unit, e.kind, `${e.count} sessions cut after commit will be retried`);
    case "push":
    case "push-start":
    case "push-progress":
    case "push-interrupted": {
      const detail = pushDetail(e);
      return detail === null ? null : line(e.unit, e.kind, detail);
    }
    case "adopt-copies":
      return line(e.unit, e.kind, `delivers ${e.count} queue-sync copies`);
    case "disk-destroyed":
      return line(e.unit, e.kind, `${e.count} queued mails destroyed`);
    case "mail-data-overwritten":
      return line(e.unit, e.kind, `${e.count} mail-data items overwritten by the peer's sync`);
    case "horizon":
      return line("", e.kind, "no more mail or faults; draining");
    case "fault-start":
      return line(
        "",
        e.kind,
        `${e.fault.kind} ${e.target} for ${durationText(e.fault.durationUs)}`,
      );
    case "fault-end":
      return line("", e.kind, `${e.fault.kind} ${e.target}`);
    case "split-brain-start":
      return line("", e.kind, "both units are MASTER");
    case "split-brain-end":
      return line("", e.kind, "");
    case "service-down":
      return line("", e.kind, "no unit accepts mail");
    case "service-up":
      return line("", e.kind, "a MASTER accepts mail");
  }
}

/** The trace of a run: its events as lines, in order. */
export function traceOf(events: readonly ModelEvent[]): TraceRecord[] {
  const out: TraceRecord[] = [];
  for (const e of events) {
    const r = traceRecord(e);
    if (r !== null) out.push(r);
  }
  return out;
}
