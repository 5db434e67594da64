/**
 * The cluster driver: two FortiMail units, their heartbeat paths, monitors, spools and delivery,
 * driven by the kernel. The role logic itself is the pure machine in `src/ha/role.ts`; this file
 * detects the events that feed it and performs the effects it returns.
 *
 * After every change that is not a mail event, {@link Cluster.refresh} recomputes the derived
 * state (which heartbeat paths work, what each monitor sees, who can take mail) and hands it to
 * the detectors, which arm or cancel their timers. Mail events (arrival, delivery) touch only the
 * spools and the ledger: that is the hot path, and it allocates nothing.
 *
 * @module
 */
import { sampleExponentialUs, sampleUs } from "../kernel/dist.js";
import { Rng } from "../kernel/rng.js";
import { Scheduler, type HandlerId, type TimerId } from "../kernel/scheduler.js";
import { nextGridUs, type DriveContext } from "../ha/grid.js";
import { HeartbeatWatch } from "../ha/heartbeat.js";
import { CopyCause, MailLedger } from "../ha/ledger.js";
import { displayMode, type Mode } from "../ha/modes.js";
import { PeriodicMonitor } from "../ha/monitor.js";
import {
  initialRole,
  processesMail,
  transition,
  type RoleEffect,
  type RoleEvent,
} from "../ha/role.js";
import { EntryTag } from "../ha/spool.js";
import type { Policy, QualifiedScenario } from "../config/scenario.js";
import { RunObserver } from "./observer.js";
import {
  DETECTOR_SLOTS,
  P_CHECK,
  P_CONFLICT,
  P_DETECT,
  P_FAULT,
  P_HEARTBEAT,
  P_MAIL,
  P_OBSERVE,
  P_ROLE,
  P_SYNC,
} from "./priorities.js";
import { SenderQueue } from "./sender-queue.js";
import { UnitRuntime } from "./unit.js";

const BIT = [1, 2] as const;

/** Named random streams of one replication; forked by replication and component, never by policy. */
interface Streams {
  readonly arrivals: Rng;
  readonly delivery: Rng;
  readonly routing: Rng;
  readonly sessions: Rng;
  readonly inflight: Rng;
  readonly admin: Rng;
  readonly phases: Rng;
}

export class Cluster implements DriveContext {
  readonly sched = new Scheduler();
  prio = 0;
  readonly units: readonly [UnitRuntime, UnitRuntime];
  readonly ledger = new MailLedger();
  readonly obs: RunObserver;
  readonly senders = new SenderQueue();
  readonly rng: Streams;
  readonly seedLabel: string;
  /** The replication's root stream; components fork their own streams from it by label. */
  private readonly root: Rng;
  /** Per mail: bit u set while unit u holds it in its spool or a worker. */
  where = new Uint8Array(1 << 16);
  // Group-wide fault counters.
  primaryDown = 0;
  secondaryDown = 0;
  downstreamDown = 0;
  activeFaults = 0;
  draining = false;
  depthTotal = 0;
  readonly violations: string[] = [];
  private readonly hbPhaseUs: [number, number];
  private readonly masterIndex: 0 | 1;
  private readonly arrivalH: HandlerId;
  private readonly senderTimer: TimerId;
  private readonly conflictTimer: TimerId;
  private dualSinceUs = -1;
  private lastMaster: 0 | 1;
  /** Next free detector slot: distinct same-instant priorities for every detector. */
  private slot = 2;
  private readonly arpTimers: TimerId[] = [];
  // Hot-path copies of scenario fields: one field load per mail instead of a chain of three.
  // Initialised here with their final types so V8 keeps them unboxed (see scheduler.ts).
  private readonly checkInvariants: boolean = false;
  private readonly horizonUs: number = 0;
  private readonly spoolCapacity: number = 0;
  /** Mean inter-arrival time (µs) of constant-rate Poisson arrivals; 0 for other arrival processes. */
  private readonly poissonMeanUs: number = 0;
  /** Mean delivery time (µs) when it is exponential (sampled without the switch); 0 otherwise. */
  private readonly deliveryExpMeanUs: number = 0;

