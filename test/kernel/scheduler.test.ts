import { describe, expect, it } from "vitest";
import {
  PRIORITY_MAX,
  PRIORITY_MIN,
  Scheduler,
  SchedulingError,
} from "../../src/kernel/scheduler.js";
import { TraceRecorder } from "../../src/kernel/trace.js";

/** A scheduler with one handler that logs `label(arg)@time`. */
function logging(options: { startUs?: number; initialCapacity?: number } = {}) {
  const sched = new Scheduler(options);
  const log: string[] = [];
  const h = sched.register(function logArg(arg) {
    log.push(`${arg}@${sched.nowUs}`);
  });
  return { sched, log, h };
}

describe("ordering", () => {
  it("runs by time, then priority, then scheduling order", () => {
    const { sched, log, h } = logging();
    sched.at(30, 0, h, 1);
    sched.at(10, 5, h, 2);
    sched.at(10, -3, h, 3);
    sched.at(20, 0, h, 4);
    sched.at(10, 5, h, 5);
    sched.at(10, 0, h, 6);
    sched.at(10, -3, h, 7);
    sched.run();
    expect(log).toEqual(["3@10", "7@10", "6@10", "2@10", "5@10", "4@20", "1@30"]);
  });

  it("keeps scheduling order among thousands of equal keys (no reliance on heap stability)", () => {
    const { sched, log, h } = logging({ initialCapacity: 16 });
    const n = 5000;
    // Interleave two times and two priorities so the heap reshuffles a lot.
    for (let i = 0; i < n; i++) sched.at(i % 2 === 0 ? 100 : 50, i % 3 === 0 ? 1 : 0, h, i);
    sched.run();
    const order = log.map((s) => Number(s.split("@")[0]));
    const expected = [...Array(n).keys()].sort((a, b) => {
      const ta = a % 2 === 0 ? 100 : 50,
        tb = b % 2 === 0 ? 100 : 50;
      const pa = a % 3 === 0 ? 1 : 0,
        pb = b % 3 === 0 ? 1 : 0;
      return ta - tb || pa - pb || a - b;
    });
    expect(order).toEqual(expected);
  });

  it("runs an event scheduled for now after the pending ones of equal priority, before less urgent ones", () => {
    const sched = new Scheduler();
    const log: string[] = [];
    const note = sched.register((arg) => log.push(`note${arg}`));
    const spawner = sched.register(() => {
      log.push("spawner");
      sched.after(0, 0, note, 99); // same time, same priority: after note1
      sched.after(0, -1, note, 98); // more urgent: before note1 and note2
    });
    sched.at(5, 0, spawner);
    sched.at(5, 0, note, 1);
    sched.at(5, 1, note, 2);
    sched.run();
    expect(log).toEqual(["spawner", "note98", "note1", "note99", "note2"]);
  });

  it("keeps the total order in a heap too large for the branch-free sift-down (> 2^18 entries)", () => {
    const sched = new Scheduler();
    const order: number[] = [];
    const h = sched.register((arg) => order.push(arg));
    const n = 300_000;
    const time = (i: number): number => (i * 7919) % 1000; // many ties
    const prio = (i: number): number => (i * 31) % 3;
    for (let i = 0; i < n; i++) sched.at(time(i), prio(i), h, i);
    sched.run();
    expect(order.length).toBe(n);
    let sortedCount = 0;
    for (let k = 1; k < n; k++) {
      const a = order[k - 1]!,
        b = order[k]!;
      if (
        time(a) < time(b) ||
        (time(a) === time(b) && (prio(a) < prio(b) || (prio(a) === prio(b) && a < b)))
      )
        sortedCount++;
    }
    expect(sortedCount).toBe(n - 1);
  });

  it("never moves the clock backwards", () => {
    const sched = new Scheduler({ initialCapacity: 16 });
    const times: number[] = [];
    let x = 12345;
    const h = sched.register(() => {
      times.push(sched.nowUs);
      x = (x * 1103515245 + 12345) % 2147483648;
      if (times.length < 20_000) sched.after(x % 1000, x % 3, h);
    });
    for (let i = 0; i < 100; i++) sched.at(i * 7, 0, h);
    sched.run();
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(times.length).toBeGreaterThan(10_000);
  });

  it("grows past its initial capacity", () => {
    const { sched, log, h } = logging({ initialCapacity: 16 });
    for (let i = 0; i < 100_000; i++) sched.at(100_000 - i, 0, h, i);
    expect(sched.pending).toBe(100_000);
    sched.run();
    expect(log.length).toBe(100_000);
    expect(log[0]).toBe("99999@1");
    expect(log[99_999]).toBe("0@100000");
  });
});

