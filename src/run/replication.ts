/**
 * One replication of one policy: build the model with its observers (the fate ledger, the
 * metrics observer, the invariant checker), run it until the drain ends, and measure.
 *
 * @module
 */
import type { Policy, QualifiedScenario } from "../config/scenario.js";
import { InvariantChecker, conservation } from "../check/invariants.js";
import { MailLedger } from "../check/ledger.js";
import { RunObserver } from "../check/metrics.js";
import { traceOf } from "../check/trace.js";
import { buildCluster, startCluster } from "../sim/cluster.js";
import { P_OBSERVE } from "../sim/priorities.js";
import type { RunOptions, RunResult } from "../sim/result.js";
import type { ModelObserver } from "../sim/events.js";
import type { ClusterState } from "../sim/state.js";
import { lostByCause, measure } from "./measure.js";

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
  const obs = new RunObserver([scenario.nodes[0].name, scenario.nodes[1].name], tracing);
  const ledger = new MailLedger(options.mailWindow);
  const invariants = scenario.engine.checkInvariants
    ? new InvariantChecker(scenario.ha.heartbeat.intervalUs, detectionWindowUs(scenario))
    : null;
  const model = invariants === null ? obs : watched(obs, invariants);
  const c = buildCluster(
    scenario,
    policy,
    replication,
    { model, mail: ledger, invariants },
    options.mailWindow,
  );
  obs.initialModes(c.units[0].role, c.units[1].role);
  obs.depths = () => [c.units[0].depth, c.units[1].depth];
  // Timeline sampling adds observation events; they are not counted as model events, so the
  // `events` column is the same with and without --trace/--report.
  const samples = tracing ? sampleSpools(c, obs) : { count: 0 };
  ledger.onDuplicate = tracing
    ? (_m, cause, nowUs) => {
        // The time is passed in: the quiet-mail gate runs deliveries ahead of the scheduler's clock.
        obs.marker(nowUs, "", "duplicated", cause);
      }
    : null;
  startCluster(c);
  c.sched.run(scenario.horizonUs + scenario.drainUs);
  const endUs = c.sched.nowUs;
  obs.finish(endUs);
  invariants?.endLeaderless(endUs);
  const lostBy = lostByCause(c, ledger);
  if (tracing) {
    for (const [cause, n] of Object.entries(lostBy))
      if (n > 0) obs.marker(endUs, "", "lost", cause, n);
  }
  const violations = [...(invariants?.violations ?? []), ...ledger.violations];
  if (invariants !== null) violations.push(...conservation(ledger, c.senders));
  const metrics = measure(c, ledger, obs, lostBy, endUs, c.sched.eventsRun - samples.count);
  const events = obs.events;
  return {
    scenario: scenario.name,
    policy,
    replication,
    seed: c.seedLabel,
    metrics,
    violations,
    ...(events !== null
      ? { events, trace: traceOf(events), timeline: obs.timeline(scenario.horizonUs, endUs) }
      : {}),
  };
}

/**
 * How long two up units may both wait without a MASTER: the heartbeat detection time plus one
 * interval, and, with remote-as-heartbeat, the slowest remote probe's detection too (a SLAVE
 * does not take over while its probes still pass).
 */
function detectionWindowUs(sc: QualifiedScenario): number {
  const hb = sc.ha.heartbeat;
  const probes = sc.ha.remoteAsHeartbeat
    ? Math.max(0, ...sc.ha.rservice.map((p) => p.intervalUs * (p.retries + 1) + p.timeoutUs))
    : 0;
  return hb.intervalUs * (hb.lostThreshold + 1) + probes;
}

/** The metrics observer, with the invariant checker watching the group states too. */
function watched(obs: RunObserver, inv: InvariantChecker): ModelObserver {
  return {
    event: (e) => {
      obs.event(e);
    },
    depthChanged: (nowUs, depth, unitDepth) => {
      obs.depthChanged(nowUs, depth, unitDepth);
    },
    group: (nowUs, s) => {
      obs.group(nowUs, s);
      inv.group(nowUs, s);
    },
  };
}

function sampleSpools(c: ClusterState, obs: RunObserver): { count: number } {
  const samples = { count: 0 };
  const step = Math.max(1_000_000, Math.floor(c.sc.horizonUs / TIMELINE_SAMPLES));
  const h = c.on(P_OBSERVE, () => {
    samples.count++;
    for (const u of c.units) obs.sampleSpool(c.sched.nowUs, u.name, u.depth);
    if (c.sched.nowUs + step <= c.sc.horizonUs + c.sc.drainUs) c.sched.after(step, P_OBSERVE, h);
  });
  c.sched.at(0, P_OBSERVE, h);
  return samples;
}
