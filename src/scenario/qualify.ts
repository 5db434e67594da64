/**
 * Raw scenario data → {@link QualifiedScenario}: validates every field and fills the defaults.
 *
 * Validation is hand-written rather than a schema library: the messages are the product here.
 * Each check knows the field's unit and range and says so in one line (`expected a duration such
 * as 15s, 5m or 1h30m`); unknown fields get a did-you-mean from the fields allowed at that exact
 * place (which, for a fault, depends on its `kind`); node names are resolved against `nodes`; and
 * cross-field rules (a fault before the horizon, a secondary-link fault needs `secondaryLink`)
 * point at the field to fix.
 *
 * The parts: the field tree (`shape.ts`), the checked reader (`fields.ts`), the one table of
 * defaults and ranges (`defaults.ts`), the section readers (`sections.ts`), the fault readers
 * (`faults.ts`), and the time-range check of the whole (`limits.ts`).
 *
 * @module
 */
import type { QualifiedScenario } from "../config/scenario.js";
import { DEFAULTS as D } from "./defaults.js";
import { ROOT_PATH, ScenarioError } from "./errors.js";
import { readFault, readList, readRandomFault, type FaultContext } from "./faults.js";
import { Fields } from "./fields.js";
import { checkTimeRange } from "./limits.js";
import {
  readAssumptions,
  readEngine,
  readHa,
  readMta,
  readNodes,
  readPolicies,
  readWorkload,
} from "./sections.js";
import { SCENARIO_SHAPE, fieldNames } from "./shape.js";

const NAME = {
  re: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  says: "a name of letters, digits, '.', '_' or '-' (it names the results folder)",
};

/**
 * Validates raw scenario data and fills every default.
 *
 * `name` defaults to the file's base name without its extension (`scenarios/primary-crash.yaml`
 * → `primary-crash`), made safe for a folder name. Faults come out sorted by start time (stable).
 *
 * @param raw - the data from {@link parseScenarioText}, possibly after {@link applyOverrides}.
 * @param file - the file name, for messages and the default name.
 * @throws ScenarioError naming the first field that is wrong.
 */
export function qualifyScenario(raw: unknown, file: string): QualifiedScenario {
  if (raw === undefined || raw === null) {
    throw new ScenarioError(
      file,
      ROOT_PATH,
      "expected a scenario mapping with at least horizon and workload",
      "an empty file",
    );
  }
  const top = Fields.of(file, "", raw, fieldNames(SCENARIO_SHAPE), "a scenario");
  const name = top.str("name", defaultName(file), NAME);
  const description = top.str("description", D.description.def);
  const seed = top.int("seed", D.seed);
  const horizonUs = top.duration("horizon", D.horizon);
  const drainUs = top.duration("drain", D.drain);
  if (!Number.isSafeInteger(horizonUs + drainUs))
    top.fail("drain", "expected horizon + drain shorter than 285 years");
  const replications = top.int("replications", D.replications);
  const policies = readPolicies(top);
  const nodes = readNodes(top);
  const ha = readHa(top.section("ha", fieldNames(SCENARIO_SHAPE, "ha")));
  const mta = readMta(top.section("mta", fieldNames(SCENARIO_SHAPE, "mta")));
  const workload = readWorkload(top.section("workload", fieldNames(SCENARIO_SHAPE, "workload")));
  const ctx: FaultContext = { nodes, horizonUs, ha };
  const faults = readList(top, "faults", (item, path) => readFault(item, path, file, ctx));
  const randomFaults = readList(top, "randomFaults", (item, path) =>
    readRandomFault(item, path, file, ctx),
  );
  const assumptions = readAssumptions(
    top.section("assumptions", fieldNames(SCENARIO_SHAPE, "assumptions")),
  );
  const engine = readEngine(top.section("engine", fieldNames(SCENARIO_SHAPE, "engine")));
  const q: QualifiedScenario = {
    name,
    description,
    seed,
    horizonUs,
    drainUs,
    replications,
    policies,
    nodes,
    ha,
    mta,
    workload,
    faults,
    randomFaults,
    assumptions,
    engine,
  };
  checkTimeRange(q, raw, file);
  // Array.prototype.sort is stable, so faults at the same time keep the file's order.
  return { ...q, faults: [...faults].sort((a, b) => a.atUs - b.atUs) };
}

/** The file's base name without extension, with characters a folder name should not have replaced by `-`. */
function defaultName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? "";
  const stem = base.replace(/\.(ya?ml|json)$/i, "");
  const safe = stem.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return safe === "" ? "scenario" : safe;
}
