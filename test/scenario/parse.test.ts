import { describe, expect, it } from "vitest";
import { ScenarioError, parseScenarioText } from "../../src/scenario/index.js";

function errorOf(f: () => unknown): ScenarioError {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error("expected a ScenarioError");
}

describe("parseScenarioText", () => {
  it("reads YAML 1.2: off and yes stay strings", () => {
    expect(parseScenarioText("policies: [off, slave]\nx: yes\nn: 5\nd: 1h30m\n", "s.yaml")).toEqual(
      {
        policies: ["off", "slave"],
        x: "yes",
        n: 5,
        d: "1h30m",
      },
    );
  });

  it("reads JSON by extension, and JSON-looking text without a YAML extension", () => {
    expect(parseScenarioText('{"name": "x", "horizon": "1d"}', "s.json")).toEqual({
      name: "x",
      horizon: "1d",
    });
    expect(parseScenarioText('{"name": "x"}', "-")).toEqual({ name: "x" });
    // A YAML flow mapping that is not JSON still parses.
    expect(parseScenarioText("{name: x, horizon: 1d}", "-")).toEqual({ name: "x", horizon: "1d" });
  });

  it("ignores a byte-order mark and CRLF line ends", () => {
    expect(parseScenarioText('\uFEFF{"horizon": "1d"}', "s.json")).toEqual({ horizon: "1d" });
    expect(parseScenarioText("\uFEFFhorizon: 1d\r\nseed: 2\r\n", "s.yaml")).toEqual({
      horizon: "1d",
      seed: 2,
    });
  });

  it("gives an empty file as null", () => {
    expect(parseScenarioText("", "s.yaml")).toBeNull();
    expect(parseScenarioText("# only a comment\n", "s.yaml")).toBeNull();
  });

  it("reports malformed YAML with its line and column, on one line", () => {
    const e = errorOf(() =>
      parseScenarioText("name: x\nnodes: [{name: A}, {name: B}\nhorizon: 1d\n", "bad.yaml"),
    );
    expect(e.path).toBe("line 3, column 1");
    expect(e.format()).toMatch(/^bad\.yaml: line 3, column 1: expected valid YAML, got .+$/);
    expect(e.format()).not.toContain("\n");
  });

  it("reports a duplicate key", () => {
    const e = errorOf(() => parseScenarioText("horizon: 1d\nhorizon: 2d\n", "dup.yaml"));
    expect(e.format()).toBe(
      'dup.yaml: line 2, column 1: expected valid YAML, got map keys must be unique ("horizon: 2d")',
    );
  });

  it("reports malformed JSON with a position when the engine gives one", () => {
    const e = errorOf(() => parseScenarioText('{"name": "x",\n "horizon": }', "bad.json"));
    expect(e.format()).toMatch(
      /^bad\.json: (line \d+, column \d+|\(top level\)): expected valid JSON, got /,
    );
    const end = errorOf(() => parseScenarioText('{"name": "x",', "cut.json"));
    expect(end.format()).toMatch(/^cut\.json: line 1, column 14: expected valid JSON, got /);
  });

  it("refuses an alias to a missing anchor", () => {
    const e = errorOf(() => parseScenarioText("a: *nope\n", "alias.yaml"));
    expect(e.format()).toMatch(/^alias\.yaml: /);
  });
});
