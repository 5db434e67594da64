/**
 * The properties the fuzzer checks, each a pure function of one traced run. A verdict says
 * whether the run kept the property and, when it did not, from when and why.
 *
 * @module
 */
import { formatClock, formatDuration } from "../kernel/time.js";
import type { QualifiedScenario } from "../config/scenario.js";
import type { LostCause, RunResult, Timeline } from "../sim/result.js";

/** Property names, as given to `--property`. */
export type PropertyName = "no-loss" | "no-duplicates" | "single-master" | "recovers" | "ttr";
/** Every property, in the order they are checked and reported. */
export const PROPERTY_NAMES: readonly PropertyName[] = [
  "no-loss",
  "no-duplicates",
  "single-master",
  "recovers",
  "ttr",
];

/** One line per property, for `--help` and counterexample descriptions. */
export const PROPERTY_TEXT: Readonly<Record<PropertyName, string>> = {
  "no-loss": "every accepted mail is delivered",
  "no-duplicates": "no mail is delivered twice",
  "single-master":
    "never two MASTERs for longer than the detection window, lostThreshold × heartbeat interval",
  recovers:
    "after the last fault heals: one MASTER and one SLAVE within the recovery bound, and every spool drained",
  ttr: "every mail-service outage ends within the time-to-recovery bound",
};

/** The outcome of checking one property on one run. */
export interface Verdict {
  readonly ok: boolean;
  /** When the run first broke the property (µs); null when it did not. */
  readonly firstViolationUs: number | null;
  /** Why it broke, in one line; empty when ok. */
  readonly reason: string;
}

/** What a property needs besides the run. */
export interface CheckContext {
  /** The scenario the case ran (detection window, units). */
  readonly scenario: QualifiedScenario;
  /** `--ttr-bound`: the recovery bound of `recovers` and the outage bound of `ttr`. */
  readonly ttrBoundUs: number;
}

const OK: Verdict = { ok: true, firstViolationUs: null, reason: "" };
const fail = (atUs: number, reason: string): Verdict => ({
  ok: false,
  firstViolationUs: atUs,
  reason,
});
/** A duration for people: `15.7s` under a minute, else whole seconds (`1h2m3s`). */
function d(us: number): string {
  return us < 60e6 && us % 1e6 !== 0
    ? `${(us / 1e6).toFixed(1)}s`
    : formatDuration(Math.round(us / 1e6) * 1e6);
}
/** `1 mail`, `2 mails`. */
const n = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;

/** Causes with a count, `stranded-off 30, expired 2`. */
function causes(by: Readonly<Record<string, number>>): string {
  return Object.entries(by)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
}

function timelineOf(r: RunResult): Timeline {
  if (r.timeline === undefined || r.events === undefined)
    throw new Error("fuzz properties need a traced run");
  return r.timeline;
}

function noLoss(r: RunResult): Verdict {
  const m = r.metrics;
  if (m.lost === 0) return OK;
  // A destroyed disk loses mail at the crash; anything else is counted lost when the run ends.
  const destroyed = r.events?.find((e) => e.kind === "disk-destroyed" && e.count > 0);
  return fail(
    destroyed?.timeUs ?? timelineOf(r).endUs,
    `${m.lost} of ${n(m.accepted, "accepted mail")} never delivered (${causes(m.lost_by_cause)})`,
  );
}

function noDuplicates(r: RunResult): Verdict {
  const m = r.metrics;
  if (m.duplicated === 0) return OK;
  // Markers are bucketed per minute: the first bucket is when the first duplicate happened.
  const first = timelineOf(r).markers.find((x) => x.kind === "duplicated");
  return fail(
    first?.timeUs ?? 0,
    `${n(m.duplicated, "extra delivery", "extra deliveries")} (${causes(m.duplicated_by_cause)})`,
  );
}

