/**
 * Options shared by the commands, declared once so `--help` reads the same everywhere, and
 * helpers that turn yargs' loosely typed values into checked ones. Numeric flags are declared as
 * strings so that a bad value is reported as typed (`got "abc"`), not as NaN.
 *
 * @module
 */
import type { Argv } from "yargs";
import { UserError } from "../errors.js";
import { parseIntegerFlag, type ScenarioFlags } from "../load.js";
import { availableParallelism } from "node:os";

/** The flags that change the scenario: `--set`, `--seed`, `--horizon`, `--replications`, `--policy`. */
export function scenarioOptions(y: Argv): Argv {
  return y
    .positional("scenario", { type: "string", describe: "scenario file (YAML or JSON)" })
    .option("set", {
      type: "string",
      describe:
        "override a scenario field, path=value (repeatable), e.g. ha.heartbeat.lostThreshold=5",
    })
    .option("seed", { type: "string", describe: "root seed (integer ≥ 0), overrides the file's" })
    .option("horizon", {
      type: "string",
      describe: "how long mail arrives and faults happen, e.g. 1d, 12h",
    })
    .option("replications", { type: "string", describe: "replications per policy (≥ 1)" })
    .option("policy", {
      type: "string",
      describe: "comma-separated on-failure policies: off, restore, slave",
    });
}

/** `-q/--quiet` and `--report`, the same in run, sweep and fuzz. */
export function outputOptions(y: Argv): Argv {
  return y
    .option("quiet", {
      alias: "q",
      type: "boolean",
      default: false,
      describe: "no progress bar or progress lines",
    })
    .option("report", {
      type: "boolean",
      default: false,
      describe: "also draw report.html and .svg charts in the output folder",
    });
}

/** The flags of commands that simulate: `--jobs`, `--out`, `--quiet`, `--report`. */
export function simulationOptions(y: Argv): Argv {
  return outputOptions(y)
    .option("jobs", {
      alias: "j",
      type: "string",
      describe: `worker threads (default: the number of cores, here ${availableParallelism()})`,
    })
    .option("out", { type: "string", describe: "output folder (default results/<scenario name>/)" })
    .option("force", {
      type: "boolean",
      default: false,
      describe:
        "replace a results folder of another experiment; run work estimated at hours or more memory than the machine has",
    });
}

/** The last value of a flag given once or more (yargs collects repeats into an array). */
export function lastString(v: unknown): string | undefined {
  if (Array.isArray(v)) return lastString(v[v.length - 1]);
  if (v === undefined || v === null) return undefined;
  // yargs gives strings, numbers or booleans here; anything else is shown as JSON.
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean"
    ? String(v)
    : JSON.stringify(v);
}

/** Every value of a repeatable flag, in order. */
export function allStrings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** The scenario flags out of parsed arguments. */
export function scenarioFlags(args: Record<string, unknown>): ScenarioFlags {
  return {
    set: allStrings(args.set),
    seed: lastString(args.seed),
    horizon: lastString(args.horizon),
    replications: lastString(args.replications),
    policy: lastString(args.policy),
  };
}

/** `--jobs`: a positive integer, default the number of cores (plan.ts caps it at what pays). */
export function jobsFlag(args: Record<string, unknown>): number {
  const v = lastString(args.jobs);
  return v === undefined ? availableParallelism() : parseIntegerFlag("--jobs", v, 1);
}

/** The scenario positional, which yargs guarantees but does not type. */
export function scenarioArg(args: Record<string, unknown>): string {
  const v = lastString(args.scenario);
  if (v === undefined || v === "")
    throw new UserError("hasim: expected a scenario file, got nothing");
  return v;
}

export { ex } from "./example.js";
