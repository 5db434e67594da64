/**
 * Turns fault data (the scenario's explicit schedule and its random fault processes) into kernel
 * events on the cluster. A fault is plain data from start to end: this file is the only place that
 * knows what each kind does to the units and links.
 *
 * Random processes draw from their own stream (`fault:<i>`), forked by replication, so every
 * policy of a replication sees the same faults at the same times (common random numbers).
 *
 * @module
 */
import { sampleUs } from "../kernel/dist.js";
import type { Rng } from "../kernel/rng.js";
import type { HandlerId } from "../kernel/scheduler.js";
import type {
  FaultSpec,
  NodeIndex,
  QualifiedScenario,
  RandomFaultSpec,
} from "../config/scenario.js";
import type { Cluster } from "./cluster.js";
import { P_FAULT } from "./priorities.js";
import type { UnitRuntime } from "./unit.js";

/** Expands `flapping` into its individual link-down outages; other faults pass through. */
export function expandFaults(faults: readonly FaultSpec[]): FaultSpec[] {
  const out: FaultSpec[] = [];
  for (const f of faults) {
    if (f.kind !== "flapping") {
      out.push(f);
      continue;
    }
    const end = f.atUs + f.durationUs;
    for (let t = f.atUs; t < end; t += f.downUs + f.upUs) {
      out.push({
        kind: "link-down",
        atUs: t,
        durationUs: Math.min(f.downUs, end - t),
        link: f.link,
      });
    }
  }
  return out;
}

/** Short description of a fault's target, for traces and timelines. */
export function faultTarget(c: Cluster, f: FaultSpec): string {
  switch (f.kind) {
    case "link-down":
    case "flapping":
      return `${f.link} link`;
    case "downstream-outage":
      return "downstream";
    case "partition":
      return `${c.units[f.node].name} from ${f.from} (${f.direction})`;
    case "lservice-failure":
      return `${c.units[f.node].name} ${f.service}`;
    case "rservice-false-alarm":
      return `${c.units[f.node].name} ${f.protocol} probe`;
    case "monitor-blind":
      return `${c.units[f.node].name} ${f.monitor} monitor`;
    default:
      return c.units[f.node].name;
  }
}

export class FaultInjector {
  /** Every fault instance that has been scheduled (explicit ones first); handler args index it. */
  readonly instances: FaultSpec[] = [];
  private readonly startH: HandlerId;
  private readonly endH: HandlerId;

  constructor(private readonly c: Cluster) {
    this.startH = c.on(P_FAULT, (i) => {
      this.start(this.instances[i]!);
    });
    this.endH = c.on(P_FAULT, (i) => {
      this.end(this.instances[i]!);
    });
  }

  /** Schedules the explicit faults and starts the random processes. */
  schedule(sc: QualifiedScenario, streams: (label: string) => Rng): void {
    for (const f of expandFaults(sc.faults)) this.add(f);
    sc.randomFaults.forEach((spec, i) => {
      this.startProcess(spec, streams(`fault:${i}`));
    });
  }

  private add(f: FaultSpec): void {
    const i = this.instances.length;
    this.instances.push(f);
    this.c.sched.at(f.atUs, P_FAULT, this.startH, i);
    if (f.kind !== "admin") this.c.sched.at(f.atUs + f.durationUs, P_FAULT, this.endH, i);
  }

  /** A renewal process: up for Exp(mtbf), down for a repair draw, again, until the horizon. */
  private startProcess(spec: RandomFaultSpec, rng: Rng): void {
    let t = 0;
    const horizon = this.c.sc.horizonUs;
    for (;;) {
      t += Math.max(1, Math.round(rng.exponential(spec.mtbfUs)));
      if (t >= horizon) return;
      const duration = Math.max(1, sampleUs(spec.repair, rng));
      const node: NodeIndex = spec.node === "any" ? (rng.int(0, 1) as NodeIndex) : spec.node;
      const diskLost = rng.bernoulli(spec.diskLostProbability);
      this.add(randomInstance(spec, t, duration, node, diskLost));
      t += duration;
    }
  }

