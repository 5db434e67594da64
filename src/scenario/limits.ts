/**
 * The simulated clock's range, checked for the scenario as a whole.
 *
 * Each field has its own range (`defaults.ts`), but the model adds times: a unit waits
 * `lostThreshold × interval` for a heartbeat, a monitor `retries × interval`, a mail a draw of
 * `deliveryTime`, all of it possibly at the end of horizon + drain. The clock counts whole µs in a
 * float64, exact up to 2^53 µs (about 285 years), and the kernel refuses a time beyond it. So every
 * such time, added to horizon + drain, must stay inside the range, or the run would stop with an
 * internal error after it started. A distribution counts by its 1 − 10⁻⁹ quantile: a draw beyond
 * it is rarer than one in a billion.
 *
 * @module
 */
import type { Dist } from "../kernel/dist.js";
import { quantileUs } from "../kernel/dist.js";
import { MAX_TIME_US } from "../kernel/time.js";
import type { QualifiedScenario } from "../config/scenario.js";
import { ScenarioError, describeValue, joinPath } from "./errors.js";

/** The quantile a distribution is checked at (see the module comment). */
export const TAIL_Q = 1 - 1e-9;

type Segment = string | number;

/** A time the model can wait, with the fields it comes from (the first written one is blamed). */
interface Wait {
  readonly what: string;
  readonly us: number;
  readonly from: readonly (readonly Segment[])[];
}

/**
 * Refuses a scenario in which some time the model waits, added to horizon + drain, leaves the
 * clock's range. `q.faults` must still be in the file's order (paths index the file's list).
 *
 * @param raw - the data the scenario was read from, to show the value as written.
 * @throws ScenarioError at the first field written in the file that the time depends on.
 */
export function checkTimeRange(q: QualifiedScenario, raw: unknown, file: string): void {
  const endUs = q.horizonUs + q.drainUs;
  for (const w of waits(q)) {
    if (Number.isFinite(w.us) && endUs + w.us <= MAX_TIME_US) continue;
    const written = w.from.find((p) => valueAt(raw, p) !== undefined) ?? ["horizon"];
    const path = written.reduce<string>((acc, s) => joinPath(acc, s), "");
    throw new ScenarioError(
      file,
      path,
      `expected ${w.what} + horizon + drain within the simulated time range (285 years)`,
      describeValue(valueAt(raw, written)),
    );
  }
}

/** Every time the model can wait, from the qualified scenario. */
function waits(q: QualifiedScenario): Wait[] {
  const out: Wait[] = [];
  const add = (what: string, us: number, ...from: Segment[][]): void => {
    out.push({ what, us, from });
  };
  const tail = (d: Dist): number => quantileUs(d, TAIL_Q);
  const hb = q.ha.heartbeat;
  const hbAt = ["ha", "heartbeat"];
  add(
    "lostThreshold × interval",
    hb.lostThreshold * hb.intervalUs,
    [...hbAt, "lostThreshold"],
    [...hbAt, "interval"],
  );
  for (const p of q.ha.rservice) {
    const at = ["ha", "rservice", p.protocol];
    const us = p.retries * p.intervalUs + p.timeoutUs;
    add("retries × interval + timeout", us, [...at, "retries"], [...at, "interval"]);
  }
  for (const key of ["ports", "hd"] as const) {
    const c = q.ha.lservice[key];
    const at = ["ha", "lservice", key];
    if (c !== null)
      add("retries × interval", c.retries * c.intervalUs, [...at, "retries"], [...at, "interval"]);
  }
  add("interval", q.ha.mailQueueSync.intervalUs, ["ha", "mailQueueSync", "interval"]);
  add("interval", q.ha.mailDataSync.intervalUs, ["ha", "mailDataSync", "interval"]);
  add("holdOff", q.ha.holdOffUs, ["ha", "holdOff"]);
  const admin = q.ha.admin.responseTime;
  if (admin !== null)
    add("the responseTime's far tail", tail(admin), ["ha", "admin", "responseTime"]);
  add("the deliveryTime's far tail", tail(q.mta.deliveryTime), ["mta", "deliveryTime"]);
  add("queueRetry", q.mta.queueRetryUs, ["mta", "queueRetry"]);
  add("queueGiveUp", q.mta.queueGiveUpUs, ["mta", "queueGiveUp"]);
  const sr = q.workload.senderRetry;
  add("interval", sr.intervalUs, ["workload", "senderRetry", "interval"]);
  add("giveUp", sr.giveUpUs, ["workload", "senderRetry", "giveUp"]);
  add("cutSessionWindow", q.assumptions.cutSessionWindowUs, ["assumptions", "cutSessionWindow"]);
  add("arpUpdateDelay", q.assumptions.arpUpdateDelayUs, ["assumptions", "arpUpdateDelay"]);
  q.faults.forEach((f, i) => {
    add("duration", f.durationUs, ["faults", i, "duration"]);
    if (f.kind === "flapping") {
      add("down", f.downUs, ["faults", i, "down"]);
      add("up", f.upUs, ["faults", i, "up"]);
    }
  });
  q.randomFaults.forEach((f, i) => {
    // The up time is exponential with mean mtbf: its 1 − 1e-9 quantile is about 20.7 × mtbf.
    add("the mtbf's far tail", -f.mtbfUs * Math.log(1 - TAIL_Q), ["randomFaults", i, "mtbf"]);
    add("the repair's far tail", tail(f.repair), ["randomFaults", i, "repair"]);
  });
  return out;
}

/** The value at `path` in the raw data, or undefined. */
function valueAt(raw: unknown, path: readonly Segment[]): unknown {
  let v: unknown = raw;
  for (const s of path) {
    if (typeof v !== "object" || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}
