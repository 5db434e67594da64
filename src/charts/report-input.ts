/**
 * What a report is drawn from, and how to get it from the files of a results folder.
 *
 * {@link reportInputFromFiles} is pure: the caller (the `report` command, or `run --report`)
 * reads the files and hands over their texts by base name. A file that cannot be parsed does
 * not stop the report: it is left out and named in {@link ReportInput.warnings}.
 *
 * @module
 */
import type { Timeline } from "../sim/result.js";
import { levelOfColumn } from "../stats/interval.js";
import { numberCell, parseCsvTable, type CsvTable } from "./csv.js";
import { timelineFromJson } from "./timeline-data.js";
import {
  robustnessRowsFromCsv,
  runMetaFromJson,
  type ConclusionInput,
} from "./conclusion-input.js";

/** A row of `summary.csv`. */
export interface SummaryRow {
  readonly scenario: string;
  readonly policy: string;
  readonly metric: string;
  readonly mean: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
  readonly n: number;
}

/** A row of `compare.csv`: the paired difference `policyA − policyB` of one metric. */
export interface CompareRow {
  readonly scenario: string;
  readonly metric: string;
  readonly policyA: string;
  readonly policyB: string;
  readonly meanDiff: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly n: number;
}

/** A row of `runs.csv`: one replication of one policy, its metric columns by name. */
export interface RunRow {
  readonly scenario: string;
  readonly policy: string;
  readonly replication: number;
  readonly values: Readonly<Record<string, number | null>>;
}

/** A metric's mean and confidence interval (at {@link ReportInput.confidence}) at one sweep point. */
export interface SweepValue {
  readonly mean: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
}

/** One row of `sweep.csv`: a grid point (the varied parameters' values) and a policy. */
export interface SweepRow {
  readonly params: Readonly<Record<string, string>>;
  readonly policy: string;
  readonly values: Readonly<Record<string, SweepValue>>;
}

/** `sweep.csv`: the varied parameter paths (the columns before `policy`) and the metrics. */
export interface SweepTable {
  readonly params: readonly string[];
  readonly metrics: readonly string[];
  readonly rows: readonly SweepRow[];
}

/** The timeline of replication 0 of one policy (`timeline-<policy>.json`). */
export interface PolicyTimeline {
  readonly policy: string;
  readonly timeline: Timeline;
}

/** A shrunk fuzz counterexample (`counterexample-<property>.*`). */
export interface Counterexample {
  readonly property: string;
  readonly story: string | null;
  readonly yaml: string | null;
  readonly timeline: Timeline | null;
}

/** Everything a report can show; every part may be empty. */
export interface ReportInput {
  /** Page title; default "hasim report". */
  readonly title?: string;
  readonly summary: readonly SummaryRow[];
  readonly compare: readonly CompareRow[];
  readonly runs: readonly RunRow[];
  readonly sweep: SweepTable | null;
  readonly timelines: readonly PolicyTimeline[];
  readonly counterexamples: readonly Counterexample[];
  /** Files that could not be read, shown at the top of the report. */
  readonly warnings: readonly string[];
  /** meta.json and robustness.csv, for the conclusion section (absent: no conclusion). */
  readonly conclusion?: ConclusionInput;
  /**
   * The level of every interval above, in (0, 1): what the CSVs were written at (`ci90_low` →
   * 0.9), which every caption and sentence states. Default 0.95.
   */
  readonly confidence?: number;
}

/** An input with nothing in it, to spread over in callers and tests. */
export const EMPTY_REPORT_INPUT: ReportInput = {
  summary: [],
  compare: [],
  runs: [],
  sweep: null,
  timelines: [],
  counterexamples: [],
  warnings: [],
};

const TIMELINE_FILE = /^timeline-(.+)\.json$/;
const COUNTEREXAMPLE_FILE = /^counterexample-(.+?)\.(yaml|story\.txt|timeline\.json)$/;
const CSV_FILES = new Set([
  "runs.csv",
  "summary.csv",
  "compare.csv",
  "sweep.csv",
  "robustness.csv",
]);

/** Whether a results-folder file name is one the report reads (so the CLI reads only those). */
export function isReportInputName(name: string): boolean {
  return (
    CSV_FILES.has(name) ||
    name === "meta.json" ||
    TIMELINE_FILE.test(name) ||
    COUNTEREXAMPLE_FILE.test(name)
  );
}

