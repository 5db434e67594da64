/**
 * The driver's verbs: what a fault (or a test) can do to the group. Each verb changes the state
 * it names and lets the model react; faults call these, never the driver's counters directly.
 * Verbs that hold something down count: two overlapping `cutLink` keep the link down until both
 * are lifted.
 *
 * @module
 */
import type {
  AdminAction,
  LinkName,
  MonitorKind,
  NodeIndex,
  PartitionDirection,
  PartitionFrom,
  Protocol,
} from "../config/scenario.js";
import { peerIsMaster } from "./health.js";
import { destroyDisk } from "./replication.js";
import { adminAction, apply, boot } from "./roles.js";
import type { ClusterState } from "./state.js";

/** +1 applies, -1 lifts. */
export type Toggle = 1 | -1;

/** The verbs, bound to one cluster. */
export class ClusterVerbs {
  constructor(private readonly c: ClusterState) {}

  /** The unit loses power; with `diskLost` its spool is destroyed. */
  crash(node: NodeIndex, diskLost: boolean): void {
    const u = this.c.units[node];
    apply(this.c, u, { type: "crash" });
    if (diskLost) destroyDisk(this.c, u);
  }

  /** Power returns to a crashed unit: it boots. */
  powerOn(node: NodeIndex): void {
    const u = this.c.units[node];
    if (u.role.physical === "CRASHED") boot(this.c, u);
  }

  /** The unit stops answering (or resumes, -1) but keeps its state and the virtual IP. */
  hang(node: NodeIndex, d: Toggle): void {
    const u = this.c.units[node];
    if (d > 0) apply(this.c, u, { type: "hang" });
    else apply(this.c, u, { type: "unhang", peerMaster: peerIsMaster(this.c, u) });
  }

  /** A planned reboot starts; a MASTER announces it to its peer [D: S13]. */
  reboot(node: NodeIndex): void {
    const u = this.c.units[node];
    const wasMaster = u.up && u.role.mode === "MASTER";
    apply(this.c, u, { type: "reboot" });
    if (wasMaster) apply(this.c, this.c.peer(u), { type: "peer-rebooting" });
  }

  /** The rebooting unit finishes booting. */
  rebootDone(node: NodeIndex): void {
    const u = this.c.units[node];
    if (u.role.physical === "REBOOTING") boot(this.c, u);
  }

  /** A heartbeat link goes down (or comes back, -1). */
  cutLink(link: LinkName, d: Toggle): void {
    if (link !== "secondary") this.c.primaryDown += d;
    if (link !== "primary") this.c.secondaryDown += d;
  }

  /** The unit is cut off from its peer, its senders, the downstream or all, in one or both directions. */
  isolate(node: NodeIndex, from: PartitionFrom, direction: PartitionDirection, d: Toggle): void {
    const f = this.c.units[node].faults;
    const inb = direction !== "outbound" ? d : 0;
    const out = direction !== "inbound" ? d : 0;
    if (from === "peer" || from === "all") {
      f.peerIn += inb;
      f.peerOut += out;
    }
    if (from === "senders" || from === "all") {
      f.sendersIn += inb;
      f.sendersOut += out;
    }
    if (from === "downstream" || from === "all") {
      f.downstreamIn += inb;
      f.downstreamOut += out;
    }
  }

  /** A local resource (network ports or the hard disk) fails. */
  failLocal(node: NodeIndex, service: "ports" | "hd", d: Toggle): void {
    const f = this.c.units[node].faults;
    if (service === "hd") f.hdFailed += d;
    else f.portsFailed += d;
  }

  /** The unit's remote probes of its peer fail although the peer serves. */
  falseAlarm(node: NodeIndex, protocol: Protocol | "all", d: Toggle): void {
    this.c.units[node].faults.falseAlarm[protocol] += d;
  }

  /** The unit's monitors stop seeing real failures. */
  blind(node: NodeIndex, monitor: MonitorKind, d: Toggle): void {
    const f = this.c.units[node].faults;
    if (monitor !== "lservice") f.blindRservice += d;
    if (monitor !== "rservice") f.blindLservice += d;
  }

  /** The downstream mail server is unreachable from both units. */
  downstreamOutage(d: Toggle): void {
    this.c.downstreamDown += d;
  }

  /** An admin command on a unit. */
  admin(node: NodeIndex, action: AdminAction): void {
    adminAction(this.c, this.c.units[node], action);
  }

  /** Lets the model react to what the verbs changed. */
  settle(): void {
    this.c.refresh();
  }
}
