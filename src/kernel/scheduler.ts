/**
 * The event queue, the clock and reusable timers: the core of the simulation kernel.
 *
 * ## Ordering
 * Events run in the total order `(time, priority, sequence)`:
 * - `time` — integer microseconds; earlier first.
 * - `priority` — an integer in [{@link PRIORITY_MIN}, {@link PRIORITY_MAX}]; at equal time the
 *   lower number runs first.
 * - `sequence` — a global counter taken when an event is scheduled ({@link Scheduler.at},
 *   {@link Scheduler.after}) or a timer is armed ({@link Scheduler.arm}); so events with equal
 *   time and priority run in the order they were scheduled.
 *
 * The order is total (no two entries share a sequence number), so the heap never relies on
 * comparator stability and a run is a pure function of the calls made on the scheduler.
 *
 * ## Representation
 * A binary min-heap over parallel typed arrays ({@link EventHeap}, event-heap.ts): scheduling
 * allocates no object per event.
 *
 * ## Timers
 * A timer is a reusable, cancellable event. Cancellation is O(1) by lazy deletion: each heap
 * entry of a timer carries the timer's generation; an entry whose generation is not the timer's
 * current one, or whose timer is disarmed, is *stale* and is dropped when it reaches the top.
 * Re-arming to a time at or after the timer's live heap entry pushes nothing: the new target time
 * and sequence are recorded, and when the old entry reaches the top it is re-inserted at the
 * recorded target with the recorded sequence. This keeps the heartbeat pattern (re-arm a
 * watchdog later on every message) at O(1) per re-arm, and the firing order is exactly as if the
 * timer had been scheduled by its last arm. Re-arming earlier pushes a fresh entry and makes the
 * old one stale. When stale entries outnumber live ones the heap is compacted, so constant
 * re-arming or cancelling never grows the queue without bound (amortised O(1) per operation).
 *
 * @module
 */

import type { Gate } from "./gate.js";
import { NO_TIME, SEQ_SPAN, TimerTable } from "./timer-table.js";

export type { Gate } from "./gate.js";
import { MAX_TIME_US } from "./time.js";
import {
  PRIORITY_MAX,
  PRIORITY_MIN,
  SchedulingError,
  badDelay,
  badHandler,
  badTime,
  checkPriority,
  seqExhausted,
} from "./scheduling-checks.js";

export { PRIORITY_MAX, PRIORITY_MIN, SchedulingError } from "./scheduling-checks.js";

/** Index of a handler, returned by {@link Scheduler.register}. */
export type HandlerId = number;
/** Index of a reusable timer, returned by {@link Scheduler.createTimer}. */
export type TimerId = number;
/** An event handler. It receives the event's `arg`; read {@link Scheduler.nowUs} for the time. */
export type Handler = (arg: number) => void;
/** Called before each handler runs with the event's time (µs), handler id and argument. */
export type Tracer = (timeUs: number, handler: HandlerId, arg: number) => void;

/** Options for {@link Scheduler}. */
export interface SchedulerOptions {
  /** The clock's starting time in µs (a non-negative integer). Default 0. */
  startUs?: number;
  /** Number of heap entries to allocate up front; the heap doubles when full. Default 1024. */
  initialCapacity?: number;
}

/**
 * A deterministic discrete-event scheduler: a clock in integer microseconds, a priority queue of
 * one-shot events, and reusable cancellable timers. See the module documentation for the
 * ordering rules and the representation.
 *
 * Handlers are registered once (at build time) and events refer to them by id with one numeric
 * argument, so scheduling an event allocates nothing. Exceptions thrown by handlers propagate
 * out of {@link step} / {@link run}; the event that threw has already been removed and counted.
 */
export class Scheduler extends TimerTable {
  // Every field is initialised here with a value of its final type (see module doc: V8 field
  // representations), and the constructor only overwrites them.
  private executed = 0;
  private stopRequested = false;
  private running = false;
  private tracer: Tracer | null = null;
  private gate: Gate | null = null;

  /**
   * @param options - `startUs` (default 0) sets the clock; `initialCapacity` (default 1024)
   *   pre-sizes the heap.
   */
  constructor(options: SchedulerOptions = {}) {
    const start = options.startUs ?? 0;
    // (Checked before super(): a bad start must not allocate the heap.)
    if (!Number.isSafeInteger(start) || start < 0) {
      throw new SchedulingError(
        `startUs must be a non-negative integer number of microseconds, got ${start}`,
      );
    }
    super(Math.max(16, Math.floor(options.initialCapacity ?? 1024)));
    this.now = start;
  }

  /** The current simulated time in integer µs. It never goes backwards. */
  get nowUs(): number {
    return this.now;
  }

  /** Number of live pending events: one-shot events plus armed timers (stale entries excluded). */
  get pending(): number {
    return this.live;
  }

  /** Number of handlers executed so far. */
  get eventsRun(): number {
    return this.executed;
  }

