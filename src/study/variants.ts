/**
 * The assumption variants `--robustness` re-runs a scenario under: ONE table, assumption path →
 * alternative values. To vary a new `assumptions.*` knob (or any other [I] setting), add a row;
 * a test fails while an `assumptions` field of the scenario format has no row.
 *
 * Values are written as on the command line (`--set path=value`, read as YAML). Probabilities
 * list a low and a high value. A variant equal to the scenario's own value is skipped, so a
 * scenario that already sets `demotedQueue: push` is varied to `strand` and `keep-and-deliver`.
 *
 * @module
 */

/** The alternatives of one assumption. */
export interface Alternatives {
  /** Values to try, as `--set` text. For probabilities: [low, high]. */
  readonly values: readonly string[];
  /**
   * Whether the assumption can change anything in this effective scenario (scenarioToRaw form);
   * absent = always. Only sound exclusions belong here: it saves runs, it must not hide effects.
   */
  readonly matters?: (scenario: Readonly<Record<string, unknown>>) => boolean;
}

/** Fields of an effective scenario, by dotted path (`ha.admin.action`). */
export function valueAt(raw: Readonly<Record<string, unknown>>, path: string): unknown {
  let v: unknown = raw;
  for (const k of path.split("."))
    v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

const hasPolicy =
  (policy: string) =>
  (s: Readonly<Record<string, unknown>>): boolean => {
    const p = s.policies;
    return Array.isArray(p) && p.includes(policy);
  };

/** The table. Order is the order of robustness.csv and of the announcement. */
export const ASSUMPTION_ALTERNATIVES: Readonly<Record<string, Alternatives>> = {
  "assumptions.demotedQueue": { values: ["strand", "push", "keep-and-deliver"] },
  "assumptions.splitBrainHeal": { values: ["configured-master", "longest-master"] },
  "assumptions.splitBrainShare": { values: ["0.1", "0.9"] },
  "assumptions.splitBrainSessionCutProbability": { values: ["0", "0.1"] },
  "assumptions.cutSessionWindow": { values: ["0s", "5s"] },
  "assumptions.cutSessionDuplicateProbability": {
    values: ["0", "1"],
    matters: (s) => valueAt(s, "assumptions.cutSessionWindow") !== "0s",
  },
  "assumptions.inflightDeliveredProbability": { values: ["0", "1"] },
  "assumptions.arpUpdateDelay": { values: ["0s", "10s"] },
  "assumptions.failedWithoutPeer": { values: ["stay", "rejoin"] },
  "assumptions.lserviceOnSlave": { values: ["true", "false"] },
  "assumptions.hungMasterArp": { values: ["yields", "keeps-share"] },
  "assumptions.adminActs": { values: ["and-repaired", "blind"], matters: hasPolicy("off") },
  "assumptions.adminRestartTo": { values: ["configured", "slave"], matters: hasPolicy("off") },
  "assumptions.mailDataShare": { values: ["0", "1"] },
  "assumptions.pushRatePerS": { values: ["0", "10"] },
  // The admin acts only on a unit left OFF, which only on-failure off does.
  "ha.admin.responseTime": {
    values: ["{dist: lognormal, median: 30m, p95: 4h}", "{dist: lognormal, median: 1d, p95: 3d}"],
    matters: hasPolicy("off"),
  },
  "ha.admin.action": { values: ["restore", "restart"], matters: hasPolicy("off") },
};

/** One variant: a path and a value, applied as `--set path=value` on top of the scenario. */
export interface Variant {
  readonly assumption: string;
  readonly value: string;
}

/** A variant as `--set` takes it and as hasim names it: `assumptions.demotedQueue=push`. */
export function variantSetting(v: Variant): string {
  return `${v.assumption}=${v.value}`;
}

/**
 * The candidate variants of a scenario, one at a time: every table row that can matter, every
 * value. The caller drops those whose effective scenario equals the baseline's (the scenario's
 * own value), since they would repeat the baseline.
 *
 * @param scenario - the effective scenario (scenarioToRaw of the qualified baseline).
 * @param table - the alternatives; default {@link ASSUMPTION_ALTERNATIVES}.
 */
export function candidateVariants(
  scenario: Readonly<Record<string, unknown>>,
  table: Readonly<Record<string, Alternatives>> = ASSUMPTION_ALTERNATIVES,
): Variant[] {
  return Object.entries(table).flatMap(([assumption, alt]) =>
    alt.matters === undefined || alt.matters(scenario)
      ? alt.values.map((value) => ({ assumption, value }))
      : [],
  );
}
