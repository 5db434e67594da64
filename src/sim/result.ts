/**
 * What one simulated replication produces: the per-run metrics (one row of `runs.csv`), and,
 * when asked for, the trace and the timeline that the story, `trace.csv` and the charts read.
 *
 * @module
 */
import type { Policy } from "../config/scenario.js";

import type { DuplicateCause, GiveUpCause, LostCause } from "../ha/causes.js";
import type { ModelEvent } from "./events.js";
export type { DuplicateCause, GiveUpCause, LostCause } from "../ha/causes.js";
export { DUPLICATE_CAUSES, GIVE_UP_CAUSES, LOST_CAUSES } from "../ha/causes.js";

/** Metrics of one replication; the columns of `runs.csv` (snake_case, units last). */
export interface RunMetrics {
  readonly arrived: number;
  /** Distinct mails accepted (SMTP 250) at least once. */
  readonly accepted: number;
  /** Distinct mails delivered at least once. */
  readonly delivered: number;
  /** Accepted and never delivered by the end of the run. */
  readonly lost: number;
  /** Deliveries beyond the first, summed over mails. */
  readonly duplicated: number;
  /** Mail-data items (quarantine, archive, server-mode mailbox) a unit created as MASTER and lost to its peer's sync. */
  readonly mail_data_overwritten: number;
  /** Refused until the sender gave up (never accepted). */
  readonly given_up: number;
  /** Given-up mails by what the sender's last attempt met. */
  readonly given_up_by_cause: Readonly<Record<GiveUpCause, number>>;
  /** Session attempts refused (every try no unit took, whether the sender retried or gave up). */
  readonly refused_attempts: number;
  /** Still waiting at a sender at the end (drain limit reached). */
  readonly waiting_at_sender: number;
  readonly split_brain_s: number;
  readonly unavailable_s: number;
  /** Moves of the MASTER role from one unit to the other (a take-over, or back at a split-brain heal). */
  readonly failovers: number;
  readonly failure_episodes: number;
  /** Episodes whose redundancy was not restored by the end of the run (censored). */
  readonly unrecovered_episodes: number;
  /** Share of failure episodes whose redundancy was restored; null without episodes. */
  readonly recovered_share: number | null;
  /** Intervals in which no unit accepted mail (outages), ended or not. */
  readonly outages: number;
  /** Outages still open when the run ended (censored: not in the TTR means). */
  readonly unrecovered_outages: number;
  /** Time to restore service: per outage that ended, from the instant no unit accepts to the instant one does; null when none ended. */
  readonly ttr_service_mean_s: number | null;
  readonly ttr_service_max_s: number | null;
  /** Time to restore redundancy, per recovered episode (conditional on recovery); null when none recovered. */
  readonly ttr_redundancy_mean_s: number | null;
  readonly ttr_redundancy_max_s: number | null;
  /** Accept → first delivery; null when nothing was delivered. */
  readonly latency_mean_s: number | null;
  readonly latency_p50_s: number | null;
  readonly latency_p99_s: number | null;
  /**
   * The sender's first attempt of the mail → its first delivery (what senders see, including
   * their refused attempts and retry waits); null when nothing was delivered. Every copy of a
   * mail (retried session, queue-sync copy, pushed or redelivered) carries the original first attempt.
   */
  readonly sender_latency_mean_s: number | null;
  readonly sender_latency_p50_s: number | null;
  readonly sender_latency_p99_s: number | null;
  /** Time-averaged total spool depth (both units) over the run; `spool_max`: the largest spool of a single unit (≤ mta.spoolCapacity). */
  readonly spool_mean: number;
  readonly spool_max: number;
  readonly lost_by_cause: Readonly<Record<LostCause, number>>;
  readonly duplicated_by_cause: Readonly<Record<DuplicateCause, number>>;
  /** Simulated seconds until the run ended (horizon + drain actually used). */
  readonly end_s: number;
  /** Kernel events executed (for performance reports). */
  readonly events: number;
}

/** One line of `trace.csv`. */
export interface TraceRecord {
  readonly timeUs: number;
  /** Unit name, or "" for group-wide events (faults on links, downstream). */
  readonly unit: string;
  /** e.g. `mode`, `fault-start`, `fault-end`, `detect`, `push`, `queue-sync`, `admin`, `split-brain-start`, `duplicate`, `lost`. */
  readonly event: string;
  readonly fromMode: string;
  readonly toMode: string;
  readonly detail: string;
}

/** Interval data for timeline charts (replication 0, when tracing). Times in µs. */
export interface Timeline {
  readonly units: readonly string[];
  /** Effective mode intervals per unit; mode `DOWN` when crashed, `HUNG` when hung, `REBOOTING` while rebooting. */
  readonly modes: readonly {
    readonly unit: string;
    readonly startUs: number;
    readonly endUs: number;
    readonly mode: string;
  }[];
  readonly faults: readonly {
    readonly kind: string;
    readonly target: string;
    readonly startUs: number;
    readonly endUs: number;
  }[];
  readonly splitBrain: readonly { readonly startUs: number; readonly endUs: number }[];
  /** Spool depth samples (at every change of mode and on a regular grid). */
  readonly spool: readonly {
    readonly timeUs: number;
    readonly unit: string;
    readonly depth: number;
  }[];
  /** Lost and duplicated mail markers, aggregated per (time bucket, unit, kind). */
  readonly markers: readonly {
    readonly timeUs: number;
    readonly unit: string;
    readonly kind: "lost" | "duplicated";
    readonly cause: string;
    readonly count: number;
  }[];
  readonly horizonUs: number;
  readonly endUs: number;
}

export interface RunResult {
  readonly scenario: string;
  readonly policy: Policy;
  readonly replication: number;
  /** The seed string of this replication's streams (root seed and replication). */
  readonly seed: string;
  readonly metrics: RunMetrics;
  /** Present when the run was asked to trace: the model's typed events, in order. */
  readonly events?: readonly ModelEvent[];
  /** Present when the run was asked to trace: the events as `trace.csv` lines. */
  readonly trace?: readonly TraceRecord[];
  readonly timeline?: Timeline;
  /** Invariant violations (only when engine.checkInvariants); empty means none. */
  readonly violations: readonly string[];
}

/**
 * The entry point the CLI, workers and fuzzer call (implemented in `src/sim/run.ts`):
 * `runReplication(scenario, policy, replication, { trace }) → RunResult`.
 */
export interface RunOptions {
  /** Collect trace records and the timeline. Default false. */
  readonly trace?: boolean;
  /**
   * Initial size (mails, a power of two) of the windows of per-mail records, which retire old ids
   * (sim/retire.ts). Default 65 536; tests make it tiny so that retirement runs all the time.
   */
  readonly mailWindow?: number;
}
