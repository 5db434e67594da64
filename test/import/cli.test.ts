/**
 * `hasim import` and `hasim run CONFIG` end to end (the model faked): files written atomically
 * or not at all, refusals in one line with exit 2, `--set` over an imported configuration.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenarioText, qualifyScenario } from "../../src/scenario/index.js";
import { hasim, isOneCleanLine, tempDir } from "../cli/helpers.js";
import { FIXTURES } from "./helpers.js";

const EX73 = join(FIXTURES, "ex-7.3-72-secondary.conf");
const EX74 = join(FIXTURES, "ex-7.4-76-members.conf");

describe("hasim import", () => {
  it("prints the scenario on stdout and the notes on stderr", async () => {
    const r = await hasim(["import", EX73]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# Imported by hasim import from /);
    expect(r.err).toMatch(/^info: .*hb-lost-threshold 20 s mapped to heartbeat 5s × 4/m);
    const raw = parseScenarioText(r.out, "x.yaml");
    expect(qualifyScenario(raw, "x.yaml").name).toBe("ex-7.3-72-secondary");
  });

  it("--out writes the file (named after it), which `hasim validate` accepts", async () => {
    const dir = tempDir();
    const out = join(dir, "pair.yaml");
    const r = await hasim(["import", EX74, "--out", out, "--policies", "all"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect(readdirSync(dir)).toEqual(["pair.yaml"]);
    const text = readFileSync(out, "utf8");
    expect(text).toMatch(/^name: pair$/m);
    const v = await hasim(["validate", out]);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/policies:\n {2}- off\n {2}- restore\n {2}- slave/);
  });

  it("two files: both units, with the disagreements warned", async () => {
    const dir = tempDir();
    const a = join(dir, "a.cfg");
    const b = join(dir, "b.cfg");
    writeFileSync(a, "config system ha\n set mode primary\n set hb-lost-threshold 10\nend\n");
    writeFileSync(b, "config system ha\n set mode secondary\n set hb-lost-threshold 20\nend\n");
    const r = await hasim(["import", a, b]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/lostThreshold: 4 # .*b\.cfg:3 set hb-lost-threshold 20/);
    expect(r.err).toMatch(/warning: .*b\.cfg:3: the units disagree on the heartbeat timing/);
  });

  /** [name, file content (or a writer), the one line expected]. */
  const REFUSED: readonly (readonly [string, string | ((f: string) => void), RegExp])[] = [
    [
      "active-active",
      "config system ha\n set mode active-active\nend\n",
      /^IN:2: refused: HA mode 'active-active' is not modelled/,
    ],
    [
      "binary garbage",
      "\u0000\u0001\u0002binary\u00ff",
      /^IN:1: expected a FortiMail configuration .*got binary data$/,
    ],
    [
      "an unterminated config",
      "config system ha\n set mode primary\n",
      /^IN:1: 'config system ha' is never closed/,
    ],
    [
      "a set outside any block",
      "set mode primary\n",
      /^IN:1: 'set mode' outside any 'config' block/,
    ],
    [
      "a 50 MB file",
      (f) => {
        writeFileSync(f, "# padding\n".repeat(5 * 1024 * 1024));
      },
      /^IN: expected a FortiMail configuration of at most 20 MB, got 50\.0 MB$/,
    ],
  ];

  it.each(REFUSED)(
    "refuses %s in one line, exit 2, nothing written",
    async (_n, content, pattern) => {
      const dir = tempDir();
      const input = join(dir, "in.cfg");
      if (typeof content === "string") writeFileSync(input, content);
      else content(input);
      const out = join(dir, "out", "s.yaml");
      const r = await hasim(["import", input, "--out", out]);
      expect(r.code).toBe(2);
      expect(isOneCleanLine(r.err)).toBe(true);
      expect(r.err.trim()).toMatch(
        new RegExp(
          pattern.source.replace(/^\^IN/, `^${input.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`),
        ),
      );
      expect(existsSync(join(dir, "out"))).toBe(false);
      expect(r.out).toBe("");
    },
  );

  it("refuses a missing file and a bad --policies value", async () => {
    const missing = await hasim(["import", "/nonexistent/fml.cfg"]);
    expect(missing.code).toBe(2);
    expect(missing.err.trim()).toBe(
      "/nonexistent/fml.cfg: expected a FortiMail configuration file, got no such file",
    );
    const bad = await hasim(["import", EX73, "--policies", "some"]);
    expect(bad.code).toBe(2);
    expect(bad.err.trim()).toBe('--policies: expected all, got "some"');
  });
});

describe("hasim run CONFIG", () => {
  it("imports the configuration over typical-faults, applies --set, and runs", async () => {
    const dir = tempDir();
    const r = await hasim([
      "run",
      EX74,
      "--set",
      "replications=2",
      "--set",
      "horizon=30d",
      "--out",
      dir,
      "-q",
    ]);
    expect(r.code).toBe(0);
    const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as {
      scenario: Record<string, unknown>;
    };
    expect(meta.scenario).toMatchObject({
      name: "ex-7.4-76-members",
      horizon: "30d",
      replications: 2,
      policies: ["restore"],
      nodes: [
        { name: "fml-a", mode: "master" },
        { name: "fml-b", mode: "slave" },
      ],
    });
    expect(
      readFileSync(join(dir, "runs.csv"), "utf8")
        .split("\n")
        .filter((l) => l !== "").length,
    ).toBe(3);
  });

  it("`--policy` compares every policy on the configuration; a refusal is one line", async () => {
    const dir = tempDir();
    const r = await hasim([
      "run",
      EX73,
      "--policy",
      "off,restore,slave",
      "--replications",
      "1",
      "--out",
      dir,
      "-q",
    ]);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, "compare.csv"))).toBe(true);
    const bad = join(dir, "aa.cfg");
    writeFileSync(bad, "config system ha\n set state enable\n set mode active-active\nend\n");
    const refused = await hasim(["run", bad, "--out", join(dir, "r"), "-q"]);
    expect(refused.code).toBe(2);
    expect(refused.err.trim()).toBe(
      `${bad}:3: refused: HA mode 'active-active' is not modelled (all units process mail behind a load balancer); hasim simulates one active-passive pair`,
    );
    expect(existsSync(join(dir, "r"))).toBe(false);
  });
});
