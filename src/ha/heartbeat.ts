/**
 * Heartbeat loss detection on one direction of the heartbeat paths (emitter → listener).
 *
 * The emitter sends a heartbeat on its grid (`phase + k × interval`); the listener declares the
 * peer lost when `lostThreshold` heartbeats in a row are missed, i.e. `lostThreshold × interval`
 * after the last one received [D: S2]. Two engines give identical results (a test proves it):
 * - `simulated`: the driver calls {@link HeartbeatWatch.onEmission} at every grid point;
 * - closed form: nothing happens while the path is steady; when it fails, one timer is armed at
 *   the detection time computed from the last grid point received, and when it returns, one timer
 *   at the next grid point. A year of steady heartbeats costs no event.
 *
 * @module
 */
import type { TimerId } from "../kernel/scheduler.js";
import { type DriveContext, lastGridUs, nextGridUs } from "./grid.js";

export interface HeartbeatWatchOptions {
  readonly intervalUs: number;
  /** lostThreshold × interval. */
  readonly thresholdUs: number;
  /** The emitter's grid phase, in [0, interval). */
  readonly phaseUs: number;
  readonly simulated: boolean;
  readonly prioHeartbeat: number;
  readonly prioDetect: number;
}

export class HeartbeatWatch {
  /** The listener has declared the emitter lost and not heard it since. */
  lost = false;
  private listening = false;
  private pathUp = false;
  private lastRxUs = 0;
  /** Grid point of the first heartbeat received since the path last came up; -1 when none yet. */
  private steadySinceUs = -1;
  private readonly detectTimer: TimerId;
  private readonly resumeTimer: TimerId;

  constructor(
    private readonly ctx: DriveContext,
    private readonly o: HeartbeatWatchOptions,
    private readonly onLost: () => void,
    private readonly onSeen: () => void,
  ) {
    const s = ctx.sched;
    this.detectTimer = s.createTimer(
      s.register(() => {
        ctx.prio = o.prioDetect;
        this.detect();
      }),
      o.prioDetect,
    );
    this.resumeTimer = s.createTimer(
      s.register(() => {
        ctx.prio = o.prioHeartbeat;
        this.heard();
      }),
      o.prioHeartbeat,
    );
  }

  /** The driver reports whether the listener listens and whether heartbeats can reach it now. */
  update(listening: boolean, pathUp: boolean): void {
    const s = this.ctx.sched;
    const now = s.nowUs;
    const gridDone = this.ctx.prio > this.o.prioHeartbeat;
    if (!listening) {
      if (this.listening) {
        s.cancel(this.detectTimer);
        s.cancel(this.resumeTimer);
        this.lost = false;
        this.steadySinceUs = -1;
      }
      this.listening = false;
      this.pathUp = pathUp;
      return;
    }
    if (!this.listening) {
      // Starting to listen counts as a fresh heartbeat: the timeout runs from now.
      this.listening = true;
      this.pathUp = pathUp;
      this.lost = false;
      this.lastRxUs = now;
      this.steadySinceUs = -1;
      s.arm(this.detectTimer, now + this.o.thresholdUs);
      if (!this.o.simulated && pathUp)
        s.arm(this.resumeTimer, nextGridUs(now, this.o.phaseUs, this.o.intervalUs, !gridDone));
      return;
    }
    if (this.o.simulated || pathUp === this.pathUp) {
      this.pathUp = pathUp;
      return;
    }
    this.pathUp = pathUp;
    if (pathUp) {
      s.arm(this.resumeTimer, nextGridUs(now, this.o.phaseUs, this.o.intervalUs, !gridDone));
      return;
    }
    s.cancel(this.resumeTimer);
    if (this.steadySinceUs >= 0) {
      const g = lastGridUs(now, this.o.phaseUs, this.o.intervalUs, gridDone);
      if (g >= this.steadySinceUs && g > this.lastRxUs) this.lastRxUs = g;
      this.steadySinceUs = -1;
      if (!this.lost) s.arm(this.detectTimer, Math.max(now, this.lastRxUs + this.o.thresholdUs));
    }
    // Otherwise no heartbeat arrived since the path came back: the earlier timeout still stands.
  }

  /** Simulated engine: the emitter sent a heartbeat now. */
  onEmission(): void {
    if (!this.listening || !this.pathUp) return;
    this.lastRxUs = this.ctx.sched.nowUs;
    this.ctx.sched.arm(this.detectTimer, this.lastRxUs + this.o.thresholdUs);
    if (this.lost) {
      this.lost = false;
      this.onSeen();
    }
  }

  private heard(): void {
    const s = this.ctx.sched;
    this.lastRxUs = s.nowUs;
    this.steadySinceUs = s.nowUs;
    s.cancel(this.detectTimer);
    if (this.lost) {
      this.lost = false;
      this.onSeen();
    }
  }

  private detect(): void {
    this.lost = true;
    this.onLost();
  }
}
