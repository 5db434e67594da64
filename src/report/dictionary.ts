/**
 * The column dictionary: every column of every CSV hasim writes, with its unit and meaning. It
 * is the one list the writers take their headers from (see {@link headerOf}) and the source of
 * the dictionary in `results/README.md` (see {@link dictionaryMarkdown}; a test keeps the two
 * equal). A metric gains a column here, or the build fails: {@link METRIC_DOCS} is keyed by
 * every RunMetrics field.
 *
 * @module
 */
import {
  DUPLICATE_CAUSES,
  GIVE_UP_CAUSES,
  LOST_CAUSES,
  type DuplicateCause,
  type GiveUpCause,
  type LostCause,
  type RunMetrics,
} from "../sim/result.js";

/** One column of one file. */
export interface ColumnDoc {
  /** The file, e.g. `runs.csv`. */
  readonly file: CsvFile;
  /** The header cell; `<path>` stands for a varied scenario path in sweep.csv. */
  readonly name: string;
  /** The unit (`s`, `mails`, `count`…), or `` for text and labels. */
  readonly unit: string;
  readonly meaning: string;
}

/** The CSV files, in the order the dictionary lists them. */
export const CSV_FILES = [
  "runs.csv",
  "summary.csv",
  "compare.csv",
  "sweep.csv",
  "trace.csv",
  "fuzz.csv",
] as const;
export type CsvFile = (typeof CSV_FILES)[number];

type ScalarMetric = Exclude<
  keyof RunMetrics,
  "lost_by_cause" | "duplicated_by_cause" | "given_up_by_cause"
>;
type Doc = readonly [unit: string, meaning: string];

/** Unit and meaning of each scalar metric (a runs.csv column and a summary.csv `metric` value). */
export const METRIC_DOCS: Readonly<Record<ScalarMetric, Doc>> = {
  arrived: ["mails", "mails the senders tried to send during the horizon"],
  accepted: ["mails", "distinct mails accepted (SMTP 250) at least once"],
  delivered: ["mails", "distinct mails delivered downstream at least once"],
  lost: ["mails", "accepted and never delivered by the end of the run (sum of the lost_* columns)"],
  duplicated: ["mails", "deliveries beyond the first, summed over mails (sum of duplicated_*)"],
  mail_data_overwritten: [
    "items",
    "mail-data items (quarantine, archive, mailbox) a unit created as MASTER and lost to its peer's sync (assumptions.mailDataShare)",
  ],
  given_up: [
    "mails",
    "refused until the sender gave up (never accepted, so not lost; sum of given_up_*)",
  ],
  refused_attempts: ["count", "session attempts no unit took (every try, retried or not)"],
  waiting_at_sender: ["mails", "still waiting at a sender for a retry when the run ended"],
  split_brain_s: ["s", "time both units were MASTER at once"],
  unavailable_s: ["s", "time no unit accepted mail (no working MASTER)"],
  failovers: [
    "count",
    "moves of the MASTER role from one unit to the other (a take-over, or back at a split-brain heal)",
  ],
  failure_episodes: [
    "count",
    "episodes from a fault's effect until service and redundancy are back",
  ],
  unrecovered_episodes: [
    "count",
    "episodes whose redundancy was not restored by the end of the run (censored)",
  ],
  recovered_share: [
    "share",
    "share of failure episodes whose redundancy was restored; empty: none",
  ],
  outages: ["count", "intervals in which no unit accepted mail, ended or not"],
  unrecovered_outages: ["count", "outages still open when the run ended (not in the TTR means)"],
  ttr_service_mean_s: [
    "s",
    "mean time to restore service per outage that ended (no unit accepts → one does); empty: none",
  ],
  ttr_service_max_s: ["s", "longest outage that ended; empty: none"],
  ttr_redundancy_mean_s: [
    "s",
    "mean time until both units are back in HA (MASTER + SLAVE), over recovered episodes only",
  ],
  ttr_redundancy_max_s: ["s", "longest time until redundancy is back; empty: no episode"],
  latency_mean_s: ["s", "mean accept → first delivery; empty: nothing delivered"],
  latency_p50_s: ["s", "median accept → first delivery (histogram estimate)"],
  latency_p99_s: ["s", "99th percentile accept → first delivery (histogram estimate)"],
  sender_latency_mean_s: [
    "s",
    "mean sender's first attempt → first delivery (what senders see: refused tries included); empty: nothing delivered",
  ],
  sender_latency_p50_s: [
    "s",
    "median sender's first attempt → first delivery (histogram estimate)",
  ],
  sender_latency_p99_s: [
    "s",
    "99th percentile sender's first attempt → first delivery (histogram estimate)",
  ],
  spool_mean: ["mails", "time-averaged spool depth, both units added (per unit: the report)"],
  spool_max: ["mails", "largest spool depth of a single unit (queued plus in delivery)"],
  end_s: ["s", "simulated time when the run ended: the horizon plus the drain actually used"],
  events: ["count", "kernel events executed (a performance figure, not a model result)"],
};

