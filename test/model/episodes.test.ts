// engine.mail: episodes against the exact engine on 30-day horizons with frequent faults: the
// episode outcomes (lost, duplicated, given up, outages, time to restore service) are
// statistically indistinguishable, and the mean latency agrees within 1%. Both engines see the
// same faults (their streams are common); the mail between episodes is counted, not simulated.
import { describe, expect, it } from "vitest";
import { runReplication } from "../../src/run/replication.js";
import type { RunMetrics } from "../../src/sim/result.js";
import { qualifyScenario } from "../../src/scenario/qualify.js";

const REPLICATIONS = 16;

const raw = {
  name: "episodes-check",
  seed: 11,
  horizon: "30d",
  replications: REPLICATIONS,
  policies: ["off", "slave"],
  nodes: [
    { name: "A", mode: "master" },
    { name: "B", mode: "slave" },
  ],
  ha: { rservice: { smtp: { interval: "30s", timeout: "5s", retries: 3 } } },
  workload: { arrivals: { rate: "1/s" } },
  randomFaults: [
    { kind: "node-crash", node: "any", mtbf: "6d", repair: { dist: "exponential", mean: "1h" } },
    { kind: "node-hang", node: "any", mtbf: "15d", repair: { dist: "exponential", mean: "20m" } },
    { kind: "link-down", link: "all", mtbf: "10d", repair: { dist: "exponential", mean: "10m" } },
    { kind: "downstream-outage", mtbf: "8d", repair: { dist: "exponential", mean: "1h" } },
  ],
};

/** Two-sample Kolmogorov–Smirnov statistic. */
function ks(a: readonly number[], b: readonly number[]): number {
  const xs = [...new Set([...a, ...b])].sort((x, y) => x - y);
  const cdf = (s: readonly number[], x: number): number =>
    s.filter((v) => v <= x).length / s.length;
  return Math.max(...xs.map((x) => Math.abs(cdf(a, x) - cdf(b, x))));
}

/** KS critical value at alpha = 0.01 for two samples of n. */
const KS_CRIT = 1.628 * Math.sqrt(2 / (REPLICATIONS * 2));

describe("engine.mail: episodes", () => {
  it("matches the exact engine on lost, duplicated, outages and TTR; latency within 1%", () => {
    const q = qualifyScenario(raw, "episodes-check.yaml");
    const exact: RunMetrics[] = [];
    const episodes: RunMetrics[] = [];
    for (const policy of q.policies)
      for (let r = 0; r < REPLICATIONS; r++) {
        exact.push(
          runReplication({ ...q, engine: { ...q.engine, mail: "exact" } }, policy, r).metrics,
        );
        episodes.push(
          runReplication({ ...q, engine: { ...q.engine, mail: "episodes" } }, policy, r).metrics,
        );
      }
    const col = (ms: RunMetrics[], f: (m: RunMetrics) => number | null): number[] =>
      ms.map((m) => f(m) ?? 0);
    const metrics: [string, (m: RunMetrics) => number | null][] = [
      ["lost", (m) => m.lost],
      ["duplicated", (m) => m.duplicated],
      ["given_up", (m) => m.given_up],
      ["outages", (m) => m.outages],
      ["ttr_service_mean_s", (m) => m.ttr_service_mean_s],
      ["unavailable_s", (m) => m.unavailable_s],
    ];
    for (const [name, f] of metrics) {
      const d = ks(col(exact, f), col(episodes, f));
      expect(d, `${name}: KS ${d.toFixed(3)} > ${KS_CRIT.toFixed(3)}`).toBeLessThanOrEqual(KS_CRIT);
    }
    // Faults are common to both engines, so outages match run by run.
    expect(col(episodes, (m) => m.outages)).toEqual(col(exact, (m) => m.outages));
    const meanLatency = (ms: RunMetrics[]): number => {
      const n = ms.reduce((s, m) => s + m.delivered, 0);
      return ms.reduce((s, m) => s + (m.latency_mean_s ?? 0) * m.delivered, 0) / n;
    };
    const ratio = meanLatency(episodes) / meanLatency(exact);
    expect(Math.abs(ratio - 1), `mean latency ratio ${ratio}`).toBeLessThan(0.01);
    // And it did skip: far fewer events for the same mail.
    const events = (ms: RunMetrics[]): number => ms.reduce((s, m) => s + m.events, 0);
    expect(events(episodes)).toBeLessThan(events(exact) / 3);
    const arrived = (ms: RunMetrics[]): number => ms.reduce((s, m) => s + m.arrived, 0);
    expect(Math.abs(arrived(episodes) / arrived(exact) - 1)).toBeLessThan(0.001);
  }, 600_000);

  it("gives the same results with and without --trace (timeline samples are not model events)", () => {
    const q = qualifyScenario(raw, "episodes-check.yaml");
    const episodes = { ...q, engine: { ...q.engine, mail: "episodes" as const } };
    for (const policy of q.policies)
      for (let r = 0; r < 4; r++) {
        const plain = runReplication(episodes, policy, r).metrics;
        const traced = runReplication(episodes, policy, r, { trace: true }).metrics;
        expect(traced, `${policy} replication ${String(r)}`).toEqual(plain);
      }
  }, 600_000);
});
