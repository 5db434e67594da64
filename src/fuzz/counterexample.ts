/**
 * A case as a scenario: {@link caseScenario} is what the fuzzer runs, and a shrunk case is
 * written as a scenario file that `hasim run` replays (the base scenario with the case's faults,
 * seed, policy and configuration, one replication, and a description naming the property it
 * breaks). Both go through the file format, so the file replays exactly what was run.
 *
 * @module
 */
import YAML from "yaml";
import { qualifyScenario, scenarioToRaw } from "../scenario/index.js";
import type { FaultSpec, QualifiedScenario } from "../config/scenario.js";
import { formatDuration } from "../kernel/time.js";
import { probesFor, type FuzzCase } from "./arbitraries.js";
import { PROPERTY_TEXT, type PropertyName, type Verdict } from "./properties.js";

/**
 * The scenario a case runs: `base` with the case's seed, policy, configuration and faults (the
 * scenario's own scheduled faults are replaced; its random fault processes stay), one
 * replication, and a drain of at least `minDrainUs`. It goes through the file format
 * (`scenarioToRaw` → `qualifyScenario`), so a counterexample file replays it exactly.
 *
 * @throws ScenarioError if the case is not a valid scenario (a bug in arbitraries.ts).
 */
export function caseScenario(
  base: QualifiedScenario,
  c: FuzzCase,
  minDrainUs = 0,
): QualifiedScenario {
  const cfg = c.config;
  const q: QualifiedScenario = {
    ...base,
    seed: c.seed,
    replications: 1,
    policies: [cfg.policy],
    drainUs: Math.max(base.drainUs, minDrainUs),
    ha: {
      ...base.ha,
      heartbeat: {
        ...base.ha.heartbeat,
        lostThreshold: cfg.lostThreshold,
        secondaryLink: cfg.secondaryLink,
      },
      remoteAsHeartbeat: cfg.remoteAsHeartbeat,
      rservice: probesFor(base, cfg),
      mailQueueSync: { ...base.ha.mailQueueSync, enabled: cfg.mailQueueSync },
    },
    faults: c.faults,
  };
  return qualifyScenario(scenarioToRaw(q), `${base.name}.yaml`);
}

/** File name of the counterexample of `property`, without folder. */
export function counterexampleFile(property: PropertyName): string {
  return `counterexample-${property}.yaml`;
}

/** The command that replays a counterexample file. */
export function replayCommand(file: string, c: FuzzCase): string {
  const quoted = /^[\w./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
  return `hasim run ${quoted} --policy ${c.config.policy}`;
}

/** A fault in a few words, for CSV cells and headers: `link-down all @10m for 40s`. */
export function faultLabel(f: FaultSpec, names: readonly [string, string]): string {
  const fields = f as unknown as Record<string, unknown>;
  const target: string[] = [];
  if (typeof fields.node === "number") target.push(names[fields.node as 0 | 1]);
  for (const k of ["link", "from", "direction", "service", "monitor"])
    if (typeof fields[k] === "string") target.push(fields[k]);
  if (f.kind === "node-crash" && f.diskLost) target.push("disk lost");
  if (f.kind === "flapping")
    target.push(`down ${formatDuration(f.downUs)}/up ${formatDuration(f.upUs)}`);
  return [
    f.kind,
    ...target,
    `@${formatDuration(f.atUs)}`,
    `for ${formatDuration(f.durationUs)}`,
  ].join(" ");
}

/** The case's configuration in a few words: `policy=off lostThreshold=3 secondaryLink=no …`. */
export function configLabel(c: FuzzCase): string {
  const x = c.config;
  const yn = (b: boolean): string => (b ? "yes" : "no");
  return `policy=${x.policy} lostThreshold=${x.lostThreshold} secondaryLink=${yn(x.secondaryLink)} remoteAsHeartbeat=${yn(x.remoteAsHeartbeat)} mailQueueSync=${yn(x.mailQueueSync)}`;
}

/** Everything needed to write a counterexample. */
export interface CounterexampleInput {
  readonly base: QualifiedScenario;
  readonly case: FuzzCase;
  readonly property: PropertyName;
  readonly verdict: Verdict;
  /** The fuzzer's seed, recorded in the description. */
  readonly fuzzSeed: number;
  /** The drain the case ran with (see {@link caseScenario}). */
  readonly minDrainUs: number;
}

/**
 * The counterexample as scenario data (the file format of `scenarios/README.md`), which
 * `qualifyScenario` turns back into exactly the scenario the fuzzer ran.
 */
export function counterexampleScenario(x: CounterexampleInput): Record<string, unknown> {
  const q = caseScenario(x.base, x.case, x.minDrainUs);
  const raw = scenarioToRaw(q);
  const names = [q.nodes[0].name, q.nodes[1].name] as const;
  const faults =
    x.case.faults.length === 0
      ? "no scheduled fault"
      : x.case.faults.map((f) => faultLabel(f, names)).join("; ");
  return {
    ...raw,
    name: `${x.base.name}-counterexample-${x.property}`,
    description:
      `Counterexample to ${x.property} (${PROPERTY_TEXT[x.property]}) found by hasim fuzz --seed ${x.fuzzSeed} ` +
      `on ${x.base.name}, shrunk to ${x.case.faults.length} fault(s): ${faults}. ` +
      `Under on-failure ${x.case.config.policy}: ${x.verdict.reason}.`,
  };
}

/** The counterexample as YAML text (YAML 1.2, so `off` stays a string), with a comment header. */
export function counterexampleYaml(x: CounterexampleInput, file: string): string {
  const head = [
    `# Counterexample to ${x.property}, written by hasim fuzz --seed ${x.fuzzSeed}.`,
    `# Replay: ${replayCommand(file, x.case)}`,
  ];
  return `${head.join("\n")}\n${YAML.stringify(counterexampleScenario(x), { version: "1.2", lineWidth: 0 })}`;
}