  private start(f: FaultSpec): void {
    const c = this.c;
    const now = c.sched.nowUs;
    if (f.kind === "admin") {
      c.adminAction(c.units[f.node], f.action);
      return;
    }
    c.activeFaults++;
    c.obs.faultStarted(now);
    c.obs.record(
      now,
      "",
      "fault-start",
      "",
      "",
      `${f.kind} ${faultTarget(c, f)} for ${durationText(f.durationUs)}`,
    );
    c.obs.faultInterval(f.kind, faultTarget(c, f), now, now + f.durationUs);
    this.toggle(f, +1);
    c.refresh();
  }

  private end(f: FaultSpec): void {
    const c = this.c;
    c.activeFaults--;
    c.obs.record(c.sched.nowUs, "", "fault-end", "", "", `${f.kind} ${faultTarget(c, f)}`);
    this.toggle(f, -1);
    c.refresh();
  }

  /** Applies (+1) or lifts (-1) a fault. */
  private toggle(f: FaultSpec, d: 1 | -1): void {
    const c = this.c;
    switch (f.kind) {
      case "node-crash": {
        const u = c.units[f.node];
        if (d > 0) {
          c.apply(u, { type: "crash" });
          if (f.diskLost) c.destroyDisk(u);
        } else if (u.role.physical === "CRASHED") c.boot(u);
        return;
      }
      case "node-hang": {
        const u = c.units[f.node];
        c.apply(u, { type: d > 0 ? "hang" : "unhang" });
        return;
      }
      case "reboot": {
        const u = c.units[f.node];
        if (d < 0) {
          if (u.role.physical === "REBOOTING") c.boot(u);
          return;
        }
        const wasMaster = u.up && u.role.mode === "MASTER";
        c.apply(u, { type: "reboot" });
        const p = c.peer(u);
        if (wasMaster) c.apply(p, { type: "peer-rebooting" }); // the MASTER announces its reboot [D: S13]
        return;
      }
      case "link-down":
      case "flapping":
        if (f.link !== "secondary") c.primaryDown += d;
        if (f.link !== "primary") c.secondaryDown += d;
        return;
      case "partition":
        partition(c.units[f.node], f.from, f.direction, d);
        return;
      case "lservice-failure":
        if (f.service === "hd") c.units[f.node].faults.hdFailed += d;
        else c.units[f.node].faults.portsFailed += d;
        return;
      case "rservice-false-alarm":
        c.units[f.node].faults.falseAlarm[f.protocol] += d;
        return;
      case "monitor-blind": {
        const fs = c.units[f.node].faults;
        if (f.monitor !== "lservice") fs.blindRservice += d;
        if (f.monitor !== "rservice") fs.blindLservice += d;
        return;
      }
      case "downstream-outage":
        c.downstreamDown += d;
        return;
      case "admin":
        return;
    }
  }
}

function partition(u: UnitRuntime, from: string, direction: string, d: 1 | -1): void {
  const f = u.faults;
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

function durationText(us: number): string {
  const s = us / 1e6;
  return s >= 3600
    ? `${(s / 3600).toFixed(2)}h`
    : s >= 60
      ? `${(s / 60).toFixed(1)}m`
      : `${s.toFixed(1)}s`;
}

function randomInstance(
  spec: RandomFaultSpec,
  atUs: number,
  durationUs: number,
  node: NodeIndex,
  diskLost: boolean,
): FaultSpec {
  const base = { atUs, durationUs };
  switch (spec.kind) {
    case "node-crash":
      return { ...base, kind: "node-crash", node, diskLost };
    case "node-hang":
      return { ...base, kind: "node-hang", node };
    case "reboot":
      return { ...base, kind: "reboot", node };
    case "link-down":
      return { ...base, kind: "link-down", link: spec.link };
    case "partition":
      return { ...base, kind: "partition", node, from: spec.from, direction: spec.direction };
    case "lservice-failure":
      return { ...base, kind: "lservice-failure", node, service: spec.service };
    case "rservice-false-alarm":
      return { ...base, kind: "rservice-false-alarm", node, protocol: spec.protocol };
    case "monitor-blind":
      return { ...base, kind: "monitor-blind", node, monitor: spec.monitor };
    case "downstream-outage":
      return { ...base, kind: "downstream-outage" };
  }
}
