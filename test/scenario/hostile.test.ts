/**
 * Regression tests for issue 18's validator items: values the simulation cannot hold are refused
 * when the scenario is qualified (item 1), arrival rates whose thinning would not end (item 2),
 * JSON and `--set` read by the same strict rules as YAML (item 5), deep nesting and long values
 * (item 8). Each refusal is ONE line naming the field.
 */
import { describe, expect, it } from "vitest";
import {
  ScenarioError,
  applyOverrides,
  parseScenarioText,
  qualifyScenario,
} from "../../src/scenario/index.js";
import { errorLine } from "./error-line.js";

const MIN = { horizon: "1d", workload: { arrivals: { rate: "10/s" } } };

/** The one-line error qualifying `extra` over a minimal scenario gives (fails if it qualifies). */
function errorOf(extra: Record<string, unknown>): string {
  return errorLine(() => qualifyScenario({ ...MIN, ...extra }, "t.yaml"));
}

/** The one-line error parsing `text` as `file` gives. */
function parseErrorOf(text: string, file: string, sets: string[] = []): string {
  return errorLine(() =>
    qualifyScenario(applyOverrides(parseScenarioText(text, file), sets, file), file),
  );
}

describe("item 1: values the simulation cannot hold are refused at qualification", () => {
  it("refuses lostThreshold 2e12 with one line", () => {
    expect(errorOf({ ha: { heartbeat: { lostThreshold: 2e12 } } })).toBe(
      "t.yaml: ha.heartbeat.lostThreshold: expected a whole number from 1 to 1000, got 2000000000000",
    );
  });

  it("refuses retries 1e12 on a local and a remote check", () => {
    expect(errorOf({ ha: { lservice: { hd: { retries: 1e12 } } } })).toMatch(
      /^t\.yaml: ha\.lservice\.hd\.retries: expected a whole number from 1 to 1000, got 1000000000000$/,
    );
    expect(errorOf({ ha: { rservice: { smtp: { retries: 1e12 } } } })).toMatch(
      /^t\.yaml: ha\.rservice\.smtp\.retries: expected a whole number from 1 to 1000/,
    );
  });

  it("refuses replications of 2^32 (an array no engine can make)", () => {
    expect(errorOf({ replications: 4294967296 })).toBe(
      "t.yaml: replications: expected a whole number from 1 to 1000000, got 4294967296",
    );
  });

  it("refuses a product of times that leaves the clock: lostThreshold × interval", () => {
    expect(errorOf({ ha: { heartbeat: { lostThreshold: 1000, interval: "1000w" } } })).toBe(
      "t.yaml: ha.heartbeat.lostThreshold: expected lostThreshold × interval + horizon + drain within the simulated time range (285 years), got 1000",
    );
  });

  it("refuses interval × retries beyond the clock on a remote probe", () => {
    const probe = { interval: "10000w", timeout: "1s", retries: 1000 };
    expect(errorOf({ ha: { rservice: { smtp: probe } } })).toMatch(
      /^t\.yaml: ha\.rservice\.smtp\.retries: expected retries × interval \+ timeout \+ horizon \+ drain within/,
    );
  });

  it("refuses a delivery time of 100000 days added to the run", () => {
    const slow = { dist: "exponential", mean: "100000d" };
    expect(errorOf({ mta: { deliveryTime: slow } })).toBe(
      't.yaml: mta.deliveryTime: expected the deliveryTime\'s far tail + horizon + drain within the simulated time range (285 years), got {dist: "exponential", mean: "100000d"}',
    );
    // A constant 100000 days (274 years) still fits after a 1-day horizon and a 7-day drain.
    expect(() =>
      qualifyScenario({ ...MIN, mta: { deliveryTime: "100000d" } }, "t.yaml"),
    ).not.toThrow();
  });

  it("refuses a distribution whose far tail leaves the clock", () => {
    const heavy = { dist: "lognormal", median: "1h", p95: "10000w" };
    expect(errorOf({ mta: { deliveryTime: heavy } })).toMatch(
      /^t\.yaml: mta\.deliveryTime: expected the deliveryTime's far tail/,
    );
  });

  it("refuses horizon + drain beyond the clock", () => {
    expect(errorOf({ horizon: "14000w", drain: "1000w" })).toBe(
      't.yaml: drain: expected horizon + drain shorter than 285 years, got "1000w"',
    );
  });

  it("blames the horizon when the time comes from defaults only", () => {
    expect(errorOf({ horizon: "14880w", drain: "0s" })).toMatch(
      /^t\.yaml: horizon: expected .* \+ horizon \+ drain within the simulated time range/,
    );
  });

  it("points at the fault as written, before faults are sorted", () => {
    const faults = [
      { at: "2h", kind: "reboot", node: "A", duration: "1m" },
      { at: "1h", kind: "reboot", node: "A", duration: "14000w" },
    ];
    expect(errorOf({ drain: "1000w", faults })).toMatch(/^t\.yaml: faults\[1\]\.duration: /);
  });
});

describe("item 2: arrival rates are bounded so the arrival loop ends", () => {
  it.each(["1e-300", "1e-300/s", "1e-10/s"])("refuses rate %s with the documented bound", (r) => {
    expect(errorOf({ workload: { arrivals: { rate: r, profile: "diurnal" } } })).toMatch(
      /^t\.yaml: workload\.arrivals\.rate: expected a rate from 1e-9\/s to 1e6\/s, got /,
    );
  });

  it("accepts the bounds themselves", () => {
    for (const rate of [1e-9, "1e6/s"]) {
      const q = qualifyScenario({ ...MIN, workload: { arrivals: { rate } } }, "t.yaml");
      expect(q.workload.arrivals.ratePerS).toBeGreaterThan(0);
    }
  });
});

