/**
 * A stand-in for `runReplication` for tests that must not depend on the model: metrics are a
 * deterministic function of (seed, policy, replication), with nulls where the model has them.
 */
import type { Policy, QualifiedScenario } from "../../src/config/scenario.js";
import {
  DUPLICATE_CAUSES,
  LOST_CAUSES,
  type RunMetrics,
  type RunOptions,
  type RunResult,
} from "../../src/sim/result.js";

/** A small deterministic hash in [0, 1). */
function h(...parts: (string | number)[]): number {
  let x = 2166136261;
  for (const ch of parts.join("|")) x = Math.imul(x ^ ch.charCodeAt(0), 16777619) >>> 0;
  return (x % 100000) / 100000;
}

/** Metrics of one fake replication. */
export function fakeMetrics(seed: number, policy: string, r: number): RunMetrics {
  const u = h(seed, r);
  const p = policy === "off" ? 3 : policy === "restore" ? 2 : 1;
  const lostByCause = Object.fromEntries(
    LOST_CAUSES.map((c, i) => [c, i === 0 ? Math.round(u * 10 * p) : 0]),
  ) as RunMetrics["lost_by_cause"];
  const dupByCause = Object.fromEntries(
    DUPLICATE_CAUSES.map((c, i) => [c, i === 1 ? r % 3 : 0]),
  ) as RunMetrics["duplicated_by_cause"];
  const episode = r % 4 !== 3;
  return {
    arrived: 1000 + r,
    accepted: 990 + r,
    delivered: 980 + r,
    lost: Math.round(u * 10 * p),
    duplicated: r % 3,
    mail_data_overwritten: 0,
    given_up: 0,
    given_up_by_cause: { "no-master": 0, "master-unreachable": 0, "spool-full": 0 },
    refused_attempts: 0,
    waiting_at_sender: 0,
    split_brain_s: policy === "slave" ? 0 : u * 30,
    unavailable_s: 15 + u * p,
    failovers: 1,
    failure_episodes: episode ? 1 : 0,
    unrecovered_episodes: 0,
    recovered_share: episode ? 1 : null,
    outages: episode ? 1 : 0,
    unrecovered_outages: 0,
    ttr_service_mean_s: episode ? 15 + u / 3 : null,
    ttr_service_max_s: episode ? 15 + u / 3 : null,
    ttr_redundancy_mean_s: episode ? 1800 * p : null,
    ttr_redundancy_max_s: episode ? 1800 * p : null,
    latency_mean_s: 0.1 + u / 7,
    latency_p50_s: 0.1,
    latency_p99_s: 0.5,
    sender_latency_mean_s: 0.2 + u / 7,
    sender_latency_p50_s: 0.2,
    sender_latency_p99_s: 900,
    spool_mean: 3.25,
    spool_max: 40,
    lost_by_cause: lostByCause,
    duplicated_by_cause: dupByCause,
    end_s: 86400,
    events: 12345 + r,
  };
}

/** A fake runReplication. */
export function fakeRunner(
  scenario: QualifiedScenario,
  policy: Policy,
  replication: number,
  options?: RunOptions,
): RunResult {
  const base: RunResult = {
    scenario: scenario.name,
    policy,
    replication,
    seed: `${scenario.seed}:${replication}`,
    metrics: fakeMetrics(scenario.seed, policy, replication),
    violations: [],
  };
  if (options?.trace !== true) return base;
  return {
    ...base,
    trace: [
      { timeUs: 0, unit: "A", event: "mode", fromMode: "", toMode: "MASTER", detail: "start" },
      {
        timeUs: 7_200_000_001,
        unit: "A",
        event: "fault-start",
        fromMode: "MASTER",
        toMode: "DOWN",
        detail: 'node-crash, "x"',
      },
    ],
  };
}

/** Fake results for a list of policies × replications (policy-major, as the CLI orders them). */
export function fakeResults(
  name: string,
  seed: number,
  policies: readonly Policy[],
  replications: number,
): RunResult[] {
  const scenario = { name, seed } as unknown as QualifiedScenario;
  return policies.flatMap((p) =>
    Array.from({ length: replications }, (_, r) => fakeRunner(scenario, p, r)),
  );
}