/** Throws when a column is missing (the caller prefixes the file name). */
function requireColumns(t: CsvTable, columns: readonly string[]): void {
  const missing = columns.filter((c) => !t.header.includes(c));
  if (missing.length > 0) throw new Error(`missing column(s) ${missing.join(", ")}`);
}

/**
 * The interval columns under one name whatever the level: `ci95_low`, or `ci90_low` of a run
 * with `--confidence 90%`, → `ci_low` (the level is read by {@link levelOfCsv}).
 */
function anyLevel(t: CsvTable): CsvTable {
  const rename = (h: string): string =>
    levelOfColumn(h) === null ? h : h.replace(/^ci[\d.]+/, "ci");
  return {
    header: t.header.map(rename),
    records: t.records.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [rename(k), v])),
    ),
  };
}

/** The interval level of a CSV text's header, or null (no interval column, or unreadable). */
function levelOfCsv(text: string | undefined): number | null {
  if (text === undefined) return null;
  const header = parseCsvTable(text.split(/\r?\n/, 1)[0] ?? "").header;
  return header.map(levelOfColumn).find((l) => l !== null) ?? null;
}

/**
 * summary.csv rows. A sweep's summary.csv has the varied parameters as leading columns: its rows
 * are left out, since one scenario would then have many rows per policy, and sweep.csv (the
 * sweep chart) shows the same numbers against the parameter.
 */
function summaryRows(text: string): SummaryRow[] {
  const t = anyLevel(parseCsvTable(text));
  requireColumns(t, ["scenario", "policy", "metric", "mean", "ci_low", "ci_high"]);
  if (t.header.indexOf("scenario") > 0) return [];
  return t.records.map((r) => ({
    scenario: r.scenario ?? "",
    policy: r.policy ?? "",
    metric: r.metric ?? "",
    mean: numberCell(r.mean),
    ciLow: numberCell(r.ci_low),
    ciHigh: numberCell(r.ci_high),
    p50: numberCell(r.p50),
    p95: numberCell(r.p95),
    max: numberCell(r.max),
    n: numberCell(r.n) ?? 0,
  }));
}

function compareRows(text: string): CompareRow[] {
  const t = anyLevel(parseCsvTable(text));
  requireColumns(t, [
    "scenario",
    "metric",
    "policy_a",
    "policy_b",
    "mean_diff",
    "ci_low",
    "ci_high",
  ]);
  return t.records.map((r) => ({
    scenario: r.scenario ?? "",
    metric: r.metric ?? "",
    policyA: r.policy_a ?? "",
    policyB: r.policy_b ?? "",
    meanDiff: numberCell(r.mean_diff),
    ciLow: numberCell(r.ci_low),
    ciHigh: numberCell(r.ci_high),
    n: numberCell(r.n) ?? 0,
  }));
}

function runRows(text: string): RunRow[] {
  const t = parseCsvTable(text);
  requireColumns(t, ["scenario", "policy", "replication"]);
  const metricCols = t.header.filter(
    (h) => !["scenario", "policy", "replication", "seed"].includes(h),
  );
  return t.records.map((r) => {
    const values: Record<string, number | null> = {};
    for (const c of metricCols) values[c] = numberCell(r[c]);
    return {
      scenario: r.scenario ?? "",
      policy: r.policy ?? "",
      replication: numberCell(r.replication) ?? 0,
      values,
    };
  });
}

/** Numeric companions of a varied parameter's text column (see src/report/param-value.ts). */
const PARAM_NUMBER = /_(s|per_s|value)$/;

/**
 * The varied parameters of a long-form sweep.csv: the columns between `point` and `policy`,
 * less the numeric companion of a text column (`ha.holdOff_s` beside `ha.holdOff`).
 */
function sweepParams(header: readonly string[]): string[] {
  const policyAt = header.indexOf("policy");
  if (policyAt < 0) throw new Error("missing column policy");
  const between = header.slice(header[0] === "point" ? 1 : 0, policyAt);
  return between.filter(
    (h) => !(PARAM_NUMBER.test(h) && between.includes(h.replace(PARAM_NUMBER, ""))),
  );
}

