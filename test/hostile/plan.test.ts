/**
 * Issue 18 item 6 and issue 14 item 5: the work is estimated before it starts, huge work is
 * refused without --force, and worker threads are used only when they pay.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { estimateWork } from "../../src/cli/estimate.js";
import { loadScenario } from "../../src/cli/load.js";
import { planWork, threadsFor, WORKERS_PAY_CPU_S } from "../../src/cli/plan.js";
import { UserError } from "../../src/cli/errors.js";
import { runReplication } from "../../src/run/replication.js";
import { hasim, isOneCleanLine, ROOT, TINY, tempDir } from "../cli/helpers.js";

const MACHINE = { cores: 2, memoryBytes: 8 * 2 ** 30 };

function tiny(...set: string[]) {
  return loadScenario(TINY, { set }).scenario;
}

describe("work estimates", () => {
  it("counts runs, mails and events of the tiny scenario", () => {
    const w = estimateWork([tiny()]);
    expect(w.runs).toBe(9); // 3 policies × 3 replications
    expect(w.mails).toBeCloseTo(9 * 2 * 1800, 0); // 2/s for 30 min
    expect(w.events).toBeGreaterThan(w.mails);
    expect(w.cpuS).toBeLessThan(WORKERS_PAY_CPU_S);
  });

  it.each([
    // The validator caps each number (rate ≤ 1e6/s, workers ≤ 1e5, replications ≤ 1e6); these
    // are within the caps and still far too big to run without being asked.
    ["rate 1e6/s for a year", ["workload.arrivals.rate=1e6/s", "horizon=365d"]],
    [
      "1e5 delivery workers at 1e6/s",
      ["mta.deliveryWorkers=100000", "workload.arrivals.rate=1e6/s"],
    ],
    ["1e6 replications of a day", ["replications=1000000", "horizon=1d"]],
    [
      "a random fault every microsecond",
      ["randomFaults=[{kind: link-down, link: all, mtbf: 1us, repair: 1us}]"],
    ],
    [
      "flapping every microsecond",
      ["faults=[{at: 1m, kind: flapping, link: all, duration: 20m, down: 1us, up: 1us}]"],
    ],
    [
      "simulated heartbeats every microsecond",
      ["engine.heartbeats=simulated", "ha.heartbeat.interval=1us", "horizon=1d"],
    ],
  ])("refuses %s without --force, with one line naming its size", (_, set) => {
    const q = tiny(...set);
    expect(() => planWork([q], 1, false, MACHINE)).toThrow(UserError);
    expect(() => planWork([q], 1, false, MACHINE)).toThrow(
      /runs, .* mails, .* events: about .* peak memory/,
    );
  });

  it("runs huge work with --force, announcing it", () => {
    const plan = planWork([tiny("replications=1000000", "horizon=1d")], 1, true, MACHINE);
    expect(plan.notice).toMatch(/^hasim: 3\.0e6 runs/);
  });

  it.each([
    // Failovers; a full spool whose senders retry for an hour and a half; a year of faults
    // with the episodes engine (its replications differ by up to 2× in events: their mean).
    ["primary-crash.yaml", [], 1],
    ["downstream-outage.yaml", [], 1],
    ["year-of-faults.yaml", ["workload.arrivals.rate=5/s"], 8],
  ])("counts the events of %s within a factor of 1.5 of its runs'", (file, set, runs) => {
    // The estimate decides --jobs and what is announced or refused: it used to count every
    // fault's whole duration as refused mail, and a year of faults at 5 mails/s at twice its
    // events.
    const q = loadScenario(join(ROOT, "scenarios", file), {
      set: [...set, "replications=1", "policies=[restore]"],
    }).scenario;
    const estimated = estimateWork([q]).events;
    let ran = 0;
    for (let r = 0; r < runs; r++) ran += runReplication(q, "restore", r).metrics.events / runs;
    expect(estimated / ran).toBeGreaterThan(1 / 1.5);
    expect(estimated / ran).toBeLessThan(1.5);
  });

  it("accepts every shipped scenario as it is, without --force", () => {
    for (const f of readdirSync(join(ROOT, "scenarios")).filter((n) => n.endsWith(".yaml"))) {
      const q = loadScenario(join(ROOT, "scenarios", f), {}).scenario;
      expect(() => planWork([q], 2, false, MACHINE), f).not.toThrow();
    }
  });
});

describe("threads", () => {
  it("caps --jobs at the cores and the runs", () => {
    const big = estimateWork([tiny("horizon=30d")]);
    expect(threadsFor(big, 1000, MACHINE)).toBe(2);
    expect(threadsFor(big, 1000, { ...MACHINE, cores: 64 })).toBe(9);
  });

  it("stays in-process below the measured threshold", () => {
    expect(threadsFor(estimateWork([tiny()]), 2, MACHINE)).toBe(1);
  });

  it("uses fewer threads when their memory would not fit", () => {
    // Memory follows the mails held at once (sim/retire.ts), not the mails run: at 100 000
    // mails a second the tiny scenario's outage holds some 1.2 GB per run.
    const w = estimateWork([tiny("horizon=1h", "workload.arrivals.rate=100000/s")]);
    expect(threadsFor(w, 2, { cores: 2, memoryBytes: 8 * 2 ** 30 })).toBe(2);
    expect(threadsFor(w, 2, { cores: 2, memoryBytes: 2 * 2 ** 30 })).toBe(1);
  });

  it("refuses through the CLI before simulating, and --jobs 1000 runs", async () => {
    const r = await hasim([
      "run",
      TINY,
      "--replications",
      "10000000",
      "--out",
      join(tempDir(), "x"),
    ]);
    expect(r.code).toBe(2);
    expect(isOneCleanLine(r.err)).toBe(true);
    expect((await hasim(["run", TINY, "--jobs", "1000", "--out", join(tempDir(), "y")])).code).toBe(
      0,
    );
  });
});
