/**
 * The list of `hasim` sub-commands. Adding a command is one line here (its name and its module).
 *
 * Each command's module is imported only when that command runs (or for `hasim --help` and a
 * mistyped command, which need them all): a command's module pulls in what the command needs
 * (charts, fuzzing, the importer...), and start-up should pay for one command, not seven.
 *
 * @module
 */
import type { HasimCommand } from "../context.js";

/** Every command's name and module, in `--help` order. */
const MODULES: Readonly<Record<string, () => Promise<{ default: HasimCommand }>>> = {
  run: () => import("./run.js"),
  sweep: () => import("./sweep.js"),
  validate: () => import("./validate.js"),
  merge: () => import("./merge.js"),
  fuzz: () => import("./fuzz.js"),
  report: () => import("./report.js"),
  import: () => import("./import.js"),
};

/** The commands' names, in `--help` order, known without loading any command. */
export const COMMAND_NAMES: readonly string[] = Object.keys(MODULES);

export { commandName } from "../command-name.js";

/** The command called `name`, loaded; undefined when there is no such command. */
export async function loadCommand(name: string): Promise<HasimCommand | undefined> {
  const load = Object.hasOwn(MODULES, name) ? MODULES[name] : undefined;
  return load === undefined ? undefined : (await load()).default;
}

/** Every command, loaded, in `--help` order. */
export function loadCommands(): Promise<HasimCommand[]> {
  return Promise.all(COMMAND_NAMES.map(async (n) => (await loadCommand(n))!));
}
