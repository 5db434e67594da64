import { describe, expect, it } from "vitest";
import { parseDurationDist } from "../../src/scenario/dists.js";
import { US_PER_D, US_PER_S } from "../../src/kernel/time.js";
import { DEFAULTS, type FieldRule } from "../../src/scenario/defaults.js";
import { parseScenarioText, qualifyScenario, scenarioToRaw } from "../../src/scenario/index.js";
import { parseDurationUs } from "../../src/scenario/units.js";

const MIN = { horizon: "1d", workload: { arrivals: { rate: "10/s" } } };
const S = US_PER_S;
const MIN_US = 60 * S;
const H = 60 * MIN_US;

describe("defaults of a minimal scenario", () => {
  const q = qualifyScenario(MIN, "scenarios/minimal.yaml");

  it("fills the top level", () => {
    expect(q.name).toBe("minimal");
    expect(q.description).toBe("");
    expect(q.seed).toBe(1);
    expect(q.horizonUs).toBe(US_PER_D);
    expect(q.drainUs).toBe(7 * US_PER_D);
    expect(q.replications).toBe(1);
    expect(q.policies).toEqual(["off", "restore", "slave"]);
    expect(q.nodes).toEqual([
      { name: "A", mode: "master" },
      { name: "B", mode: "slave" },
    ]);
    expect(q.faults).toEqual([]);
    expect(q.randomFaults).toEqual([]);
  });

  it("fills ha from the documented defaults", () => {
    expect(q.ha.heartbeat).toEqual({ intervalUs: 5 * S, lostThreshold: 3, secondaryLink: false });
    expect(q.ha.remoteAsHeartbeat).toBe(false);
    expect(q.ha.rservice).toEqual([]);
    expect(q.ha.lservice).toEqual({ ports: null, hd: null });
    expect(q.ha.mailQueueSync).toEqual({ enabled: false, intervalUs: 5 * MIN_US });
    expect(q.ha.mailDataSync).toEqual({ enabled: true, intervalUs: 20 * MIN_US });
    expect(q.ha.holdOffUs).toBe(15 * MIN_US);
    expect(q.ha.admin.action).toBe("restore");
    expect(q.ha.admin.responseTime).toEqual(
      parseDurationDist({ dist: "lognormal", median: "4h", p95: "24h" }),
    );
  });

  it("fills mta and workload", () => {
    expect(q.mta).toEqual({
      spoolCapacity: 100_000,
      deliveryWorkers: 8,
      deliveryTime: parseDurationDist({ dist: "exponential", mean: "100ms" }),
      queueRetryUs: 27 * MIN_US,
      queueGiveUpUs: 5 * US_PER_D,
    });
    expect(q.workload).toEqual({
      arrivals: {
        ratePerS: 10,
        process: "poisson",
        profile: "constant",
        peakFactor: 1.8,
        peakAtUs: 14 * H,
      },
      senderRetry: { intervalUs: 15 * MIN_US, giveUpUs: 5 * US_PER_D },
    });
  });

  it("fills the assumptions and engine options", () => {
    expect(q.assumptions).toEqual({
      demotedQueue: "strand",
      splitBrainHeal: "configured-master",
      splitBrainShare: 0.5,
      splitBrainSessionCutProbability: 0.01,
      cutSessionWindowUs: S,
      cutSessionDuplicateProbability: 0.5,
      inflightDeliveredProbability: 0.5,
      arpUpdateDelayUs: 0,
      failedWithoutPeer: "stay",
      lserviceOnSlave: false,
      hungMasterArp: "yields",
      adminActs: "and-repaired",
      adminRestartTo: "configured",
      mailDataShare: 0.05,
      pushRatePerS: 100,
    });
    expect(q.engine).toEqual({
      heartbeats: "closed-form",
      checkInvariants: false,
      phases: "random",
      mail: "exact",
    });
  });
});

