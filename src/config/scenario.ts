/**
 * The qualified scenario: what a scenario file means once it has been parsed, validated and had
 * its defaults filled. Every duration is an integer number of microseconds (`…Us`), every node is
 * an index (0 = the first node of `nodes`), every distribution is a compiled {@link Dist}.
 *
 * The model, the CLI, the fuzzer and the reports read only this type; only `src/scenario/` builds
 * it from the user's file (this folder holds the types alone, so the model does not depend on
 * the parser). Field-by-field documentation of the file format, with units and defaults, is in
 * `scenarios/README.md`; defaults come from `../shared/domain/fortimail-ha.md` ([D] documented,
 * [I] an assumption made configurable).
 *
 * @module
 */
import type { Dist } from "../kernel/dist.js";

export type { ConfiguredMode, Policy } from "../ha/policy.js";
export { POLICIES, POLICY_ALIASES } from "../ha/policy.js";
import type { ConfiguredMode, Policy } from "../ha/policy.js";

/** A unit, by its index in `nodes`. */
export type NodeIndex = 0 | 1;
/** Remote service monitor protocols (`rservice`). */
export type Protocol = "smtp" | "pop3" | "imap" | "http";
export const PROTOCOLS: readonly Protocol[] = ["smtp", "pop3", "imap", "http"];

export interface NodeSpec {
  /** Unit name used in output (`A`, `B`, `fml-1`...). */
  readonly name: string;
  /** Configured mode. Exactly one unit is `master`. */
  readonly mode: ConfiguredMode;
}

/** Remote service probe of one protocol, run by the SLAVE (and a FAILED unit) against its peer. */
export interface ProbeConfig {
  readonly protocol: Protocol;
  /** Time between probes. Default 30 s [I]. */
  readonly intervalUs: number;
  /** A probe that gets no answer within this fails. Default 5 s [I]. */
  readonly timeoutUs: number;
  /** Consecutive failed probes that declare the peer's service failed. Default 3 [I]. */
  readonly retries: number;
}

/** Local service check (`lservice ports|hd`): a unit checks its own interfaces or hard drive. */
export interface LocalCheckConfig {
  /** Time between checks, 1–60 s [D]. */
  readonly intervalUs: number;
  /** Consecutive failed checks that declare a local failure [D]. */
  readonly retries: number;
}

export interface HeartbeatConfig {
  /** Heartbeat period. Default 5 s [D: S2]. */
  readonly intervalUs: number;
  /** Missed heartbeats that declare the peer lost. Default 3, so about 15 s [D: S2]. */
  readonly lostThreshold: number;
  /** A second heartbeat link (`secondary-interface`). Default false [D: S6]. */
  readonly secondaryLink: boolean;
}

export interface HaConfig {
  readonly heartbeat: HeartbeatConfig;
  /** `remote-as-heartbeat`: successful remote service probes count as heartbeat. Default false [D: S23, I]. */
  readonly remoteAsHeartbeat: boolean;
  /** Probed protocols; empty = remote service monitoring off (the default [D: S4]). */
  readonly rservice: readonly ProbeConfig[];
  /** Local checks; null = off (the default 0/0 [D: S3]). */
  readonly lservice: {
    readonly ports: LocalCheckConfig | null;
    readonly hd: LocalCheckConfig | null;
  };
  /** Periodic MTA queue sync to the peer ("Backup MTA queue directories"). Default off, 5 min [D: S11; I interval]. */
  readonly mailQueueSync: { readonly enabled: boolean; readonly intervalUs: number };
  /** Mail data sync (quarantine, mailboxes): at most 20 min [D: S29]. Recorded in the effective scenario; it carries no MTA mail, so the model does not simulate it. */
  readonly mailDataSync: { readonly enabled: boolean; readonly intervalUs: number };
  /** Longest HOLD_OFF while the peer reboots. Default 15 min [D: S13]. */
  readonly holdOffUs: number;
  readonly admin: AdminConfig;
}

export interface AdminConfig {
  /** Time from a unit entering OFF to the admin acting; null = never. Default lognormal(median 4h, p95 24h) [I]. */
  readonly responseTime: Dist | null;
  /** What the admin does: `restore` (both units to their configured modes) or `restart` (HA processes restart on the OFF unit). Default restore [D: S5; I choice]. */
  readonly action: "restore" | "restart";
}

export interface MtaConfig {
  /** Mails a unit's spool holds; a full spool answers 4xx. Default 100000 [I]. */
  readonly spoolCapacity: number;
  /** Concurrent deliveries per unit. Default 8 [I]. */
  readonly deliveryWorkers: number;
  /** Time to hand one mail to the downstream server. Default exponential(mean 100 ms) [I]. */
  readonly deliveryTime: Dist;
  /** When the downstream cannot be reached, the unit retries its queue after this. Default 27 min [D: S34]. */
  readonly queueRetryUs: number;
  /** An accepted mail still undelivered this long after acceptance is bounced (lost, cause `expired`). Default 5 d [D: S34]. */
  readonly queueGiveUpUs: number;
}

