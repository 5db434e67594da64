/**
 * The cluster driver's composition root: builds the state of two FortiMail units, wires their
 * detectors, mail handlers and timers on the kernel, and starts the run. What the driver does
 * lives in one module per concept:
 *
 * - `state.ts` the plain state object; `streams.ts` the named random streams;
 * - `health.ts` what works now; `refresh.ts` recomputing it after every change;
 * - `detectors.ts` heartbeat watch, probes, local checks; `roles.ts` the role-effect interpreter
 *   and split-brain resolution (`split-brain.ts` detects it);
 * - `arrivals.ts`, `smtp.ts` (sessions, sender retry, cut sessions), `delivery.ts`,
 *   `replication.ts` (push, queue sync, disk loss), `drain.ts`;
 * - `verbs.ts` what faults can do; `faults/` one descriptor per fault kind and the injector.
 *
 * @module
 */
import type { Policy, QualifiedScenario } from "../config/scenario.js";
import { onArrival, scheduleNextArrival } from "./arrivals.js";
import { setUpUnit } from "./detectors.js";
import { beginDrain } from "./drain.js";
import { FaultInjector } from "./faults/injector.js";
import { P_CONFLICT, P_FAULT, P_MAIL, P_OBSERVE, P_SYNC } from "./priorities.js";
import { refresh } from "./refresh.js";
import { mailDataSync, queueSync } from "./replication.js";
import { onConflict } from "./roles.js";
import { QuietMail } from "./quiet.js";
import { onSenderRetry } from "./smtp.js";
import { ClusterState, type Observers } from "./state.js";

/** Builds a cluster ready to run: units, detectors, handlers, faults scheduled. */
export function buildCluster(
  sc: QualifiedScenario,
  policy: Policy,
  replication: number,
  observers: Observers,
  mailWindow?: number,
): ClusterState {
  const c = new ClusterState(sc, policy, replication, observers, mailWindow);
  c.refresh = () => {
    refresh(c);
  };
  for (const u of c.units) setUpUnit(c, u);
  // Mail handlers set the priority themselves instead of going through c.on(): a direct call from
  // the kernel saves an indirect (megamorphic) call per mail event.
  c.arrivalTimer = c.sched.createTimer(
    c.sched.register(() => {
      c.prio = P_MAIL;
      onArrival(c);
    }),
    P_MAIL,
  );
  c.senderTimer = c.sched.createTimer(
    c.on(P_MAIL, () => {
      onSenderRetry(c);
    }),
    P_MAIL,
  );
  c.conflictTimer = c.sched.createTimer(
    c.on(P_CONFLICT, () => {
      onConflict(c);
    }),
    P_CONFLICT,
  );
  if (sc.ha.mailQueueSync.enabled) setUpQueueSync(c);
  if (c.mailDataShare > 0) setUpMailDataSync(c);
  c.units[c.masterIndex].masterSinceUs = -sc.assumptions.arpUpdateDelayUs;
  new FaultInjector(c).schedule(sc);
  // Invariant checks are told of every acceptance as the event engine makes it: they run there.
  if (sc.engine.mail !== "events" && observers.invariants === null)
    c.sched.setGate(new QuietMail(c));
  return c;
}

function setUpQueueSync(c: ClusterState): void {
  const interval = c.sc.ha.mailQueueSync.intervalUs;
  every(c, interval, c.phase(interval), queueSync);
}

function setUpMailDataSync(c: ClusterState): void {
  const interval = c.sc.ha.mailDataSync.intervalUs;
  // Its own stream for the phase: the grids drawn before mail data was modelled stay as they were.
  const phase = c.sc.engine.phases === "aligned" ? 0 : c.rng.mailData.int(0, interval - 1);
  every(c, interval, phase, mailDataSync);
}

/** Runs `fn` at `phaseUs` and every `intervalUs` after it (P_SYNC; re-armed before `fn` runs). */
function every(
  c: ClusterState,
  intervalUs: number,
  phaseUs: number,
  fn: (c: ClusterState) => void,
): void {
  const timer = c.sched.createTimer(
    c.on(P_SYNC, () => {
      c.sched.arm(timer, c.sched.nowUs + intervalUs);
      fn(c);
    }),
    P_SYNC,
  );
  c.sched.arm(timer, phaseUs);
}

/** Starts the run: initial detector state, the first arrival, the drain marker. */
export function startCluster(c: ClusterState): void {
  c.prio = P_FAULT;
  c.refresh();
  scheduleNextArrival(c);
  c.sched.at(
    c.sc.horizonUs,
    P_OBSERVE,
    c.on(P_OBSERVE, () => {
      beginDrain(c);
    }),
  );
}
