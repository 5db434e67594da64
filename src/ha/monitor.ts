/**
 * A periodic check that declares a condition after `retries` consecutive grid points see it:
 * remote service probes (`rservice`: the condition is "the probe fails", declared `timeout` after
 * the last failed probe was sent), local checks (`lservice`), and a FAILED unit's recovery check
 * (the condition is "recovered", retries 1, timeout 0).
 *
 * As for heartbeats, two engines give identical results: `simulated` runs one event per grid
 * point; the closed form arms one timer when the condition starts, and works out afterwards
 * whether a grid point in between saw it lapse.
 *
 * @module
 */
import type { TimerId } from "../kernel/scheduler.js";
import { type DriveContext, nextGridUs } from "./grid.js";

export interface MonitorOptions {
  readonly intervalUs: number;
  /** Time from sending the last failing check to declaring (a probe's timeout). */
  readonly timeoutUs: number;
  /** Consecutive grid points that must see the condition. ≥ 1. */
  readonly retries: number;
  readonly phaseUs: number;
  readonly simulated: boolean;
  readonly prioCheck: number;
  readonly prioDetect: number;
}

export class PeriodicMonitor {
  private active = false;
  private condition = false;
  /** A run of checks completed and declared; stays until a check sees the condition lapse. */
  private completed = false;
  /** Closed form: last grid point of the current run of checks. */
  private lastCheckUs = -1;
  /** Closed form: the grid point that will see (or saw) the condition lapse; -1 when none pending. */
  private lapseAtUs = -1;
  /** Simulated: consecutive checks that saw the condition. */
  private count = 0;
  private readonly detectTimer: TimerId;
  private readonly checkTimer: TimerId = -1;

  constructor(
    private readonly ctx: DriveContext,
    private readonly o: MonitorOptions,
    private readonly onDeclare: () => void,
  ) {
    const s = ctx.sched;
    this.detectTimer = s.createTimer(
      s.register(() => {
        ctx.prio = o.prioDetect;
        this.fire();
      }),
      o.prioDetect,
    );
    if (o.simulated) {
      this.checkTimer = s.createTimer(
        s.register(() => {
          ctx.prio = o.prioCheck;
          this.check();
        }),
        o.prioCheck,
      );
      s.arm(this.checkTimer, nextGridUs(s.nowUs, o.phaseUs, o.intervalUs, true));
    }
  }

  /** The condition was declared and still holds. */
  get declared(): boolean {
    return this.completed && this.condition;
  }

  /** The driver reports whether the check runs and whether its condition holds now. */
  update(active: boolean, condition: boolean): void {
    if (!active) {
      if (this.active) this.reset();
      this.active = false;
      this.condition = condition;
      return;
    }
    if (!this.active) {
      this.active = true;
      this.reset();
      this.condition = condition;
      if (condition && !this.o.simulated) this.startRun();
      return;
    }
    if (condition === this.condition) return;
    this.condition = condition;
    if (this.o.simulated) return;
    const now = this.ctx.sched.nowUs;
    const gridDone = this.ctx.prio > this.o.prioCheck;
    if (!condition) {
      this.lapseAtUs = nextGridUs(now, this.o.phaseUs, this.o.intervalUs, !gridDone);
      return;
    }
    const lapse = this.lapseAtUs;
    this.lapseAtUs = -1;
    if (lapse < 0) {
      this.startRun(); // the condition starts afresh
      return;
    }
    const seen = lapse < now || (lapse === now && gridDone);
    if (!seen) return; // the lapse fell between two checks: no check saw it
    // The run had completed before the lapse: its declaration (pending or done) stands.
    if (this.ctx.sched.isArmed(this.detectTimer) && lapse > this.lastCheckUs) return;
    this.completed = false;
    this.startRun();
  }

  private reset(): void {
    this.ctx.sched.cancel(this.detectTimer);
    this.count = 0;
    this.completed = false;
    this.lapseAtUs = -1;
  }

  private startRun(): void {
    const s = this.ctx.sched;
    const gridDone = this.ctx.prio > this.o.prioCheck;
    const first = nextGridUs(s.nowUs, this.o.phaseUs, this.o.intervalUs, !gridDone);
    this.lastCheckUs = first + (this.o.retries - 1) * this.o.intervalUs;
    this.lapseAtUs = -1;
    s.arm(this.detectTimer, this.lastCheckUs + this.o.timeoutUs);
  }

  /** Simulated engine: one check at a grid point. */
  private check(): void {
    const s = this.ctx.sched;
    s.arm(this.checkTimer, s.nowUs + this.o.intervalUs);
    if (!this.active) return;
    if (!this.condition) {
      this.count = 0;
      this.completed = false;
      return;
    }
    this.count++;
    if (this.count === this.o.retries) s.arm(this.detectTimer, s.nowUs + this.o.timeoutUs);
  }

  private fire(): void {
    if (!this.o.simulated && this.lapseAtUs >= 0 && this.lapseAtUs <= this.lastCheckUs) return; // a check inside the run saw a lapse
    this.completed = true;
    this.onDeclare();
  }
}