describe("validation", () => {
  it("rejects scheduling in the past, naming the time and now", () => {
    const { sched, h } = logging({ startUs: 1000 });
    expect(() => {
      sched.at(999, 0, h);
    }).toThrow(SchedulingError);
    expect(() => {
      sched.at(999, 0, h);
    }).toThrow(/999µs.*before now 1000µs/);
    const t = sched.createTimer(h, 0);
    expect(() => {
      sched.arm(t, 10);
    }).toThrow(/before now 1000µs/);
    expect(() => {
      sched.after(-1, 0, h);
    }).toThrow(SchedulingError);
    expect(() => {
      sched.armAfter(t, -5);
    }).toThrow(/non-negative integer/);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])("rejects the time %s", (time) => {
    const { sched, h } = logging();
    expect(() => {
      sched.at(time, 0, h);
    }).toThrow(SchedulingError);
    expect(() => {
      sched.after(time, 0, h);
    }).toThrow(SchedulingError);
    expect(() => {
      sched.arm(sched.createTimer(h, 0), time);
    }).toThrow(SchedulingError);
  });

  it("rejects unknown handlers, timers and out-of-range priorities", () => {
    const { sched, h } = logging();
    expect(() => {
      sched.at(1, 0, 7);
    }).toThrow(/unknown handler id 7/);
    expect(() => {
      sched.at(1, 0, -1);
    }).toThrow(/unknown handler/);
    expect(() => {
      sched.at(1, 0.5, h);
    }).toThrow(/priority must be an integer/);
    expect(() => {
      sched.at(1, PRIORITY_MAX + 1, h);
    }).toThrow(/priority/);
    expect(() => sched.createTimer(h, PRIORITY_MIN - 1)).toThrow(/priority/);
    expect(() => {
      sched.cancel(3);
    }).toThrow(/unknown timer id 3/);
    expect(() => {
      sched.arm(0, 5);
    }).toThrow(/unknown timer/);
    expect(() => {
      sched.run(1.5);
    }).toThrow(/run\(untilUs\)/);
    expect(() => new Scheduler({ startUs: -1 })).toThrow(SchedulingError);
    // Nothing invalid was queued.
    expect(sched.pending).toBe(0);
  });

  it("accepts the extreme priorities in the right order", () => {
    const { sched, log, h } = logging();
    sched.at(1, PRIORITY_MAX, h, 1);
    sched.at(1, PRIORITY_MIN, h, 2);
    sched.run();
    expect(log).toEqual(["2@1", "1@1"]);
  });
});

