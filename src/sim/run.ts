/**
 * One replication of one policy: build the cluster, run until the drain ends, measure.
 *
 * @module
 */
import type { LostCause, RunMetrics, RunOptions, RunResult } from "./result.js";
import type { Policy, QualifiedScenario } from "../config/scenario.js";
import { Cluster } from "./cluster.js";
import { FaultInjector } from "./faults.js";
import { P_OBSERVE } from "./priorities.js";
import type { UnitRuntime } from "./unit.js";

/** Number of spool samples a traced timeline gets over the run. */
const TIMELINE_SAMPLES = 400;

/**
 * Simulates replication `replication` of `scenario` under `policy`. Deterministic: the same
 * arguments give the same result. Replication r of every policy sees the same arrivals and the
 * same exogenous faults (streams forked by replication and component, never by policy).
 */
export function runReplication(
  scenario: QualifiedScenario,
  policy: Policy,
  replication: number,
  options: RunOptions = {},
): RunResult {
  const tracing = options.trace === true;
  const c = new Cluster(scenario, policy, replication, tracing);
  const faults = new FaultInjector(c);
  faults.schedule(scenario, (label) => c.stream(label));
  // Timeline sampling adds observation events; they are not counted as model events, so the
  // `events` column is the same with and without --trace/--report.
  const samples = tracing ? sampleSpools(c) : { count: 0 };
  c.ledger.onDuplicate = tracing
    ? (m, cause) => {
        c.obs.marker(c.sched.nowUs, "", "duplicated", cause);
      }
    : null;
  c.start();
  const limitUs = scenario.horizonUs + scenario.drainUs;
  c.sched.run(limitUs);
  const endUs = c.sched.nowUs;
  c.obs.finish(endUs);
  const lostBy = c.ledger.lostByCause((m) => locate(c, m));
  if (tracing) {
    for (const cause of Object.keys(lostBy) as LostCause[]) {
      if (lostBy[cause] > 0) c.obs.marker(endUs, "", "lost", cause, lostBy[cause]);
    }
  }
  const violations = [...c.violations, ...c.ledger.violations];
  if (scenario.engine.checkInvariants) violations.push(...conservation(c));
  const metrics = measure(c, lostBy, endUs, c.sched.eventsRun - samples.count);
  const result: RunResult = {
    scenario: scenario.name,
    policy,
    replication,
    seed: c.seedLabel,
    metrics,
    violations,
    ...(tracing && c.obs.trace !== null
      ? { trace: c.obs.trace, timeline: c.obs.timeline(scenario.horizonUs, endUs) }
      : {}),
  };
  return result;
}

function sampleSpools(c: Cluster): { count: number } {
  const samples = { count: 0 };
  const step = Math.max(1_000_000, Math.floor(c.sc.horizonUs / TIMELINE_SAMPLES));
  const h = c.on(P_OBSERVE, () => {
    samples.count++;
    for (const u of c.units) c.obs.sampleSpool(c.sched.nowUs, u.name, u.depth);
    if (c.sched.nowUs + step <= c.sc.horizonUs + c.sc.drainUs) c.sched.after(step, P_OBSERVE, h);
  });
  c.sched.at(0, P_OBSERVE, h);
  return samples;
}

/** Where an undelivered mail still sits, as a lost cause; null when no unit holds it. */
function locate(c: Cluster, m: number): LostCause | null {
  const w = c.where[m]!;
  const u = (w & 1) !== 0 ? c.units[0] : (w & 2) !== 0 ? c.units[1] : null;
  return u === null ? null : strandedCause(u);
}

function strandedCause(u: UnitRuntime): LostCause {
  if (u.role.physical !== "UP") return "stranded-down";
  switch (u.role.mode) {
    case "OFF":
      return "stranded-off";
    case "FAILED":
      return "stranded-failed";
    case "MASTER":
      return "undelivered";
    default:
      return u.role.keepDelivering ? "undelivered" : "stranded-slave";
  }
}

/** Conservation: every arrived mail is accepted, waiting at its sender, or given up. */
function conservation(c: Cluster): string[] {
  const l = c.ledger;
  const waiting = l.waitingAtSenders();
  let queuedUnaccepted = 0;
  c.senders.forEach((m) => {
    if (!l.isAccepted(m)) queuedUnaccepted++;
  });
  const out: string[] = [];
  if (l.accepted + l.givenUp + waiting !== l.arrived)
    out.push(
      `conservation: ${l.arrived} arrived != ${l.accepted} accepted + ${l.givenUp} given up + ${waiting} waiting`,
    );
  if (waiting !== queuedUnaccepted)
    out.push(
      `conservation: ${waiting} mails neither accepted nor given up, but ${queuedUnaccepted} wait at senders`,
    );
  return out;
}

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}
function max(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : Math.max(...xs);
}

function measure(
  c: Cluster,
  lostBy: Record<LostCause, number>,
  endUs: number,
  events: number,
): RunMetrics {
  const l = c.ledger;
  const ep = c.obs.episodeStats();
  const lat = l.latency;
  const lost = Object.values(lostBy).reduce((a, b) => a + b, 0);
  return {
    arrived: l.arrived,
    accepted: l.accepted,
    delivered: l.delivered,
    lost,
    duplicated: l.duplicated,
    given_up: l.givenUp,
    waiting_at_sender: l.waitingAtSenders(),
    split_brain_s: c.obs.splitBrainUs / 1e6,
    unavailable_s: c.obs.unavailableUs / 1e6,
    failovers: c.obs.failovers,
    failure_episodes: ep.count,
    unrecovered_episodes: ep.unrecovered,
    ttr_service_mean_s: mean(ep.ttrServiceS),
    ttr_service_max_s: max(ep.ttrServiceS),
    ttr_redundancy_mean_s: mean(ep.ttrRedundancyS),
    ttr_redundancy_max_s: max(ep.ttrRedundancyS),
    latency_mean_s: lat.count === 0 ? null : lat.meanUs() / 1e6,
    latency_p50_s: lat.count === 0 ? null : lat.quantileUs(0.5) / 1e6,
    latency_p99_s: lat.count === 0 ? null : lat.quantileUs(0.99) / 1e6,
    spool_mean: endUs > 0 ? c.obs.depthAreaUs / endUs : 0,
    spool_max: c.obs.depthMax,
    lost_by_cause: lostBy,
    duplicated_by_cause: { ...l.duplicatedBy },
    end_s: endUs / 1e6,
    events,
  };
}
