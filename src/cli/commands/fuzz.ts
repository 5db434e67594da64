/**
 * `hasim fuzz <scenario>`: searches fault schedules for a violation of each property, shrinks
 * the first one found, and writes `fuzz.csv` and, per violated property,
 * `counterexample-<property>.yaml` (a scenario that `hasim run` replays), `.story.txt` and
 * `.timeline.json`. Exit 1 when a property was violated, 0 when none, 2 on bad input.
 *
 * @module
 */
import { join } from "node:path";
import type { Argv } from "yargs";
import { FUZZ_KINDS } from "../../fuzz/kinds.js";
import { PROPERTY_NAMES, type PropertyName } from "../../fuzz/properties.js";
import { parseDurationUs } from "../../scenario/units.js";
import { didYouMean } from "../../scenario/index.js";
import type { CliContext, HasimCommand } from "../context.js";
import { UserError } from "../errors.js";
import { loadScenario, parseIntegerFlag } from "../load.js";
import { checkOutDir } from "../out-place.js";
import { safeFolderName } from "../output.js";
import { allStrings, lastString, outputOptions, scenarioArg, ex } from "./options.js";

/** Largest `--seed`: fast-check seeds are 32-bit integers. */
const MAX_FUZZ_SEED = 0x7fffffff;

/** Files of an earlier fuzz in the same folder, removed when this one did not write them. */
export function isFuzzFile(name: string): boolean {
  return /^fuzz\.csv$|^counterexample-.+\.(yaml|story\.txt|timeline\.json)$/.test(name);
}

/** `--property a --property b,c` → the properties, each once, in the order of {@link PROPERTY_NAMES}; none = all. */
export function parseProperties(values: readonly string[]): PropertyName[] {
  const wanted = new Set<PropertyName>();
  for (const name of values.flatMap((v) => v.split(",")).map((s) => s.trim())) {
    if (!(PROPERTY_NAMES as readonly string[]).includes(name)) {
      const hint = didYouMean(name, PROPERTY_NAMES);
      throw new UserError(
        `--property: expected one of ${PROPERTY_NAMES.join(", ")}, got ${JSON.stringify(name)}${hint ? `; did you mean "${hint}"?` : ""}`,
      );
    }
    wanted.add(name as PropertyName);
  }
  return wanted.size === 0 ? [...PROPERTY_NAMES] : PROPERTY_NAMES.filter((p) => wanted.has(p));
}

/** `--kinds link-down,node-crash` → those fault kinds; absent = every kind the fuzzer knows. */
export function parseKinds(value: string | undefined): (typeof FUZZ_KINDS)[number][] {
  if (value === undefined) return [...FUZZ_KINDS];
  const kinds = value.split(",").map((s) => s.trim());
  for (const k of kinds) {
    if (!(FUZZ_KINDS as readonly string[]).includes(k)) {
      const hint = didYouMean(k, FUZZ_KINDS);
      throw new UserError(
        `--kinds: expected a comma-separated list of ${FUZZ_KINDS.join(", ")}, got ${JSON.stringify(k)}${hint ? `; did you mean "${hint}"?` : ""}`,
      );
    }
  }
  return FUZZ_KINDS.filter((k) => kinds.includes(k));
}

/** A positive duration flag, in µs. */
function durationFlag(flag: string, value: string): number {
  let us = -1;
  try {
    us = parseDurationUs(value);
  } catch {
    // reported below, with the flag's name
  }
  if (!(us > 0))
    throw new UserError(
      `${flag}: expected a positive duration such as 30s, 10m or 1h, got ${JSON.stringify(value)}`,
    );
  return us;
}

/**
 * Fuzzes a scenario and writes the results. Exported for tests.
 *
 * @returns 1 when a property was violated, 0 when none.
 */
