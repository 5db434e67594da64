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
import { traceRecord } from "../check/trace.js";
import type { ModelEvent } from "../sim/events.js";
import type { UnitNames } from "../sim/faults/descriptor.js";
import { faultWords } from "../sim/faults/registry.js";
import type { RunResult } from "../sim/result.js";
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

/** One event in words, or null for events the story leaves out. */
function words(
  e: ModelEvent,
  prev: ModelEvent | undefined,
  next: ModelEvent | undefined,
  units: UnitNames,
): string | null {
  switch (e.kind) {
    case "fault-start":
    case "fault-end":
      return faultWords(e.fault, units, e.kind === "fault-start");
    case "mode": {
      const split = next?.kind === "split-brain-start" && next.timeUs === e.timeUs;
      const why = [BECAUSE[e.reason] ?? e.reason, ...(split ? ["split brain"] : [])].join("; ");
      return `${e.unit}: ${e.from} → ${e.to} (${why})`;
    }
    case "split-brain-start":
      // Told on the mode line that started it, when there is one.
      return prev?.kind === "mode" && prev.timeUs === e.timeUs
        ? null
        : "split brain: both units MASTER";
    case "split-brain-end":
      return "split brain over";
    case "split-brain-heal":
    case "failover":
      return null; // the mode line says who steps down, or takes over
    case "service-down":
      return "no unit accepts mail";
    case "service-up":
      return "mail accepted again";
    case "horizon":
      return "horizon: no more mail or faults; draining";
    default: {
      const t = traceRecord(e);
      if (t === null) return null;
      const who = t.unit === "" ? "" : `${t.unit}: `;
      return `${who}${t.detail === "" ? t.event : t.detail}`;
    }
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
  if (r.events === undefined || r.timeline === undefined)
    throw new Error("a story needs a traced run");
  const events: { t: number; text: string }[] = [];
  const told = r.events.filter((e) => e.kind !== "failover");
  const units: UnitNames = [r.timeline.units[0] ?? "", r.timeline.units[1] ?? ""];
  told.forEach((e, i) => {
    const text = words(e, told[i - 1], told[i + 1], units);
    if (text !== null) events.push({ t: e.timeUs, text });
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
