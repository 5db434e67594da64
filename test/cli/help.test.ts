import { describe, expect, it } from "vitest";
import { commandNames } from "../../src/cli/main.js";
import { hasim } from "./helpers.js";

describe("every command's help", () => {
  it("has examples on one line each at 80 columns, and the shared flags", async () => {
    for (const name of await commandNames()) {
      const r = await hasim([name, "--help"]);
      expect(r.code).toBe(0);
      const examples = r.out.split("Examples:\n")[1]?.split("\n\n")[0] ?? "";
      const lines = examples.split("\n").filter((l) => l !== "");
      expect(lines.length, name).toBeGreaterThan(0);
      for (const l of lines) {
        expect(l, `${name}: ${l}`).toMatch(/^ {2}hasim \S/);
        expect(l.length, l).toBeLessThanOrEqual(80);
      }
    }
  });

  it("gives run, sweep and fuzz the same -q/--quiet, --report, --out and --set", async () => {
    const flag = (text: string, f: string): string =>
      text.split("\n").find((l) => l.includes(f)) ?? `${f} missing`;
    const helps = await Promise.all(["run", "sweep", "fuzz"].map((c) => hasim([c, "--help"])));
    for (const f of ["-q, --quiet", "--report", "--out", "--set"])
      for (const h of helps) expect(flag(h.out, f), f).not.toContain("missing");
    const quiet = helps.map((h) =>
      /--quiet\s+([^[]*)/.exec(flag(h.out, "-q, --quiet"))?.[1]?.trim(),
    );
    expect(new Set(quiet).size).toBe(1);
  });
});