describe("timers", () => {
  it("fires once when armed, not when cancelled", () => {
    const { sched, log, h } = logging();
    const a = sched.createTimer(h, 0, 1);
    const b = sched.createTimer(h, 0, 2);
    expect(sched.isArmed(a)).toBe(false);
    expect(sched.armedAtUs(a)).toBe(-1);
    sched.arm(a, 10);
    sched.arm(b, 20);
    expect(sched.isArmed(a)).toBe(true);
    expect(sched.armedAtUs(b)).toBe(20);
    expect(sched.pending).toBe(2);
    sched.cancel(b);
    sched.cancel(b); // no-op
    expect(sched.pending).toBe(1);
    expect(sched.isArmed(b)).toBe(false);
    sched.run();
    expect(log).toEqual(["1@10"]);
    expect(sched.isArmed(a)).toBe(false);
    expect(sched.pending).toBe(0);
  });

  it("re-armed later fires only at the later time", () => {
    const { sched, log, h } = logging();
    const t = sched.createTimer(h, 0, 7);
    sched.arm(t, 10);
    sched.arm(t, 50);
    sched.arm(t, 30);
    expect(sched.pending).toBe(1);
    sched.run(40);
    expect(log).toEqual(["7@30"]);
    sched.arm(t, 60);
    sched.armAfter(t, 100); // now is 40: fires at 140
    sched.run();
    expect(log).toEqual(["7@30", "7@140"]);
    expect(sched.eventsRun).toBe(2);
  });

  it("re-armed earlier fires only at the earlier time", () => {
    const { sched, log, h } = logging();
    const t = sched.createTimer(h, 0, 7);
    sched.arm(t, 100);
    sched.arm(t, 20);
    sched.arm(t, 5);
    sched.run();
    expect(log).toEqual(["7@5"]);
    expect(sched.pending).toBe(0);
  });

  it("can be re-armed after a cancel, to earlier or later times", () => {
    const { sched, log, h } = logging();
    const t = sched.createTimer(h, 0, 7);
    sched.arm(t, 50);
    sched.cancel(t);
    sched.arm(t, 80); // later than the stale entry: reuses it
    sched.run(60);
    expect(log).toEqual([]);
    sched.run();
    expect(log).toEqual(["7@80"]);
    sched.arm(t, 200);
    sched.cancel(t);
    sched.arm(t, 150); // earlier than the stale entry
    sched.run();
    expect(log).toEqual(["7@80", "7@150"]);
  });

  it("is disarmed when its handler runs, and may re-arm itself there", () => {
    const sched = new Scheduler();
    const seen: [number, boolean][] = [];
    let t = -1;
    const h = sched.register(() => {
      seen.push([sched.nowUs, sched.isArmed(t)]);
      if (seen.length < 4) sched.armAfter(t, 10);
    });
    t = sched.createTimer(h, 0);
    sched.arm(t, 5);
    sched.run();
    expect(seen).toEqual([
      [5, false],
      [15, false],
      [25, false],
      [35, false],
    ]);
  });

  it("fires in the order of its last arm, as if scheduled there", () => {
    // Each step: arm the timer at a time, cancel it, or schedule event e1 at a time and priority.
    type Op = ["arm", number] | ["cancel"] | ["at", number, number];
    const order = (ops: readonly Op[]): string[] => {
      const sched = new Scheduler();
      const log: string[] = [];
      const note = sched.register((arg) => log.push(`e${arg}@${sched.nowUs}`));
      const timerH = sched.register(() => log.push(`timer@${sched.nowUs}`));
      const t = sched.createTimer(timerH, 0);
      for (const op of ops) {
        if (op[0] === "arm") sched.arm(t, op[1]);
        else if (op[0] === "cancel") sched.cancel(t);
        else sched.at(op[1], op[2], note, 1);
      }
      sched.run();
      return log;
    };
    const cases: [string, Op[], string[]][] = [
      [
        "re-armed later onto a time where an event was scheduled before the re-arm: the event first",
        [
          ["arm", 100],
          ["at", 200, 0],
          ["arm", 200],
        ],
        ["e1@200", "timer@200"],
      ],
      [
        "... and an event scheduled after the re-arm comes after the timer",
        [
          ["arm", 100],
          ["arm", 200],
          ["at", 200, 0],
        ],
        ["timer@200", "e1@200"],
      ],
      [
        "re-armed to the same time: its sequence is renewed",
        [
          ["arm", 200],
          ["at", 200, 0],
          ["arm", 200],
        ],
        ["e1@200", "timer@200"],
      ],
      [
        "re-armed earlier, after an event",
        [
          ["arm", 300],
          ["at", 200, 0],
          ["arm", 200],
        ],
        ["e1@200", "timer@200"],
      ],
      [
        "re-armed earlier, before an event",
        [
          ["arm", 300],
          ["arm", 200],
          ["at", 200, 0],
        ],
        ["timer@200", "e1@200"],
      ],
      [
        "priority still beats sequence",
        [
          ["arm", 100],
          ["arm", 200],
          ["at", 200, -1],
        ],
        ["e1@200", "timer@200"],
      ],
      [
        "cancelled then re-armed: ordered by the re-arm",
        [["arm", 100], ["cancel"], ["at", 150, 0], ["arm", 150]],
        ["e1@150", "timer@150"],
      ],
    ];
    for (const [why, ops, expected] of cases) expect(order(ops), why).toEqual(expected);
  });

  it("keeps the heap bounded under 1e5 re-arms and cancels of a few timers", () => {
    const sched = new Scheduler({ initialCapacity: 16 });
    const h = sched.register(() => undefined);
    const timers = [0, 1, 2, 3].map((i) => sched.createTimer(h, i));
    let x = 1;
    let maxHeap = 0;
    for (let i = 0; i < 100_000; i++) {
      x = (x * 48271) % 2147483647;
      const t = timers[x % 4]!;
      const op = (x >>> 4) % 10;
      if (op === 0) sched.cancel(t);
      else if (op < 5)
        sched.arm(t, sched.nowUs + 1 + (x % 1_000_000)); // anywhere: often earlier
      else sched.armAfter(t, 2_000_000 + i); // later than before (heartbeat pattern)
      if (i % 1000 === 999) sched.run(sched.nowUs + 1000);
      maxHeap = Math.max(maxHeap, sched.heapSize);
    }
    expect(maxHeap).toBeLessThanOrEqual(70);
    const armed = timers.filter((t) => sched.isArmed(t)).length;
    expect(sched.pending).toBe(armed);
    sched.run();
    expect(sched.pending).toBe(0);
    expect(sched.heapSize).toBe(0);
  });

  it("keeps the heap bounded when a timer is re-armed earlier again and again (no cancels)", () => {
    const sched = new Scheduler({ initialCapacity: 16 });
    const h = sched.register(() => undefined);
    const t = sched.createTimer(h, 0);
    for (let i = 0; i < 100_000; i++) {
      sched.arm(t, 1_000_000 - i); // every arm is earlier: a fresh entry each time
      expect(sched.heapSize).toBeLessThanOrEqual(64);
    }
    sched.run();
    expect(sched.eventsRun).toBe(1);
    expect(sched.nowUs).toBe(900_001);
  });

  it("still runs everything in order after compactions", () => {
    const { sched, log, h } = logging({ initialCapacity: 16 });
    let x = 7;
    const expected: [number, number][] = [];
    for (let i = 0; i < 300; i++) {
      x = (x * 48271) % 2147483647;
      const time = 500_000 + (x % 5000); // later than the timers, so timer entries sit near the root
      sched.at(time, 0, h, i);
      expected.push([time, i]);
    }
    const timers = [0, 1, 2].map((k) => sched.createTimer(h, 0, 1000 + k));
    // Re-arm earlier many times: stale entries pile up past the live ones and force compactions.
    for (let i = 0; i < 3000; i++) {
      const k = i % 3;
      sched.arm(timers[k]!, 200_000 - i);
      expect(sched.heapSize).toBeLessThanOrEqual(2 * sched.pending + 1);
    }
    for (const [k, t] of timers.entries()) expected.push([sched.armedAtUs(t), 1000 + k]);
    sched.run();
    expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(log).toEqual(expected.map(([time, arg]) => `${arg}@${time}`));
  });

  it("pushes nothing when re-armed later (heartbeat pattern)", () => {
    const sched = new Scheduler();
    const h = sched.register(() => undefined);
    const t = sched.createTimer(h, 0);
    sched.arm(t, 10);
    for (let i = 0; i < 1000; i++) sched.arm(t, 20 + i);
    expect(sched.heapSize).toBe(1);
    sched.run();
    expect(sched.eventsRun).toBe(1);
    expect(sched.nowUs).toBe(1019);
  });
});