/** Why a mail was lost: one `lost_<cause>` column each. */
export const LOST_CAUSE_DOCS: Readonly<Record<LostCause, string>> = {
  "stranded-off": "in the spool of a unit left OFF (on-failure off, admin not back)",
  "stranded-failed": "in the spool of a unit stuck in FAILED",
  "stranded-slave": "in the spool of a unit demoted to SLAVE whose queue is stranded",
  "stranded-down": "in the spool of a unit still crashed or hung at the end",
  "disk-destroyed": "in a spool destroyed with its disk",
  expired: "bounced: undelivered for longer than mta.queueGiveUp",
  undelivered: "still queued on a working MASTER at the drain limit (downstream down)",
};

/** What made an extra delivery: one `duplicated_<cause>` column each. */
export const DUPLICATE_CAUSE_DOCS: Readonly<Record<DuplicateCause, string>> = {
  "cut-session": "the sender retried a session cut after commit (the unit stopped)",
  "split-brain": "a session cut by an ARP flap while both units were MASTER",
  "queue-sync-race": "a queue-sync copy delivered by the peer as well as by the owner",
  "inflight-redelivery": "a delivery in flight when its unit stopped had reached the downstream",
};

/** What a sender's last attempt met when it gave up: one `given_up_<cause>` column each. */
export const GIVE_UP_CAUSE_DOCS: Readonly<Record<GiveUpCause, string>> = {
  "no-master": "no unit held the virtual IP",
  "master-unreachable":
    "the unit holding the IP could not take sessions (partition, ports, disk, ARP)",
  "spool-full": "the MASTER's spool was at mta.spoolCapacity",
};

/** `stranded-off` → `stranded_off`. */
export function snakeCause(cause: string): string {
  return cause.replace(/-/g, "_");
}

/** The metric columns of runs.csv (scalars, then causes, then end_s and events), documented. */
function metricDocs(): [string, string, string][] {
  const entries = Object.entries(METRIC_DOCS) as [ScalarMetric, Doc][];
  const before = entries.filter(([k]) => k !== "end_s" && k !== "events");
  const after = entries.filter(([k]) => k === "end_s" || k === "events");
  return [
    ...before.map(([k, [u, m]]): [string, string, string] => [k, u, m]),
    ...LOST_CAUSES.map((c): [string, string, string] => [
      `lost_${snakeCause(c)}`,
      "mails",
      `lost: ${LOST_CAUSE_DOCS[c]}`,
    ]),
    ...DUPLICATE_CAUSES.map((c): [string, string, string] => [
      `duplicated_${snakeCause(c)}`,
      "mails",
      `duplicated: ${DUPLICATE_CAUSE_DOCS[c]}`,
    ]),
    ...GIVE_UP_CAUSES.map((c): [string, string, string] => [
      `given_up_${snakeCause(c)}`,
      "mails",
      `given up: ${GIVE_UP_CAUSE_DOCS[c]}`,
    ]),
    ...after.map(([k, [u, m]]): [string, string, string] => [k, u, m]),
  ];
}

/** An interval column's meaning; its name carries the level (`ci90_low` with `--confidence 90%`). */
const ciDoc = (end: string, of: string): string =>
  `${end} of the BCa bootstrap confidence interval of the ${of}, at the level the column name gives (ci95: 95%; ci90 with --confidence 90%)`;
const STATS: [string, string, string][] = [
  ["mean", "the metric's unit", "mean over the replications"],
  ["ci95_low", "the metric's unit", ciDoc("low end", "mean")],
  ["ci95_high", "the metric's unit", ciDoc("high end", "mean")],
];
const METRIC_VALUE: [string, string, string] = [
  "metric",
  "",
  "a runs.csv metric column name (its unit and meaning are in the runs.csv rows above)",
];
const PARAMS: [string, string, string][] = [
  ["<path>", "", "a varied scenario path (one column per --vary), its value as written: 20/s, 5m"],
  ["<path>_s", "s", "the same value in seconds, when the values are durations"],
  ["<path>_per_s", "1/s", "the same value per second, when the values are rates"],
  ["<path>_value", "", "the same value as a number, when the values are plain numbers"],
];

function rows(file: CsvFile, list: readonly (readonly [string, string, string])[]): ColumnDoc[] {
  return list.map(([name, unit, meaning]) => ({ file, name, unit, meaning }));
}

