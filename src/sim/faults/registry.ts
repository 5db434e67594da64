/**
 * Every fault kind's descriptor, by kind. The type makes the registry complete: a kind added to
 * `FaultSpec` without a descriptor does not compile.
 *
 * @module
 */
import type { FaultKind, FaultSpec } from "../../config/scenario.js";
import type { FaultDescriptor, UnitNames } from "./descriptor.js";
import { admin } from "./kinds/admin.js";
import { flapping, linkDown } from "./kinds/links.js";
import { lserviceFailure, monitorBlind, rserviceFalseAlarm } from "./kinds/monitors.js";
import { downstreamOutage, partition } from "./kinds/network.js";
import { nodeCrash, nodeHang, reboot } from "./kinds/nodes.js";

/** The descriptor of each kind. */
export const FAULT_DESCRIPTORS: { readonly [K in FaultKind]: FaultDescriptor<K> } = {
  "node-crash": nodeCrash,
  "node-hang": nodeHang,
  reboot,
  "link-down": linkDown,
  partition,
  "lservice-failure": lserviceFailure,
  "rservice-false-alarm": rserviceFalseAlarm,
  "monitor-blind": monitorBlind,
  "downstream-outage": downstreamOutage,
  flapping,
  admin,
};

/** The descriptor of a fault (typed loosely: the fault and its descriptor agree by kind). */
export function descriptorOf(f: FaultSpec): FaultDescriptor<FaultKind> {
  return FAULT_DESCRIPTORS[f.kind] as unknown as FaultDescriptor<FaultKind>;
}

/** A fault's target, for traces and timelines. */
export function faultTarget(f: FaultSpec, units: UnitNames): string {
  return descriptorOf(f).target(f, units);
}

/** A fault's start or end in words, for stories. */
export function faultWords(f: FaultSpec, units: UnitNames, start: boolean): string {
  return descriptorOf(f).words(f, units, start);
}

/** Kinds the fuzzer draws, simplest first (its shrinking order). */
export function fuzzKinds(): FaultKind[] {
  return (Object.keys(FAULT_DESCRIPTORS) as FaultKind[])
    .filter((k) => FAULT_DESCRIPTORS[k].shrinkRank !== null)
    .sort((a, b) => FAULT_DESCRIPTORS[a].shrinkRank! - FAULT_DESCRIPTORS[b].shrinkRank!);
}