/** sweep.csv (long form: one row per point × policy × metric) as one row per point × policy. */
function sweepTable(text: string): SweepTable {
  const t = anyLevel(parseCsvTable(text));
  if (!t.header.includes("metric")) throw new Error("missing column metric");
  const params = sweepParams(t.header);
  const metrics: string[] = [];
  const byKey = new Map<
    string,
    { params: Record<string, string>; policy: string; values: Record<string, SweepValue> }
  >();
  for (const r of t.records) {
    const p: Record<string, string> = {};
    for (const name of params) p[name] = r[name] ?? "";
    const policy = r.policy ?? "";
    const key = JSON.stringify([r.point ?? p, policy]);
    let row = byKey.get(key);
    if (row === undefined) byKey.set(key, (row = { params: p, policy, values: {} }));
    const metric = r.metric ?? "";
    if (!metrics.includes(metric)) metrics.push(metric);
    row.values[metric] = {
      mean: numberCell(r.mean),
      ciLow: numberCell(r.ci_low),
      ciHigh: numberCell(r.ci_high),
    };
  }
  return { params, metrics, rows: [...byKey.values()] };
}

/**
 * A fuzz folder has no meta.json: its title names the scenario the counterexamples were found
 * on, from their `name: <scenario>-counterexample-<property>`.
 */
function fuzzTitle(cx: readonly Counterexample[]): string | undefined {
  for (const c of cx) {
    const m = /^name:\s*"?(.+?)-counterexample-/m.exec(c.yaml ?? "");
    if (m) return `hasim fuzz: ${m[1]!}`;
  }
  return undefined;
}

/** A title from `meta.json` if it names the scenario (its exact shape belongs to the CLI). */
function titleFromMeta(text: string): string | undefined {
  const meta = JSON.parse(text) as Record<string, unknown>;
  const scenario = meta.scenario;
  const name =
    typeof scenario === "string"
      ? scenario
      : typeof scenario === "object" &&
          scenario !== null &&
          typeof (scenario as Record<string, unknown>).name === "string"
        ? ((scenario as Record<string, unknown>).name as string)
        : typeof meta.name === "string"
          ? meta.name
          : undefined;
  return name ? `hasim report: ${name}` : undefined;
}

/**
 * Parses the texts of a results folder's files, keyed by base name (`summary.csv`,
 * `timeline-restore.json`, `counterexample-no-loss.story.txt`…). Names it does not know are
 * ignored; see {@link isReportInputName}. Timelines and counterexamples come out sorted by
 * policy / property name so the report does not depend on the order files were listed in.
 */
export function reportInputFromFiles(files: Readonly<Record<string, string>>): ReportInput {
  const warnings: string[] = [];
  const attempt = <T>(file: string, parse: (text: string) => T): T | null => {
    const text = files[file];
    if (text === undefined) return null;
    try {
      return parse(text);
    } catch (e) {
      warnings.push(`${file}: ${(e as Error).message}`);
      return null;
    }
  };
  const names = Object.keys(files).sort();
  const timelines: PolicyTimeline[] = [];
  const cx = new Map<
    string,
    { story: string | null; yaml: string | null; timeline: Timeline | null }
  >();
  for (const name of names) {
    const tm = TIMELINE_FILE.exec(name);
    if (tm) {
      const timeline = attempt(name, timelineFromJson);
      if (timeline) timelines.push({ policy: tm[1]!, timeline });
      continue;
    }
    const cm = COUNTEREXAMPLE_FILE.exec(name);
    if (cm) {
      const entry = cx.get(cm[1]!) ?? { story: null, yaml: null, timeline: null };
      cx.set(cm[1]!, entry);
      if (cm[2] === "yaml") entry.yaml = files[name] ?? null;
      else if (cm[2] === "story.txt") entry.story = files[name] ?? null;
      else entry.timeline = attempt(name, timelineFromJson);
    }
  }
  const counterexamples = [...cx.entries()].map(([property, e]) => ({ property, ...e }));
  const title = attempt("meta.json", titleFromMeta) ?? fuzzTitle(counterexamples);
  const meta = attempt("meta.json", runMetaFromJson);
  const level =
    ["summary.csv", "compare.csv", "sweep.csv", "robustness.csv"]
      .map((f) => levelOfCsv(files[f]))
      .find((l) => l !== null) ?? meta?.confidence;
  const input: ReportInput = {
    summary: attempt("summary.csv", summaryRows) ?? [],
    compare: attempt("compare.csv", compareRows) ?? [],
    runs: attempt("runs.csv", runRows) ?? [],
    sweep: attempt("sweep.csv", sweepTable),
    timelines,
    counterexamples,
    warnings,
    conclusion: {
      meta,
      robustness: attempt("robustness.csv", robustnessRowsFromCsv) ?? [],
    },
    ...(level === undefined ? {} : { confidence: level }),
  };
  return title ? { ...input, title } : input;
}
