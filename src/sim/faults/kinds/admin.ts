/**
 * A scheduled admin command on a unit (`set system ha restart|restore|resync`): a repair, not a
 * fault, written in the same schedule.
 *
 * @module
 */
import { NODE_FIELD, type FaultDescriptor } from "../descriptor.js";

export const admin: FaultDescriptor<"admin"> = {
  kind: "admin",
  summary: "an admin command on the unit: restart, restore or resync",
  fields: [NODE_FIELD, { name: "action", type: "enum", values: ["restart", "restore", "resync"] }],
  instant: true,
  shrinkRank: null,
  target: (f, units) => units[f.node],
  words: (f, units) => `admin: ${f.action} ${units[f.node]}`,
  apply: (v, f) => {
    v.admin(f.node, f.action);
  },
  lift: () => undefined,
  fromRandom: null,
};
