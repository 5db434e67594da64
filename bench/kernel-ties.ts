/**
 * Order cross-check against the reference hold program (`../shared/bench/hold.mjs N M ties`).
 *
 * In its `ties` mode hold.mjs draws hold times on a 1/4 grid (so equal times are common), uses
 * four callbacks and folds the pop order into a hash; every kernel that pops in (time, sequence)
 * order prints the same hash. This replays the same model on our scheduler, with time in
 * quarter-units as integers and the same xorshift generator, so the hashes must match.
 *
 * @module
 */

import { Scheduler } from "../src/kernel/scheduler.js";

/** Result of {@link runTiesModel}: the order hash and the final clock in hold.mjs units. */
export interface TiesResult {
  /** Unsigned 32-bit hash of the pop order, as hold.mjs prints it. */
  readonly hash: number;
  /** Final time in hold.mjs units (our quarter-unit integer clock divided by 4). */
  readonly time: number;
}

/**
 * Runs hold.mjs's `ties` model on the kernel scheduler: `n` pending events, `m` events run.
 * Mirrors hold.mjs statement by statement (the same draws in the same order).
 */
export function runTiesModel(n: number, m: number): TiesResult {
  let x = 123456789;
  const rnd = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  // hold.mjs: Math.floor(-4 * Math.log(1 - rnd())) / 4 time units, i.e. that many quarter-units.
  const ex = (): number => Math.floor(-4 * Math.log(1 - rnd()));
  const sched = new Scheduler({ initialCapacity: n + 16 });
  let hash = 0;
  let count = 0;
  const ticks: number[] = [];
  for (let k = 0; k < 4; k++) {
    ticks.push(
      sched.register(() => {
        count++;
        hash = (Math.imul(hash, 31) + k) | 0;
        sched.after(ex(), 0, ticks[hash & 3]!);
        if (count >= m) sched.stop();
      }),
    );
  }
  for (let i = 0; i < n; i++) sched.after(ex(), 0, ticks[i & 3]!);
  sched.run();
  return { hash: hash >>> 0, time: sched.nowUs / 4 };
}
