import { describe, expect, it } from "vitest";
import { METRIC_NAMES } from "../../src/report/columns.js";
import { compareCsv } from "../../src/report/compare-csv.js";
import { groupByPolicy } from "../../src/report/groups.js";
import { runsCsv } from "../../src/report/runs-csv.js";
import { summaryCsv } from "../../src/report/summary-csv.js";
import { sweepCsv } from "../../src/report/sweep-csv.js";
import { traceCsv } from "../../src/report/trace-csv.js";
import { fakeResults, fakeRunner } from "../cli/fake-runner.js";
import type { QualifiedScenario } from "../../src/config/scenario.js";
import { csvRecords } from "./parse-csv.js";

const POLICIES = ["off", "restore", "slave"] as const;

const rowsOf = csvRecords;

describe("runs.csv", () => {
  const results = fakeResults("crash", 1, POLICIES, 4);
  const csv = runsCsv(results, 1);
  const header = csv.split("\n")[0]?.split(",") ?? [];

  it("has the issue's columns in RunMetrics order, causes flattened", () => {
    expect(header.slice(0, 5)).toEqual(["scenario", "policy", "replication", "seed", "root_seed"]);
    const required =
      "arrived, accepted, delivered, lost, duplicated, given_up, split_brain_s, unavailable_s, failovers, failure_episodes, ttr_service_mean_s, ttr_service_max_s, ttr_redundancy_mean_s, ttr_redundancy_max_s, latency_mean_s, latency_p50_s, latency_p99_s, spool_mean, spool_max".split(
        ", ",
      );
    const positions = required.map((c) => header.indexOf(c));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(header).toContain("unrecovered_episodes");
    expect(header).toContain("lost_stranded_off");
    expect(header).toContain("lost_disk_destroyed");
    expect(header).toContain("duplicated_cut_session");
    expect(header).toContain("duplicated_inflight_redelivery");
    expect(header.indexOf("lost_stranded_off")).toBeGreaterThan(header.indexOf("spool_max"));
    expect(header.slice(5)).toEqual([...METRIC_NAMES]);
  });

  it("has one row per policy × replication, in order, and an empty cell for a missing TTR", () => {
    const rows = rowsOf(csv);
    expect(rows.map((r) => `${r.policy}#${r.replication}`)).toEqual(
      POLICIES.flatMap((p) => [0, 1, 2, 3].map((r) => `${p}#${r}`)),
    );
    expect(rows[3]?.ttr_service_mean_s).toBe("");
    expect(rows[0]?.seed).toBe("1:0");
    expect(rows[0]?.events).toBe("12345");
    expect(rows.map((r) => r.root_seed)).toEqual(rows.map(() => "1"));
  });
});

describe("summary.csv", () => {
  const groups = groupByPolicy(fakeResults("crash", 1, POLICIES, 8), POLICIES);

  it("is tidy: one row per policy × metric", () => {
    const csv = summaryCsv(groups);
    expect(csv.split("\n")[0]).toBe("scenario,policy,metric,mean,ci95_low,ci95_high,p50,p95,max,n");
    const rows = rowsOf(csv);
    expect(rows).toHaveLength(POLICIES.length * METRIC_NAMES.length);
    const ttr = rows.find((r) => r.policy === "off" && r.metric === "ttr_service_mean_s");
    expect(ttr?.n).toBe("6"); // replications 3 and 7 had no episode
    const arrived = rows.find((r) => r.policy === "off" && r.metric === "arrived");
    expect(arrived?.mean).toBe("1003.5");
    expect(arrived?.max).toBe("1007");
  });

  it("puts the varied parameters first for sweeps", () => {
    const point = groupByPolicy(fakeResults("crash", 1, ["off"], 3), ["off"], ["5", "10s"]);
    const csv = summaryCsv(point, ["ha.heartbeat.lostThreshold", "ha.holdOff"]);
    expect(csv.split("\n")[0]).toBe(
      "ha.heartbeat.lostThreshold,ha.holdOff,scenario,policy,metric,mean,ci95_low,ci95_high,p50,p95,max,n",
    );
    expect(csv.split("\n")[1]?.startsWith("5,10s,crash,off,arrived,")).toBe(true);
  });
});

