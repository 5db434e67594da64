/**
 * `hasim validate <scenario>`: qualifies a scenario (with its overrides) and prints the
 * effective scenario, defaults filled, as YAML on stdout; bad input exits 2 with one line.
 *
 * @module
 */
import YAML from "yaml";
import type { Argv } from "yargs";
import { scenarioToRaw } from "../../scenario/index.js";
import type { HasimCommand } from "../context.js";
import { loadScenario } from "../load.js";
import { scenarioArg, scenarioFlags, scenarioOptions, ex } from "./options.js";

const command: HasimCommand = {
  command: "validate <scenario>",
  describe: "check a scenario file and print the effective scenario with defaults filled",
  builder: (y: Argv) =>
    scenarioOptions(y)
      .example(ex("$0 validate scenarios/primary-crash.yaml", "with every default"), "")
      .example(ex("$0 validate crash.yaml --set ha.holdOff=30m", "check an override"), ""),
  run: (args, ctx) => {
    const { scenario } = loadScenario(scenarioArg(args), scenarioFlags(args));
    // version 1.2 keeps `off` a string when the output is read back.
    ctx.io.stdout(YAML.stringify(scenarioToRaw(scenario), { version: "1.2", lineWidth: 0 }));
    return Promise.resolve(0);
  },
};
export default command;
