/**
 * Detector wiring: each unit's heartbeat watch, remote service probes (rservice), local checks
 * (lservice), recovery check and role timers, and what each declaration does. The detectors are
 * the closed-form machines of `src/ha/` (heartbeat.ts, monitor.ts); the refresh tells them what
 * they would see.
 *
 * @module
 */
import { HeartbeatWatch } from "../ha/heartbeat.js";
import { PeriodicMonitor } from "../ha/monitor.js";
import type { TimerId } from "../kernel/scheduler.js";
import { onDeliveryDone, startDeliveries } from "./delivery.js";
import { peerIsMaster } from "./health.js";
import {
  DETECTOR_SLOTS,
  P_CHECK,
  P_DETECT,
  P_HEARTBEAT,
  P_MAIL,
  P_ROLE,
  P_SYNC,
} from "./priorities.js";
import { onPushTick } from "./push.js";
import { apply, onAdmin } from "./roles.js";
import type { ClusterState } from "./state.js";
import type { UnitRuntime } from "./unit.js";

/** Creates the unit's workers, detectors and timers (in a fixed order: it draws grid phases). */
export function setUpUnit(c: ClusterState, u: UnitRuntime): void {
  const s = c.sched;
  const sc = c.sc;
  const done = s.register((w) => {
    c.prio = P_MAIL; // as c.on(P_MAIL, ...), without the extra indirect call per delivery
    onDeliveryDone(c, u, w);
  });
  for (let w = 0; w < sc.mta.deliveryWorkers; w++)
    u.workerTimers.push(s.createTimer(done, P_MAIL, w));
  const simulated = sc.engine.heartbeats === "simulated";
  const hb = sc.ha.heartbeat;
  u.watch = new HeartbeatWatch(
    c,
    {
      intervalUs: hb.intervalUs,
      thresholdUs: hb.intervalUs * hb.lostThreshold,
      phaseUs: c.hbPhaseUs[1 - u.index]!,
      simulated,
      prioHeartbeat: P_HEARTBEAT + (1 - u.index),
      prioDetect: P_DETECT + u.index,
    },
    () => {
      onPeerLost(c, u);
    },
    () => {
      c.obs.event({ timeUs: s.nowUs, kind: "heartbeat-heard", unit: u.name, peer: c.peer(u).name });
    },
  );
  const monitor = (intervalUs: number, timeoutUs: number, retries: number, fire: () => void) => {
    const slot = c.slot++;
    if (slot >= DETECTOR_SLOTS) throw new Error("too many detectors for the priority bands");
    const phaseUs = c.phase(intervalUs);
    const prio = { prioCheck: P_CHECK + slot, prioDetect: P_DETECT + slot };
    return new PeriodicMonitor(
      c,
      { intervalUs, timeoutUs, retries, phaseUs, simulated, ...prio },
      fire,
    );
  };
  u.rservice = sc.ha.rservice.map((p) =>
    monitor(p.intervalUs, p.timeoutUs, p.retries, () => {
      c.obs.event({
        timeUs: s.nowUs,
        kind: "rservice-failed",
        unit: u.name,
        peer: c.peer(u).name,
        protocol: p.protocol,
      });
      apply(c, u, { type: "peer-service-failed" });
    }),
  );
  const ls = sc.ha.lservice;
  const local = (service: "ports" | "hd") => () => {
    c.obs.event({ timeUs: s.nowUs, kind: "lservice-failed", unit: u.name, service });
    apply(c, u, { type: "local-failure" });
  };
  if (ls.ports !== null)
    u.lservicePorts = monitor(ls.ports.intervalUs, 0, ls.ports.retries, local("ports"));
  if (ls.hd !== null) u.lserviceHd = monitor(ls.hd.intervalUs, 0, ls.hd.retries, local("hd"));
  u.recovery = monitor(sc.ha.rservice[0]?.intervalUs ?? hb.intervalUs, 0, 1, () => {
    apply(c, u, { type: "recovered", peerMaster: peerIsMaster(c, u) });
  });
  setUpTimers(c, u, simulated);
}

function setUpTimers(c: ClusterState, u: UnitRuntime, simulated: boolean): void {
  const s = c.sched;
  u.holdOffTimer = s.createTimer(
    c.on(P_ROLE, () => {
      apply(c, u, { type: "hold-off-expired" });
    }),
    P_ROLE,
  );
  u.adminTimer = s.createTimer(
    c.on(P_ROLE, () => {
      onAdmin(c, u);
    }),
    P_ROLE,
  );
  u.rejoinTimer = s.createTimer(
    c.on(P_DETECT + u.index, () => {
      apply(c, u, { type: "master-heard" });
    }),
    P_DETECT + u.index,
  );
  if (c.sc.assumptions.pushRatePerS > 0)
    u.pushTimer = s.createTimer(
      c.on(P_SYNC, () => {
        onPushTick(c, u);
      }),
      P_SYNC,
    );
  u.queueRetryTimer = s.createTimer(
    c.on(P_MAIL, () => {
      startDeliveries(c, u);
    }),
    P_MAIL,
  );
  c.arpTimers[u.index] = s.createTimer(
    c.on(P_ROLE, () => {
      c.refresh();
    }),
    P_ROLE,
  );
  if (simulated) {
    const prio = P_HEARTBEAT + u.index;
    const intervalUs = c.sc.ha.heartbeat.intervalUs;
    const emit: TimerId = s.createTimer(
      c.on(prio, () => {
        s.arm(emit, s.nowUs + intervalUs);
        c.peer(u).watch.onEmission();
      }),
      prio,
    );
    s.arm(emit, c.hbPhaseUs[u.index]);
  }
}

/** The heartbeat watch declared the peer lost (unless remote-as-heartbeat says it still serves). */
function onPeerLost(c: ClusterState, u: UnitRuntime): void {
  const now = c.sched.nowUs;
  const p = c.peer(u);
  c.obs.event({
    timeUs: now,
    kind: "heartbeat-lost",
    unit: u.name,
    peer: p.name,
    intervals: c.sc.ha.heartbeat.lostThreshold,
  });
  const probesPass = u.rservice.length > 0 && !u.rservice.some((m) => m.declared);
  if (u.role.mode === "SLAVE" && c.sc.ha.remoteAsHeartbeat && probesPass) {
    c.obs.event({ timeUs: now, kind: "remote-as-heartbeat", unit: u.name, peer: p.name });
    return;
  }
  apply(c, u, { type: "peer-lost" });
}
