import { describe, expect, it } from "vitest";
import { US_PER_S } from "../../src/kernel/time.js";
import { applyOverrides, parseScenarioText, qualifyScenario } from "../../src/scenario/index.js";
import { errorLine } from "./error-line.js";

const FILE = "scenarios/x.yaml";
const RAW = parseScenarioText(
  `horizon: 1d
workload: {arrivals: {rate: 10/s}}
mta: {deliveryTime: {dist: exponential, mean: 100ms}}
faults:
  - {at: 2h, kind: node-crash, node: A, duration: 30m}
  - {at: 5h, kind: reboot, node: B, duration: 5m}
`,
  FILE,
);
const apply = (...sets: string[]) => qualifyScenario(applyOverrides(RAW, sets, FILE), FILE);

function overrideError(...sets: string[]): string {
  return errorLine(() => applyOverrides(RAW, sets, FILE));
}

describe("applyOverrides", () => {
  it("sets nested fields, creating the mappings on the way", () => {
    const q = apply("ha.heartbeat.lostThreshold=5", "ha.holdOff=20m", "seed=7");
    expect(q.ha.heartbeat.lostThreshold).toBe(5);
    expect(q.ha.heartbeat.intervalUs).toBe(5 * US_PER_S);
    expect(q.ha.holdOffUs).toBe(20 * 60 * US_PER_S);
    expect(q.seed).toBe(7);
  });

  it("sets list items by index, with the file's names", () => {
    const q = apply("faults[0].at=3h", "faults[1].node=A");
    expect(q.faults.map((f) => [f.kind, f.atUs])).toEqual([
      ["node-crash", 3 * 3600 * US_PER_S],
      ["reboot", 5 * 3600 * US_PER_S],
    ]);
    expect(q.faults[1]).toMatchObject({ kind: "reboot", node: 0 });
  });

  it("reads values as YAML: lists, mappings and comma lists of policies", () => {
    expect(apply("policies=off,slave").policies).toEqual(["off", "slave"]);
    expect(apply("policies=[restore]").policies).toEqual(["restore"]);
    expect(apply("mta.deliveryTime={dist: constant, value: 50ms}").mta.deliveryTime).toEqual({
      dist: "constant",
      valueUs: 50_000,
    });
    expect(apply("mta.deliveryTime.mean=50ms").mta.deliveryTime).toEqual({
      dist: "exponential",
      meanUs: 50_000,
    });
    expect(apply("ha.heartbeat.secondaryLink=true").ha.heartbeat.secondaryLink).toBe(true);
    expect(apply("faults=[]").faults).toEqual([]);
  });

  it("appends a fault at index = length", () => {
    const q = apply("faults[2]={at: 1h, kind: downstream-outage, duration: 10m}");
    expect(q.faults.map((f) => f.kind)).toEqual(["downstream-outage", "node-crash", "reboot"]);
  });

  it("applies in order, the last one winning, and leaves the input alone", () => {
    const before = JSON.stringify(RAW);
    expect(apply("replications=3", "replications=4").replications).toBe(4);
    expect(JSON.stringify(RAW)).toBe(before);
  });

  it("accepts a value containing '='", () => {
    expect(apply("description=a=b").description).toBe("a=b");
  });

  it("refuses a path that does not exist, with a did-you-mean", () => {
    expect(overrideError("ha.heartbeat.lostThreshol=5")).toBe(
      'scenarios/x.yaml: ha.heartbeat.lostThreshol: expected a field of ha.heartbeat (interval, lostThreshold, secondaryLink) (in --set ha.heartbeat.lostThreshol=5), got unknown field "lostThreshol"; did you mean "lostThreshold"?',
    );
    expect(overrideError("hearbeat.interval=5s")).toBe(
      'scenarios/x.yaml: hearbeat: expected a field of a scenario (name, description, seed, horizon, drain, replications, policies, nodes, ha, mta, workload, faults, randomFaults, assumptions, engine) (in --set hearbeat.interval=5s), got unknown field "hearbeat"; did you mean ha.heartbeat?',
    );
  });

  it("checks a fault's fields against its kind", () => {
    expect(overrideError("faults[1].diskLost=true")).toBe(
      'scenarios/x.yaml: faults[1].diskLost: expected a field of faults[1] (at, kind, duration, node) (in --set faults[1].diskLost=true), got unknown field "diskLost"; diskLost applies to node-crash only',
    );
  });

  it("refuses indexes past the end, fields of single values and bad syntax", () => {
    expect(overrideError("faults[5].at=1h")).toBe(
      "scenarios/x.yaml: faults[5]: expected an index from 0 to 2 (in --set faults[5].at=1h), got 5; faults has 2 item(s)",
    );
    expect(overrideError("horizon.unit=h")).toBe(
      'scenarios/x.yaml: horizon.unit: expected nothing after horizon: it is a single value (in --set horizon.unit=h), got field "unit"',
    );
    expect(overrideError("faults.at=1h")).toBe(
      'scenarios/x.yaml: faults.at: expected an index such as faults[0] (in --set faults.at=1h), got field "at"',
    );
    expect(overrideError("lostThreshold")).toBe(
      'scenarios/x.yaml: --set: expected path=value such as ha.heartbeat.lostThreshold=5, got "lostThreshold"',
    );
    expect(overrideError("ha..holdOff=1m")).toBe(
      'scenarios/x.yaml: --set: expected a path of field names such as ha.heartbeat.lostThreshold or faults[0].at, got "ha..holdOff=1m"',
    );
    expect(overrideError("mta.deliveryTime={dist: [")).toMatch(
      /^scenarios\/x\.yaml: mta\.deliveryTime: expected a YAML value such as .*, got "\{dist: \["$/,
    );
  });

  it("refuses to descend into a value that is not a mapping", () => {
    const raw = applyOverrides(RAW, ["mta.deliveryTime=100ms"], FILE);
    expect(() => applyOverrides(raw, ["mta.deliveryTime.mean=50ms"], FILE)).toThrow(
      'scenarios/x.yaml: mta.deliveryTime: expected a mapping here to set mta.deliveryTime.mean (in --set mta.deliveryTime.mean=50ms), got "100ms"',
    );
  });

  it("leaves value checks to the qualifier, which names the field", () => {
    const raw = applyOverrides(RAW, ["ha.heartbeat.lostThreshold=0"], FILE);
    expect(() => qualifyScenario(raw, FILE)).toThrow(
      "scenarios/x.yaml: ha.heartbeat.lostThreshold: expected a whole number from 1 to 1000, got 0",
    );
  });
});
