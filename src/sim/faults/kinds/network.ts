/**
 * Faults of the networks around a unit: a partition (from its peer, its senders, the downstream
 * server or all, in one or both directions) and an outage of the downstream server itself.
 *
 * @module
 */
import { NODE_FIELD, type FaultDescriptor } from "../descriptor.js";

export const partition: FaultDescriptor<"partition"> = {
  kind: "partition",
  summary: "the unit is cut off from its peer, its senders, the downstream server or all",
  fields: [
    NODE_FIELD,
    {
      name: "from",
      type: "enum",
      values: ["peer", "senders", "downstream", "all"],
      default: "peer",
    },
    { name: "direction", type: "enum", values: ["both", "inbound", "outbound"], default: "both" },
  ],
  instant: false,
  shrinkRank: 4,
  target: (f, units) => `${units[f.node]} from ${f.from} (${f.direction})`,
  words: (f, units, start) =>
    start
      ? `${units[f.node]} cut off from ${f.from} (${f.direction})`
      : `${units[f.node]} reconnected`,
  apply: (v, f) => {
    v.isolate(f.node, f.from, f.direction, 1);
  },
  lift: (v, f) => {
    v.isolate(f.node, f.from, f.direction, -1);
  },
  fromRandom: (spec, d) => ({
    kind: "partition",
    atUs: d.atUs,
    durationUs: d.durationUs,
    node: d.node,
    from: spec.from,
    direction: spec.direction,
  }),
};

export const downstreamOutage: FaultDescriptor<"downstream-outage"> = {
  kind: "downstream-outage",
  summary: "the downstream mail server is unreachable from both units",
  fields: [],
  instant: false,
  shrinkRank: 8,
  target: () => "downstream",
  words: (_f, _units, start) => `downstream mail server ${start ? "unreachable" : "back"}`,
  apply: (v) => {
    v.downstreamOutage(1);
  },
  lift: (v) => {
    v.downstreamOutage(-1);
  },
  fromRandom: (_spec, d) => ({ kind: "downstream-outage", atUs: d.atUs, durationUs: d.durationUs }),
};