  /** Number of heap entries including stale ones (for tests and diagnostics). */
  get heapSize(): number {
    return this.size;
  }

  /**
   * Registers a handler and returns its id. Register every handler once while building the
   * model, not per event: an event is then just `(time, priority, handler id, arg)`.
   */
  register(handler: Handler): HandlerId {
    if (typeof handler !== "function") throw new SchedulingError("register() expects a function");
    return this.handlers.push(handler) - 1;
  }

  /** The registered handler's function name, or `handler#<id>` when it has none (for traces). */
  handlerName(handler: HandlerId): string {
    const fn = this.handlers[handler];
    return fn !== undefined && fn.name !== "" ? fn.name : `handler#${handler}`;
  }

  /**
   * Schedules a one-shot event (not cancellable; use a timer for that).
   *
   * @param timeUs - absolute time in integer µs, `>= nowUs`.
   * @param priority - integer in [PRIORITY_MIN, PRIORITY_MAX]; lower runs first at equal time.
   * @param handler - a registered handler id.
   * @param arg - passed to the handler; any number. Default 0.
   * @throws SchedulingError for a time in the past, a non-integer or non-finite time, a bad
   *   priority or an unknown handler.
   */
  at(timeUs: number, priority: number, handler: HandlerId, arg = 0): void {
    if (!(timeUs >= this.now && timeUs <= MAX_TIME_US && Math.floor(timeUs) === timeUs))
      badTime(timeUs, this.now);
    if (!(handler >>> 0 === handler && handler < this.handlers.length))
      badHandler(handler, this.handlers.length);
    this.push(timeUs, this.nextKey(priority), arg, handler);
    this.live++;
  }

  /**
   * Schedules a one-shot event `delayUs` after now: the same as `at(nowUs + delayUs, ...)`.
   *
   * @param delayUs - a non-negative integer number of µs (0 runs after the events already
   *   scheduled for now at the same priority).
   */
  after(delayUs: number, priority: number, handler: HandlerId, arg = 0): void {
    const time = this.now + delayUs;
    if (!(delayUs >= 0 && time <= MAX_TIME_US && Math.floor(delayUs) === delayUs))
      badDelay(delayUs, this.now);
    if (!(handler >>> 0 === handler && handler < this.handlers.length))
      badHandler(handler, this.handlers.length);
    this.push(time, this.nextKey(priority), arg, handler);
    this.live++;
  }

  /**
   * Runs the next live event: advances the clock to its time and calls its handler.
   *
   * @returns false when no live event is pending (the clock is then unchanged).
   * @throws SchedulingError when called from inside a handler.
   */
  step(): boolean {
    if (this.running) throw new SchedulingError("step() called from inside a handler");
    this.running = true;
    try {
      while (this.size > 0) {
        if (this.dispatchTop()) return true;
      }
      return false;
    } finally {
      this.running = false;
    }
  }

  /**
   * Runs events in order until none is left, or the next one is later than `untilUs`, or a
   * handler calls {@link stop}. When it ends because the events up to `untilUs` are exhausted
   * and `untilUs` is later than now, the clock is set to `untilUs`; after a stop the clock stays
   * at the time of the last event run.
   *
   * @param untilUs - inclusive horizon in integer µs; omitted means run until the queue is empty.
   * @throws SchedulingError when called from inside a handler or with a bad horizon.
   */
  run(untilUs?: number): void {
    if (this.running) throw new SchedulingError("run() called from inside a handler");
    let until = MAX_TIME_US;
    if (untilUs !== undefined) {
      if (!(untilUs >= 0 && untilUs <= MAX_TIME_US && Math.floor(untilUs) === untilUs)) {
        throw new SchedulingError(
          `run(untilUs) expects a non-negative integer number of µs, got ${untilUs}`,
        );
      }
      until = untilUs;
    }
    this.running = true;
    this.stopRequested = false;
    try {
      if (this.gate !== null) {
        if (this.runGated(until)) return;
      } else {
        while (this.size > 0 && this.hTime[0]! <= until) {
          // stop() sets the flag from inside a handler, which the type checker cannot see.
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
          if (this.dispatchTop() && this.stopRequested) return;
        }
      }
    } finally {
      this.running = false;
    }
    if (until > this.now && untilUs !== undefined) this.now = until;
  }

  /**
   * Asks the current {@link run} to return after the event being handled. It only affects a run
   * in progress: each call to run() starts with the request cleared.
   */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Sets or clears the gate: a co-process asked before every event that {@link run} dispatches
   * (see {@link Gate}). Events the gate runs itself count in {@link eventsRun} through
   * {@link countGateEvents}. {@link step} does not consult the gate.
   */
  setGate(gate: Gate | null): void {
    this.gate = gate;
  }