describe("step, run and stop", () => {
  it("step runs one event at a time and returns false when empty", () => {
    const { sched, log, h } = logging();
    expect(sched.step()).toBe(false);
    sched.at(3, 0, h, 1);
    sched.at(4, 0, h, 2);
    expect(sched.step()).toBe(true);
    expect(log).toEqual(["1@3"]);
    expect(sched.nowUs).toBe(3);
    expect(sched.step()).toBe(true);
    expect(sched.step()).toBe(false);
    expect(sched.nowUs).toBe(4);
  });

  it("step skips stale entries and reports false when only stale ones are left", () => {
    const { sched, log, h } = logging();
    const t = sched.createTimer(h, 0, 9);
    sched.arm(t, 10);
    sched.cancel(t);
    sched.at(20, 0, h, 1);
    expect(sched.step()).toBe(true);
    expect(log).toEqual(["1@20"]);
    sched.arm(t, 30);
    sched.cancel(t);
    expect(sched.pending).toBe(0);
    expect(sched.step()).toBe(false);
    expect(sched.nowUs).toBe(20);
  });

  it("run(until) runs events up to and including until, then sets the clock to until", () => {
    const { sched, log, h } = logging();
    for (const t of [5, 10, 15]) sched.at(t, 0, h, t);
    sched.run(10);
    expect(log).toEqual(["5@5", "10@10"]);
    expect(sched.nowUs).toBe(10);
    sched.run(12);
    expect(sched.nowUs).toBe(12);
    sched.run(3); // in the past: nothing happens, the clock stays
    expect(sched.nowUs).toBe(12);
    expect(sched.pending).toBe(1);
    sched.run();
    expect(log).toEqual(["5@5", "10@10", "15@15"]);
    expect(sched.nowUs).toBe(15); // no horizon: the clock stays at the last event
  });

  it("stop() makes run return after the current event, leaving the clock there", () => {
    const sched = new Scheduler();
    const log: number[] = [];
    const h = sched.register((arg) => {
      log.push(arg);
      if (arg === 2) sched.stop();
    });
    for (let i = 1; i <= 4; i++) sched.at(i * 10, 0, h, i);
    sched.run(1000);
    expect(log).toEqual([1, 2]);
    expect(sched.nowUs).toBe(20);
    expect(sched.pending).toBe(2);
    sched.run(1000);
    expect(log).toEqual([1, 2, 3, 4]);
    expect(sched.nowUs).toBe(1000);
  });

  it("propagates handler exceptions and stays usable", () => {
    const sched = new Scheduler();
    const boom = sched.register(() => {
      throw new Error("boom");
    });
    const { log, h } = { log: [] as number[], h: sched.register((a) => log.push(a)) };
    sched.at(1, 0, boom);
    sched.at(2, 0, h, 5);
    expect(() => {
      sched.run();
    }).toThrow("boom");
    expect(sched.nowUs).toBe(1);
    expect(sched.eventsRun).toBe(1);
    sched.run();
    expect(log).toEqual([5]);
  });

  it("refuses run() or step() from inside a handler", () => {
    const sched = new Scheduler();
    const errors: unknown[] = [];
    const h = sched.register(() => {
      for (const f of [
        () => {
          sched.run();
        },
        () => sched.step(),
      ]) {
        try {
          f();
        } catch (e) {
          errors.push(e);
        }
      }
    });
    sched.at(1, 0, h);
    sched.run();
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e instanceof SchedulingError)).toBe(true);
  });

  it("counts events run and pending", () => {
    const { sched, h } = logging({ startUs: 100 });
    expect(sched.nowUs).toBe(100);
    sched.after(0, 0, h);
    sched.after(5, 0, h);
    expect(sched.pending).toBe(2);
    sched.run();
    expect(sched.eventsRun).toBe(2);
    expect(sched.pending).toBe(0);
    expect(sched.nowUs).toBe(105);
  });
});

