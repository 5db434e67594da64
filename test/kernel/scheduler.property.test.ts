/**
 * The scheduler against a reference model: a plain list of pending (time, priority, seq, id)
 * with cancellation, where the next event is found by a linear scan. Random sequences of
 * at/arm/cancel/step/run operations, with handlers that themselves schedule, re-arm, cancel and
 * stop, must give the same execution order, clock, pending count and timer states.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Scheduler } from "../../src/kernel/scheduler.js";

const TIMERS = 4;
const timerPriority = (k: number): number => (k % 3) - 1;

/** What both implementations must offer to the reactions below. */
interface Api {
  readonly nowUs: number;
  at(timeUs: number, priority: number, id: number): void;
  arm(timer: number, timeUs: number): void;
  cancel(timer: number): void;
  stop(): void;
}

/**
 * Deterministic reactions run inside handlers, identical for model and scheduler, so that
 * scheduling from inside handlers, self re-arming and stop() are all covered.
 */
function onEvent(api: Api, id: number, log: string[]): void {
  log.push(`e${id}@${api.nowUs}`);
  if (id % 5 === 0 && id < 10_000) api.at(api.nowUs + (id % 3), id % 2, id + 10_000); // chained event
  if (id % 7 === 3) api.cancel(id % TIMERS);
  if (id % 11 === 4) api.stop();
}
function onTimer(api: Api, k: number, fired: number[], log: string[]): void {
  log.push(`t${k}@${api.nowUs}`);
  fired[k] = (fired[k] ?? 0) + 1;
  if (fired[k] % 2 === 1) api.arm(k, api.nowUs + k); // re-arm itself (k = 0: same time)
  if (k === 3) api.arm(0, api.nowUs + 2); // re-arm another timer from a handler
}

interface Entry {
  time: number;
  priority: number;
  seq: number;
  id: number; // event id, or -1 - timer
}

class Model implements Api {
  nowUs = 0;
  private seq = 0;
  private events: Entry[] = [];
  private timers: (Entry | null)[] = Array.from({ length: TIMERS }, () => null);
  private stopRequested = false;
  readonly log: string[] = [];
  private readonly fired: number[] = [];

  at(timeUs: number, priority: number, id: number): void {
    this.events.push({ time: timeUs, priority, seq: this.seq++, id });
  }
  arm(timer: number, timeUs: number): void {
    this.timers[timer] = {
      time: timeUs,
      priority: timerPriority(timer),
      seq: this.seq++,
      id: -1 - timer,
    };
  }
  cancel(timer: number): void {
    this.timers[timer] = null;
  }
  stop(): void {
    this.stopRequested = true;
  }
  get pending(): number {
    return this.events.length + this.timers.filter((t) => t !== null).length;
  }
  armedAtUs(timer: number): number {
    return this.timers[timer]?.time ?? -1;
  }
  private next(): Entry | undefined {
    let best: Entry | undefined;
    for (const e of [...this.events, ...this.timers]) {
      if (e === null) continue;
      if (
        best === undefined ||
        e.time < best.time ||
        (e.time === best.time &&
          (e.priority < best.priority || (e.priority === best.priority && e.seq < best.seq)))
      )
        best = e;
    }
    return best;
  }
  step(): boolean {
    const e = this.next();
    if (e === undefined) return false;
    this.nowUs = e.time;
    if (e.id >= 0) {
      this.events.splice(this.events.indexOf(e), 1);
      onEvent(this, e.id, this.log);
    } else {
      this.timers[-1 - e.id] = null;
      onTimer(this, -1 - e.id, this.fired, this.log);
    }
    return true;
  }
  run(until: number): void {
    this.stopRequested = false;
    for (let e = this.next(); e !== undefined && e.time <= until; e = this.next()) {
      this.step();
      // stop() sets the flag from inside a handler, which the type checker cannot see.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      if (this.stopRequested) return;
    }
    if (until > this.nowUs) this.nowUs = until;
  }
}

