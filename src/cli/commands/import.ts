/**
 * `hasim import CONFIG [PEER_CONFIG]`: one or both units' FortiMail configuration → a scenario
 * (the pair's HA settings around the shipped typical-faults workload and fault mix), printed
 * or written with `--out`. Also the reading half of `hasim run CONFIG`.
 *
 * @module
 */
import { readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Argv } from "yargs";
import {
  ConfigImportError,
  formatNote,
  importConfig,
  looksLikeFortiMailConfig,
  MAX_CONFIG_CHARS,
  unitName,
  type ImportResult,
} from "../../import/index.js";
import { parseScenarioText, qualifyScenario } from "../../scenario/index.js";
import type { CliIo, HasimCommand } from "../context.js";
import { UserError } from "../errors.js";
import { writeFileAtomic } from "../output.js";
import { ex } from "./example.js";

export { looksLikeFortiMailConfig };

/** The shipped base scenario, relative to the package root. */
const TYPICAL_FAULTS = join("scenarios", "typical-faults.yaml");

/** The package root, found by walking up from this module (works from src/ and from dist/src/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown };
      if (pkg.name === "hasim") return dir;
    } catch {
      // No package.json here: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("hasim's package.json not found above the CLI");
    dir = parent;
  }
}

/** `scenarios/typical-faults.yaml` as plain data. */
export function typicalFaults(): Record<string, unknown> {
  const file = join(packageRoot(), TYPICAL_FAULTS);
  return parseScenarioText(readFileSync(file, "utf8"), file) as Record<string, unknown>;
}

/** Reads a configuration file, refusing a missing, unreadable or oversized one in one line. */
export function readConfigFile(file: string): string {
  try {
    const st = statSync(file);
    if (st.isDirectory())
      throw new UserError(`${file}: expected a FortiMail configuration file, got a directory`);
    if (st.size > MAX_CONFIG_CHARS)
      throw new UserError(
        `${file}: expected a FortiMail configuration of at most ${MAX_CONFIG_CHARS / (1024 * 1024)} MB, got ${(st.size / (1024 * 1024)).toFixed(1)} MB`,
      );
    return readFileSync(file, "utf8");
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "no such file"
        : code === "EACCES"
          ? "permission denied"
          : (code ?? "an unreadable file");
    throw new UserError(`${file}: expected a FortiMail configuration file, got ${why}`);
  }
}

/** The last value of a flag given once or more (as options.ts does; not imported, since load.ts imports this module). */
function lastString(v: unknown): string | undefined {
  if (Array.isArray(v)) return lastString(v[v.length - 1]);
  return typeof v === "string" || typeof v === "number" ? String(v) : undefined;
}

/** A scenario name from a file name: `fml-a.conf` → `fml-a`. */
function nameFrom(file: string): string {
  return unitName(basename(file, extname(file))) ?? "imported";
}

/**
 * Imports configurations (already read) over typical-faults, printing each note on `io`.
 *
 * @throws UserError (`FILE:LINE: why`, exit 2) for what cannot be imported.
 */
export function importTexts(
  inputs: readonly { file: string; text: string }[],
  name: string,
  policiesAll: boolean,
  io?: CliIo,
): ImportResult {
  let result: ImportResult;
  try {
    result = importConfig(inputs, { name, base: typicalFaults(), policiesAll });
  } catch (e) {
    if (e instanceof ConfigImportError) throw new UserError(e.format());
    throw e;
  }
  if (io !== undefined) for (const n of result.notes) io.stderr(`${formatNote(n)}\n`);
  return result;
}

/** `hasim run CONFIG`: the imported scenario as plain data, ready for `--set`. */
export function importForRun(file: string, text: string, io?: CliIo): unknown {
  return importTexts([{ file, text }], nameFrom(file), false, io).raw;
}

async function importCommand(args: Record<string, unknown>, io: CliIo): Promise<number> {
  const files = [lastString(args.config), lastString(args.peer)].filter(
    (f): f is string => f !== undefined && f !== "",
  );
  if (files.length === 0)
    throw new UserError("hasim import: expected a configuration file, got nothing");
  const policies = lastString(args.policies);
  if (policies !== undefined && policies !== "all")
    throw new UserError(`--policies: expected all, got ${JSON.stringify(policies)}`);
  const out = lastString(args.out);
  const inputs = files.map((file) => ({ file, text: readConfigFile(file) }));
  const name = nameFrom(out ?? files[0]!);
  const result = importTexts(inputs, name, policies === "all", io);
  // Every emitted scenario must validate; a failure here is reported like any scenario error.
  qualifyScenario(result.raw, out ?? `${name}.yaml`);
  if (out === undefined) io.stdout(result.yaml);
  else {
    writeFileAtomic(out, result.yaml);
    io.stderr(`scenario written to ${out}\n`);
  }
  return Promise.resolve(0);
}

const command: HasimCommand = {
  command: "import <config> [peer]",
  describe: "turn a FortiMail HA configuration (one unit's, or both) into a scenario",
  builder: (y: Argv) =>
    y
      .positional("config", {
        type: "string",
        describe: "a unit's configuration: a backup or 'show system ha' output",
      })
      .positional("peer", { type: "string", describe: "the other unit's configuration (optional)" })
      .option("out", { type: "string", describe: "write the scenario here (default: stdout)" })
      .option("policies", {
        type: "string",
        describe: "all: compare every on-failure policy, not only the configured one",
      })
      .example(ex("$0 import fml.cfg --out pair.yaml", "one unit's backup"), "")
      .example(ex("$0 import a.cfg b.cfg --policies all", "both units"), "")
      .example(ex("$0 run fml.cfg", "a year of typical faults"), ""),
  run: (args, ctx) => importCommand(args, ctx.io),
};
export default command;