describe("tracer", () => {
  it("sees every handler call with time, handler and argument, and can be removed", () => {
    const sched = new Scheduler();
    const a = sched.register(function alpha() {
      // Only the tracer's record of the call is under test.
    });
    const b = sched.register(function beta() {
      // Only the tracer's record of the call is under test.
    });
    const t = sched.createTimer(b, 0, 42);
    const rec = new TraceRecorder(2);
    const seen: [number, number, number][] = [];
    sched.setTracer((time, handler, arg) => {
      seen.push([time, handler, arg]);
      rec.tracer(time, handler, arg);
    });
    sched.at(1_250_000, 0, a, 3);
    sched.arm(t, 2_000_000);
    sched.at(3_000_000, 0, a, 4);
    sched.run(2_500_000);
    expect(seen).toEqual([
      [1_250_000, a, 3],
      [2_000_000, b, 42],
    ]);
    expect(rec.lines((h) => sched.handlerName(h))).toEqual([
      "00:00:01.250 alpha(3)",
      "00:00:02 beta(42)",
    ]);
    sched.setTracer(null);
    sched.run();
    expect(seen).toHaveLength(2);
    expect(sched.eventsRun).toBe(3);
  });

  it("TraceRecorder keeps only the most recent events", () => {
    const rec = new TraceRecorder(3);
    for (let i = 0; i < 10; i++) rec.tracer(i, 0, i);
    expect(rec.count).toBe(10);
    expect(rec.entries().map((e) => e.arg)).toEqual([7, 8, 9]);
  });
});