/** The real scheduler wired to the same reactions. */
class Real implements Api {
  readonly sched = new Scheduler({ initialCapacity: 16 });
  readonly log: string[] = [];
  private readonly fired: number[] = [];
  private readonly eventH: number;
  private readonly timerIds: number[] = [];
  constructor() {
    this.eventH = this.sched.register((id) => {
      onEvent(this, id, this.log);
    });
    const timerH = this.sched.register((k) => {
      onTimer(this, k, this.fired, this.log);
    });
    for (let k = 0; k < TIMERS; k++)
      this.timerIds.push(this.sched.createTimer(timerH, timerPriority(k), k));
  }
  get nowUs(): number {
    return this.sched.nowUs;
  }
  at(timeUs: number, priority: number, id: number): void {
    this.sched.at(timeUs, priority, this.eventH, id);
  }
  arm(timer: number, timeUs: number): void {
    this.sched.arm(this.timerIds[timer]!, timeUs);
  }
  cancel(timer: number): void {
    this.sched.cancel(this.timerIds[timer]!);
  }
  stop(): void {
    this.sched.stop();
  }
}

type Op =
  | { op: "at"; dt: number; priority: number }
  | { op: "arm"; timer: number; dt: number }
  | { op: "cancel"; timer: number }
  | { op: "step" }
  | { op: "run"; dt: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant("at" as const),
      dt: fc.integer({ min: 0, max: 6 }),
      priority: fc.integer({ min: -1, max: 1 }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      op: fc.constant("arm" as const),
      timer: fc.integer({ min: 0, max: TIMERS - 1 }),
      dt: fc.integer({ min: 0, max: 8 }),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      op: fc.constant("cancel" as const),
      timer: fc.integer({ min: 0, max: TIMERS - 1 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.constant({ op: "step" as const }), weight: 3 },
  {
    arbitrary: fc.record({ op: fc.constant("run" as const), dt: fc.integer({ min: 0, max: 5 }) }),
    weight: 1,
  },
);

function check(ops: Op[]): void {
  const model = new Model();
  const real = new Real();
  let nextId = 1;
  for (const o of ops) {
    switch (o.op) {
      case "at": {
        const id = nextId++;
        model.at(model.nowUs + o.dt, o.priority, id);
        real.at(real.nowUs + o.dt, o.priority, id);
        break;
      }
      case "arm":
        model.arm(o.timer, model.nowUs + o.dt);
        real.arm(o.timer, real.nowUs + o.dt);
        break;
      case "cancel":
        model.cancel(o.timer);
        real.cancel(o.timer);
        break;
      case "step":
        expect(real.sched.step()).toBe(model.step());
        break;
      case "run":
        model.run(model.nowUs + o.dt);
        real.sched.run(real.nowUs + o.dt);
        break;
    }
    expect(real.nowUs).toBe(model.nowUs);
    expect(real.sched.pending).toBe(model.pending);
    for (let k = 0; k < TIMERS; k++) expect(real.sched.armedAtUs(k)).toBe(model.armedAtUs(k));
  }
  // Drain both (stop() may interrupt a run, so loop).
  for (let guard = 0; guard < 100 && model.pending > 0; guard++) {
    model.run(model.nowUs + 1_000_000);
    real.sched.run(real.nowUs + 1_000_000);
  }
  expect(real.log).toEqual(model.log);
  expect(real.nowUs).toBe(model.nowUs);
  expect(real.sched.pending).toBe(0);
}

describe("scheduler vs reference model", () => {
  it("executes the same events in the same order (short sequences)", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        check(ops);
      }),
      { numRuns: 400 },
    );
  });

  it("executes the same events in the same order (long sequences, compaction)", () => {
    // Long runs of arm/cancel with few steps make stale entries pile up past the compaction
    // threshold, so compaction happens mid-sequence.
    const heavy = fc.oneof(
      { arbitrary: opArb, weight: 3 },
      {
        arbitrary: fc.record({
          op: fc.constant("arm" as const),
          timer: fc.integer({ min: 0, max: TIMERS - 1 }),
          dt: fc.integer({ min: 0, max: 30 }),
        }),
        weight: 4,
      },
      {
        arbitrary: fc.record({
          op: fc.constant("cancel" as const),
          timer: fc.integer({ min: 0, max: TIMERS - 1 }),
        }),
        weight: 2,
      },
    );
    fc.assert(
      fc.property(fc.array(heavy, { minLength: 200, maxLength: 600 }), (ops) => {
        check(ops);
      }),
      { numRuns: 60 },
    );
  });
});
