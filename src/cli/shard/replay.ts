/**
 * How `hasim merge` writes its folder: it replays the study's own command (`run` or `sweep`)
 * with a runner that hands back the shards' stored results instead of simulating. The merged
 * files are therefore written by exactly the code that writes a single-machine run, and cannot
 * drift from it.
 *
 * @module
 */
import { scenarioToRaw } from "../../scenario/index.js";
import type { QualifiedScenario } from "../../config/scenario.js";
import type { RunResult } from "../../sim/result.js";
import { listUnits, unitKey, type WorkUnit } from "../../study/units.js";
import { scenarioHash, type LocatedManifest } from "../../study/manifest.js";
import type { Runner } from "../context.js";
import { UserError } from "../errors.js";

/** Stored results of a complete, agreeing shard set, by unit name. */
export class Replay {
  private readonly groups = new Map<QualifiedScenario, number>();
  /** Groups by the scenario's hash: `--robustness` loads its variants again when it runs them. */
  private readonly groupsByHash = new Map<string, number>();
  private sweep = false;

  constructor(
    private readonly shards: readonly LocatedManifest[],
    private readonly results: ReadonlyMap<string, RunResult>,
  ) {}

  /**
   * Called by the study's command once it knows its scenarios and units: checks that the
   * scenarios are those the shards ran and that every unit is there, before anything is written.
   *
   * @throws UserError naming the changed scenario or the missing units.
   */
  bind(scenarios: readonly QualifiedScenario[], units: readonly WorkUnit[]): void {
    const first = this.shards[0]!;
    const hash = scenarioHash(scenarios.map(scenarioToRaw));
    if (hash !== first.manifest.scenarioHash)
      throw new UserError(
        `hasim merge: ${first.where}: scenarioHash: expected ${hash} (the scenario as it reads now), got ${first.manifest.scenarioHash}; was the scenario file changed after the shards ran?`,
      );
    this.sweep = scenarios.length > 1;
    scenarios.forEach((s, i) => {
      this.groups.set(s, i);
      this.groupsByHash.set(scenarioHash([scenarioToRaw(s)]), i);
    });
    const missing = units.map((u) => unitKey(u, this.sweep)).filter((k) => !this.results.has(k));
    if (missing.length > 0) {
      const count = first.manifest.shard.count;
      const have = new Set(this.shards.map((s) => s.manifest.shard.index));
      const absent = Array.from({ length: count }, (_, i) => i).filter((i) => !have.has(i));
      throw new UserError(
        `hasim merge: ${missing.length} unit(s) missing (shard(s) ${absent.map((i) => `${i}/${count}`).join(", ")} not given): ${listUnits(missing)}`,
      );
    }
  }

  /** The runner that returns stored results (the model is never called). */
  readonly runner: Runner = (scenario, policy, replication) => {
    let group = this.groups.get(scenario);
    if (group === undefined) {
      group = this.groupsByHash.get(scenarioHash([scenarioToRaw(scenario)]));
      if (group === undefined) throw new Error("replay: a scenario the study did not bind");
      this.groups.set(scenario, group);
    }
    const key = unitKey({ group, policy, replication }, this.sweep);
    const r = this.results.get(key);
    if (r === undefined) throw new Error(`replay: no stored result for ${key}`);
    return r;
  };
}

/** Which command lines are merges, and of what: set by `hasim merge` on the arguments it replays. */
const replays = new WeakMap<object, Replay>();

/** Marks parsed arguments as a replay of stored results. */
export function markReplay(args: Record<string, unknown>, replay: Replay): void {
  replays.set(args, replay);
}

/** The replay these arguments are, if any. */
export function replayOf(args: Record<string, unknown>): Replay | undefined {
  return replays.get(args);
}