  /**
   * The earliest time (µs) of a pending event whose priority is below `priority`; Infinity if
   * none. A scan of the whole queue, O(pending): for a gate deciding how far it may look ahead
   * while the queue is small, not for the per-event path.
   */
  nextTimeBelow(priority: number): number {
    checkPriority(priority);
    const limit = (priority - PRIORITY_MIN) * SEQ_SPAN;
    const data = this.slotData;
    let min = Infinity;
    for (let i = 0; i < this.size; i++) {
      const base = this.hSlot[i]! * 3;
      const code = data[base + 2]!;
      let time = this.hTime[i]!;
      let key = data[base]!;
      if (code < 0) {
        const timer = ~code;
        // A stale entry is skipped; a deferred one counts at its latest arming.
        if (data[base + 1] !== this.tGen[timer] || this.tTarget[timer]! < 0) continue;
        time = this.tTarget[timer]!;
        key = this.tKey[timer]!;
      }
      if (key < limit && time < min) min = time;
    }
    return min;
  }

  /** Adds `n` events that a gate ran outside the heap to {@link eventsRun}. */
  countGateEvents(n: number): void {
    this.executed += n;
  }

  /**
   * Sets or clears the tracer, called before each handler with `(timeUs, handler, arg)`. With no
   * tracer the cost is one null check per event.
   */
  setTracer(tracer: Tracer | null): void {
    this.tracer = tracer;
  }

  // ---------------------------------------------------------------------------------------------

  /** Pops the top entry and runs it if it is live. Returns whether a handler ran. */
  private dispatchTop(): boolean {
    const time = this.hTime[0]!;
    const slot = this.hSlot[0]!;
    const data = this.slotData;
    const base = slot * 3;
    const key = data[base]!;
    const arg = data[base + 1]!;
    const code = data[base + 2]!;
    this.freeSlots[this.freeCount++] = slot;
    this.removeTop();
    if (code >= 0) {
      this.live--;
      this.now = time;
      this.executed++;
      const tracer = this.tracer;
      if (tracer !== null) tracer(time, code, arg);
      this.handlers[code]!(arg);
      return true;
    }
    return this.dispatchTimer(~code, time, key, arg);
  }

  /** Handles a popped timer entry: stale, deferred (re-insert at the latest arming) or due. */
  private dispatchTimer(timer: number, time: number, key: number, gen: number): boolean {
    if (gen !== this.tGen[timer]) return false; // superseded by an earlier re-arm
    if (this.tTarget[timer]! < 0) {
      this.tEntryTime[timer] = NO_TIME; // cancelled and not re-armed since
      return false;
    }
    const latestKey = this.tKey[timer]!;
    if (latestKey !== key) {
      // Re-armed at or after this entry's time: re-insert at the latest arming.
      const target = this.tTarget[timer]!;
      this.push(target, latestKey, gen, ~timer);
      this.tEntryTime[timer] = target;
      return false;
    }
    this.tTarget[timer] = NO_TIME;
    this.tEntryTime[timer] = NO_TIME;
    this.live--;
    this.now = time;
    this.executed++;
    const handler = this.tHandler[timer]!;
    const arg = this.tArg[timer]!;
    const tracer = this.tracer;
    if (tracer !== null) tracer(time, handler, arg);
    this.handlers[handler]!(arg);
    return true;
  }

  /**
   * The run loop with a gate: before each live event the gate runs its own earlier events; at
   * the end it flushes. Returns true when a handler stopped the run.
   */
  private runGated(until: number): boolean {
    const gate = this.gate!;
    for (;;) {
      if (gate.active) {
        if (!this.settleTop() || this.hTime[0]! > until) {
          gate.flush(until);
          continue;
        }
        if (gate.before(this.hTime[0]!, this.slotData[this.hSlot[0]! * 3]!)) continue;
      } else {
        if (this.size === 0 || this.hTime[0]! > until) return false;
        if (gate.poll()) continue;
      }
      if (this.dispatchTop() && this.stopRequested) return true;
    }
  }

  /** Drops stale and re-inserts deferred timer entries until the top is live; false if empty. */
  private settleTop(): boolean {
    const data = this.slotData;
    while (this.size > 0) {
      const base = this.hSlot[0]! * 3;
      const code = data[base + 2]!;
      if (code >= 0) return true;
      const timer = ~code;
      if (
        data[base + 1] === this.tGen[timer] &&
        this.tTarget[timer]! >= 0 &&
        this.tKey[timer] === data[base]
      )
        return true;
      this.dispatchTop(); // stale or deferred: dropped or re-inserted, no handler runs
    }
    return false;
  }

  private nextKey(priority: number): number {
    if (!((priority | 0) === priority && priority >= PRIORITY_MIN && priority <= PRIORITY_MAX))
      checkPriority(priority);
    const key = (priority - PRIORITY_MIN) * SEQ_SPAN + this.seq;
    if (++this.seq >= SEQ_SPAN) seqExhausted(SEQ_SPAN);
    return key;
  }
}
