/**
 * The named random streams of one replication. Each is forked by label from the replication's
 * root stream (`<seed>/rep:<r>`), never by policy, so every policy of a replication sees the same
 * arrivals, delivery times and faults (common random numbers).
 *
 * @module
 */
import { Rng } from "../kernel/rng.js";

/** One stream per random component of the model. */
export interface Streams {
  /** The replication's root: components not listed here fork their own (`fault:<i>`). */
  readonly root: Rng;
  readonly arrivals: Rng;
  readonly delivery: Rng;
  /** Which unit a sender reaches while both hold the virtual IP. */
  readonly routing: Rng;
  /** Cut and split-brain sessions. */
  readonly sessions: Rng;
  /** Whether a delivery in flight had reached the downstream. */
  readonly inflight: Rng;
  /** Admin response times. */
  readonly admin: Rng;
  /** Heartbeat and probe grid phases. */
  readonly phases: Rng;
  /** Which accepted mails leave mail data, and the mail-data sync grid's phase. */
  readonly mailData: Rng;
  /** Counts of the mails skipped between fault episodes (`engine.mail: episodes`). */
  readonly skip: Rng;
}

/** The streams of replication `replication` under root seed `seed`. */
export function replicationStreams(seed: number, replication: number): Streams {
  const root = Rng.fromSeed(seed).fork(`rep:${replication}`);
  return {
    root,
    arrivals: root.fork("arrivals"),
    delivery: root.fork("delivery"),
    routing: root.fork("routing"),
    sessions: root.fork("sessions"),
    inflight: root.fork("inflight"),
    admin: root.fork("admin"),
    phases: root.fork("phases"),
    mailData: root.fork("maildata"),
    skip: root.fork("mail-skip"),
  };
}
