/**
 * The runtime of one unit inside the cluster driver: its role state, spool, delivery workers,
 * queue-sync copies, recent SMTP sessions, and the faults acting on it (as counters, so that
 * overlapping faults compose: a link is down while any fault holds it down).
 *
 * @module
 */
import type { TimerId } from "../kernel/scheduler.js";
import type { HeartbeatWatch } from "../ha/heartbeat.js";
import type { PeriodicMonitor } from "../ha/monitor.js";
import type { RoleState } from "../ha/role.js";
import { Spool } from "../ha/spool.js";
import type { Protocol } from "../config/scenario.js";
import { RecentAccepts } from "./recent.js";

/** Faults acting on one unit, as counts of active faults. */
export class UnitFaults {
  hdFailed = 0;
  portsFailed = 0;
  /** Partition from the peer: what the unit sends is lost / what it receives is lost. */
  peerOut = 0;
  peerIn = 0;
  sendersOut = 0;
  sendersIn = 0;
  downstreamOut = 0;
  downstreamIn = 0;
  /** rservice false alarms of this unit's probes, per protocol ("all" counts for every one). */
  readonly falseAlarm: Record<Protocol | "all", number> = {
    smtp: 0,
    pop3: 0,
    imap: 0,
    http: 0,
    all: 0,
  };
  blindRservice = 0;
  blindLservice = 0;
}

export class UnitRuntime {
  role: RoleState;
  readonly spool = new Spool();
  /** Queue-sync copy of the peer's spool, as of the last successful sync. */
  readonly copies = new Spool(64);
  readonly recent: RecentAccepts;
  readonly faults = new UnitFaults();
  /** Delivery workers: the mail each holds (-1 when idle), its accept and sender-first-try times and tag, and its timer. */
  readonly workerMail: Int32Array;
  readonly workerAcceptUs: Float64Array;
  readonly workerFirstTryUs: Float64Array;
  readonly workerTag: Uint8Array;
  /** Completion time (µs) of each worker's delivery in flight. */
  readonly workerDoneUs: Float64Array;
  readonly workerTimers: TimerId[] = [];
  busy = 0;
  /**
   * Idle workers as a bit set (bit `w & 31` of word `w >> 5`), so that the lowest idle worker is
   * found without scanning `workerMail`; `freeHint` is at or below the lowest word with a bit set.
   */
  private readonly freeBits: Int32Array;
  private freeHint = 0;
  /** Deliveries are deferred until this time after finding the downstream unreachable. */
  deferredUntilUs = 0;
  /** When the unit last took the virtual IP (for the ARP delay and split-brain heal). */
  masterSinceUs = 0;
  /** The unit could take SMTP sessions at the last refresh (ignoring a full spool). */
  reachable = false;
  /** A spool push to the peer waits for a heartbeat path (and stays pending while it runs). */
  pushPending = false;
  /** The running spool push (see `push.ts`): since when (µs), mails that left, moved, already queued. */
  readonly push = { running: false, startUs: 0, done: 0, moved: 0, alreadyQueued: 0 };
  /** Mail-data items this unit created as MASTER since its last mail-data sync to its peer. */
  mailDataUnsynced = 0;
  /** The admin has responded but waits for the unit's own cause to be repaired. */
  adminWaiting = false;
  // Set up by the driver:
  watch!: HeartbeatWatch;
  rservice: PeriodicMonitor[] = [];
  lservicePorts: PeriodicMonitor | null = null;
  lserviceHd: PeriodicMonitor | null = null;
  recovery!: PeriodicMonitor;
  holdOffTimer: TimerId = -1;
  adminTimer: TimerId = -1;
  queueRetryTimer: TimerId = -1;
  /** Ticks of a timed spool push (only created when `assumptions.pushRatePerS` > 0). */
  pushTimer: TimerId = -1;
  /** Fires at the first MASTER heartbeat a SLAVE back from a failure hears (rows 2–4). */
  rejoinTimer: TimerId = -1;

  constructor(
    readonly index: 0 | 1,
    readonly name: string,
    role: RoleState,
    workers: number,
    cutWindowUs: number,
  ) {
    this.role = role;
    this.recent = new RecentAccepts(cutWindowUs);
    this.workerMail = new Int32Array(workers).fill(-1);
    this.workerAcceptUs = new Float64Array(workers);
    this.workerFirstTryUs = new Float64Array(workers);
    this.workerTag = new Uint8Array(workers);
    this.workerDoneUs = new Float64Array(workers);
    this.freeBits = new Int32Array((workers + 31) >> 5);
    for (let w = 0; w < workers; w++) this.freeBits[w >> 5]! |= 1 << (w & 31);
  }

  /** Takes the lowest idle worker (the caller has checked that one is idle) and returns it. */
  takeWorker(): number {
    const bits = this.freeBits;
    let k = this.freeHint;
    while (bits[k] === 0) k++;
    this.freeHint = k;
    const word = bits[k]!;
    const low = word & -word;
    bits[k] = word ^ low;
    return (k << 5) + 31 - Math.clz32(low);
  }

  /** Worker `w` is idle again. */
  releaseWorker(w: number): void {
    const k = w >> 5;
    this.freeBits[k]! |= 1 << (w & 31);
    if (k < this.freeHint) this.freeHint = k;
  }

  /** Mails on this unit: queued plus in delivery. */
  get depth(): number {
    return this.spool.size + this.busy;
  }

  get up(): boolean {
    return this.role.physical === "UP";
  }
}
