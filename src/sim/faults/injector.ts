/**
 * Turns fault data (the scenario's explicit schedule and its random fault processes) into kernel
 * events that apply and lift each fault through its descriptor and the driver's verbs.
 *
 * Random processes draw from their own stream (`fault:<i>`), forked by replication, so every
 * policy of a replication sees the same faults at the same times (common random numbers).
 *
 * @module
 */
import type { FaultKind, FaultSpec, NodeIndex, RandomFaultSpec } from "../../config/scenario.js";
import { sampleUs } from "../../kernel/dist.js";
import type { Rng } from "../../kernel/rng.js";
import type { HandlerId } from "../../kernel/scheduler.js";
import { P_FAULT } from "../priorities.js";
import type { ClusterState } from "../state.js";
import { ClusterVerbs } from "../verbs.js";
import type { FaultDescriptor, UnitNames } from "./descriptor.js";
import { descriptorOf, FAULT_DESCRIPTORS, faultTarget } from "./registry.js";

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

export class FaultInjector {
  /** Every fault instance that has been scheduled (explicit ones first); handler args index it. */
  readonly instances: FaultSpec[] = [];
  private readonly verbs: ClusterVerbs;
  private readonly units: UnitNames;
  private readonly startH: HandlerId;
  private readonly endH: HandlerId;

  constructor(private readonly c: ClusterState) {
    this.verbs = new ClusterVerbs(c);
    this.units = [c.units[0].name, c.units[1].name];
    this.startH = c.on(P_FAULT, (i) => {
      this.start(this.instances[i]!);
    });
    this.endH = c.on(P_FAULT, (i) => {
      this.end(this.instances[i]!);
    });
  }

  /** Schedules the explicit faults and starts the random processes. */
  schedule(sc: {
    readonly faults: readonly FaultSpec[];
    readonly randomFaults: readonly RandomFaultSpec[];
  }): void {
    for (const f of expandFaults(sc.faults)) this.add(f);
    sc.randomFaults.forEach((spec, i) => {
      this.startProcess(spec, this.c.rng.root.fork(`fault:${i}`));
    });
  }

  private add(f: FaultSpec): void {
    const i = this.instances.length;
    this.instances.push(f);
    this.c.sched.at(f.atUs, P_FAULT, this.startH, i);
    if (!descriptorOf(f).instant) this.c.sched.at(f.atUs + f.durationUs, P_FAULT, this.endH, i);
  }

  /** A renewal process: up for Exp(mtbf), down for a repair draw, again, until the horizon. */
  private startProcess(spec: RandomFaultSpec, rng: Rng): void {
    const make = (FAULT_DESCRIPTORS[spec.kind] as unknown as FaultDescriptor<FaultKind>).fromRandom;
    if (make === null) throw new Error(`fault kind ${spec.kind} cannot be a random process`);
    let t = 0;
    const horizon = this.c.sc.horizonUs;
    for (;;) {
      t += Math.max(1, Math.round(rng.exponential(spec.mtbfUs)));
      if (t >= horizon) return;
      const durationUs = Math.max(1, sampleUs(spec.repair, rng));
      const node: NodeIndex = spec.node === "any" ? (rng.int(0, 1) as NodeIndex) : spec.node;
      const diskLost = rng.bernoulli(spec.diskLostProbability);
      this.add(make(spec, { atUs: t, durationUs, node, diskLost }));
      t += durationUs;
    }
  }

  private start(f: FaultSpec): void {
    const c = this.c;
    const d = descriptorOf(f);
    if (d.instant) {
      d.apply(this.verbs, f);
      return;
    }
    c.activeFaults++;
    c.settling = true;
    c.obs.event({
      timeUs: c.sched.nowUs,
      kind: "fault-start",
      fault: f,
      target: faultTarget(f, this.units),
    });
    d.apply(this.verbs, f);
    this.verbs.settle();
  }

  private end(f: FaultSpec): void {
    const c = this.c;
    c.activeFaults--;
    c.obs.event({
      timeUs: c.sched.nowUs,
      kind: "fault-end",
      fault: f,
      target: faultTarget(f, this.units),
    });
    descriptorOf(f).lift(this.verbs, f);
    this.verbs.settle();
  }
}