export async function fuzzCommand(args: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const properties = parseProperties(allStrings(args.property));
  const runs = parseIntegerFlag("--runs", lastString(args.runs) ?? "100", 1);
  const seedArg = lastString(args.seed);
  const seed =
    seedArg === undefined
      ? Math.floor(Math.random() * MAX_FUZZ_SEED)
      : parseIntegerFlag("--seed", seedArg, 0);
  if (seed > MAX_FUZZ_SEED)
    throw new UserError(
      `--seed: expected an integer from 0 to ${MAX_FUZZ_SEED}, got ${JSON.stringify(seedArg)}`,
    );
  const budget = lastString(args["time-budget"]);
  const timeBudgetMs = budget === undefined ? null : durationFlag("--time-budget", budget) / 1000;
  const ttrBoundUs = durationFlag("--ttr-bound", lastString(args["ttr-bound"]) ?? "1h");
  const limits = {
    maxFaults: parseIntegerFlag("--max-faults", lastString(args["max-faults"]) ?? "3", 1),
    kinds: parseKinds(lastString(args.kinds)),
  };
  const { scenario: base } = loadScenario(scenarioArg(args), {
    set: allStrings(args.set),
    horizon: lastString(args.horizon),
    policy: lastString(args.policy),
  });
  const outArg = lastString(args.out);
  const outDir = outArg ?? join("results", safeFolderName(base.name), "fuzz");
  // A fuzz folder is replaced as a whole (output.ts); it has no meta.json yet to identify it.
  checkOutDir(outDir, outArg === undefined ? "output folder" : "--out");

  if (args.quiet !== true)
    ctx.io.stderr(
      `hasim: fuzzing ${properties.length} propert${properties.length === 1 ? "y" : "ies"}, up to ${runs} cases each, seed ${seed}\n`,
    );
  if (base.faults.length > 0)
    ctx.io.stderr(
      `note: the scenario's ${base.faults.length} scheduled fault(s) are replaced by generated schedules\n`,
    );
  // fast-check and the fuzzer load only now, so other commands start without them.
  const { fuzzAndWrite } = await import("./fuzz-work.js");
  return fuzzAndWrite(base, outDir, ctx, args.report === true, {
    properties,
    numRuns: runs,
    seed,
    timeBudgetMs,
    clockMs: Date.now,
    swarm: args.swarm === true,
    ttrBoundUs,
    limits,
    runner: ctx.runner,
  });
}

const command: HasimCommand = {
  command: "fuzz <scenario>",
  describe:
    "search fault schedules for lost or duplicated mail, split brain or no recovery; shrink and write counterexamples",
  builder: (y: Argv) =>
    outputOptions(y)
      .positional("scenario", {
        type: "string",
        describe: "scenario file (YAML or JSON): the settings the faults are drawn on",
      })
      .option("property", {
        type: "string",
        describe: `property to check (repeatable or comma-separated; default all): ${PROPERTY_NAMES.join(", ")}`,
      })
      .option("runs", {
        type: "string",
        describe: "cases per property before shrinking (default 100)",
      })
      .option("seed", {
        type: "string",
        describe: "fuzzer seed (default random, printed): the same seed draws the same cases",
      })
      .option("time-budget", {
        type: "string",
        describe:
          "stop searching and shrinking after this long, e.g. 5m (results then depend on speed)",
      })
      .option("swarm", {
        type: "boolean",
        default: false,
        describe: "also draw enabled fault kinds and the HA configuration per case",
      })
      .option("max-faults", { type: "string", describe: "most faults per case (default 3)" })
      .option("kinds", {
        type: "string",
        describe: `fault kinds to draw, comma-separated (default all): ${FUZZ_KINDS.join(", ")}`,
      })
      .option("ttr-bound", {
        type: "string",
        describe: "recovery bound of recovers and ttr (default 1h)",
      })
      .option("out", {
        type: "string",
        describe: "output folder (default results/<scenario name>/fuzz/)",
      })
      .option("set", {
        type: "string",
        describe: "override a scenario field, path=value (repeatable)",
      })
      .option("horizon", {
        type: "string",
        describe: "how long mail arrives and faults may start, e.g. 2h",
      })
      .option("policy", {
        type: "string",
        describe: "comma-separated on-failure policies the cases draw from",
      })
      .example(ex("$0 fuzz scenarios/fuzz-single-link.yaml --seed 1", "a split brain"), "")
      .example(ex("$0 fuzz scenarios/fuzz-safe.yaml --runs 300 --swarm", "vary settings"), ""),
  run: (args, ctx) => fuzzCommand(args, ctx),
};
export default command;
