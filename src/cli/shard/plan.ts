/**
 * `--plan`: the work units of a study, what each costs (measured by running the cheapest unit
 * for a short while and scaling by the expected-cost model of the split), and how many shards
 * keep every shard under a target wall time (one core per shard). Nothing is written. The
 * figures depend on the machine; they are printed, never stored.
 *
 * @module
 */
import { formatDuration } from "../../kernel/time.js";
import { parseDurationUs } from "../../scenario/units.js";
import { runReplication } from "../../run/replication.js";
import { expectedCost, shardLoads, splitByCost } from "../../study/split.js";
import { unitKey } from "../../study/units.js";
import type { CliContext } from "../context.js";
import { UserError } from "../errors.js";
import { lastString } from "../commands/options.js";
import type { StudyWork } from "./index.js";

/** Calibration stops after this much wall time or {@link CALIBRATION_RUNS} runs. */
const CALIBRATION_S = 0.25;
/** A first (cold, compiling) run this long is measurement enough: no warm runs after it. */
const WARM_UP_LIMIT_S = 5;
const CALIBRATION_RUNS = 5;

function targetSeconds(args: Record<string, unknown>): number {
  const text = lastString(args.target) ?? "1h";
  let us = NaN;
  try {
    us = parseDurationUs(text);
  } catch {
    // reported below
  }
  if (!(us > 0))
    throw new UserError(
      `--target: expected a positive duration such as 30m or 2h, got ${JSON.stringify(text)}`,
    );
  return us / 1e6;
}

/** Runs the cheapest unit a few times; returns CPU seconds per unit of expected cost. */
function calibrate(
  work: StudyWork,
  costs: readonly number[],
  ctx: CliContext,
): { perCost: number; line: string } {
  let cheapest = 0;
  costs.forEach((c, i) => {
    if (c < costs[cheapest]!) cheapest = i;
  });
  const task = work.tasks[cheapest]!;
  const scenario = work.loaded[task.group]!.scenario;
  const runner = ctx.runner ?? runReplication;
  const once = (): number => {
    // CPU time, not wall time: other processes on the machine must not inflate the estimate.
    const start = process.cpuUsage();
    runner(scenario, task.policy, task.replication, { trace: task.trace });
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  };
  // The first run also compiles the code (measured here as up to 3× a warm run); it counts
  // only when it alone took long.
  const first = once();
  let runs = 1;
  let elapsedS = first;
  if (first < WARM_UP_LIMIT_S) {
    runs = 0;
    elapsedS = 0;
    while (runs < CALIBRATION_RUNS && (runs === 0 || elapsedS < CALIBRATION_S)) {
      elapsedS += once();
      runs++;
    }
  }
  const eachS = elapsedS / runs;
  const name = unitKey(task, work.loaded.length > 1);
  return {
    perCost: eachS / costs[cheapest]!,
    line: `calibration: ${name} ran ${runs} time(s), ${eachS.toFixed(3)} CPU-s each`,
  };
}

/** The smallest shard count whose largest shard fits the target (at most one shard per unit). */
function suggestShards(
  costsS: readonly number[],
  targetS: number,
): { count: number; maxS: number } {
  const total = costsS.reduce((a, b) => a + b, 0);
  let count = Math.max(1, Math.min(costsS.length, Math.ceil(total / targetS)));
  for (;;) {
    const maxS = Math.max(...shardLoads(costsS, splitByCost(costsS, count)));
    if (maxS <= targetS || count >= costsS.length) return { count, maxS };
    count++;
  }
}

/** Prints the plan; exit code 0. */
export function planStudy(args: Record<string, unknown>, ctx: CliContext, work: StudyWork): number {
  const targetS = targetSeconds(args);
  const costs = work.tasks.map((t) => expectedCost(work.loaded[t.group]!.scenario, t.trace));
  const { perCost, line } = calibrate(work, costs, ctx);
  const costsS = costs.map((c) => c * perCost);
  const totalS = costsS.reduce((a, b) => a + b, 0);
  const points = work.loaded.length;
  const q = work.loaded[0]!.scenario;
  const names = work.variantNames;
  const groups = names ? `(1 + ${points - 1} assumption variants)` : `${points} point(s)`;
  const shape = `${groups} × ${q.policies.length} policies × ${q.replications} replications`;
  const out: string[] = [`units: ${work.tasks.length} (${shape})`, line];
  const perPoint = work.loaded.map((_, g) => costsS.filter((_c, i) => work.tasks[i]!.group === g));
  perPoint.slice(0, 10).forEach((c, g) => {
    const mean = c.reduce((a, b) => a + b, 0) / Math.max(1, c.length);
    out.push(
      `  ${names?.[g] ?? (points > 1 ? `p${g}` : "each")}: ${c.length} unit(s), about ${mean.toFixed(3)} CPU-s per unit`,
    );
  });
  if (points > 10) out.push(`  … and ${points - 10} more ${names ? "variant(s)" : "point(s)"}`);
  const { count, maxS } = suggestShards(costsS, targetS);
  out.push(
    `total: about ${totalS.toFixed(1)} CPU-s`,
    `suggested: ${count} shard(s) of one core for a wall time under ${formatDuration(Math.round(targetS * 1e6))} (largest shard about ${maxS.toFixed(1)} s)`,
    `  Slurm: sbatch --array=0-${count - 1} docs/cluster/slurm/study.sbatch; Kubernetes: completions: ${count}`,
  );
  ctx.io.stdout(out.join("\n") + "\n");
  return 0;
}
