/**
 * Hand-made report inputs for the chart tests and the browser check: small, deterministic, and
 * covering every mode, a crash with failover, a split brain, a downstream outage filling the
 * spool, lost and duplicated mail, a sweep, and a fuzz counterexample.
 */
import { US_PER_D, US_PER_H, US_PER_MIN, US_PER_S } from "../../src/kernel/time.js";
import type { Timeline } from "../../src/sim/result.js";
import type {
  CompareRow,
  Counterexample,
  ReportInput,
  RunRow,
  SummaryRow,
  SweepTable,
} from "../../src/charts/index.js";
import { timelineToJson } from "../../src/charts/index.js";
import { ciPrefix } from "../../src/report/summary-csv.js";
import { robustnessCsv } from "../../src/report/robustness-csv.js";
import { demoConclusion, demoMetaJson, demoRobustness } from "./conclusion-fixtures.js";

type ModeRow = Timeline["modes"][number];
type SpoolRow = Timeline["spool"][number];

const H = US_PER_H;
const MIN = US_PER_MIN;
const S = US_PER_S;

/** Mode intervals from a unit's list of (start, mode) changes, ending at `endUs`. */
function lane(
  unit: string,
  changes: readonly (readonly [number, string])[],
  endUs: number,
): ModeRow[] {
  return changes.map(([startUs, mode], i) => ({
    unit,
    startUs,
    endUs: changes[i + 1]?.[0] ?? endUs,
    mode,
  }));
}

/**
 * Two days (plus an hour of drain) of a pair A (configured master) / B under `policy`:
 * A crashes at 6 h for 20 min, a heartbeat-link outage at 30 h splits the brain for 10 min, the
 * downstream is out 40 h–41 h so the MASTER's spool grows, and an admin acts at 10 h for `off`.
 */