describe("item 5: JSON, YAML and --set follow the same rules", () => {
  it("refuses a JSON scenario with a duplicate key, as YAML does", () => {
    const json = '{"horizon": "1d",\n "workload": {"arrivals": {"rate": 1}},\n "horizon": "2d"}';
    expect(parseErrorOf(json, "t.json")).toBe(
      't.json: line 3, column 2: expected valid JSON, got map keys must be unique ("horizon" is written twice)',
    );
    const yaml = "horizon: 1d\nworkload: {arrivals: {rate: 1}}\nhorizon: 2d\n";
    expect(parseErrorOf(yaml, "t.yaml")).toMatch(/map keys must be unique/);
  });

  it("keeps a key that is only a string value, or escaped, apart from real duplicates", () => {
    const json =
      '{"description": "horizon", "horizon": "1d", "workload": {"arrivals": {"rate": 1}}, "name": "a\\"b"}';
    expect(() => parseScenarioText(json, "t.json")).not.toThrow();
    const nested = '{"horizon": "1d", "ha": {"horizon": 1}, "workload": {"arrivals": {"rate": 1}}}';
    expect(() => parseScenarioText(nested, "t.json")).not.toThrow();
  });

  it("never expands an alias in --set: *a is one line, not an internal error", () => {
    expect(
      parseErrorOf("horizon: 1d\nworkload: {arrivals: {rate: 1}}\n", "t.yaml", ["description=*a"]),
    ).toBe(
      "t.yaml: description: expected a value without YAML anchors or aliases (&name, *name); quote text that starts with * or &, got the alias *a",
    );
    expect(() => applyOverrides({}, ["description='*a'"], "t.yaml")).not.toThrow();
  });

  it("refuses an anchor in --set, and a duplicate key", () => {
    expect(() =>
      applyOverrides({}, ["mta.deliveryTime=&x {dist: constant, value: 1s}"], "t.yaml"),
    ).toThrow(/got the anchor &x/);
    expect(() =>
      applyOverrides({}, ["mta.deliveryTime={dist: constant, dist: x}"], "t.yaml"),
    ).toThrow(ScenarioError);
  });

  it("refuses an alias bomb by our rule: no alias to a node that holds aliases", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "",
    ].join("\n");
    expect(parseErrorOf(bomb, "t.yaml")).toBe(
      "t.yaml: (top level): expected at most 100 YAML aliases, none pointing at a node that holds aliases, got the alias *b to a node that holds aliases",
    );
  });

  it("allows plain aliases in a file, up to the limit", () => {
    const ok = "horizon: &h 1d\ndrain: *h\nworkload: {arrivals: {rate: 1}}\n";
    expect(qualifyScenario(parseScenarioText(ok, "t.yaml"), "t.yaml").drainUs).toBe(86_400e6);
    const many = `horizon: &h 1d\nworkload: {arrivals: {rate: 1}}\ndescription: [${Array(101).fill("*h").join(", ")}]\n`;
    expect(parseErrorOf(many, "t.yaml")).toMatch(/got more than 100 aliases$/);
  });
});

describe("item 8: deep nesting and long values", () => {
  const deep = (n: number) => "[".repeat(n) + "]".repeat(n);

  it.each([1000, 20_000])("YAML nested %i deep says the nesting is too deep", (n) => {
    const line = parseErrorOf(`horizon: 1d\ndescription: ${deep(n)}\n`, "t.yaml");
    expect(line).toMatch(
      /^t\.yaml: line 2, column \d+: expected at most 32 levels of nesting, got nesting that is too deep$/,
    );
  });

  it("YAML block mappings nested deep say the same", () => {
    let block = "";
    for (let i = 0; i < 1000; i++) block += `${" ".repeat(i)}k:\n`;
    expect(parseErrorOf(block, "t.yaml")).toMatch(/got nesting that is too deep$/);
  });

  it("JSON nested deep says the same", () => {
    expect(parseErrorOf(`{"description": ${deep(1000)}}`, "t.json")).toBe(
      "t.json: line 1, column 48: expected at most 32 levels of nesting, got nesting that is too deep",
    );
  });

  it("a deep --set value says the same, in a short line", () => {
    const line = parseErrorOf("horizon: 1d\n", "t.yaml", [`description=${deep(5000)}`]);
    expect(line).toBe(
      "t.yaml: description: expected at most 32 levels of nesting, got nesting that is too deep",
    );
  });

  it("accepts nesting up to the limit", () => {
    expect(() => parseScenarioText(`description: ${deep(31)}\n`, "t.yaml")).not.toThrow();
  });

  it("cuts a 10 000-character name in the error line", () => {
    const long = "x".repeat(10_000);
    const line = errorOf({
      nodes: [{ name: long }, { name: "B" }],
      faults: [{ at: 0, kind: "reboot", node: "y".repeat(10_000), duration: 1 }],
    });
    expect(line.length).toBeLessThan(400);
    expect(line).toContain(`${"x".repeat(80)}…`);
    expect(line).not.toContain("x".repeat(81));
  });

  it("cuts a long unknown key, and a long --set value with spaces", () => {
    expect(errorOf({ ["k".repeat(10_000)]: 1 }).length).toBeLessThan(800);
    const value = Array(20_000).fill("[a").join(" ");
    const line = parseErrorOf("horizon: 1d\n", "t.yaml", [`description=${value}`]);
    expect(line.length).toBeLessThan(1200);
    expect(line).not.toMatch(/[\r\n]/);
  });
});