  constructor(
    readonly sc: QualifiedScenario,
    readonly policy: Policy,
    replication: number,
    tracing: boolean,
  ) {
    const root = Rng.fromSeed(sc.seed).fork(`rep:${replication}`);
    this.root = root;
    this.seedLabel = root.label;
    this.rng = {
      arrivals: root.fork("arrivals"),
      delivery: root.fork("delivery"),
      routing: root.fork("routing"),
      sessions: root.fork("sessions"),
      inflight: root.fork("inflight"),
      admin: root.fork("admin"),
      phases: root.fork("phases"),
    };
    const a = sc.assumptions;
    this.checkInvariants = sc.engine.checkInvariants;
    this.horizonUs = sc.horizonUs;
    this.spoolCapacity = sc.mta.spoolCapacity;
    const arrivals = sc.workload.arrivals;
    if (arrivals.process === "poisson" && arrivals.profile === "constant")
      this.poissonMeanUs = 1e6 / arrivals.ratePerS;
    if (sc.mta.deliveryTime.dist === "exponential")
      this.deliveryExpMeanUs = sc.mta.deliveryTime.meanUs;
    this.units = [0, 1].map(
      (i) =>
        new UnitRuntime(
          i as 0 | 1,
          sc.nodes[i as 0 | 1].name,
          initialRole(sc.nodes[i as 0 | 1].mode, policy, a.demotedQueue),
          sc.mta.deliveryWorkers,
          a.cutSessionWindowUs,
        ),
    ) as unknown as [UnitRuntime, UnitRuntime];
    this.masterIndex = sc.nodes[0].mode === "master" ? 0 : 1;
    this.lastMaster = this.masterIndex;
    const hb = sc.ha.heartbeat;
    this.hbPhaseUs = [this.phase(hb.intervalUs), this.phase(hb.intervalUs)];
    this.obs = new RunObserver(
      [this.units[0].name, this.units[1].name],
      [this.units[0].role.mode, this.units[1].role.mode],
      tracing,
    );
    for (const u of this.units) this.setUpUnit(u);
    // Mail handlers set the priority themselves instead of going through on(): a direct call from
    // the kernel saves an indirect (megamorphic) call per mail event.
    this.arrivalH = this.sched.register(() => {
      this.prio = P_MAIL;
      this.onArrival();
    });
    this.senderTimer = this.sched.createTimer(
      this.on(P_MAIL, () => {
        this.onSenderRetry();
      }),
      P_MAIL,
    );
    this.conflictTimer = this.sched.createTimer(
      this.on(P_CONFLICT, () => {
        this.onConflict();
      }),
      P_CONFLICT,
    );
    if (sc.ha.mailQueueSync.enabled) this.setUpQueueSync();
    this.units[this.masterIndex].masterSinceUs = -a.arpUpdateDelayUs;
  }