describe("compare.csv", () => {
  const groups = groupByPolicy(fakeResults("crash", 1, POLICIES, 8), POLICIES);
  const rows = rowsOf(compareCsv(groups));

  it("has every unordered pair in policy order, per metric", () => {
    const pairs = rows.filter((r) => r.metric === "lost").map((r) => `${r.policy_a}-${r.policy_b}`);
    expect(pairs).toEqual(["off-restore", "off-slave", "restore-slave"]);
    expect(rows).toHaveLength(3 * METRIC_NAMES.length);
  });

  it("differences a − b with common replications", () => {
    const arrived = rows.find((r) => r.metric === "arrived" && r.policy_a === "off");
    expect(arrived).toMatchObject({ mean_diff: "0", ci95_low: "0", ci95_high: "0", n: "8" });
    const ttr = rows.find(
      (r) => r.metric === "ttr_redundancy_mean_s" && r.policy_a === "off" && r.policy_b === "slave",
    );
    expect(ttr).toMatchObject({ mean_diff: "3600", n: "6" });
  });
});

describe("sweep.csv", () => {
  const groups = [
    ...groupByPolicy(fakeResults("crash", 1, ["off", "slave"], 3), ["off", "slave"], ["2", "20/s"]),
    ...groupByPolicy(fakeResults("crash", 2, ["off", "slave"], 3), ["off", "slave"], ["3", "40/s"]),
  ];
  const csv = sweepCsv(["ha.heartbeat.lostThreshold", "workload.arrivals.rate"], groups);

  it("is long: one row per point × policy × metric, parameters as written and in base units", () => {
    const header = csv.split("\n")[0]?.split(",") ?? [];
    expect(header).toEqual([
      "point",
      "ha.heartbeat.lostThreshold",
      "ha.heartbeat.lostThreshold_value",
      "workload.arrivals.rate",
      "workload.arrivals.rate_per_s",
      "policy",
      "metric",
      "mean",
      "ci95_low",
      "ci95_high",
      "n",
    ]);
    const rows = rowsOf(csv);
    expect(rows).toHaveLength(4 * METRIC_NAMES.length);
    const arrived = rows.filter((r) => r.metric === "arrived");
    expect(arrived.map((r) => `${r.point}:${r["workload.arrivals.rate"]}/${r.policy}`)).toEqual([
      "0:20/s/off",
      "0:20/s/slave",
      "1:40/s/off",
      "1:40/s/slave",
    ]);
    expect(arrived[0]?.mean).toBe("1001");
    expect(arrived[0]?.n).toBe("3");
    expect(arrived[2]?.["workload.arrivals.rate_per_s"]).toBe("40");
    expect(arrived[2]?.["ha.heartbeat.lostThreshold_value"]).toBe("3");
  });

  it("gives durations in seconds and leaves text-only parameters without a number", () => {
    const g = (point: string[]) => groupByPolicy(fakeResults("c", 1, ["off"], 2), ["off"], point);
    const text = sweepCsv(["ha.holdOff", "policies"], [...g(["5m", "off"]), ...g(["1h", "x"])]);
    const rows = rowsOf(text);
    expect(Object.keys(rows[0]!)).not.toContain("policies_value");
    expect(rows.filter((r) => r.metric === "lost").map((r) => r["ha.holdOff_s"])).toEqual([
      "300",
      "3600",
    ]);
  });
});

describe("trace.csv", () => {
  it("has a policy column first and exact times in seconds", () => {
    const scenario = { name: "crash", seed: 1 } as unknown as QualifiedScenario;
    const traces = POLICIES.slice(0, 2).map((p) => ({
      policy: p,
      records: fakeRunner(scenario, p, 0, { trace: true }).trace ?? [],
    }));
    const csv = traceCsv(traces);
    expect(csv).toBe(
      [
        "policy,time_s,unit,event,from_mode,to_mode,detail",
        "off,0,A,mode,,MASTER,start",
        'off,7200.000001,A,fault-start,MASTER,DOWN,"node-crash, ""x"""',
        "restore,0,A,mode,,MASTER,start",
        'restore,7200.000001,A,fault-start,MASTER,DOWN,"node-crash, ""x"""',
        "",
      ].join("\n"),
    );
  });
});
