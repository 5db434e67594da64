/**
 * Invariants of a run, checked by observing it (with `engine.checkInvariants`): only an up MASTER
 * accepts mail; two MASTERs that hear each other resolve within a heartbeat; and, at the end,
 * conservation — every mail that arrived was accepted, given up or still waits at its sender.
 *
 * @module
 */
import type { GroupState, InvariantObserver } from "../sim/events.js";
import type { SenderQueue } from "../sim/sender-queue.js";
import type { MailLedger } from "./ledger.js";

/** Per-event invariant checks; violations are collected, never acted on. */
export class InvariantChecker implements InvariantObserver {
  readonly violations: string[] = [];
  /** Since when both units are up and in the group with no MASTER, µs; -1 when not. */
  private leaderlessSinceUs = -1;

  /**
   * @param heartbeatIntervalUs `ha.heartbeat.interval`: how long two MASTERs may hear each other.
   * @param detectionUs how long two up units may both be SLAVE (or HOLD_OFF): the detection time
   *   (`lostThreshold` × interval) plus one interval for the heartbeat grid.
   */
  constructor(
    private readonly heartbeatIntervalUs: number,
    private readonly detectionUs = Infinity,
  ) {}

  /** Outside the detection window, two up units in the group have exactly one MASTER. */
  group(nowUs: number, s: GroupState): void {
    const waiting = (m: string): boolean => m === "SLAVE" || m === "HOLD_OFF";
    const leaderless = waiting(s.modes[0]) && waiting(s.modes[1]);
    if (leaderless && this.leaderlessSinceUs < 0) this.leaderlessSinceUs = nowUs;
    if (!leaderless) this.endLeaderless(nowUs);
  }

  /** Closes an open leaderless interval (at the end of the run too). */
  endLeaderless(nowUs: number): void {
    if (this.leaderlessSinceUs < 0) return;
    const forUs = nowUs - this.leaderlessSinceUs;
    if (forUs > this.detectionUs)
      this.violations.push(
        `no MASTER between two up units for ${forUs / 1e6}s from ${this.leaderlessSinceUs}us`,
      );
    this.leaderlessSinceUs = -1;
  }

  accepted(unit: string, mode: string, physical: string, mail: number, nowUs: number): void {
    if (mode !== "MASTER" || physical !== "UP")
      this.violations.push(
        `${unit} accepted mail ${mail} in mode ${mode}/${physical} at ${nowUs}us`,
      );
  }

  dualMaster(nowUs: number, forUs: number): void {
    if (forUs > this.heartbeatIntervalUs)
      this.violations.push(
        `two MASTERs hearing each other for more than one heartbeat at ${nowUs}us`,
      );
  }
}

/** Conservation: every arrived mail is accepted, waiting at its sender, or given up. */
export function conservation(l: MailLedger, senders: SenderQueue): string[] {
  const waiting = l.waitingAtSenders();
  let queuedUnaccepted = 0;
  senders.forEach((m) => {
    if (!l.isAccepted(m)) queuedUnaccepted++;
  });
  const out: string[] = [];
  if (l.accepted + l.givenUp + waiting !== l.arrived)
    out.push(
      `conservation: ${l.arrived} arrived != ${l.accepted} accepted + ${l.givenUp} given up + ${waiting} waiting`,
    );
  if (waiting !== queuedUnaccepted)
    out.push(
      `conservation: ${waiting} mails neither accepted nor given up, but ${queuedUnaccepted} wait at senders`,
    );
  return out;
}
