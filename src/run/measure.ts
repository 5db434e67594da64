/**
 * The metrics of one replication (a row of `runs.csv`), read from the observers and, for mail
 * still stranded at the end, from where the model left it.
 *
 * @module
 */
import type { LostCause } from "../ha/causes.js";
import type { MailLedger } from "../check/ledger.js";
import type { RunObserver } from "../check/metrics.js";
import type { RunMetrics } from "../sim/result.js";
import type { ClusterState } from "../sim/state.js";
import type { UnitRuntime } from "../sim/unit.js";

/** Lost mails by cause: where each undelivered accepted mail still sits, or what destroyed it. */
export function lostByCause(c: ClusterState, ledger: MailLedger): Record<LostCause, number> {
  return ledger.lostByCause((m) => {
    const w = c.whereOf(m);
    const u = (w & 1) !== 0 ? c.units[0] : (w & 2) !== 0 ? c.units[1] : null;
    return u === null ? null : strandedCause(u);
  });
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

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}
function max(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : Math.max(...xs);
}

/** The row of `runs.csv` for a finished run. */
export function measure(
  c: ClusterState,
  l: MailLedger,
  obs: RunObserver,
  lostBy: Record<LostCause, number>,
  endUs: number,
  events: number,
): RunMetrics {
  const ep = obs.episodeStats();
  const out = obs.outageStats();
  const lat = l.latencyAll();
  const sl = l.latencyAll(l.senderLatency);
  const lost = Object.values(lostBy).reduce((a, b) => a + b, 0);
  return {
    arrived: l.arrived,
    accepted: l.accepted,
    delivered: l.delivered,
    lost,
    duplicated: l.duplicated,
    mail_data_overwritten: obs.mailDataOverwritten,
    given_up: l.givenUp,
    given_up_by_cause: { ...l.givenUpBy },
    refused_attempts: l.refusedAttempts,
    waiting_at_sender: l.waitingAtSenders(),
    split_brain_s: obs.splitBrainUs / 1e6,
    unavailable_s: obs.unavailableUs / 1e6,
    failovers: obs.failovers,
    failure_episodes: ep.count,
    unrecovered_episodes: ep.unrecovered,
    recovered_share: ep.count === 0 ? null : (ep.count - ep.unrecovered) / ep.count,
    outages: out.ttrServiceS.length + out.unrecovered,
    unrecovered_outages: out.unrecovered,
    ttr_service_mean_s: mean(out.ttrServiceS),
    ttr_service_max_s: max(out.ttrServiceS),
    ttr_redundancy_mean_s: mean(ep.ttrRedundancyS),
    ttr_redundancy_max_s: max(ep.ttrRedundancyS),
    latency_mean_s: lat.count === 0 ? null : lat.meanUs() / 1e6,
    latency_p50_s: lat.count === 0 ? null : lat.quantileUs(0.5) / 1e6,
    latency_p99_s: lat.count === 0 ? null : lat.quantileUs(0.99) / 1e6,
    sender_latency_mean_s: sl.count === 0 ? null : sl.meanUs() / 1e6,
    sender_latency_p50_s: sl.count === 0 ? null : sl.quantileUs(0.5) / 1e6,
    sender_latency_p99_s: sl.count === 0 ? null : sl.quantileUs(0.99) / 1e6,
    spool_mean: endUs > 0 ? (obs.depthAreaUs + l.skippedSojournUs()) / endUs : 0,
    spool_max: obs.unitDepthMax,
    lost_by_cause: lostBy,
    duplicated_by_cause: { ...l.duplicatedBy },
    end_s: endUs / 1e6,
    events,
  };
}
