/**
 * What the model tells its observers: typed events (a discriminated union), one per thing that
 * happens to the group, plus the two hot-path reports (spool depth, group state). `trace.csv`,
 * the fuzzer's stories and its properties are written from these events, never by parsing text.
 *
 * The model only reports: no observer's answer changes what the model does next.
 *
 * @module
 */
import type { FaultSpec } from "../config/scenario.js";
import type { RoleEvent } from "../ha/role.js";

/** A unit's name, as written in scenario files and output (`A`, `fml-1`…). */
type Unit = string;

/** One thing that happened, at `timeUs` (µs since the start of the run). */
export type ModelEvent = { readonly timeUs: number } & (
  | {
      /** A unit's effective (display) mode changed; `reason` is the role event that caused it. */
      readonly kind: "mode";
      readonly unit: Unit;
      readonly from: string;
      readonly to: string;
      readonly reason: RoleEvent["type"];
    }
  | { readonly kind: "heartbeat-heard"; readonly unit: Unit; readonly peer: Unit }
  | {
      readonly kind: "heartbeat-lost";
      readonly unit: Unit;
      readonly peer: Unit;
      /** `ha.heartbeat.lostThreshold`: intervals without a heartbeat. */
      readonly intervals: number;
    }
  /** A SLAVE lost heartbeats but its remote probes still pass: no failover (remote-as-heartbeat). */
  | { readonly kind: "remote-as-heartbeat"; readonly unit: Unit; readonly peer: Unit }
  | {
      readonly kind: "rservice-failed";
      readonly unit: Unit;
      readonly peer: Unit;
      readonly protocol: string;
    }
  | { readonly kind: "lservice-failed"; readonly unit: Unit; readonly service: "ports" | "hd" }
  /** Two MASTERs heard each other: `unit` steps down, `keeper` stays MASTER by `rule`. */
  | {
      readonly kind: "split-brain-heal";
      readonly unit: Unit;
      readonly keeper: Unit;
      readonly rule: string;
    }
  /** A unit could not tell its peer that the peer failed: no heartbeat link. */
  | { readonly kind: "tell-failed-lost"; readonly unit: Unit; readonly peer: Unit }
  | { readonly kind: "admin"; readonly unit: Unit; readonly action: string }
  /** The MASTER role moved to `unit` from the other unit. */
  | { readonly kind: "failover"; readonly unit: Unit }
  /** Sessions committed just before the unit stopped were cut; `count` senders will retry. */
  | { readonly kind: "sessions-cut"; readonly unit: Unit; readonly count: number }
  /** A spool push finished: every queued mail left `unit` (all at once when `pushRatePerS` is 0). */
  | {
      readonly kind: "push";
      readonly unit: Unit;
      readonly peer: Unit;
      readonly moved: number;
      /** Mails already in the peer's queue, which the push does not duplicate [D: S10]. */
      readonly alreadyQueued: number;
    }
  /** A timed spool push began: `queued` mails to go at `ratePerS` mails per second. */
  | {
      readonly kind: "push-start";
      readonly unit: Unit;
      readonly peer: Unit;
      readonly queued: number;
      readonly ratePerS: number;
    }
  /** A timed push handed the MASTER what left so far (`moved`: since its start). */
  | {
      readonly kind: "push-progress";
      readonly unit: Unit;
      readonly peer: Unit;
      readonly moved: number;
      readonly remaining: number;
    }
  /**
   * A timed push stopped early: a partition or a failure cut its path (`interrupted`, the push
   * stays pending) or the unit took over (`taken-over`); `remaining` mails stay on its disk.
   */
  | {
      readonly kind: "push-interrupted";
      readonly unit: Unit;
      readonly peer: Unit;
      readonly moved: number;
      readonly alreadyQueued: number;
      readonly remaining: number;
      readonly reason: "interrupted" | "taken-over";
    }
  | { readonly kind: "adopt-copies"; readonly unit: Unit; readonly count: number }
  | { readonly kind: "disk-destroyed"; readonly unit: Unit; readonly count: number }
  /** Mail data the unit created as MASTER and never synced is overwritten by its peer's. */
  | { readonly kind: "mail-data-overwritten"; readonly unit: Unit; readonly count: number }
  | { readonly kind: "horizon" }
  | { readonly kind: "fault-start"; readonly fault: FaultSpec; readonly target: string }
  | { readonly kind: "fault-end"; readonly fault: FaultSpec; readonly target: string }
  // Group events, derived from the group state by the metrics observer.
  | { readonly kind: "split-brain-start" }
  | { readonly kind: "split-brain-end" }
  | { readonly kind: "service-down" }
  | { readonly kind: "service-up" }
);