export interface ArrivalConfig {
  /** Mean arrival rate, mails per second. */
  readonly ratePerS: number;
  /** `poisson` (the default), or `periodic`: exactly one mail every 1/rate (for hand-checkable tests). */
  readonly process: "poisson" | "periodic";
  /** `constant`, or `diurnal`: a sinusoidal day whose peak is `peakFactor` × the mean rate. */
  readonly profile: "constant" | "diurnal";
  /** Peak rate / mean rate for `diurnal` (≥ 1, < 2). Default 1.8. */
  readonly peakFactor: number;
  /** Time of day of the peak for `diurnal`. Default 14h. */
  readonly peakAtUs: number;
}

export interface WorkloadConfig {
  readonly arrivals: ArrivalConfig;
  /** The sending MTA retries a refused mail every `intervalUs` and gives up after `giveUpUs` (0 = at once). Defaults 15 min, 5 d [I; D: S34 for 5 d]. */
  readonly senderRetry: { readonly intervalUs: number; readonly giveUpUs: number };
}

export type LinkName = "primary" | "secondary" | "all";
export type PartitionFrom = "peer" | "senders" | "downstream" | "all";
/** `both` = symmetric; `inbound` = the unit receives nothing from there; `outbound` = what it sends is lost. */
export type PartitionDirection = "both" | "inbound" | "outbound";
export type MonitorKind = "rservice" | "lservice" | "all";
export type AdminAction = "restart" | "restore" | "resync";

interface FaultBase {
  /** Start time, µs from the run start. Before the horizon. */
  readonly atUs: number;
  /** How long the fault lasts, µs (> 0; 0 only for `admin`). */
  readonly durationUs: number;
}
/** A fault is plain data; the model turns it into events. */
export type FaultSpec =
  | (FaultBase & {
      readonly kind: "node-crash";
      readonly node: NodeIndex;
      readonly diskLost: boolean;
    })
  | (FaultBase & { readonly kind: "node-hang"; readonly node: NodeIndex })
  | (FaultBase & { readonly kind: "reboot"; readonly node: NodeIndex })
  | (FaultBase & { readonly kind: "link-down"; readonly link: LinkName })
  | (FaultBase & {
      readonly kind: "partition";
      readonly node: NodeIndex;
      readonly from: PartitionFrom;
      readonly direction: PartitionDirection;
    })
  | (FaultBase & {
      readonly kind: "lservice-failure";
      readonly node: NodeIndex;
      readonly service: "ports" | "hd";
    })
  /** `node` is the unit whose probes fail (the prober, usually the SLAVE), not the unit probed. */
  | (FaultBase & {
      readonly kind: "rservice-false-alarm";
      readonly node: NodeIndex;
      readonly protocol: Protocol | "all";
    })
  /** `node` is the unit whose monitor is blind (it runs the probes or checks). */
  | (FaultBase & {
      readonly kind: "monitor-blind";
      readonly node: NodeIndex;
      readonly monitor: MonitorKind;
    })
  | (FaultBase & { readonly kind: "downstream-outage" })
  | (FaultBase & {
      readonly kind: "flapping";
      readonly link: LinkName;
      readonly downUs: number;
      readonly upUs: number;
    })
  | (FaultBase & {
      readonly kind: "admin";
      readonly node: NodeIndex;
      readonly action: AdminAction;
    });
export type FaultKind = FaultSpec["kind"];
export const FAULT_KINDS: readonly FaultKind[] = [
  "node-crash",
  "node-hang",
  "reboot",
  "link-down",
  "partition",
  "lservice-failure",
  "rservice-false-alarm",
  "monitor-blind",
  "downstream-outage",
  "flapping",
  "admin",
];

/**
 * A stochastic fault process: up for Exp(mtbf), then a fault lasting a `repair` draw, then up
 * again. `node: "any"` picks a unit uniformly for each occurrence. The kind-specific fields are
 * those of {@link FaultSpec} (for `node-crash`, `diskLostProbability` replaces `diskLost`).
 */
export interface RandomFaultSpec {
  readonly kind: Exclude<FaultKind, "admin" | "flapping">;
  readonly node: NodeIndex | "any";
  /** Mean up time between a repair and the next failure (exponential). */
  readonly mtbfUs: number;
  /** Duration of each occurrence. */
  readonly repair: Dist;
  /** node-crash: probability that a crash destroys the disk. Default 0. */
  readonly diskLostProbability: number;
  readonly link: LinkName;
  readonly from: PartitionFrom;
  readonly direction: PartitionDirection;
  readonly service: "ports" | "hd";
  readonly protocol: Protocol | "all";
  readonly monitor: MonitorKind;
}

/**
 * Behaviour the FortiMail documents leave open ([I] in fortimail-ha.md), as named, configurable
 * assumptions. Defaults are chosen to be conservative and are documented in scenarios/README.md.
 */
