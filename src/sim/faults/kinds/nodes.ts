/**
 * Faults of a whole unit: a crash (power loss, optionally with its disk), a hang (the unit stops
 * answering but keeps its state and the virtual IP), a planned reboot.
 *
 * @module
 */
import { NODE_FIELD, type FaultDescriptor } from "../descriptor.js";

export const nodeCrash: FaultDescriptor<"node-crash"> = {
  kind: "node-crash",
  summary: "the unit loses power and boots when it returns; with diskLost its spool is gone",
  fields: [NODE_FIELD, { name: "diskLost", type: "boolean", default: false }],
  instant: false,
  shrinkRank: 1,
  target: (f, units) => units[f.node],
  words: (f, units, start) =>
    start ? `${units[f.node]} crashes` : `${units[f.node]} powers back on`,
  apply: (v, f) => {
    v.crash(f.node, f.diskLost);
  },
  lift: (v, f) => {
    v.powerOn(f.node);
  },
  fromRandom: (_spec, d) => ({
    kind: "node-crash",
    atUs: d.atUs,
    durationUs: d.durationUs,
    node: d.node,
    diskLost: d.diskLost,
  }),
};

export const nodeHang: FaultDescriptor<"node-hang"> = {
  kind: "node-hang",
  summary: "the unit stops answering (no heartbeats, no mail) but keeps its state",
  fields: [NODE_FIELD],
  instant: false,
  shrinkRank: 2,
  target: (f, units) => units[f.node],
  words: (f, units, start) => `${units[f.node]} ${start ? "hangs" : "resumes"}`,
  apply: (v, f) => {
    v.hang(f.node, 1);
  },
  lift: (v, f) => {
    v.hang(f.node, -1);
  },
  fromRandom: (_spec, d) => ({
    kind: "node-hang",
    atUs: d.atUs,
    durationUs: d.durationUs,
    node: d.node,
  }),
};

export const reboot: FaultDescriptor<"reboot"> = {
  kind: "reboot",
  summary: "a planned reboot; a MASTER announces it to its peer first [D: S13]",
  fields: [NODE_FIELD],
  instant: false,
  shrinkRank: 3,
  target: (f, units) => units[f.node],
  words: (f, units, start) =>
    start ? `${units[f.node]} reboots` : `${units[f.node]} finishes rebooting`,
  apply: (v, f) => {
    v.reboot(f.node);
  },
  lift: (v, f) => {
    v.rebootDone(f.node);
  },
  fromRandom: (_spec, d) => ({
    kind: "reboot",
    atUs: d.atUs,
    durationUs: d.durationUs,
    node: d.node,
  }),
};