/** Every column of every CSV file, in file order and then column order. */
export const COLUMNS: readonly ColumnDoc[] = [
  ...rows("runs.csv", [
    ["scenario", "", "the scenario's name"],
    ["policy", "", "the on-failure policy: off, restore or slave"],
    ["replication", "index", "0, 1, …: the same replication of every policy sees the same faults"],
    ["seed", "", "the replication's stream label, root seed then replication (1/rep:0)"],
    ["root_seed", "integer", "the scenario's root seed (--seed)"],
    ...metricDocs(),
  ]),
  ...rows("summary.csv", [
    ...PARAMS.slice(0, 1),
    ["scenario", "", "the scenario's name"],
    ["policy", "", "the on-failure policy"],
    METRIC_VALUE,
    ...STATS,
    ["p50", "the metric's unit", "median over the replications"],
    ["p95", "the metric's unit", "95th percentile over the replications"],
    ["max", "the metric's unit", "largest value over the replications"],
    ["n", "count", "replications with a value (a TTR is empty when there was no episode)"],
  ]),
  ...rows("compare.csv", [
    ["scenario", "", "the scenario's name"],
    METRIC_VALUE,
    ["policy_a", "", "first policy of the pair"],
    ["policy_b", "", "second policy of the pair"],
    ["mean_diff", "the metric's unit", "mean of (a − b) over paired replications (same faults)"],
    ["ci95_low", "the metric's unit", ciDoc("low end", "mean difference")],
    ["ci95_high", "the metric's unit", ciDoc("high end", "mean difference")],
    ["n", "count", "pairs with a value in both policies"],
  ]),
  ...rows("sweep.csv", [
    ["point", "index", "the grid point, 0, 1, … (first --vary varies slowest)"],
    ...PARAMS,
    ["policy", "", "the on-failure policy"],
    METRIC_VALUE,
    ...STATS,
    ["n", "count", "replications with a value"],
  ]),
  ...rows("trace.csv", [
    ["policy", "", "the on-failure policy (replication 0 of each is traced)"],
    ["time_s", "s", "simulated time, exact to the microsecond"],
    ["unit", "", "the unit's name; empty for group-wide events (links, downstream)"],
    [
      "event",
      "",
      "mode, fault-start, fault-end, heartbeat, service-down, service-up, split-brain-start, " +
        "split-brain-end, admin, restore, to-configured, horizon (no per-mail events)",
    ],
    ["from_mode", "", "the unit's mode before a mode change (MASTER, SLAVE, FAILED, OFF…)"],
    ["to_mode", "", "the unit's mode after a mode change"],
    ["detail", "", "what else the event says (fault kind, reason, counts)"],
  ]),
  ...rows("fuzz.csv", [
    ["property", "", "the property checked (single-master, no-loss, …)"],
    ["case", "index", "1, 2, … in the search; while shrinking, the case being shrunk"],
    ["shrink", "count", "0 in the search; the k-th shrinking attempt otherwise"],
    ["seed", "integer", "the simulation's root seed for this case"],
    ["policy", "", "setting: the on-failure policy"],
    ["lost_threshold", "heartbeats", "setting: ha.heartbeat.lostThreshold"],
    ["secondary_link", "boolean", "setting: a secondary heartbeat link exists"],
    ["remote_as_heartbeat", "boolean", "setting: ha.remoteAsHeartbeat"],
    ["mail_queue_sync", "boolean", "setting: ha.mailQueueSync"],
    ["faults", "", "the fault schedule in words (A = first unit)"],
    ["faults_json", "", "the fault schedule as JSON, as in the scenario file's faults (µs)"],
    ["verdict", "", "pass or fail"],
    ["first_violation_s", "s", "when the property first failed; empty: it held"],
    ["reason", "", "why it failed, in words"],
  ]),
];

/** The header of `file`, skipping the `<path>` placeholders of varied parameters. */
export function headerOf(file: CsvFile): string[] {
  return COLUMNS.filter((c) => c.file === file && !c.name.startsWith("<")).map((c) => c.name);
}

/** The dictionary as Markdown tables, one per file (the generated part of results/README.md). */
export function dictionaryMarkdown(): string {
  const out: string[] = [];
  for (const file of CSV_FILES) {
    out.push(`### \`${file}\``, "", "| column | unit | meaning |", "| --- | --- | --- |");
    for (const c of COLUMNS.filter((x) => x.file === file))
      out.push(`| \`${c.name}\` | ${c.unit} | ${c.meaning.replace(/\|/g, "\\|")} |`);
    out.push("");
  }
  return out.join("\n");
}
