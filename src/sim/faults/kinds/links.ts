/**
 * Faults of the heartbeat links: one outage, or a link flapping down and up.
 *
 * @module
 */
import type { LinkName } from "../../../config/scenario.js";
import type { FaultDescriptor, FaultField } from "../descriptor.js";

const LINK_FIELD: FaultField = {
  name: "link",
  type: "enum",
  values: ["primary", "secondary", "all"],
  default: "all",
};

function linkWords(link: LinkName, start: boolean): string {
  const links = link === "all" ? "all heartbeat links" : `${link} heartbeat link`;
  return `${links} ${start ? "down" : "up"}`;
}

export const linkDown: FaultDescriptor<"link-down"> = {
  kind: "link-down",
  summary: "a heartbeat link (primary, secondary or all) is down",
  fields: [LINK_FIELD],
  instant: false,
  shrinkRank: 0,
  target: (f) => `${f.link} link`,
  words: (f, _units, start) => linkWords(f.link, start),
  apply: (v, f) => {
    v.cutLink(f.link, 1);
  },
  lift: (v, f) => {
    v.cutLink(f.link, -1);
  },
  fromRandom: (spec, d) => ({
    kind: "link-down",
    atUs: d.atUs,
    durationUs: d.durationUs,
    link: spec.link,
  }),
};

/** Expanded into its link-down outages before the run (see injector.ts). */
export const flapping: FaultDescriptor<"flapping"> = {
  kind: "flapping",
  summary: "a heartbeat link goes down for `down`, up for `up`, repeatedly, for `duration`",
  fields: [LINK_FIELD, { name: "down", type: "duration" }, { name: "up", type: "duration" }],
  instant: false,
  shrinkRank: 9,
  target: (f) => `${f.link} link`,
  words: (f, _units, start) => linkWords(f.link, start),
  apply: (v, f) => {
    v.cutLink(f.link, 1);
  },
  lift: (v, f) => {
    v.cutLink(f.link, -1);
  },
  fromRandom: null,
};