export function crashTimeline(policy: "off" | "restore" | "slave" = "restore"): Timeline {
  const horizonUs = 2 * US_PER_D;
  const endUs = horizonUs + 1 * H;
  const crash = 6 * H;
  const back = crash + 20 * MIN;
  const rebooted = back + 3 * MIN;
  const detect = crash + 15 * S;
  const sbStart = 30 * H + 15 * S;
  const sbEnd = 30 * H + 10 * MIN + 5 * S;

  const aAfter: (readonly [number, string])[] =
    policy === "restore"
      ? [
          [rebooted, "SLAVE"],
          [rebooted + 2 * MIN, "MASTER"],
        ]
      : policy === "off"
        ? [
            [rebooted, "OFF"],
            [10 * H, "SLAVE"],
          ]
        : [[rebooted, "SLAVE"]];
  const aMaster = policy === "restore";
  const a = lane("A", [[0, "MASTER"], [crash, "DOWN"], [back, "REBOOTING"], ...aAfter], endUs);
  const bChanges: (readonly [number, string])[] = [
    [0, "SLAVE"],
    [detect, "MASTER"],
  ];
  if (aMaster) bChanges.push([rebooted + 2 * MIN, "SLAVE"], [sbStart, "MASTER"], [sbEnd, "SLAVE"]);
  else bChanges.push([30 * H + 2 * MIN, "HOLD_OFF"], [30 * H + 3 * MIN, "MASTER"]);
  // Under off/slave the split brain is A (SLAVE) taking over while B is MASTER.
  const aSplit: (readonly [number, string])[] = aMaster
    ? []
    : [
        [sbStart, "MASTER"],
        [sbEnd, "SLAVE"],
      ];
  const aAll = aMaster
    ? a
    : lane("A", [[0, "MASTER"], [crash, "DOWN"], [back, "REBOOTING"], ...aAfter, ...aSplit], endUs);
  const b = lane("B", bChanges, endUs);
  // A unit that hangs briefly late on, so every mode appears in some fixture.
  const hangAt = 45 * H;
  const bWithHang = b.flatMap((m) =>
    m.startUs <= hangAt && m.endUs > hangAt + 4 * MIN && m.mode === "SLAVE"
      ? [
          { ...m, endUs: hangAt },
          { unit: "B", startUs: hangAt, endUs: hangAt + 4 * MIN, mode: "HUNG" },
          { ...m, startUs: hangAt + 4 * MIN },
        ]
      : [m],
  );

  const masterAt = (u: string, time: number): boolean =>
    [...aAll, ...bWithHang].some(
      (m) => m.unit === u && m.mode === "MASTER" && m.startUs <= time && time < m.endUs,
    );
  const spool: SpoolRow[] = [];
  for (let time = 0; time <= endUs; time += 10 * MIN) {
    for (const u of ["A", "B"]) {
      let depth = masterAt(u, time) ? 4 + ((time / (10 * MIN)) % 5) : 0;
      if (masterAt(u, time) && time >= 40 * H && time < 41 * H)
        depth = Math.round((time - 40 * H) / S);
      if (u === "A" && time >= crash && time < rebooted) depth = 8;
      spool.push({ timeUs: time, unit: u, depth });
    }
  }
  const markers: Timeline["markers"][number][] = [
    { timeUs: crash, unit: "A", kind: "duplicated", cause: "cut-session", count: 3 },
    {
      timeUs: sbStart + 5 * MIN,
      unit: aMaster ? "B" : "A",
      kind: "duplicated",
      cause: "split-brain",
      count: 2,
    },
  ];
  if (policy === "off")
    markers.push({ timeUs: endUs, unit: "A", kind: "lost", cause: "stranded-off", count: 8 });
  if (policy === "slave")
    markers.push({ timeUs: endUs, unit: "A", kind: "lost", cause: "stranded-slave", count: 8 });
  const faults: Timeline["faults"][number][] = [
    { kind: "node-crash", target: "A", startUs: crash, endUs: back },
    { kind: "link-down", target: "all", startUs: 30 * H, endUs: 30 * H + 10 * MIN },
    { kind: "downstream-outage", target: "", startUs: 40 * H, endUs: 41 * H },
    { kind: "node-hang", target: "B", startUs: hangAt, endUs: hangAt + 4 * MIN },
  ];
  if (policy === "off") faults.push({ kind: "admin", target: "A", startUs: 10 * H, endUs: 10 * H });
  return {
    units: ["A", "B"],
    modes: [...aAll, ...bWithHang],
    faults,
    splitBrain: [{ startUs: sbStart, endUs: sbEnd }],
    spool,
    markers,
    horizonUs,
    endUs,
  };
}

/** A deterministic generator (an LCG is plenty for fixture noise). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A long run (`days` days) with `faults` random crashes of A and one-minute spool samples: for
 * spool thinning and episode selection.
 */
export function longTimeline(days = 365, faults = 30): Timeline {
  const rnd = lcg(42);
  const endUs = days * US_PER_D;
  const starts = Array.from({ length: faults }, (_, i) =>
    Math.floor(((i + rnd()) / faults) * (endUs - US_PER_D)),
  );
  const modesA: ModeRow[] = [];
  const modesB: ModeRow[] = [];
  const faultRows: Timeline["faults"][number][] = [];
  const markers: Timeline["markers"][number][] = [];
  let t = 0;
  for (const [i, start] of starts.entries()) {
    const repair = Math.floor((5 + rnd() * 55) * MIN);
    modesA.push(
      { unit: "A", startUs: t, endUs: start, mode: "MASTER" },
      { unit: "A", startUs: start, endUs: start + repair, mode: "DOWN" },
      { unit: "A", startUs: start + repair, endUs: start + repair + 2 * MIN, mode: "REBOOTING" },
      {
        unit: "A",
        startUs: start + repair + 2 * MIN,
        endUs: start + repair + 3 * MIN,
        mode: "SLAVE",
      },
    );
    modesB.push(
      { unit: "B", startUs: t, endUs: start + 15 * S, mode: "SLAVE" },
      { unit: "B", startUs: start + 15 * S, endUs: start + repair + 3 * MIN, mode: "MASTER" },
    );
    faultRows.push({ kind: "node-crash", target: "A", startUs: start, endUs: start + repair });
    if (i % 3 === 0)
      markers.push({
        timeUs: start,
        unit: "A",
        kind: "lost",
        cause: "disk-destroyed",
        count: 1 + i,
      });
    if (i % 4 === 1)
      markers.push({
        timeUs: start,
        unit: "A",
        kind: "duplicated",
        cause: "cut-session",
        count: 2,
      });
    t = start + repair + 3 * MIN;
  }
  modesA.push({ unit: "A", startUs: t, endUs, mode: "MASTER" });
  modesB.push({ unit: "B", startUs: t, endUs, mode: "SLAVE" });
  const spool: SpoolRow[] = [];
  for (let time = 0; time <= endUs; time += MIN) {
    spool.push(
      { timeUs: time, unit: "A", depth: Math.floor(rnd() * 20) },
      { timeUs: time, unit: "B", depth: 0 },
    );
  }
  return {
    units: ["A", "B"],
    modes: [...modesA, ...modesB],
    faults: faultRows,
    splitBrain: [],
    spool,
    markers,
    horizonUs: endUs,
    endUs,
  };
}

