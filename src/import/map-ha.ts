/**
 * The pair's HA settings → the raw `ha` mapping of a scenario, with a comment per field naming
 * the configuration line it came from, or saying that the configuration is silent and which
 * default applies (`fortimail-config.md` §5).
 *
 * @module
 */
import { PROTOCOLS } from "../config/scenario.js";
import type { Notes } from "./notes.js";
import type { PairConfig } from "./pair.js";
import type { Sourced } from "./unit.js";

/** A path in the raw scenario (`["ha", "heartbeat", "interval"]`). */
export type FieldPath = readonly (string | number)[];

/** A comment on a scenario field. */
export interface FieldComment {
  readonly path: FieldPath;
  readonly text: string;
}

/** Where a value came from: `fml.cfg:12 set hb-lost-threshold 20`. */
export function cite(s: Sourced<unknown>): string {
  return `${s.at.file}:${s.at.line} ${s.text}`;
}

const seconds = (n: number): string => `${n}s`;

/** The scenario's defaults for probes and checks (scenarios/README.md). */
const PROBE_DEFAULTS = { interval_s: 30, timeout_s: 5, retries: 3 };
const CHECK_DEFAULTS = { interval_s: 10, retries: 3 };

/** Collects fields and their comments while the `ha` mapping is built. */
class HaBuilder {
  readonly ha: Record<string, Record<string, unknown>> = {};
  readonly comments: FieldComment[] = [];

  put(path: readonly [string, ...string[]], value: unknown, comment: string): void {
    let at: Record<string, unknown> = this.ha;
    for (const k of path.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1]!] = value;
    this.comments.push({ path: ["ha", ...path], text: comment });
  }
}

function heartbeat(p: PairConfig, b: HaBuilder, notes: Notes, silent: string): void {
  const hb = p.heartbeat;
  if (hb === undefined) {
    notes.info(
      undefined,
      "heartbeat timing not set: the documented default 5 s × 3 = 15 s applies",
    );
    b.put(["heartbeat", "interval"], "5s", `${silent}: documented default [D: S2]`);
    b.put(
      ["heartbeat", "lostThreshold"],
      3,
      `${silent}: documented default, 5 s × 3 = 15 s [D: S2]`,
    );
  } else {
    const total = hb.value.interval_s * hb.value.lostThreshold;
    b.put(["heartbeat", "interval"], seconds(hb.value.interval_s), cite(hb));
    b.put(
      ["heartbeat", "lostThreshold"],
      hb.value.lostThreshold,
      `${cite(hb)} (${total} s = ${hb.value.interval_s} s × ${hb.value.lostThreshold})`,
    );
  }
  const link = p.secondaryLink;
  b.put(
    ["heartbeat", "secondaryLink"],
    link?.value ?? false,
    link === undefined ? `${silent}: no secondary heartbeat link` : cite(link),
  );
}

function probes(p: PairConfig, b: HaBuilder, notes: Notes): void {
  for (const proto of PROTOCOLS) {
    const s = p.rservice[proto];
    if (s === undefined) continue;
    const interval_s = s.value.interval_s ?? PROBE_DEFAULTS.interval_s;
    let timeout_s = s.value.timeout_s ?? Math.min(PROBE_DEFAULTS.timeout_s, interval_s);
    if (timeout_s > interval_s) {
      notes.warn(
        s.at,
        `${proto} probe: check-timeout ${timeout_s} s is longer than the check interval ${interval_s} s; ${interval_s} s used`,
      );
      timeout_s = interval_s;
    }
    const probe = {
      interval: seconds(interval_s),
      timeout: seconds(timeout_s),
      retries: s.value.retries ?? PROBE_DEFAULTS.retries,
    };
    b.put(["rservice", proto], probe, cite(s));
  }
}

function checks(p: PairConfig, b: HaBuilder, notes: Notes): void {
  for (const check of ["ports", "hd"] as const) {
    const s = p.lservice[check];
    if (s === undefined) continue;
    let interval_s = s.value.interval_s ?? CHECK_DEFAULTS.interval_s;
    if (interval_s < 1 || interval_s > 60) {
      const clamped = Math.min(60, Math.max(1, interval_s));
      notes.warn(
        s.at,
        `local ${check} check interval ${interval_s} s is outside the documented 1–60 s; ${clamped} s used`,
      );
      interval_s = clamped;
    }
    b.put(
      ["lservice", check],
      { interval: seconds(interval_s), retries: s.value.retries ?? CHECK_DEFAULTS.retries },
      cite(s),
    );
  }
}

function flags(p: PairConfig, b: HaBuilder, notes: Notes, silent: string): void {
  let rah = p.remoteAsHeartbeat;
  if (rah?.value === true && Object.keys(p.rservice).length === 0) {
    notes.warn(
      rah.at,
      "remote-services-as-heartbeat is enabled but no remote service is enabled; written as false",
    );
    rah = { ...rah, value: false };
  }
  b.put(
    ["remoteAsHeartbeat"],
    rah?.value ?? false,
    rah === undefined ? `${silent}: hasim default (off in Fortinet's examples)` : cite(rah),
  );
  const data = p.mailDataSync;
  b.put(
    ["mailDataSync", "enabled"],
    data?.value ?? true,
    data === undefined ? `${silent}: hasim default (on in Fortinet's example)` : cite(data),
  );
  const queue = p.mailQueueSync;
  b.put(
    ["mailQueueSync", "enabled"],
    queue?.value ?? false,
    queue === undefined ? `${silent}: hasim default (off in Fortinet's example)` : cite(queue),
  );
}

/**
 * Builds `ha`. Probe timeouts longer than their interval and local intervals outside 1–60 s are
 * clamped with a warning (W6), since the scenario format refuses them.
 */
export function mapHa(
  p: PairConfig,
  notes: Notes,
): { ha: Record<string, unknown>; comments: FieldComment[] } {
  const b = new HaBuilder();
  const silent = `not set in ${p.files.join(" or ")}`;
  heartbeat(p, b, notes, silent);
  flags(p, b, notes, silent);
  probes(p, b, notes);
  checks(p, b, notes);
  return { ha: b.ha, comments: b.comments };
}
