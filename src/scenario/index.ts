/**
 * Scenario files: text → {@link QualifiedScenario}, `--set` overrides, and back to the effective
 * file for `hasim validate` and `meta.json`.
 *
 * ```ts
 * const raw = applyOverrides(parseScenarioText(text, file), sets, file);
 * const q = qualifyScenario(raw, file); // throws ScenarioError; print e.format(), exit 2
 * ```
 *
 * @module
 */
export { ScenarioError, describeValue } from "./errors.js";
export { parseScenarioText } from "./parse.js";
export { qualifyScenario } from "./qualify.js";
export { SCENARIO_SHAPE, type Shape } from "./shape.js";
export { DEFAULTS } from "./defaults.js";
export { parseDurationDist, type DistSpec } from "./dists.js";
export { TimeFormatError, parseDurationUs, parseRatePerS } from "./units.js";
export { applyOverrides } from "./overrides.js";
export { distToSpec, formatRate, scenarioToRaw } from "./effective.js";
export { didYouMean } from "./suggest.js";
export type * from "../config/scenario.js";
export { FAULT_KINDS, POLICIES, POLICY_ALIASES, PROTOCOLS } from "../config/scenario.js";