/** The metric means of the fixture per policy: lost, duplicated, ttr (s), unavailable (s), split brain (s). */
const MEANS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  off: {
    lost: 12,
    duplicated: 3,
    ttr_service_mean_s: 16,
    ttr_redundancy_mean_s: 5 * 3600,
    unavailable_s: 40,
    split_brain_s: 0,
  },
  restore: {
    lost: 0.5,
    duplicated: 6,
    ttr_service_mean_s: 15.5,
    ttr_redundancy_mean_s: 240,
    unavailable_s: 55,
    split_brain_s: 300,
  },
  slave: {
    lost: 4,
    duplicated: 3.5,
    ttr_service_mean_s: 15.8,
    ttr_redundancy_mean_s: 200,
    unavailable_s: 38,
    split_brain_s: 290,
  },
};

/** summary.csv rows for scenario `primary-crash`, 30 replications. */
export function summaryRows(scenario = "primary-crash"): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const policy of ["off", "restore", "slave"]) {
    for (const [metric, mean] of Object.entries(MEANS[policy]!)) {
      const half = mean * 0.2 + (metric === "lost" ? 0.5 : 0);
      rows.push({
        scenario,
        policy,
        metric,
        mean,
        ciLow: Math.max(0, mean - half),
        ciHigh: mean + half,
        p50: mean,
        p95: mean * 1.5,
        max: mean * 2,
        n: 30,
      });
    }
    rows.push({
      scenario,
      policy,
      metric: "arrived",
      mean: 1000,
      ciLow: 990,
      ciHigh: 1010,
      p50: 1000,
      p95: 1015,
      max: 1020,
      n: 30,
    });
  }
  return rows;
}

/** compare.csv rows: every policy pair, every charted metric. */
export function compareRows(scenario = "primary-crash"): CompareRow[] {
  const rows: CompareRow[] = [];
  const pairs: [string, string][] = [
    ["off", "restore"],
    ["off", "slave"],
    ["restore", "slave"],
  ];
  for (const metric of Object.keys(MEANS.off!)) {
    for (const [a, b] of pairs) {
      // One exact tie, as with identical policies: its "0" label must sit on its marker.
      const tie = a === "restore" && b === "slave" && metric === "split_brain_s";
      const d = tie ? 0 : MEANS[a]![metric]! - MEANS[b]![metric]!;
      const half = Math.abs(d) * 0.5 + 0.1;
      rows.push({
        scenario,
        metric,
        policyA: a,
        policyB: b,
        meanDiff: d,
        ciLow: d - half,
        ciHigh: d + half,
        n: 30,
      });
    }
  }
  return rows;
}