  /** The stream of a component, forked by label from this replication's root (never by policy). */
  stream(label: string): Rng {
    return this.root.fork(label);
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

  // ---------------------------------------------------------------- set-up

  private setUpUnit(u: UnitRuntime): void {
    const s = this.sched;
    const sc = this.sc;
    const peer = (): UnitRuntime => this.peer(u);
    const done = s.register((w) => {
      this.prio = P_MAIL; // as on(P_MAIL, ...), without the extra indirect call per delivery
      this.onDeliveryDone(u, w);
    });
    for (let w = 0; w < sc.mta.deliveryWorkers; w++)
      u.workerTimers.push(s.createTimer(done, P_MAIL, w));
    const simulated = sc.engine.heartbeats === "simulated";
    const hb = sc.ha.heartbeat;
    u.watch = new HeartbeatWatch(
      this,
      {
        intervalUs: hb.intervalUs,
        thresholdUs: hb.intervalUs * hb.lostThreshold,
        phaseUs: this.hbPhaseUs[1 - u.index]!,
        simulated,
        prioHeartbeat: P_HEARTBEAT + (1 - u.index),
        prioDetect: P_DETECT + u.index,
      },
      () => {
        this.onPeerLost(u);
      },
      () => {
        this.obs.record(s.nowUs, u.name, "heartbeat", "", "", `hears ${peer().name} again`);
      },
    );
    const monitor = (
      intervalUs: number,
      timeoutUs: number,
      retries: number,
      fire: () => void,
    ): PeriodicMonitor => {
      const slot = this.slot++;
      if (slot >= DETECTOR_SLOTS) throw new Error("too many detectors for the priority bands");
      const o = {
        intervalUs,
        timeoutUs,
        retries,
        phaseUs: this.phase(intervalUs),
        simulated,
        prioCheck: P_CHECK + slot,
        prioDetect: P_DETECT + slot,
      };
      return new PeriodicMonitor(this, o, fire);
    };
    u.rservice = sc.ha.rservice.map((p) =>
      monitor(p.intervalUs, p.timeoutUs, p.retries, () => {
        this.onProbesFailed(u, p.protocol);
      }),
    );
    const ls = sc.ha.lservice;
    if (ls.ports !== null)
      u.lservicePorts = monitor(ls.ports.intervalUs, 0, ls.ports.retries, () => {
        this.onLocalFailure(u, "ports");
      });
    if (ls.hd !== null)
      u.lserviceHd = monitor(ls.hd.intervalUs, 0, ls.hd.retries, () => {
        this.onLocalFailure(u, "hd");
      });
    u.recovery = monitor(sc.ha.rservice[0]?.intervalUs ?? hb.intervalUs, 0, 1, () => {
      this.onRecovered(u);
    });
    u.holdOffTimer = s.createTimer(
      this.on(P_ROLE, () => {
        this.apply(u, { type: "hold-off-expired" });
      }),
      P_ROLE,
    );
    u.adminTimer = s.createTimer(
      this.on(P_ROLE, () => {
        this.onAdmin(u);
      }),
      P_ROLE,
    );
    u.queueRetryTimer = s.createTimer(
      this.on(P_MAIL, () => {
        this.startDeliveries(u);
      }),
      P_MAIL,
    );
    this.arpTimers[u.index] = s.createTimer(
      this.on(P_ROLE, () => {
        this.refresh();
      }),
      P_ROLE,
    );
    if (simulated) {
      const prio = P_HEARTBEAT + u.index;
      const emit: TimerId = s.createTimer(
        this.on(prio, () => {
          s.arm(emit, s.nowUs + hb.intervalUs);
          peer().watch.onEmission();
        }),
        prio,
      );
      s.arm(emit, this.hbPhaseUs[u.index]);
    }
  }

  private setUpQueueSync(): void {
    const interval = this.sc.ha.mailQueueSync.intervalUs;
    const phase = this.phase(interval);
    const timer: TimerId = this.sched.createTimer(
      this.on(P_SYNC, () => {
        this.sched.arm(timer, this.sched.nowUs + interval);
        this.queueSync();
      }),
      P_SYNC,
    );
    this.sched.arm(timer, phase);
  }

  /** Starts the run: initial detector state, the first arrival, the drain marker. */
  start(): void {
    this.prio = P_FAULT;
    this.refresh();
    this.scheduleNextArrival();
    this.sched.at(
      this.sc.horizonUs,
      P_OBSERVE,
      this.on(P_OBSERVE, () => {
        this.beginDrain();
      }),
    );
  }

  // ---------------------------------------------------------------- derived state

  /** The unit sends heartbeats: up and in MASTER, SLAVE or HOLD_OFF (FAILED and OFF stop [D: S3]). */
  emitting(u: UnitRuntime): boolean {
    const m = u.role.mode;
    return u.up && (m === "MASTER" || m === "SLAVE" || m === "HOLD_OFF");
  }

  /** A heartbeat link from `from` to `to` works (primary, or secondary when configured). */
  linkPass(from: UnitRuntime, to: UnitRuntime): boolean {
    const links =
      this.primaryDown === 0 || (this.sc.ha.heartbeat.secondaryLink && this.secondaryDown === 0);
    return links && from.faults.peerOut === 0 && to.faults.peerIn === 0;
  }

  hbPath(from: UnitRuntime, to: UnitRuntime): boolean {
    return this.emitting(from) && this.linkPass(from, to);
  }

  /** The data network between the units (remote service probes) works from `from` to `to`. */
  dataPath(from: UnitRuntime, to: UnitRuntime): boolean {
    return (
      from.faults.peerOut === 0 &&
      to.faults.peerIn === 0 &&
      from.faults.portsFailed === 0 &&
      to.faults.portsFailed === 0
    );
  }

  /** A probe from `prober` of its peer's `protocol` succeeds now. */
  probeOk(prober: UnitRuntime, protocol: string): boolean {
    const f = prober.faults;
    if (f.blindRservice > 0) return true; // a blind monitor misses a real failure
    if (f.falseAlarm.all > 0 || (f.falseAlarm as Record<string, number>)[protocol]! > 0)
      return false;
    const target = this.peer(prober);
    const serving = target.up && target.role.mode === "MASTER" && target.faults.hdFailed === 0;
    return serving && this.dataPath(prober, target) && this.dataPath(target, prober);
  }

  private localOk(u: UnitRuntime): boolean {
    return u.faults.hdFailed === 0 && u.faults.portsFailed === 0;
  }

  /** A unit can take SMTP sessions (ignoring a full spool): a working MASTER reachable by senders. */
  private reachable(u: UnitRuntime): boolean {
    const f = u.faults;
    return (
      u.up &&
      u.role.mode === "MASTER" &&
      f.sendersIn === 0 &&
      f.sendersOut === 0 &&
      f.portsFailed === 0 &&
      f.hdFailed === 0 &&
      this.sched.nowUs >= u.masterSinceUs + this.sc.assumptions.arpUpdateDelayUs
    );
  }

  private downstreamReachable(u: UnitRuntime): boolean {
    const f = u.faults;
    return (
      this.downstreamDown === 0 &&
      f.downstreamOut === 0 &&
      f.downstreamIn === 0 &&
      f.portsFailed === 0 &&
      f.hdFailed === 0
    );
  }

  /** Holds the virtual IP: effective MASTER and not crashed (a hung MASTER still answers ARP). */
  private holdsVip(u: UnitRuntime): boolean {
    return u.role.mode === "MASTER" && (u.role.physical === "UP" || u.role.physical === "HUNG");
  }

  // ---------------------------------------------------------------- refresh

  /** Recomputes derived state after a change and hands it to detectors, mail and the observer. */
  refresh(): void {
    const [a, b] = this.units;
    const now = this.sched.nowUs;
    for (const u of this.units) {
      const p = this.peer(u);
      const listening = u.up && (u.role.mode === "MASTER" || u.role.mode === "SLAVE");
      u.watch.update(listening, this.hbPath(p, u));
      const slave = u.up && u.role.mode === "SLAVE";
      for (let i = 0; i < u.rservice.length; i++) {
        u.rservice[i]!.update(
          slave,
          !this.probeOk(u, (this.sc.ha.rservice[i] as { protocol: string }).protocol),
        );
      }
      const checks =
        u.up &&
        (u.role.mode === "MASTER" ||
          (u.role.mode === "SLAVE" && this.sc.assumptions.lserviceOnSlave));
      u.lservicePorts?.update(checks, u.faults.portsFailed > 0 && u.faults.blindLservice === 0);
      u.lserviceHd?.update(checks, u.faults.hdFailed > 0 && u.faults.blindLservice === 0);
      u.recovery.update(u.up && u.role.mode === "FAILED", this.recoveryCondition(u));
      if (u.pushPending) this.tryPush(u);
      const r = this.reachable(u);
      if (u.reachable && !r) this.cutSessions(u);
      u.reachable = r;
      if (!this.downstreamReachable(u) && u.busy > 0) this.abortInflight(u, false);
      this.startDeliveries(u);
      if (
        u.role.mode === "MASTER" &&
        now < u.masterSinceUs + this.sc.assumptions.arpUpdateDelayUs
      ) {
        this.sched.arm(
          this.arpTimers[u.index]!,
          u.masterSinceUs + this.sc.assumptions.arpUpdateDelayUs,
        );
      }
    }
    this.checkConflict();
    const split = a.up && b.up && a.role.mode === "MASTER" && b.role.mode === "MASTER";
    const oneEach =
      a.up &&
      b.up &&
      ((a.role.mode === "MASTER" && b.role.mode === "SLAVE") ||
        (a.role.mode === "SLAVE" && b.role.mode === "MASTER"));
    const slave = a.role.mode === "SLAVE" ? a : b;
    const healthy = oneEach && this.activeFaults === 0 && slave.depth === 0 && !slave.pushPending;
    const modes: [string, string] = [
      displayMode(a.role.mode, a.role.physical),
      displayMode(b.role.mode, b.role.physical),
    ];
    this.obs.update(now, {
      accepting: a.reachable || b.reachable,
      splitBrain: split,
      healthy,
      modes,
    });
    this.checkDrain();
  }

  private recoveryCondition(u: UnitRuntime): boolean {
    if (!this.localOk(u)) return false;
    if (this.sc.assumptions.failedWithoutPeer === "rejoin") return true;
    const p = this.peer(u);
    const first = this.sc.ha.rservice[0];
    return first !== undefined ? this.probeOk(u, first.protocol) : this.hbPath(p, u);
  }

  /** Two MASTERs that hear each other resolve at the next heartbeat received (split-brain heal). */
  private checkConflict(): void {
    const [a, b] = this.units;
    const now = this.sched.nowUs;
    const dual = a.up && b.up && a.role.mode === "MASTER" && b.role.mode === "MASTER";
    const ab = dual && this.hbPath(a, b);
    const ba = dual && this.hbPath(b, a);
    if (!ab && !ba) {
      this.sched.cancel(this.conflictTimer);
      this.dualSinceUs = -1;
      return;
    }
    if (this.dualSinceUs < 0) this.dualSinceUs = now;
    if (this.sched.isArmed(this.conflictTimer)) return;
    const hb = this.sc.ha.heartbeat.intervalUs;
    const t = Math.min(
      ab ? nextGridUs(now, this.hbPhaseUs[0], hb, this.prio < P_HEARTBEAT) : Infinity,
      ba ? nextGridUs(now, this.hbPhaseUs[1], hb, this.prio < P_HEARTBEAT + 1) : Infinity,
    );
    this.sched.arm(this.conflictTimer, t);
  }

  private onConflict(): void {
    const [a, b] = this.units;
    if (!(a.up && b.up && a.role.mode === "MASTER" && b.role.mode === "MASTER")) return;
    if (
      this.sc.engine.checkInvariants &&
      this.sched.nowUs - this.dualSinceUs > this.sc.ha.heartbeat.intervalUs
    ) {
      this.violations.push(
        `two MASTERs hearing each other for more than one heartbeat at ${this.sched.nowUs}us`,
      );
    }
    let keeper: UnitRuntime;
    if (this.sc.assumptions.splitBrainHeal === "configured-master")
      keeper = this.units[this.masterIndex];
    else keeper = a.masterSinceUs <= b.masterSinceUs ? a : b;
    const loser = this.peer(keeper);
    this.obs.record(
      this.sched.nowUs,
      loser.name,
      "split-brain-heal",
      "",
      "",
      `${keeper.name} keeps MASTER (${this.sc.assumptions.splitBrainHeal})`,
    );
    this.apply(loser, { type: "demote" });
  }

  // ---------------------------------------------------------------- role events

  /** Feeds an event to a unit's role machine, performs the effects, then refreshes. */
  apply(u: UnitRuntime, event: RoleEvent): void {
    const before = u.role;
    const [after, effects] = transition(before, event);
    if (after === before && effects.length === 0) return;
    u.role = after;
    const from = displayMode(before.mode, before.physical);
    const to = displayMode(after.mode, after.physical);
    if (from !== to) {
      this.obs.record(this.sched.nowUs, u.name, "mode", from, to, event.type);
      if (this.obs.trace !== null)
        for (const x of this.units) this.obs.sampleSpool(this.sched.nowUs, x.name, x.depth);
    }
    for (const e of effects) this.effect(u, e);
    this.noteMaster();
    this.refresh();
  }

  /** Remembers which unit holds MASTER alone, so a failover counts the role moving to the other unit. */
  private noteMaster(): void {
    const ma = this.holdsVip(this.units[0]);
    const mb = this.holdsVip(this.units[1]);
    if (ma !== mb) this.lastMaster = ma ? 0 : 1;
  }

  private effect(u: UnitRuntime, e: RoleEffect): void {
    const s = this.sched;
    const p = this.peer(u);
    switch (e) {
      case "take-over":
        u.masterSinceUs = s.nowUs;
        u.pushPending = false;
        // A failover is the MASTER role moving to the other unit (not a MASTER resuming after a reboot).
        if (this.lastMaster !== u.index) this.obs.failovers++;
        this.adoptCopies(u);
        return;
      case "release":
        return; // refresh() cuts the open sessions when the unit stops being reachable
      case "halt":
        this.abortInflight(u, true);
        return;
      case "push-spool":
        u.pushPending = true;
        return;
      case "demoted-queue":
        if (this.sc.assumptions.demotedQueue === "push") u.pushPending = true;
        return;
      case "demote-peer":
        this.apply(p, { type: "demote" });
        return;
      case "peer-to-configured":
        this.apply(p, { type: "to-configured", propagate: false });
        return;
      case "peer-back":
        this.apply(p, { type: "peer-back" });
        return;
      case "tell-peer-failed":
        if (p.up && this.linkPass(u, p)) this.apply(p, { type: "told-failed" });
        else
          this.obs.record(
            s.nowUs,
            u.name,
            "tell-failed-lost",
            "",
            "",
            `cannot tell ${p.name} it failed: no heartbeat link`,
          );
        return;
      case "call-admin": {
        const rt = this.sc.ha.admin.responseTime;
        if (rt !== null) s.arm(u.adminTimer, s.nowUs + sampleUs(rt, this.rng.admin));
        return;
      }
      case "start-hold-off":
        s.arm(u.holdOffTimer, s.nowUs + this.sc.ha.holdOffUs);
        return;
      case "end-hold-off":
        s.cancel(u.holdOffTimer);
        return;
    }
  }

  private onPeerLost(u: UnitRuntime): void {
    const now = this.sched.nowUs;
    const p = this.peer(u);
    this.obs.record(
      now,
      u.name,
      "heartbeat-lost",
      "",
      "",
      `no heartbeat from ${p.name} for ${this.sc.ha.heartbeat.lostThreshold} intervals`,
    );
    if (
      u.role.mode === "SLAVE" &&
      this.sc.ha.remoteAsHeartbeat &&
      u.rservice.length > 0 &&
      !u.rservice.some((m) => m.declared)
    ) {
      this.obs.record(
        now,
        u.name,
        "remote-as-heartbeat",
        "",
        "",
        `probes of ${p.name} not declared failed: no failover`,
      );
      return;
    }
    this.apply(u, { type: "peer-lost" });
  }

  private onProbesFailed(u: UnitRuntime, protocol: string): void {
    this.obs.record(
      this.sched.nowUs,
      u.name,
      "rservice-failed",
      "",
      "",
      `${protocol} probes of ${this.peer(u).name} failed`,
    );
    this.apply(u, { type: "peer-service-failed" });
  }

  private onLocalFailure(u: UnitRuntime, service: string): void {
    this.obs.record(
      this.sched.nowUs,
      u.name,
      "lservice-failed",
      "",
      "",
      `local ${service} check failed`,
    );
    this.apply(u, { type: "local-failure" });
  }

  private onRecovered(u: UnitRuntime): void {
    const p = this.peer(u);
    this.apply(u, { type: "recovered", peerMaster: p.up && p.role.mode === "MASTER" });
  }

  private onAdmin(u: UnitRuntime): void {
    if (u.role.mode !== "OFF" || !u.up) return;
    this.adminAction(u, this.sc.ha.admin.action);
  }

  /** An admin acts on a unit (`set system ha restart|restore|resync`). */
  adminAction(u: UnitRuntime, action: "restart" | "restore" | "resync"): void {
    this.obs.record(this.sched.nowUs, u.name, "admin", "", "", action);
    const p = this.peer(u);
    if (action === "restore") this.apply(u, { type: "to-configured", propagate: true });
    else if (action === "restart")
      this.apply(u, { type: "admin-restart", peerMaster: p.up && p.role.mode === "MASTER" });
  }

  /** The unit finished booting (after a crash or a planned reboot). */
  boot(u: UnitRuntime): void {
    const p = this.peer(u);
    this.apply(u, {
      type: "boot",
      peerHeard: this.hbPath(p, u),
      peerMode: p.up ? p.role.mode : (null as Mode | null),
    });
  }

  // ---------------------------------------------------------------- mail

  private scheduleNextArrival(): void {
    let t = this.sched.nowUs;
    const mean = this.poissonMeanUs;
    if (mean > 0) {
      // Hot path. Math.floor(x + 0.5) equals Math.round(x) for 0 <= x < 2^52 except at
      // x = 0.5 - 2^-54 (0 against 1), where the max with 1 makes them agree again; it is faster.
      const x = Math.floor(this.rng.arrivals.exponential(mean) + 0.5);
      t += x > 1 ? x : 1;
      if (t < this.horizonUs) this.sched.at(t, P_MAIL, this.arrivalH);
      return;
    }
    const w = this.sc.workload.arrivals;
    const r = this.rng.arrivals;
    if (w.process === "periodic") {
      t = Math.round((this.ledger.arrived + 1) * (1e6 / w.ratePerS));
    } else if (w.profile === "constant") {
      t += Math.max(1, Math.round(r.exponential(1e6 / w.ratePerS)));
    } else {
      // Thinning against the peak rate: exact for the sinusoidal profile.
      const peak = w.ratePerS * w.peakFactor;
      const day = 86_400e6;
      for (;;) {
        t += Math.max(1, Math.round(r.exponential(1e6 / peak)));
        const phase = (2 * Math.PI * (((t - w.peakAtUs) % day) + day)) / day;
        const rate = w.ratePerS * (1 + (w.peakFactor - 1) * Math.cos(phase));
        if (r.uniform() * peak <= rate) break;
      }
    }
    if (t < this.horizonUs) this.sched.at(t, P_MAIL, this.arrivalH);
  }

  private onArrival(): void {
    const m = this.ledger.arrive();
    if (m >= this.where.length) {
      const w = new Uint8Array(this.where.length * 2);
      w.set(this.where);
      this.where = w;
    }
    this.offer(m, this.sched.nowUs, EntryTag.Original);
    this.scheduleNextArrival();
  }

  /** The sending MTA offers a mail to whoever holds the virtual IP. */
  private offer(m: number, firstTryUs: number, tag: EntryTag): void {
    const [a, b] = this.units;
    const va = this.holdsVip(a);
    const vb = this.holdsVip(b);
    let target: UnitRuntime | null = null;
    if (va && vb) {
      const toMaster = this.rng.routing.uniform() < this.sc.assumptions.splitBrainShare;
      target = toMaster ? this.units[this.masterIndex] : this.units[1 - this.masterIndex]!;
    } else if (va) target = a;
    else if (vb) target = b;
    if (target !== null && target.reachable && target.depth < this.spoolCapacity)
      this.accept(target, m, tag);
    else this.refuse(m, firstTryUs, tag);
  }

  private refuse(m: number, firstTryUs: number, tag: number): void {
    const now = this.sched.nowUs;
    const retry = this.sc.workload.senderRetry;
    if (now - firstTryUs >= retry.giveUpUs) {
      if (!this.ledger.isAccepted(m)) this.ledger.giveUp(m);
      return;
    }
    this.senderPush(m, firstTryUs, tag);
  }

  private senderPush(m: number, firstTryUs: number, tag: number): void {
    const next = this.sched.nowUs + this.sc.workload.senderRetry.intervalUs;
    this.senders.push(m, firstTryUs, next, tag);
    if (!this.sched.isArmed(this.senderTimer))
      this.sched.arm(this.senderTimer, this.senders.headNextUs);
  }

  private onSenderRetry(): void {
    const now = this.sched.nowUs;
    const q = this.senders;
    while (q.size > 0 && q.headNextUs <= now) {
      const m = q.shift();
      const first = q.firstTryUs;
      const tag = q.tag as EntryTag;
      this.offer(m, first, tag);
    }
    if (q.size > 0) this.sched.arm(this.senderTimer, q.headNextUs);
    this.checkDrain();
  }

  private accept(u: UnitRuntime, m: number, tag: EntryTag): void {
    const now = this.sched.nowUs;
    if (this.checkInvariants && !(u.up && u.role.mode === "MASTER")) {
      this.violations.push(
        `${u.name} accepted mail ${m} in mode ${u.role.mode}/${u.role.physical} at ${now}us`,
      );
    }
    this.ledger.accept(m);
    this.where[m] = this.where[m]! | BIT[u.index];
    u.spool.push(m, now, tag);
    u.recent.push(m, now);
    this.depthTotal++;
    this.obs.depthChanged(now, this.depthTotal);
    const p = this.peer(u);
    if (
      p.up &&
      p.role.mode === "MASTER" &&
      this.rng.sessions.bernoulli(this.sc.assumptions.splitBrainSessionCutProbability)
    ) {
      // An ARP flap cut the session after commit: the sender never saw 250 and will retry.
      this.ledger.markCopy(m, CopyCause.Split);
      this.senderPush(m, now, EntryTag.SplitRetry);
    }
    if (u.busy < u.workerMail.length) this.startDeliveries(u);
  }

  /** Sessions committed in the last window are cut; some senders never saw 250 and retry. */
  private cutSessions(u: UnitRuntime): void {
    const now = this.sched.nowUs;
    const p = this.sc.assumptions.cutSessionDuplicateProbability;
    let n = 0;
    u.recent.drain(now, (m) => {
      if (this.rng.sessions.bernoulli(p)) {
        this.ledger.markCopy(m, CopyCause.Cut);
        this.senderPush(m, now, EntryTag.CutRetry);
        n++;
      }
    });
    if (n > 0)
      this.obs.record(
        now,
        u.name,
        "sessions-cut",
        "",
        "",
        `${n} sessions cut after commit will be retried`,
      );
  }

  startDeliveries(u: UnitRuntime): void {
    const W = u.workerMail.length;
    if (u.busy >= W || u.spool.size === 0 || !processesMail(u.role)) return;
    const now = this.sched.nowUs;
    if (now < u.deferredUntilUs) return;
    if (!this.downstreamReachable(u)) {
      u.deferredUntilUs = now + this.sc.mta.queueRetryUs;
      this.sched.arm(u.queueRetryTimer, u.deferredUntilUs);
      return;
    }
    const giveUp = this.sc.mta.queueGiveUpUs;
    while (u.busy < W && u.spool.size > 0) {
      const m = u.spool.shift();
      const acc = u.spool.lastAcceptUs;
      if (now - acc > giveUp) {
        this.ledger.expire(m);
        this.where[m] = this.where[m]! & ~BIT[u.index];
        this.depthTotal--;
        this.obs.depthChanged(now, this.depthTotal);
        continue;
      }
      let w = 0;
      while (u.workerMail[w]! >= 0) w++;
      u.workerMail[w] = m;
      u.workerAcceptUs[w] = acc;
      u.workerTag[w] = u.spool.lastTag;
      u.busy++;
      const mean = this.deliveryExpMeanUs;
      const d =
        mean > 0
          ? sampleExponentialUs(mean, this.rng.delivery)
          : sampleUs(this.sc.mta.deliveryTime, this.rng.delivery);
      this.sched.arm(u.workerTimers[w]!, now + d);
    }
  }

  private onDeliveryDone(u: UnitRuntime, w: number): void {
    const now = this.sched.nowUs;
    const m = u.workerMail[w]!;
    u.workerMail[w] = -1;
    u.busy--;
    this.ledger.deliver(m, u.workerTag[w] as EntryTag, u.workerAcceptUs[w]!, now);
    this.where[m] = this.where[m]! & ~BIT[u.index];
    this.depthTotal--;
    this.obs.depthChanged(now, this.depthTotal);
    this.startDeliveries(u);
    if (u.role.mode !== "MASTER" && u.depth === 0) this.refresh();
    else if (this.draining && this.depthTotal === 0) this.checkDrain();
  }

  /** Deliveries in flight stop. After a crash some had already reached the downstream [I]. */
  abortInflight(u: UnitRuntime, mayHaveArrived: boolean): void {
    const p = this.sc.assumptions.inflightDeliveredProbability;
    for (let w = u.workerMail.length - 1; w >= 0; w--) {
      const m = u.workerMail[w]!;
      if (m < 0) continue;
      this.sched.cancel(u.workerTimers[w]!);
      const acc = u.workerAcceptUs[w]!;
      const tag = u.workerTag[w] as EntryTag;
      if (mayHaveArrived && this.rng.inflight.bernoulli(p)) {
        this.ledger.deliver(m, tag, acc, this.sched.nowUs);
        this.ledger.markCopy(m, CopyCause.Inflight);
      }
      u.spool.unshift(m, acc, tag);
      u.workerMail[w] = -1;
    }
    u.busy = 0;
  }

  /** The recovered unit pushes its spool to the MASTER over the heartbeat link [D: S10]. */
  private tryPush(u: UnitRuntime): void {
    const p = this.peer(u);
    if (!(u.up && p.up && p.role.mode === "MASTER" && this.linkPass(u, p))) return;
    u.pushPending = false;
    let moved = 0;
    let dropped = 0;
    const now = this.sched.nowUs;
    while (u.spool.size > 0) {
      const m = u.spool.shift();
      const w = this.where[m]!;
      if ((w & BIT[p.index]) !== 0) {
        // Already in the MASTER's queue: the push does not duplicate it [D: S10].
        this.where[m] = w & ~BIT[u.index];
        this.depthTotal--;
        dropped++;
      } else {
        p.spool.push(m, u.spool.lastAcceptUs, u.spool.lastTag);
        this.where[m] = (w & ~BIT[u.index]) | BIT[p.index];
        moved++;
      }
    }
    this.obs.depthChanged(now, this.depthTotal);
    this.obs.record(
      now,
      u.name,
      "push",
      "",
      "",
      `pushed ${moved} mails to ${p.name}${dropped > 0 ? `, ${dropped} already queued there` : ""}`,
    );
    this.startDeliveries(p);
  }

  /** Periodic MTA queue sync: the MASTER's queue is copied to its peer [D: S11]. */
  private queueSync(): void {
    for (const u of this.units) {
      const p = this.peer(u);
      if (!(
        u.up &&
        u.role.mode === "MASTER" &&
        p.up &&
        p.role.mode !== "MASTER" &&
        this.linkPass(u, p)
      ))
        continue;
      p.copies.clear();
      u.spool.forEach((m, acc, tag) => {
        p.copies.push(m, acc, tag);
        this.ledger.markCopy(m, CopyCause.Synced);
      });
      for (let w = 0; w < u.workerMail.length; w++) {
        const m = u.workerMail[w]!;
        if (m < 0) continue;
        p.copies.push(m, u.workerAcceptUs[w]!, u.workerTag[w]! as EntryTag);
        this.ledger.markCopy(m, CopyCause.Synced);
      }
    }
  }

  /** A new MASTER delivers the queue-sync copies it holds (which can race the owner) [D: S10]. */
  private adoptCopies(u: UnitRuntime): void {
    const c = u.copies;
    if (c.size === 0) return;
    let n = 0;
    while (c.size > 0) {
      const m = c.shift();
      if ((this.where[m]! & BIT[u.index]) !== 0) continue;
      u.spool.push(m, c.lastAcceptUs, EntryTag.SyncCopy);
      this.where[m] = this.where[m]! | BIT[u.index];
      this.depthTotal++;
      n++;
    }
    this.obs.depthChanged(this.sched.nowUs, this.depthTotal);
    this.obs.record(
      this.sched.nowUs,
      u.name,
      "adopt-copies",
      "",
      "",
      `delivers ${n} queue-sync copies`,
    );
  }

  /** A crash destroyed the disk: the spool and the queue-sync copies on it are gone. */
  destroyDisk(u: UnitRuntime): void {
    let n = 0;
    while (u.spool.size > 0) {
      const m = u.spool.shift();
      this.ledger.destroy(m);
      this.where[m] = this.where[m]! & ~BIT[u.index];
      this.depthTotal--;
      n++;
    }
    u.copies.clear();
    this.obs.depthChanged(this.sched.nowUs, this.depthTotal);
    this.obs.record(
      this.sched.nowUs,
      u.name,
      "disk-destroyed",
      "",
      "",
      `${n} queued mails destroyed`,
    );
  }

  // ---------------------------------------------------------------- drain

  private beginDrain(): void {
    this.draining = true;
    this.obs.record(this.sched.nowUs, "", "horizon", "", "", "no more mail or faults; draining");
    this.checkDrain();
  }

  /** The drain ends when spools and senders are empty and no failure episode is open. */
  checkDrain(): void {
    if (
      this.draining &&
      this.depthTotal === 0 &&
      this.senders.size === 0 &&
      this.activeFaults === 0 &&
      !this.obs.episodeOpen
    ) {
      this.sched.stop();
    }
  }
}
