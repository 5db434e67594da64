import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { metaJson } from "../../src/report/meta.js";
import { hasimVersion } from "../../src/cli/version.js";

describe("meta.json", () => {
  it("reads the version from package.json", () => {
    const pkg = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ) as { version: string };
    expect(hasimVersion()).toBe(pkg.version);
  });

  it("renders a stable document with no timestamps", () => {
    const input = {
      command: "run",
      argv: ["run", "x.yaml", "--seed", "3"],
      version: "0.1.0",
      scenario: { name: "x", seed: 3 },
      seeds: ["3:0", "3:1"],
    };
    const text = metaJson(input);
    expect(text).toBe(metaJson(input));
    expect(text.endsWith("}\n")).toBe(true);
    expect(Object.keys(JSON.parse(text) as object)).toEqual([
      "hasim",
      "command",
      "argv",
      "seeds",
      "scenario",
    ]);
  });

  it("adds the sweep's axes and points", () => {
    const text = metaJson({
      command: "sweep",
      argv: [],
      version: "0.1.0",
      scenario: { name: "x" },
      seeds: ["1:0"],
      sweep: {
        vary: [{ path: "seed", values: ["1", "2"] }],
        points: [
          { values: { seed: "1" }, seeds: ["1:0"] },
          { values: { seed: "2" }, seeds: ["2:0"] },
        ],
      },
    });
    const doc = JSON.parse(text) as { sweep: { points: unknown[] } };
    expect(doc.sweep.points).toHaveLength(2);
  });
});