export interface Assumptions {
  /** What a unit demoted to SLAVE (restore fail-back, split-brain heal, admin restore) does with its spool. Default `strand` (a SLAVE processes no mail [D: S21]). */
  readonly demotedQueue: "push" | "keep-and-deliver" | "strand";
  /** Which MASTER stays MASTER when a split brain heals. Default `configured-master`. */
  readonly splitBrainHeal: "configured-master" | "longest-master";
  /** Share of arrivals that reach the configured master while both units are MASTER (ARP flaps). Default 0.5. */
  readonly splitBrainShare: number;
  /** Probability that an SMTP session accepted during a split brain is cut by an ARP flap after commit, so the sender retries (a duplicate). Default 0.01. */
  readonly splitBrainSessionCutProbability: number;
  /** Time between a unit committing a mail and the sender seeing 250; sessions inside it when the unit stops are cut. Default 1 s. */
  readonly cutSessionWindowUs: number;
  /** Probability that a cut session was committed (so the sender's retry is a duplicate). Default 0.5. */
  readonly cutSessionDuplicateProbability: number;
  /** Probability that a delivery in flight when its unit stops had already reached the downstream (so the redelivery is a duplicate). Default 0.5. */
  readonly inflightDeliveredProbability: number;
  /** Time from a new MASTER taking over to the network sending it the traffic (ARP); arrivals in between are refused. Default 0 s. */
  readonly arpUpdateDelayUs: number;
  /** A FAILED unit whose cause is fixed but cannot reach its peer: `stay` FAILED, or `rejoin` as SLAVE (then take over if the peer stays silent). Default `stay`. */
  readonly failedWithoutPeer: "stay" | "rejoin";
  /** Whether a SLAVE runs its local service checks too. Default false: S3 says the primary checks its own interfaces and disk. */
  readonly lserviceOnSlave: boolean;
  /** Who receives mail while a hung MASTER and the peer that took over both hold the virtual IP: `yields` (default: the peer announced the IP with ARP [D: S22] and a hung unit cannot answer, so senders reach the new MASTER) or `keeps-share` (ARP flaps; `splitBrainShare` of senders still reach the hung unit). */
  readonly hungMasterArp: "yields" | "keeps-share";
  /** The admin called by on-failure `off` acts once the response time has passed `and-repaired` (default: once the unit's own cause is fixed, as a realistic operator would) or `blind` (at the response time, repaired or not). */
  readonly adminActs: "and-repaired" | "blind";
  /** Where `set system ha restart` puts a unit: `configured` (default: its configured mode, state table row 8) or `slave` (always SLAVE first). */
  readonly adminRestartTo: "configured" | "slave";
  /** Share of accepted mail that leaves mail data users see (quarantined, archived, or in a server-mode mailbox) on the accepting unit; what a MASTER created since its last mail-data sync is overwritten when it later syncs from its peer (after a split brain heals, or when it rejoins as SLAVE). Default 0.05 [I]; 1 for server mode. */
  readonly mailDataShare: number;
  /** Mails per second a recovered unit's spool push moves to the MASTER over the heartbeat link; 0 = instant. Default 100 [I]. */
  readonly pushRatePerS: number;
}

/**
 * How the engine runs. `heartbeats` and `checkInvariants` never change results (tests prove it);
 * `phases: aligned` does (it fixes the grids that are otherwise drawn), and exists for tests.
 */
export interface EngineOptions {
  /** `closed-form`: heartbeats and probes cost events only when something changes; `simulated`: one event per heartbeat and probe. Default closed-form. */
  readonly heartbeats: "closed-form" | "simulated";
  /** Check invariants during the run (tests turn it on). Default false. */
  readonly checkInvariants: boolean;
  /** Heartbeat and probe grid phases: `random` per unit and monitor (the default), or `aligned` at 0 (hand-checkable tests). */
  readonly phases: "random" | "aligned";
  /**
   * How mail is simulated. `exact` (default): while the cluster is quiet (one MASTER takes and
   * delivers every mail, nothing pending at the senders, downstream up), a gate runs the mail
   * events outside the event queue, in the same order; results are byte-identical to `events`,
   * one kernel event per arrival and per delivery, kept for checking. `episodes`: as `exact`,
   * and between fault episodes mail is not simulated but counted (see sim/skip.ts).
   */
  readonly mail: "exact" | "events" | "episodes";
}

export interface QualifiedScenario {
  readonly name: string;
  readonly description: string;
  /** Root seed; replication r of every policy uses the streams forked from (seed, r). */
  readonly seed: number;
  /** Mail arrives and faults start until here. */
  readonly horizonUs: number;
  /** Longest drain after the horizon (no new mail or faults) until spools are empty. Default 7 d. */
  readonly drainUs: number;
  readonly replications: number;
  readonly policies: readonly Policy[];
  readonly nodes: readonly [NodeSpec, NodeSpec];
  readonly ha: HaConfig;
  readonly mta: MtaConfig;
  readonly workload: WorkloadConfig;
  /** Explicit schedule, sorted by `atUs` (stable). */
  readonly faults: readonly FaultSpec[];
  readonly randomFaults: readonly RandomFaultSpec[];
  readonly assumptions: Assumptions;
  readonly engine: EngineOptions;
}
