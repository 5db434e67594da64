// Every fault kind has a whole descriptor: fields, words, apply and lift that undo each other,
// a random form where the scenario format allows one, a place in the fuzzer's order, and a line in
// scenarios/README.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FAULT_KINDS, type FaultSpec } from "../../src/config/scenario.js";
import { FUZZ_KINDS } from "../../src/fuzz/arbitraries.js";
import { FAULT_DESCRIPTORS, faultTarget, faultWords } from "../../src/sim/faults/registry.js";
import { Harness } from "../helpers/harness.js";
import { scenario } from "../helpers/scenario.js";

/** One example of each kind (what a scenario file would give after qualification). */
const EXAMPLES: Readonly<Record<(typeof FAULT_KINDS)[number], FaultSpec>> = {
  "node-crash": { kind: "node-crash", atUs: 0, durationUs: 1, node: 0, diskLost: false },
  "node-hang": { kind: "node-hang", atUs: 0, durationUs: 1, node: 0 },
  reboot: { kind: "reboot", atUs: 0, durationUs: 1, node: 0 },
  "link-down": { kind: "link-down", atUs: 0, durationUs: 1, link: "all" },
  partition: { kind: "partition", atUs: 0, durationUs: 1, node: 1, from: "all", direction: "both" },
  "lservice-failure": { kind: "lservice-failure", atUs: 0, durationUs: 1, node: 0, service: "hd" },
  "rservice-false-alarm": {
    kind: "rservice-false-alarm",
    atUs: 0,
    durationUs: 1,
    node: 1,
    protocol: "all",
  },
  "monitor-blind": { kind: "monitor-blind", atUs: 0, durationUs: 1, node: 1, monitor: "all" },
  "downstream-outage": { kind: "downstream-outage", atUs: 0, durationUs: 1 },
  flapping: { kind: "flapping", atUs: 0, durationUs: 1, link: "all", downUs: 1, upUs: 1 },
  admin: { kind: "admin", atUs: 0, durationUs: 0, node: 0, action: "restore" },
};

/** The counters a fault can hold (links, downstream, and each unit's fault counters). */
function counters(h: Harness): string {
  const c = h.c;
  return JSON.stringify([
    c.primaryDown,
    c.secondaryDown,
    c.downstreamDown,
    c.units[0].faults,
    c.units[1].faults,
  ]);
}

describe("fault descriptors", () => {
  const readme = readFileSync(
    join(import.meta.dirname, "..", "..", "scenarios", "README.md"),
    "utf8",
  );

  it.each(FAULT_KINDS)("%s has every part", (kind) => {
    const d = FAULT_DESCRIPTORS[kind];
    const f = EXAMPLES[kind];
    expect(d.kind).toBe(kind);
    expect(d.summary.length).toBeGreaterThan(10);
    const keys = Object.keys(f).filter((k) => !["kind", "atUs", "durationUs"].includes(k));
    const fieldNames = d.fields.map((x) => (x.type === "duration" ? `${x.name}Us` : x.name));
    expect(fieldNames.sort()).toEqual(keys.sort());
    expect(faultTarget(f, ["A", "B"]).length).toBeGreaterThan(0);
    expect(faultWords(f, ["A", "B"], true)).not.toBe(faultWords(f, ["A", "B"], false) + "x");
    expect(faultWords(f, ["A", "B"], true).length).toBeGreaterThan(3);
    expect(readme).toContain(kind);
    if (d.instant) expect(d.shrinkRank).toBeNull();
    else expect(FUZZ_KINDS).toContain(kind);
  });

  it.each(
    FAULT_KINDS.filter(
      (k) =>
        !FAULT_DESCRIPTORS[k].instant && k !== "node-crash" && k !== "reboot" && k !== "node-hang",
    ),
  )(
    "%s: apply then lift leaves the fault counters as they were, and apply changes them",
    (kind) => {
      const h = new Harness(scenario(), "slave");
      h.runTo(100);
      const before = counters(h);
      const d = FAULT_DESCRIPTORS[kind] as (typeof FAULT_DESCRIPTORS)["link-down"];
      const f = EXAMPLES[kind] as Parameters<typeof d.apply>[1];
      d.apply(h.verbs, f);
      expect(counters(h)).not.toBe(before);
      d.lift(h.verbs, f);
      expect(counters(h)).toBe(before);
    },
  );

  it("node faults: apply takes the unit out, lift brings it back", () => {
    for (const kind of ["node-crash", "node-hang", "reboot"] as const) {
      const h = new Harness(scenario(), "slave");
      h.runTo(100);
      const d = FAULT_DESCRIPTORS[kind] as (typeof FAULT_DESCRIPTORS)["node-hang"];
      const f = EXAMPLES[kind] as Parameters<typeof d.apply>[1];
      d.apply(h.verbs, f);
      expect(h.c.units[0].up).toBe(false);
      d.lift(h.verbs, f);
      h.verbs.settle();
      expect(h.c.units[0].up).toBe(true);
    }
  });

  it("the fuzzer draws every non-instant kind, in shrink-rank order, link-down first", () => {
    const expected = FAULT_KINDS.filter((k) => !FAULT_DESCRIPTORS[k].instant);
    expect([...FUZZ_KINDS].sort()).toEqual([...expected].sort());
    expect(FUZZ_KINDS[0]).toBe("link-down");
    const ranks = FUZZ_KINDS.map((k) => FAULT_DESCRIPTORS[k].shrinkRank!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("kinds that a random process may take have a random form", () => {
    for (const kind of FAULT_KINDS) {
      const random = FAULT_DESCRIPTORS[kind].fromRandom !== null;
      expect([kind, random]).toEqual([kind, kind !== "admin" && kind !== "flapping"]);
    }
  });
});
