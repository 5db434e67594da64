/**
 * Faults the monitors see (or fail to see): a local resource failing (lservice: network ports or
 * the hard disk), remote probes failing falsely (rservice false alarm), a monitor gone blind.
 *
 * @module
 */
import { NODE_FIELD, type FaultDescriptor } from "../descriptor.js";

export const lserviceFailure: FaultDescriptor<"lservice-failure"> = {
  kind: "lservice-failure",
  summary: "a local resource of the unit fails: its network ports or its hard disk",
  fields: [NODE_FIELD, { name: "service", type: "enum", values: ["ports", "hd"] }],
  instant: false,
  shrinkRank: 5,
  target: (f, units) => `${units[f.node]} ${f.service}`,
  words: (f, units, start) => `${units[f.node]} ${f.service} ${start ? "fails" : "repaired"}`,
  apply: (v, f) => {
    v.failLocal(f.node, f.service, 1);
  },
  lift: (v, f) => {
    v.failLocal(f.node, f.service, -1);
  },
  fromRandom: (spec, d) => ({
    kind: "lservice-failure",
    atUs: d.atUs,
    durationUs: d.durationUs,
    node: d.node,
    service: spec.service,
  }),
};

export const rserviceFalseAlarm: FaultDescriptor<"rservice-false-alarm"> = {
  kind: "rservice-false-alarm",
  summary: "the unit's remote probes of its peer fail although the peer serves (node = prober)",
  fields: [
    NODE_FIELD,
    {
      name: "protocol",
      type: "enum",
      values: ["smtp", "pop3", "imap", "http", "all"],
      default: "all",
    },
  ],
  instant: false,
  shrinkRank: 6,
  target: (f, units) => `${units[f.node]} ${f.protocol} probe`,
  words: (f, units, start) =>
    `${units[f.node]} ${f.protocol} probes of its peer ${start ? "start failing falsely" : "work again"}`,
  apply: (v, f) => {
    v.falseAlarm(f.node, f.protocol, 1);
  },
  lift: (v, f) => {
    v.falseAlarm(f.node, f.protocol, -1);
  },
  fromRandom: (spec, d) => ({
    kind: "rservice-false-alarm",
    atUs: d.atUs,
    durationUs: d.durationUs,
    node: d.node,
    protocol: spec.protocol,
  }),
};

export const monitorBlind: FaultDescriptor<"monitor-blind"> = {
  kind: "monitor-blind",
  summary: "the unit's monitors (rservice, lservice or all) miss real failures",
  fields: [
    NODE_FIELD,
    { name: "monitor", type: "enum", values: ["rservice", "lservice", "all"], default: "all" },
  ],
  instant: false,
  shrinkRank: 7,
  target: (f, units) => `${units[f.node]} ${f.monitor} monitor`,
  words: (f, units, start) =>
    `${units[f.node]} ${f.monitor} monitor ${start ? "goes blind" : "sees again"}`,
  apply: (v, f) => {
    v.blind(f.node, f.monitor, 1);
  },
  lift: (v, f) => {
    v.blind(f.node, f.monitor, -1);
  },
  fromRandom: (spec, d) => ({
    kind: "monitor-blind",
    atUs: d.atUs,
    durationUs: d.durationUs,
    node: d.node,
    monitor: spec.monitor,
  }),
};
