import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { US_PER_D } from "../../src/kernel/time.js";
import {
  FAULT_KINDS,
  SCENARIO_SHAPE,
  parseScenarioText,
  qualifyScenario,
  scenarioToRaw,
  type Shape,
} from "../../src/scenario/index.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIR = join(ROOT, "scenarios");
const SHIPPED = [
  "baseline",
  "primary-crash",
  "temporary-failure",
  "planned-reboot",
  "heartbeat-loss-split-brain",
  "heartbeat-loss-remote-as-heartbeat",
  "rservice-false-alarm",
  "hard-drive-failure",
  "downstream-outage",
  "capacity-peak",
  "year-of-faults",
  "fuzz-single-link",
  "fuzz-safe",
  "typical-faults",
];
const load = (name: string) => {
  const file = `scenarios/${name}.yaml`;
  return qualifyScenario(
    parseScenarioText(readFileSync(join(DIR, `${name}.yaml`), "utf8"), file),
    file,
  );
};

describe("shipped scenarios", () => {
  it("ships every scenario the issue lists, and nothing unlisted", () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.replace(/\.yaml$/, ""));
    expect(files.sort()).toEqual([...SHIPPED].sort());
  });

  it.each(SHIPPED)(
    "%s qualifies, is named after its file, says what it shows and round-trips",
    (name) => {
      const q = load(name);
      expect(q.name).toBe(name);
      expect(q.description.length).toBeGreaterThan(40);
      expect(qualifyScenario(scenarioToRaw(q), `scenarios/${name}.yaml`)).toEqual(q);
    },
  );

  it("keeps the runs modest, except the two long ones", () => {
    for (const name of SHIPPED) {
      const q = load(name);
      const mails =
        q.workload.arrivals.ratePerS * (q.horizonUs / 1e6) * q.replications * q.policies.length;
      if (name === "baseline" || name === "year-of-faults") continue;
      expect(mails, name).toBeLessThanOrEqual(30e6);
    }
    expect(load("year-of-faults").replications).toBe(200);
    expect(load("year-of-faults").horizonUs).toBe(365 * US_PER_D);
    expect(load("baseline").faults).toEqual([]);
  });

  it("covers the failover scenarios with the faults they name", () => {
    expect(load("primary-crash").faults[0]?.kind).toBe("node-crash");
    expect(load("planned-reboot").faults.map((f) => f.kind)).toEqual(["reboot", "reboot"]);
    expect(load("heartbeat-loss-split-brain").ha.remoteAsHeartbeat).toBe(false);
    expect(load("heartbeat-loss-remote-as-heartbeat").ha.remoteAsHeartbeat).toBe(true);
    expect(load("capacity-peak").workload.arrivals.profile).toBe("diurnal");
    expect(load("year-of-faults").randomFaults.length).toBeGreaterThan(3);
  });
});

describe("scenarios/README.md", () => {
  const readme = readFileSync(join(DIR, "README.md"), "utf8");

  /** Every field name of the format, from the same tree the validator uses. */
  function fieldNames(s: Shape, out = new Set<string>()): Set<string> {
    if (s.t === "map")
      for (const [k, sub] of Object.entries(s.fields)) {
        out.add(k);
        fieldNames(sub, out);
      }
    else if (s.t === "list") fieldNames(s.item, out);
    else if (s.t === "byKind")
      for (const fs of Object.values(s.fields)) fs.forEach((f) => out.add(f));
    return out;
  }

  it("documents every field and every fault kind", () => {
    const distFields = new Set([
      "dist",
      "value",
      "mean",
      "min",
      "max",
      "sd",
      "median",
      "p95",
      "shape",
      "scale",
    ]);
    const missing = [...fieldNames(SCENARIO_SHAPE)].filter(
      (f) => !distFields.has(f) && !readme.includes(f),
    );
    expect(missing).toEqual([]);
    expect(FAULT_KINDS.filter((k) => !readme.includes(`\`${k}\``))).toEqual([]);
  });

  it("has the Assumptions section", () => {
    expect(readme).toMatch(/^## Assumptions$/m);
  });
});