/** runs.csv rows: 5 replications per policy scattered around the means. */
export function runRows(scenario = "primary-crash"): RunRow[] {
  const rnd = lcg(7);
  const rows: RunRow[] = [];
  for (const policy of ["off", "restore", "slave"]) {
    for (let replication = 0; replication < 5; replication++) {
      const values: Record<string, number | null> = {};
      for (const [metric, mean] of Object.entries(MEANS[policy]!))
        values[metric] = Math.round(mean * (0.5 + rnd()) * 100) / 100;
      values.ttr_service_max_s = null;
      rows.push({ scenario, policy, replication, values });
    }
  }
  return rows;
}

/** sweep.csv: heartbeat interval 1, 5, 15 s (as durations) × 3 policies; optionally a second parameter. */
export function sweepTable(twoParams = false): SweepTable {
  const paramNames = twoParams
    ? ["ha.heartbeat.intervalUs", "ha.heartbeat.lostThreshold"]
    : ["ha.heartbeat.intervalUs"];
  const metrics = [
    "latency_mean_s",
    "spool_max",
    "given_up",
    "lost",
    "duplicated",
    "ttr_service_mean_s",
    "unavailable_s",
  ];
  const rows: SweepTable["rows"][number][] = [];
  for (const threshold of twoParams ? ["2", "3"] : ["3"]) {
    for (const hb of ["1s", "5s", "15s", "30s"]) {
      for (const policy of ["off", "restore", "slave"]) {
        const k = parseInt(hb, 10) * Number(threshold);
        const p = policy === "off" ? 0 : policy === "restore" ? 1 : 2;
        const base: Record<string, number> = {
          lost: k * (0.4 - 0.1 * p) + (policy === "off" ? 5 : 0),
          duplicated: k * 0.1 * (1 + p),
          ttr_service_mean_s: k * (1 + 0.15 * p) + 2,
          unavailable_s: k * (1.2 - 0.2 * p) + 3 * p,
          latency_mean_s: 0.5 + k * 0.01 * (1 + p),
          spool_max: 40 + 3 * k,
          given_up: policy === "off" ? k : 0,
        };
        const values: Record<
          string,
          { mean: number; ciLow: number | null; ciHigh: number | null }
        > = {};
        for (const m of metrics)
          values[m] = { mean: base[m]!, ciLow: base[m]! * 0.8, ciHigh: base[m]! * 1.2 };
        const params: Record<string, string> = { "ha.heartbeat.intervalUs": hb };
        if (twoParams) params["ha.heartbeat.lostThreshold"] = threshold;
        rows.push({ params, policy, values });
      }
    }
  }
  return { params: paramNames, metrics, rows };
}

/** A shrunk counterexample: a one-hour run, a 2-min partition at 10 min, a split brain, mail duplicated. */
export function counterexample(): Counterexample {
  const end = 1 * H;
  const timeline: Timeline = {
    units: ["A", "B"],
    modes: [
      ...lane("A", [[0, "MASTER"]], end),
      ...lane(
        "B",
        [
          [0, "SLAVE"],
          [10 * MIN + 15 * S, "MASTER"],
          [12 * MIN + 5 * S, "SLAVE"],
        ],
        end,
      ),
    ],
    faults: [{ kind: "partition", target: "B", startUs: 10 * MIN, endUs: 12 * MIN }],
    splitBrain: [{ startUs: 10 * MIN + 15 * S, endUs: 12 * MIN + 5 * S }],
    spool: [0, 10, 11, 12, 13, 20].map((m) => ({
      timeUs: m * MIN,
      unit: "A",
      depth: m === 11 ? 6 : 2,
    })),
    markers: [{ timeUs: 11 * MIN, unit: "B", kind: "duplicated", cause: "split-brain", count: 1 }],
    horizonUs: end,
    endUs: end,
  };
  return {
    property: "no-duplicates",
    story:
      "00:10:00 partition B from peer (2m)\n00:10:15 B: SLAVE → MASTER (heartbeat lost)\n00:11:00 mail m17 accepted by B, session cut by ARP flap\n00:12:05 split brain heals: B → SLAVE\n=> m17 delivered twice (split-brain)",
    yaml: "name: counterexample-no-duplicates\nhorizon: 1h\nfaults:\n  - { at: 10m, kind: partition, node: 1, from: peer, duration: 2m }\n",
    timeline,
  };
}

