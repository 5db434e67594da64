/**
 * The story of a run: its trace retold as a short timeline in words, for a person reading a
 * counterexample.
 *
 * ```text
 * 00:10:00 all heartbeat links down
 * 00:10:10 B: no heartbeat from A for 3 intervals
 * 00:10:10 B: SLAVE → MASTER (heartbeat lost; split brain)
 * 00:10:25 ✗ single-master: two MASTERs for 30s from 00:10:10 (detection window 15s)
 * ```
 *
 * Lines that add nothing (heartbeat chatter repeated by a flapping link) are cut: a text already
 * told three times is counted instead of repeated, and the story is capped, keeping its start
 * and its end.
 *
 * @module
 */
import { formatClock, formatDuration } from "../kernel/time.js";
import type { RunResult, TraceRecord } from "../sim/result.js";
import type { PropertyName, Verdict } from "./properties.js";

/** Why a unit changed mode, by role event. */
const BECAUSE: Readonly<Record<string, string>> = {
  "peer-lost": "heartbeat lost",
  "peer-service-failed": "remote probes of its peer failed",
  "told-failed": "its peer's probes declared it failed",
  "local-failure": "local check failed",
  recovered: "cause fixed",
  crash: "crash",
  hang: "hang",
  unhang: "resumes",
  reboot: "reboot",
  boot: "boots",
  "peer-rebooting": "peer announced a reboot",
  "hold-off-expired": "hold-off expired",
  "peer-back": "peer back from reboot",
  "to-configured": "admin restore",
  "admin-restart": "admin restart",
  demote: "steps down",
};

/** A fault's start and end in words, from the trace's `fault-start` detail (`<kind> <target> for <d>`). */
function faultWords(detail: string, start: boolean): string {
  const kind = detail.split(" ")[0] ?? "";
  const target = detail.slice(kind.length + 1).replace(/ for [^ ]+$/, "");
  const link = target.replace(/ link$/, "");
  const links = link === "all" ? "all heartbeat links" : `${link} heartbeat link`;
  switch (kind) {
    case "link-down":
    case "flapping":
      return `${links} ${start ? "down" : "up"}`;
    case "node-crash":
      return start ? `${target} crashes` : `${target} powers back on`;
    case "node-hang":
      return start ? `${target} hangs` : `${target} resumes`;
    case "reboot":
      return start ? `${target} reboots` : `${target} finishes rebooting`;
    case "partition":
      return start
        ? target.replace(" from ", " cut off from ")
        : `${target.split(" ")[0]} reconnected`;
    case "lservice-failure":
      return `${target} ${start ? "fails" : "repaired"}`;
    case "rservice-false-alarm":
      return `${target}s of its peer ${start ? "start failing falsely" : "work again"}`;
    case "monitor-blind":
      return `${target} ${start ? "goes blind" : "sees again"}`;
    case "downstream-outage":
      return `downstream mail server ${start ? "unreachable" : "back"}`;
    default:
      return `${detail} ${start ? "starts" : "ends"}`;
  }
}

/** One trace record in words, or null for records the story leaves out. */
function words(
  t: TraceRecord,
  prev: TraceRecord | undefined,
  next: TraceRecord | undefined,
): string | null {
  const who = t.unit === "" ? "" : `${t.unit}: `;
  switch (t.event) {
    case "fault-start":
    case "fault-end":
      return faultWords(t.detail, t.event === "fault-start");
    case "mode": {
      const split = next?.event === "split-brain-start" && next.timeUs === t.timeUs;
      const why = [BECAUSE[t.detail] ?? t.detail, ...(split ? ["split brain"] : [])].join("; ");
      return `${who}${t.fromMode} → ${t.toMode} (${why})`;
    }
    case "split-brain-start":
      // Told on the mode line that started it, when there is one.
      return prev?.event === "mode" && prev.timeUs === t.timeUs
        ? null
        : "split brain: both units MASTER";
    case "split-brain-end":
      return "split brain over";
    case "split-brain-heal":
      return null; // the mode line that follows says who steps down
    case "service-down":
      return "no unit accepts mail";
    case "service-up":
      return "mail accepted again";
    case "horizon":
      return "horizon: no more mail or faults; draining";
    default:
      return `${who}${t.detail === "" ? t.event : t.detail}`;
  }
}

/** Options of {@link story}. */
export interface StoryOptions {
  /** The property the run broke, and how; adds a `✗` line at the first violation. */
  readonly violation?: { readonly property: PropertyName; readonly verdict: Verdict };
  /** Longest story, in lines. Default 40. */
  readonly maxLines?: number;
}

/** How many times the same text is told before it is only counted. */
const REPEATS = 3;

/**
 * Retells a traced run.
 *
 * @returns the lines, each `hh:mm:ss text`, in time order.
 * @throws Error when the run was not traced.
 */
export function story(r: RunResult, opts: StoryOptions = {}): string[] {
  if (r.trace === undefined || r.timeline === undefined)
    throw new Error("a story needs a traced run");
  const events: { t: number; text: string }[] = [];
  const trace = r.trace;
  trace.forEach((t, i) => {
    const text = words(t, trace[i - 1], trace[i + 1]);
    if (text !== null) events.push({ t: t.timeUs, text });
  });
  for (const m of r.timeline.markers) {
    const what = m.kind === "duplicated" ? "delivered twice" : "never delivered";
    events.push({
      t: m.timeUs,
      text: `${m.count} mail${m.count === 1 ? "" : "s"} ${what} (${m.cause})${m.kind === "duplicated" ? " in this minute" : ""}`,
    });
  }
  const v = opts.violation;
  if (v !== undefined && !v.verdict.ok)
    events.push({
      t: v.verdict.firstViolationUs ?? r.timeline.endUs,
      text: `✗ ${v.property}: ${v.verdict.reason}`,
    });
  events.push({ t: r.timeline.endUs, text: `end of run (${formatDuration(r.timeline.endUs)})` });
  events.sort((a, b) => a.t - b.t); // stable: same-instant lines keep trace order
  return cap(
    dedupe(events).map((e) => `${formatClock(e.t)} ${e.text}`),
    opts.maxLines ?? 40,
  );
}

/** Each text at most {@link REPEATS} times; later repeats are counted on the last line told. */
function dedupe(events: readonly { t: number; text: string }[]): { t: number; text: string }[] {
  const told = new Map<string, number>();
  const out: { t: number; text: string }[] = [];
  let skipped = 0;
  let lastSkippedUs = 0;
  for (const e of events) {
    const n = (told.get(e.text) ?? 0) + 1;
    told.set(e.text, n);
    if (n <= REPEATS || e.text.startsWith("✗") || e.text.startsWith("end of run")) {
      if (skipped > 0)
        out.push({
          t: lastSkippedUs,
          text: `… ${skipped} repeated line${skipped === 1 ? "" : "s"} left out`,
        });
      skipped = 0;
      out.push(e);
    } else {
      skipped++;
      lastSkippedUs = e.t;
    }
  }
  return out;
}

/** At most `max` lines: the first ones and the last few, with a count of what was cut. */
function cap(lines: readonly string[], max: number): string[] {
  if (lines.length <= max) return [...lines];
  const tail = Math.max(1, Math.floor(max / 4));
  const head = Math.max(1, max - tail - 1);
  return [
    ...lines.slice(0, head),
    `… ${lines.length - head - tail} more lines …`,
    ...lines.slice(lines.length - tail),
  ];
}