/** The event kinds. */
export type ModelEventKind = ModelEvent["kind"];

/** The group state the driver reports after every change. */
export interface GroupState {
  /** Some unit can take SMTP sessions now. */
  readonly accepting: boolean;
  /** Both units are effective MASTER and up. */
  readonly splitBrain: boolean;
  /** One MASTER and one SLAVE, both up, no fault active, the SLAVE's spool empty. */
  readonly healthy: boolean;
  /** Display mode per unit (`MASTER` … or `DOWN`, `HUNG`, `REBOOTING`). */
  readonly modes: readonly [string, string];
}

/** Who listens to the model's events and reports. */
export interface ModelObserver {
  /** Something happened (rare: not per mail). */
  event(e: ModelEvent): void;
  /** Hot path: the total spool depth (both units) changed; `unitDepth` is the changed unit's. */
  depthChanged(nowUs: number, depth: number, unitDepth: number): void;
  /** The group state after a change that is not a mail event. */
  group(nowUs: number, s: GroupState): void;
}

/**
 * Who is told the fate of every mail (the fate ledger). Mail ids are consecutive integers from 0,
 * assigned by the model. Hot path: each call is one per mail event.
 */
export interface MailObserver {
  /** A new mail reached a sending MTA. */
  arrive(mail: number): void;
  /** A unit answered 250 for the mail (possibly again, after a retried session). */
  accept(mail: number): void;
  /** A unit refused (or nobody took) a session for the mail: the sender will retry or give up. */
  refuse(mail: number): void;
  /** The sender stopped retrying the mail; `cause` is a `GiveUpCode` (what its last attempt met). */
  giveUp(mail: number, cause: number): void;
  /** A copy was bounced after `mta.queueGiveUp`. */
  expire(mail: number): void;
  /** A copy was destroyed with its disk. */
  destroy(mail: number): void;
  /**
   * The downstream server received a copy (tag: `EntryTag` of the copy; `firstTryUs`: the
   * original sender's first attempt of the mail, µs).
   */
  deliver(mail: number, tag: number, acceptUs: number, nowUs: number, firstTryUs: number): void;
  /**
   * Of the mails below `belowMail`, only those in `held` are still held anywhere (spools,
   * workers, queue-sync copies, senders, recent sessions): nothing will ever be told about the
   * others again, so their records can be summarised and dropped (see sim/retire.ts).
   */
  retire(belowMail: number, held: ReadonlySet<number>): void;
  /** `count` mails arrived between fault episodes and were counted, not simulated (sim/skip.ts). */
  skip(count: number): void;
  /** A calm mail (simulated in steady state) was delivered `latencyUs` after its acceptance. */
  calmSample(latencyUs: number): void;
}

/** Optional per-event checks (engine.checkInvariants): told, never asked. */
export interface InvariantObserver {
  /** A unit accepted a mail: it must be an up MASTER. */
  accepted(unit: Unit, mode: string, physical: string, mail: number, nowUs: number): void;
  /** Two MASTERs heard each other for `forUs` before one stepped down. */
  dualMaster(nowUs: number, forUs: number): void;
}
