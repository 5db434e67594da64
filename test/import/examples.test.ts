/**
 * Every worked example of `fortimail-config.md` §7 round-trips to the scenario fields it lists,
 * and the emitted YAML reads back to the same data and validates.
 */
import { describe, expect, it } from "vitest";
import { parseScenarioText, qualifyScenario } from "../../src/scenario/index.js";
import { BASE, fixture, imp } from "./helpers.js";
import { importConfig } from "../../src/import/index.js";

/** [fixture, the fields the reference document lists for it]. */
const EXAMPLES: readonly (readonly [string, Record<string, unknown>])[] = [
  [
    "ex-7.1-30-master.conf",
    {
      policies: ["slave"],
      nodes: [
        { name: "A", mode: "master" },
        { name: "B", mode: "slave" },
      ],
      ha: {
        heartbeat: { interval: "5s", lostThreshold: 3, secondaryLink: true },
        lservice: { ports: { interval: "10s", retries: 3 } },
      },
    },
  ],
  [
    "ex-7.2-70-primary.conf",
    {
      policies: ["slave"],
      nodes: [
        { name: "A", mode: "master" },
        { name: "B", mode: "slave" },
      ],
      ha: {
        heartbeat: { interval: "5s", lostThreshold: 3, secondaryLink: false },
        remoteAsHeartbeat: false,
        mailDataSync: { enabled: true },
        mailQueueSync: { enabled: false },
      },
    },
  ],
  [
    "ex-7.3-72-secondary.conf",
    {
      policies: ["slave"],
      nodes: [
        { name: "A", mode: "slave" },
        { name: "B", mode: "master" },
      ],
      ha: {
        heartbeat: { interval: "5s", lostThreshold: 4, secondaryLink: true },
        remoteAsHeartbeat: true,
        rservice: { smtp: { interval: "30s", timeout: "5s", retries: 3 } },
        lservice: { ports: { interval: "10s", retries: 3 } },
        mailDataSync: { enabled: true },
        mailQueueSync: { enabled: true },
      },
    },
  ],
  [
    "ex-7.4-76-members.conf",
    {
      policies: ["restore"],
      nodes: [
        { name: "fml-a", mode: "master" },
        { name: "fml-b", mode: "slave" },
      ],
      ha: {
        heartbeat: { interval: "5s", lostThreshold: 6, secondaryLink: false },
        remoteAsHeartbeat: false,
        rservice: { smtp: { interval: "20s", timeout: "4s", retries: 3 } },
        lservice: { hd: { interval: "15s", retries: 2 } },
        mailDataSync: { enabled: true },
        mailQueueSync: { enabled: false },
      },
    },
  ],
  [
    "ex-7.5-80-off.conf",
    {
      policies: ["off"],
      nodes: [
        { name: "mx2", mode: "slave" },
        { name: "mx1", mode: "master" },
      ],
      ha: { heartbeat: { interval: "1s", lostThreshold: 12 } },
    },
  ],
];

describe("the reference document's examples", () => {
  it.each(EXAMPLES)("%s gives the documented fields", (name, fields) => {
    const r = imp(fixture(name));
    expect(r.raw).toMatchObject(fields);
    const ha = r.raw.ha as Record<string, unknown>;
    const expectedHa = fields.ha as Record<string, unknown>;
    // Nothing beyond what the document lists is probed or checked.
    expect(Object.keys(ha.rservice ?? {})).toEqual(Object.keys(expectedHa.rservice ?? {}));
    expect(Object.keys(ha.lservice ?? {})).toEqual(Object.keys(expectedHa.lservice ?? {}));
  });

  it.each(EXAMPLES)("%s: the YAML reads back to the same scenario, which validates", (name) => {
    const r = imp(fixture(name));
    const back = parseScenarioText(r.yaml, "t.yaml");
    expect(back).toEqual(r.raw);
    expect(() => qualifyScenario(back, "t.yaml")).not.toThrow();
  });

  it("7.5 warns that no member has an address (W2)", () => {
    const r = imp(fixture("ex-7.5-80-off.conf"));
    expect(
      r.notes.some((n) => n.level === "warning" && n.message.includes("no peer address")),
    ).toBe(true);
  });

  it("7.6: a config-only cluster is refused on its mode line", () => {
    expect(() => imp(fixture("ex-7.6-72-config-only.conf"))).toThrow(
      /^a\.conf:2: refused: HA mode 'config-primary' is a config-only cluster/,
    );
  });

  it("every mapped field carries a comment naming its line, or the default used", () => {
    const r = importConfig([{ file: "fml.cfg", text: fixture("ex-7.3-72-secondary.conf") }], {
      name: "t",
      base: BASE,
    });
    expect(r.yaml).toMatch(
      /lostThreshold: 4 # fml\.cfg:36 set hb-lost-threshold 20 \(20 s = 5 s × 4\)/,
    );
    expect(r.yaml).toMatch(/secondaryLink: true # fml\.cfg:8 set heartbeat-status secondary/);
    expect(r.yaml).toMatch(
      /# fml\.cfg:16 edit "remote-smtp": status enable, check-interval 30, check-timeout 5, retries 3\n\s+smtp:/,
    );
    expect(r.yaml).toMatch(/# fml\.cfg:35 set on-failure become-secondary.*\npolicies:/);
    const silent = importConfig(
      [{ file: "x.cfg", text: "config system ha\n set mode primary\nend\n" }],
      { name: "t", base: BASE },
    );
    expect(silent.yaml).toMatch(/interval: 5s # not set in x\.cfg: documented default/);
    expect(silent.yaml).toMatch(/enabled: true # not set in x\.cfg: hasim default/);
    // Not-simulated settings are listed, with the block they sit in.
    expect(r.yaml).toMatch(/# {3}fml\.cfg:18 set ip 172\.16\.1\.2 \(service remote-smtp\)/);
  });

  it("--policies all compares every policy and names the configured one", () => {
    const r = imp(fixture("ex-7.4-76-members.conf"), true);
    expect(r.raw.policies).toEqual(["off", "restore", "slave"]);
    expect(r.yaml).toMatch(/# --policies all: .*configured: restore/);
  });

  it("keeps the typical workload and faults, and drops false alarms when nothing is probed", () => {
    const probed = imp(fixture("ex-7.3-72-secondary.conf"));
    expect(probed.raw.workload).toEqual(BASE.workload);
    expect(probed.raw.randomFaults).toEqual(BASE.randomFaults);
    expect(probed.raw.horizon).toBe("365d");
    const unprobed = imp(fixture("ex-7.2-70-primary.conf"));
    const kinds = (unprobed.raw.randomFaults as { kind: string }[]).map((f) => f.kind);
    expect(kinds).not.toContain("rservice-false-alarm");
    expect(kinds.length).toBe((BASE.randomFaults as unknown[]).length - 1);
  });
});
