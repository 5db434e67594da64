/**
 * The cluster's state: one plain object that every part of the driver reads and writes (the
 * scheduler, the two units, the group-wide fault counters, the mail bookkeeping the model itself
 * needs, and the observers it reports to). The driver's behaviour lives in small modules of
 * functions over this object — health, detectors, roles, arrivals, SMTP sessions, delivery,
 * replication, drain — so the hot path is direct calls on one object, with no interface dispatch
 * per mail.
 *
 * @module
 */
import type { Policy, QualifiedScenario } from "../config/scenario.js";
import type { DriveContext } from "../ha/grid.js";
import { initialRole } from "../ha/role.js";
import { Scheduler, type HandlerId, type TimerId } from "../kernel/scheduler.js";
import type { InvariantObserver, MailObserver, ModelObserver } from "./events.js";
import { makeRoom } from "./retire.js";
import { SenderQueue } from "./sender-queue.js";
import { replicationStreams, type Streams } from "./streams.js";
import { UnitRuntime } from "./unit.js";

/** The observers a cluster reports to. */
export interface Observers {
  readonly model: ModelObserver;
  readonly mail: MailObserver;
  /** Per-event invariant checks; null unless `engine.checkInvariants`. */
  readonly invariants: InvariantObserver | null;
}

/** The state of one simulated HA group. */
export class ClusterState implements DriveContext {
  readonly sched = new Scheduler();
  /** Priority of the handler running now (the closed-form detectors read it). */
  prio = 0;
  readonly units: readonly [UnitRuntime, UnitRuntime];
  readonly rng: Streams;
  /** The replication's seed label (`<seed>/rep:<r>`). */
  readonly seedLabel: string;
  readonly senders = new SenderQueue();
  /**
   * Per mail: bit u set while unit u holds a copy in its spool or a worker. A ring indexed by
   * `id & whereMask` over the ids from `whereBase` (the oldest mail still held, see retire.ts)
   * to the newest: its size follows the mails in the system. Read and write it through
   * {@link whereOf} and {@link setWhere}.
   */
  where = new Uint8Array(0);
  whereMask = 0;
  whereBase = 0;
  /** `where` of the few mails below `whereBase` still held (see retire.ts). */
  readonly oldWhere = new Map<number, number>();
  /** Mails that have reached a sending MTA so far; the next mail's id. */
  mailsArrived = 0;
  /** Mails counted but not simulated between fault episodes (`engine.mail: episodes`). */
  mailsSkipped = 0;
  // Group-wide fault counters (a link is down while any fault holds it down).
  primaryDown = 0;
  secondaryDown = 0;
  downstreamDown = 0;
  activeFaults = 0;
  /** Past the horizon: no more mail or faults; the run ends once everything settled. */
  draining = false;
  /** A fault started and the group has not been healthy since (the drain waits for it). */
  settling = false;
  /** Mails held by both units (spools plus workers). */
  depthTotal = 0;
  /** Heartbeat grid phase of each unit's emissions, µs. */
  readonly hbPhaseUs: [number, number];
  /** The unit configured `master`. */
  readonly masterIndex: 0 | 1;
  /** The unit that last held MASTER alone (a failover is the role moving to the other one). */
  lastMaster: 0 | 1;
  /** Next free detector slot: distinct same-instant priorities for every detector. */
  slot = 2;
  /** Since when two MASTERs hear each other, µs; -1 when they do not. */
  dualSinceUs = -1;
  // Timers and handlers, created by the composition root.
  /** The next mail arrival (a timer, so the quiet-mail gate can take it over). */
  arrivalTimer: TimerId = -1;
  senderTimer: TimerId = -1;
  conflictTimer: TimerId = -1;
  readonly arpTimers: TimerId[] = [];
  /** Recomputes the derived state (set by the composition root; see refresh.ts). */
  refresh: () => void = () => undefined;
  readonly obs: ModelObserver;
  readonly mail: MailObserver;
  readonly invariants: InvariantObserver | null;
  // Hot-path copies of scenario fields: one field load per mail instead of a chain of three.
  // Initialised here with their final types so V8 keeps them unboxed (see scheduler.ts).
  readonly horizonUs: number = 0;
  readonly spoolCapacity: number = 0;
  /** Mean inter-arrival time (µs) of constant-rate Poisson arrivals; 0 for other processes. */
  readonly poissonMeanUs: number = 0;
  /** Mean delivery time (µs) when it is exponential (sampled without the switch); 0 otherwise. */
  readonly deliveryExpMeanUs: number = 0;
  /** `assumptions.mailDataShare` when mail-data sync is enabled, else 0 (nothing to overwrite). */
  readonly mailDataShare: number = 0;

  constructor(
    readonly sc: QualifiedScenario,
    readonly policy: Policy,
    replication: number,
    observers: Observers,
    mailWindow = 1 << 16,
  ) {
    this.where = new Uint8Array(mailWindow);
    this.whereMask = mailWindow - 1;
    this.rng = replicationStreams(sc.seed, replication);
    this.seedLabel = this.rng.root.label;
    this.obs = observers.model;
    this.mail = observers.mail;
    this.invariants = observers.invariants;
    this.horizonUs = sc.horizonUs;
    this.spoolCapacity = sc.mta.spoolCapacity;
    const arrivals = sc.workload.arrivals;
    if (arrivals.process === "poisson" && arrivals.profile === "constant")
      this.poissonMeanUs = 1e6 / arrivals.ratePerS;
    if (sc.mta.deliveryTime.dist === "exponential")
      this.deliveryExpMeanUs = sc.mta.deliveryTime.meanUs;
    const a = sc.assumptions;
    if (sc.ha.mailDataSync.enabled) this.mailDataShare = a.mailDataShare;
    const unit = (i: 0 | 1): UnitRuntime =>
      new UnitRuntime(
        i,
        sc.nodes[i].name,
        initialRole(sc.nodes[i].mode, policy, a.demotedQueue),
        sc.mta.deliveryWorkers,
        a.cutSessionWindowUs,
      );
    this.units = [unit(0), unit(1)];
    this.masterIndex = sc.nodes[0].mode === "master" ? 0 : 1;
    this.lastMaster = this.masterIndex;
    const hb = sc.ha.heartbeat;
    this.hbPhaseUs = [this.phase(hb.intervalUs), this.phase(hb.intervalUs)];
  }

  /** A grid phase in [0, interval): drawn, or 0 with `engine.phases: aligned`. */
  phase(intervalUs: number): number {
    return this.sc.engine.phases === "aligned" ? 0 : this.rng.phases.int(0, intervalUs - 1);
  }

  /** Registers a handler that records its priority first (the closed-form detectors need it). */
  on(priority: number, fn: (arg: number) => void): HandlerId {
    return this.sched.register((arg) => {
      this.prio = priority;
      fn(arg);
    });
  }

  peer(u: UnitRuntime): UnitRuntime {
    return this.units[1 - u.index]!;
  }

  /** Where mail `m` is held: bit u set while unit u holds a copy. */
  whereOf(m: number): number {
    return m >= this.whereBase ? this.where[m & this.whereMask]! : (this.oldWhere.get(m) ?? 0);
  }

  setWhere(m: number, bits: number): void {
    if (m >= this.whereBase) this.where[m & this.whereMask] = bits;
    else this.oldWhere.set(m, bits);
  }

  /** Mail id `m` (the newest) can be used with {@link whereOf} (retires or grows the ring). */
  ensureMail(m: number): void {
    if (m - this.whereBase > this.whereMask) makeRoom(this, m);
  }
}

/** Bit of unit u in {@link ClusterState.where}. */
export const BIT = [1, 2] as const;