function singleMaster(r: RunResult, ctx: CheckContext): Verdict {
  const hb = ctx.scenario.ha.heartbeat;
  const windowUs = hb.lostThreshold * hb.intervalUs;
  const long = timelineOf(r).splitBrain.find((s) => s.endUs - s.startUs > windowUs);
  if (long === undefined) return OK;
  return fail(
    long.startUs + windowUs,
    `two MASTERs for ${d(long.endUs - long.startUs)} from ${formatClock(long.startUs)} (detection window ${d(windowUs)})`,
  );
}

/** Each unit's mode at the end of the run, and since when. */
function finalModes(tl: Timeline): { unit: string; mode: string; sinceUs: number }[] {
  return tl.units.map((unit) => {
    const last = tl.modes
      .filter((m) => m.unit === unit)
      .reduce((a, b) => (b.startUs >= a.startUs ? b : a));
    return { unit, mode: last.mode, sinceUs: last.startUs };
  });
}

const STRANDED: readonly LostCause[] = [
  "stranded-off",
  "stranded-failed",
  "stranded-slave",
  "stranded-down",
  "undelivered",
];

function recovers(r: RunResult, ctx: CheckContext): Verdict {
  const tl = timelineOf(r);
  const lastHealUs = tl.faults.reduce((t, f) => Math.max(t, f.endUs), 0);
  const deadline = Math.min(lastHealUs + ctx.ttrBoundUs, tl.endUs);
  const fin = finalModes(tl);
  const modes = fin.map((f) => f.mode).sort();
  if (modes[0] !== "MASTER" || modes[1] !== "SLAVE") {
    return fail(
      deadline,
      `the run ends with ${fin.map((f) => `${f.unit} ${f.mode}`).join(" and ")}, not one MASTER and one SLAVE`,
    );
  }
  const sinceUs = Math.max(...fin.map((f) => f.sinceUs));
  if (sinceUs > lastHealUs + ctx.ttrBoundUs) {
    return fail(
      deadline,
      `one MASTER and one SLAVE only ${d(sinceUs - lastHealUs)} after the last fault healed (bound ${d(ctx.ttrBoundUs)})`,
    );
  }
  const m = r.metrics;
  const left = STRANDED.reduce((n, c) => n + m.lost_by_cause[c], 0);
  if (left > 0)
    return fail(deadline, `${n(left, "mail")} never left the spools (${causes(m.lost_by_cause)})`);
  if (m.unrecovered_episodes > 0)
    return fail(
      deadline,
      `${n(m.unrecovered_episodes, "failure episode")} never got redundancy back`,
    );
  return OK;
}

function ttr(r: RunResult, ctx: CheckContext): Verdict {
  const tl = timelineOf(r);
  let downSince = -1;
  const check = (untilUs: number): Verdict | null =>
    downSince >= 0 && untilUs - downSince > ctx.ttrBoundUs
      ? fail(
          downSince + ctx.ttrBoundUs,
          `no unit accepted mail for ${untilUs === tl.endUs ? "the rest of the run, " : ""}${d(untilUs - downSince)} from ${formatClock(downSince)} (bound ${d(ctx.ttrBoundUs)})`,
        )
      : null;
  for (const t of r.events ?? []) {
    if (t.kind === "service-down" && downSince < 0) downSince = t.timeUs;
    else if (t.kind === "service-up" && downSince >= 0) {
      const v = check(t.timeUs);
      if (v !== null) return v;
      downSince = -1;
    }
  }
  return check(tl.endUs) ?? OK;
}

const CHECKS: Readonly<Record<PropertyName, (r: RunResult, ctx: CheckContext) => Verdict>> = {
  "no-loss": noLoss,
  "no-duplicates": noDuplicates,
  "single-master": singleMaster,
  recovers,
  ttr,
};

/**
 * Checks one property on a run made with `{ trace: true }`.
 *
 * @throws Error when the run was not traced.
 */
export function checkProperty(name: PropertyName, r: RunResult, ctx: CheckContext): Verdict {
  return CHECKS[name](r, ctx);
}