/**
 * A complete input: the conclusion (with a robustness study), comparison, differences, sweep,
 * three timelines and a counterexample.
 */
export function demoReportInput(): ReportInput {
  return {
    conclusion: demoConclusion(compareRows()),
    title: "hasim report: primary-crash (fixture)",
    summary: summaryRows(),
    compare: compareRows(),
    runs: runRows(),
    sweep: sweepTable(),
    timelines: (["off", "restore", "slave"] as const).map((policy) => ({
      policy,
      timeline: crashTimeline(policy),
    })),
    counterexamples: [counterexample()],
    warnings: [],
  };
}

const cell = (v: number | string | null): string =>
  v === null
    ? ""
    : typeof v === "number"
      ? String(v)
      : /[",\n]/.test(v)
        ? `"${v.replace(/"/g, '""')}"`
        : v;
const csv = (
  header: readonly string[],
  rows: readonly (readonly (number | string | null)[])[],
): string => [header.join(","), ...rows.map((r) => r.map(cell).join(","))].join("\n") + "\n";

/**
 * The demo input as the files of a results folder (what `hasim report <dir>` reads), its interval
 * columns named after `confidence` as the writers name them (`ci90_low` at 0.9).
 */
export function demoFiles(confidence = 0.95): Record<string, string> {
  const input = demoReportInput();
  const ci = ciPrefix(confidence);
  const cx = counterexample();
  const sweep = sweepTable();
  const runMetrics = Object.keys(runRows()[0]!.values);
  return {
    "summary.csv": csv(
      ["scenario", "policy", "metric", "mean", `${ci}_low`, `${ci}_high`, "p50", "p95", "max", "n"],
      input.summary.map((r) => [
        r.scenario,
        r.policy,
        r.metric,
        r.mean,
        r.ciLow,
        r.ciHigh,
        r.p50,
        r.p95,
        r.max,
        r.n,
      ]),
    ),
    "compare.csv": csv(
      ["scenario", "metric", "policy_a", "policy_b", "mean_diff", `${ci}_low`, `${ci}_high`, "n"],
      input.compare.map((r) => [
        r.scenario,
        r.metric,
        r.policyA,
        r.policyB,
        r.meanDiff,
        r.ciLow,
        r.ciHigh,
        r.n,
      ]),
    ),
    "runs.csv": csv(
      ["scenario", "policy", "replication", "seed", ...runMetrics],
      input.runs.map((r) => [
        r.scenario,
        r.policy,
        r.replication,
        `42/${r.replication}`,
        ...runMetrics.map((m) => r.values[m] ?? null),
      ]),
    ),
    "sweep.csv": csv(
      ["point", ...sweep.params, "policy", "metric", "mean", `${ci}_low`, `${ci}_high`, "n"],
      sweep.rows.flatMap((r, i) =>
        sweep.metrics.map((m) => [
          Math.floor(i / 3),
          ...sweep.params.map((p) => r.params[p] ?? ""),
          r.policy,
          m,
          r.values[m]!.mean,
          r.values[m]!.ciLow,
          r.values[m]!.ciHigh,
          10,
        ]),
      ),
    ),
    "timeline-off.json": timelineToJson(crashTimeline("off")),
    "timeline-restore.json": timelineToJson(crashTimeline("restore")),
    "timeline-slave.json": timelineToJson(crashTimeline("slave")),
    [`counterexample-${cx.property}.yaml`]: cx.yaml!,
    [`counterexample-${cx.property}.story.txt`]: cx.story!,
    [`counterexample-${cx.property}.timeline.json`]: timelineToJson(cx.timeline!),
    "meta.json": JSON.stringify(demoMetaJson(confidence)),
    "robustness.csv": robustnessCsv(demoRobustness(input.compare), confidence),
    "trace.csv": "policy,time_s,unit,event,from_mode,to_mode,detail\n",
  };
}
