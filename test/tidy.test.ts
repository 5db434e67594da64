// Tidy rules that keep the simulation deterministic and the layers apart (as TigerBeetle's
// tidy.zig does): no ambient time or randomness outside the CLI, a kernel that knows no domain.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}
const src = files(join(root, "src")).map((p) => ({
  path: relative(root, p),
  text: readFileSync(p, "utf8"),
}));

describe("tidy", () => {
  it("no Math.random, Date.now, timers, or new Date() outside src/cli", () => {
    const banned =
      /Math\.random|Date\.now|performance\.now|setTimeout|setInterval|setImmediate|new Date\(/;
    // The fuzzer's --time-budget is a wall-clock budget by definition (and documented as such).
    const allowed = new Set(["src/fuzz/fuzz.ts"]);
    const offenders = src.filter(
      (f) =>
        !f.path.startsWith("src/cli/") &&
        !allowed.has(f.path) &&
        banned.test(f.text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, "")),
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it("no Promises or async in the kernel, the HA model or the simulation", () => {
    const inner = src.filter((f) => /^src\/(kernel|ha|sim)\//.test(f.path));
    const offenders = inner.filter((f) =>
      /\basync\b|\bawait\b|Promise/.test(f.text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, "")),
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it("the kernel imports nothing of the domain; only the CLI touches the filesystem", () => {
    const kernelBad = src.filter(
      (f) =>
        f.path.startsWith("src/kernel/") &&
        /from "\.\.\/(ha|sim|scenario|cli|fuzz|charts|report|stats)\//.test(f.text),
    );
    expect(kernelBad.map((f) => f.path)).toEqual([]);
    const fsUsers = src.filter(
      (f) => !f.path.startsWith("src/cli/") && /from "node:fs|from "fs"/.test(f.text),
    );
    expect(fsUsers.map((f) => f.path)).toEqual([]);
  });
});
