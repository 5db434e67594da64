/**
 * "What would my pair do?": one or two FortiMail configurations (a backup or `show system ha`
 * output, one per unit) → a hasim scenario. Pure: text in, scenario and notes out; only the CLI
 * reads and writes files.
 *
 * ```ts
 * const r = importConfig([{ file: "fml.cfg", text }], { name: "fml", base: typicalFaults });
 * r.yaml; // the scenario, each field commented with the line it came from
 * ```
 *
 * @module
 */
import { emitYaml } from "./emit.js";
import { cite } from "./map-ha.js";
import { mapScenario, type MapOptions } from "./map-scenario.js";
import { formatNote, Notes, type Note } from "./notes.js";
import { makePair } from "./pair.js";
import { readUnit } from "./unit-file.js";
import type { UnitConfig } from "./unit.js";

export { ConfigImportError, formatNote, type Note } from "./notes.js";
export { MAX_CONFIG_CHARS } from "./tokenize.js";
export { unitName } from "./map-scenario.js";
export type { MapOptions } from "./map-scenario.js";
export { looksLikeFortiMailConfig } from "./detect.js";

/** A configuration file's name (as the user gave it, for messages and comments) and text. */
export interface ConfigInput {
  readonly file: string;
  readonly text: string;
}

/** What an import produces. */
export interface ImportResult {
  /** The scenario as plain data (what `qualifyScenario` takes). */
  readonly raw: Record<string, unknown>;
  /** The same scenario as commented YAML. */
  readonly yaml: string;
  /** Warnings and info lines, in the order found. */
  readonly notes: readonly Note[];
}

function description(units: readonly UnitConfig[], notes: readonly Note[]): string {
  const from = units.map((u) => `${u.file} (FortiMail ${u.family})`).join(" and ");
  const warnings = notes.filter((n) => n.level === "warning").map(formatNote);
  const head = `HA pair imported by hasim from ${from}, with the typical-faults workload and fault mix.`;
  return warnings.length === 0 ? head : `${head}\n${warnings.join("\n")}`;
}

/**
 * Imports one unit's configuration, or both units' (this unit first).
 *
 * @throws ConfigImportError (`FILE:LINE: why`) for a configuration hasim does not model
 *   (active-active, config-only, HA off, more than two members, two primaries), malformed or
 *   binary input, or a file over {@link MAX_CONFIG_CHARS}.
 */
export function importConfig(inputs: readonly ConfigInput[], options: MapOptions): ImportResult {
  if (inputs.length < 1 || inputs.length > 2)
    throw new Error(`importConfig: expected one or two configurations, got ${inputs.length}`);
  const notes = new Notes();
  const units = inputs.map((i) => readUnit(i.text, i.file, notes));
  const pair = makePair(units, notes);
  const mapped = mapScenario(pair, notes, options);
  const raw: Record<string, unknown> = {
    ...mapped.raw,
    description: description(units, notes.list),
  };
  const notSimulated = [...pair.notSimulated]
    .sort((a, b) => a.at.file.localeCompare(b.at.file) || a.at.line - b.at.line)
    .map((s) => `  ${cite(s)}${s.value === "" ? "" : ` (${s.value})`}`);
  const yaml = emitYaml(raw, mapped.comments, {
    top: [
      `Imported by hasim import from ${inputs.map((i) => i.file).join(" and ")}.`,
      "Each HA field names the configuration line it came from, or says the default used.",
      "Passwords are never copied.",
    ],
    before: {
      ha: notSimulated.length === 0 ? [] : ["Read but not simulated:", ...notSimulated],
      ...(raw.workload === undefined
        ? {}
        : {
            workload: ["From scenarios/typical-faults.yaml: the typical workload and fault mix."],
          }),
    },
  });
  return { raw, yaml, notes: notes.list };
}