describe("reading fields", () => {
  const q = (extra: Record<string, unknown>, file = "t.yaml") =>
    qualifyScenario({ ...MIN, ...extra }, file);

  it("takes durations as strings or numbers of seconds", () => {
    expect(q({ horizon: "1h30m" }).horizonUs).toBe(90 * MIN_US);
    expect(q({ horizon: 90 }).horizonUs).toBe(90 * S);
    expect(q({ horizon: 0.25 }).horizonUs).toBe(250_000);
    expect(q({ drain: "0s" }).drainUs).toBe(0);
  });

  it("takes rates per second or per minute", () => {
    expect(q({ workload: { arrivals: { rate: "3000/min" } } }).workload.arrivals.ratePerS).toBe(50);
    expect(q({ workload: { arrivals: { rate: 2.5 } } }).workload.arrivals.ratePerS).toBe(2.5);
  });

  it("maps 7.x policy names and accepts a comma-separated string", () => {
    expect(q({ policies: ["become-secondary", "restore-role", "switch-off"] }).policies).toEqual([
      "slave",
      "restore",
      "off",
    ]);
    expect(q({ policies: "off, slave" }).policies).toEqual(["off", "slave"]);
    expect(q({ policies: "restore" }).policies).toEqual(["restore"]);
  });

  it("accepts 7.x mode names and defaults modes by position", () => {
    expect(
      q({
        nodes: [
          { name: "p", mode: "secondary" },
          { name: "s", mode: "primary" },
        ],
      }).nodes,
    ).toEqual([
      { name: "p", mode: "slave" },
      { name: "s", mode: "master" },
    ]);
    expect(q({ nodes: [{ name: "fml-1" }, { name: "fml-2" }] }).nodes).toEqual([
      { name: "fml-1", mode: "master" },
      { name: "fml-2", mode: "slave" },
    ]);
  });

  it("takes the name from the file when absent, made safe for a folder", () => {
    expect(q({}, "dir/sub/My Scenario.yml").name).toBe("My-Scenario");
    expect(q({}, "x.json").name).toBe("x");
    expect(q({ name: "given" }, "x.json").name).toBe("given");
  });

  it("resolves unit names in faults and sorts faults stably by start", () => {
    const s = q({
      nodes: [
        { name: "fml-1", mode: "slave" },
        { name: "fml-2", mode: "master" },
      ],
      faults: [
        { at: "3h", kind: "node-crash", node: "fml-2", duration: "30m" },
        { at: "1h", kind: "admin", node: "fml-1" },
        { at: "1h", kind: "downstream-outage", duration: 60 },
        {
          at: 0,
          kind: "partition",
          node: "fml-1",
          duration: "5m",
          from: "senders",
          direction: "inbound",
        },
      ],
    });
    expect(s.faults).toEqual([
      {
        kind: "partition",
        atUs: 0,
        durationUs: 5 * MIN_US,
        node: 0,
        from: "senders",
        direction: "inbound",
      },
      { kind: "admin", atUs: H, durationUs: 0, node: 0, action: "restore" },
      { kind: "downstream-outage", atUs: H, durationUs: 60 * S },
      { kind: "node-crash", atUs: 3 * H, durationUs: 30 * MIN_US, node: 1, diskLost: false },
    ]);
  });

  it("fills the kind-specific defaults of faults", () => {
    const s = q({
      ha: { rservice: { smtp: {} }, heartbeat: { secondaryLink: true } },
      faults: [
        { at: "1h", kind: "link-down", duration: "1m" },
        { at: "2h", kind: "partition", node: "A", duration: "1m" },
        { at: "3h", kind: "lservice-failure", node: "B", duration: "1m" },
        { at: "4h", kind: "rservice-false-alarm", node: "A", duration: "1m" },
        { at: "5h", kind: "monitor-blind", node: "A", duration: "1m" },
        { at: "6h", kind: "flapping", link: "secondary", duration: "10m", down: "20s", up: "40s" },
      ],
    });
    expect(s.faults.map((f) => ({ ...f, atUs: undefined, durationUs: undefined }))).toEqual([
      { kind: "link-down", link: "all" },
      { kind: "partition", node: 0, from: "peer", direction: "both" },
      { kind: "lservice-failure", node: 1, service: "hd" },
      { kind: "rservice-false-alarm", node: 0, protocol: "all" },
      { kind: "monitor-blind", node: 0, monitor: "all" },
      { kind: "flapping", link: "secondary", downUs: 20 * S, upUs: 40 * S },
    ]);
  });

  it("fills every field of a random fault process", () => {
    const s = q({
      randomFaults: [
        {
          kind: "node-crash",
          mtbf: "90d",
          repair: { dist: "exponential", mean: "2h" },
          diskLostProbability: 0.01,
        },
        { kind: "downstream-outage", mtbf: "30d", repair: "1h" },
      ],
    });
    expect(s.randomFaults).toEqual([
      {
        kind: "node-crash",
        node: "any",
        mtbfUs: 90 * US_PER_D,
        repair: parseDurationDist({ dist: "exponential", mean: "2h" }),
        diskLostProbability: 0.01,
        link: "all",
        from: "peer",
        direction: "both",
        service: "hd",
        protocol: "all",
        monitor: "all",
      },
      {
        kind: "downstream-outage",
        node: "any",
        mtbfUs: 30 * US_PER_D,
        repair: parseDurationDist("1h"),
        diskLostProbability: 0,
        link: "all",
        from: "peer",
        direction: "both",
        service: "hd",
        protocol: "all",
        monitor: "all",
      },
    ]);
  });

  it("reads probes and local checks, with off and {} for the defaults", () => {
    const s = q({
      ha: {
        rservice: { http: { interval: "1m" }, smtp: {}, pop3: "off" },
        lservice: { ports: "off", hd: { retries: 5 } },
      },
    });
    expect(s.ha.rservice).toEqual([
      { protocol: "smtp", intervalUs: 30 * S, timeoutUs: 5 * S, retries: 3 },
      { protocol: "http", intervalUs: 60 * S, timeoutUs: 5 * S, retries: 3 },
    ]);
    expect(s.ha.lservice).toEqual({ ports: null, hd: { intervalUs: 10 * S, retries: 5 } });
  });

  it("reads admin never as no admin", () => {
    expect(q({ ha: { admin: { responseTime: "never", action: "restart" } } }).ha.admin).toEqual({
      responseTime: null,
      action: "restart",
    });
  });

  it("treats empty sections as absent", () => {
    const s = qualifyScenario(
      parseScenarioText(
        "horizon: 1d\nworkload: {arrivals: {rate: 1/s}}\nha:\nfaults:\nrandomFaults:\n",
        "e.yaml",
      ),
      "e.yaml",
    );
    expect(s.faults).toEqual([]);
    expect(s.ha.holdOffUs).toBe(15 * MIN_US);
  });

  it("reads the same scenario from JSON", () => {
    const json = JSON.stringify({
      ...MIN,
      faults: [{ at: "1h", kind: "reboot", node: "A", duration: "5m" }],
    });
    const y = qualifyScenario(parseScenarioText(json, "j.json"), "j.json");
    expect(y.faults).toEqual([{ kind: "reboot", atUs: H, durationUs: 5 * MIN_US, node: 0 }]);
  });
});

describe("the defaults above are the DEFAULTS table's", () => {
  // Every probe and check on, so their defaults show in the effective scenario.
  const q = qualifyScenario(
    { ...MIN, ha: { rservice: { smtp: {} }, lservice: { hd: {} } } },
    "scenarios/minimal.yaml",
  );
  const effective = scenarioToRaw(q);
  const at = (path: string): unknown =>
    path
      .replace("<protocol>", "smtp")
      .replace("<check>", "hd")
      .split(".")
      .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], effective);
  const fields = Object.entries(DEFAULTS as Readonly<Record<string, FieldRule>>).filter(
    ([path, rule]) => !path.includes("[]") && rule.type !== "other" && "def" in rule,
  );

  it.each(fields)("%s", (path, rule) => {
    const value = at(path);
    if (rule.type === "duration" && rule.def !== undefined)
      expect(parseDurationUs(value as string)).toBe(parseDurationUs(rule.def));
    else if (rule.type === "dist")
      expect(parseDurationDist(value)).toEqual(parseDurationDist(rule.def));
    else expect(value).toEqual(rule.type === "other" ? undefined : rule.def);
  });

  it("covers the fields with a default", () => {
    expect(fields.length).toBeGreaterThan(40);
  });
});
