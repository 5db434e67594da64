/**
 * Why a mail is lost or duplicated: the causes the fate ledger attributes and `runs.csv` counts.
 *
 * @module
 */

/** Why an accepted mail was never delivered. */
export type LostCause =
  | "stranded-off" // in the spool of a unit left OFF (on-failure off, admin not back)
  | "stranded-failed" // in the spool of a unit stuck in FAILED
  | "stranded-slave" // in the spool of a unit demoted to SLAVE with demotedQueue=strand
  | "stranded-down" // in the spool of a unit crashed or hung at the end
  | "disk-destroyed" // in a spool destroyed with its disk
  | "expired" // bounced: undelivered longer than mta.queueGiveUp
  | "undelivered"; // still queued on a working MASTER at the drain limit (downstream down)
export const LOST_CAUSES: readonly LostCause[] = [
  "stranded-off",
  "stranded-failed",
  "stranded-slave",
  "stranded-down",
  "disk-destroyed",
  "expired",
  "undelivered",
];

/** What made an extra delivery of a mail. */
export type DuplicateCause =
  | "cut-session" // sender retried a session cut after commit (unit stopped)
  | "split-brain" // session cut by an ARP flap while both units were MASTER
  | "queue-sync-race" // a queue-sync copy delivered by the peer as well as by the owner
  | "inflight-redelivery"; // a delivery in flight when its unit stopped had reached the downstream
export const DUPLICATE_CAUSES: readonly DuplicateCause[] = [
  "cut-session",
  "split-brain",
  "queue-sync-race",
  "inflight-redelivery",
];

/** Why a sender gave up on a mail: what it met at its last attempt. */
export type GiveUpCause =
  | "no-master" // no unit held the virtual IP (nobody MASTER, or every MASTER down)
  | "master-unreachable" // the unit holding the IP could not take sessions (partition, ports, disk, ARP settling)
  | "spool-full"; // the MASTER's spool was at mta.spoolCapacity
export const GIVE_UP_CAUSES: readonly GiveUpCause[] = [
  "no-master",
  "master-unreachable",
  "spool-full",
];

/** A {@link GiveUpCause} as a small integer (hot path: the model passes numbers). */
export const GiveUpCode = { NoMaster: 0, Unreachable: 1, SpoolFull: 2 } as const;
export type GiveUpCode = (typeof GiveUpCode)[keyof typeof GiveUpCode];
