// The layout's rules, enforced (in the spirit of TigerBeetle's tidy.zig): which folder may import
// which, file and function sizes, and who may touch the filesystem, the process and the clock.
// See docs/architecture.md for the map these rules keep true.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

/** Folder → the folders it may import (besides itself). The entry `src/index.ts` may import any. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  kernel: [],
  stats: [],
  ha: ["kernel"],
  config: ["kernel", "ha"],
  sim: ["kernel", "ha", "config"],
  check: ["kernel", "ha", "config", "sim"],
  run: ["kernel", "ha", "config", "sim", "check"],
  scenario: ["kernel", "ha", "config", "sim", "check"],
  report: ["kernel", "ha", "config", "sim", "check", "run", "scenario", "stats"],
  study: ["kernel", "ha", "config", "sim", "check", "run", "scenario", "stats", "report"],
  fuzz: ["kernel", "ha", "config", "sim", "check", "run", "scenario", "stats", "report"],
  import: ["kernel", "ha", "config", "sim", "check", "scenario"],
  charts: [
    "kernel",
    "ha",
    "config",
    "sim",
    "check",
    "run",
    "scenario",
    "stats",
    "report",
    "fuzz",
    "study",
  ],
  cli: ["*"],
};

/** Longest file, in lines. */
const MAX_FILE_LINES = 400;
/** Longest function, in lines; data literals (chart specs) are exempt by name. */
const MAX_FUNCTION_LINES = 70;
const LONG_FUNCTIONS_ALLOWED = new Set<string>([
  "src/charts/comparison-spec.ts:comparisonSpec",
  "src/charts/comparison-spec.ts:differencesSpec",
  "src/charts/sweep-spec.ts:sweepSpec",
  "src/charts/timeline-spec.ts:timelineSpec",
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}
const src = files(join(ROOT, "src")).map((p) => ({
  path: relative(ROOT, p).split("\\").join("/"),
  text: readFileSync(p, "utf8"),
}));
const folderOf = (path: string): string => path.split("/")[1] ?? "";

function imports(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)[^"']*?from\s+["']([^"']+)["']/gm)].map(
    (m) => m[1]!,
  );
}

describe("architecture", () => {
  it("every src folder is in the layer table", () => {
    const folders = new Set(
      src.filter((f) => f.path.split("/").length > 2).map((f) => folderOf(f.path)),
    );
    expect([...folders].filter((d) => !(d in ALLOWED))).toEqual([]);
  });

  it("folders import only the layers below them (no cycles, no back-edges)", () => {
    const bad: string[] = [];
    for (const f of src) {
      if (f.path.split("/").length <= 2) continue; // src/index.ts: the library entry
      const from = folderOf(f.path);
      const allowed = ALLOWED[from] ?? [];
      for (const spec of imports(f.text)) {
        if (!spec.startsWith(".")) continue;
        const target = relative(ROOT, join(ROOT, f.path, "..", spec))
          .split("\\")
          .join("/");
        if (!target.startsWith("src/")) continue;
        const to = folderOf(target);
        if (to === from || allowed.includes("*") || allowed.includes(to)) continue;
        bad.push(`${f.path} → ${target}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it(`no source file is over ${MAX_FILE_LINES} lines`, () => {
    const long = src
      .map((f) => ({ path: f.path, lines: f.text.split("\n").length }))
      .filter((f) => f.lines > MAX_FILE_LINES)
      .map((f) => `${f.path}: ${f.lines}`);
    expect(long).toEqual([]);
  });

  it(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
    const long: string[] = [];
    for (const f of src) {
      const sf = ts.createSourceFile(f.path, f.text, ts.ScriptTarget.ES2022, true);
      const visit = (node: ts.Node): void => {
        if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
          const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
          const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
          const name = functionName(node);
          const key = `${f.path}:${name}`;
          if (end - start + 1 > MAX_FUNCTION_LINES && !LONG_FUNCTIONS_ALLOWED.has(key))
            long.push(`${key} (${end - start + 1} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(long).toEqual([]);
  });

  it("only src/cli touches the filesystem, child processes, the process, threads or the clock", () => {
    const banned =
      /from "node:(fs|fs\/promises|child_process|os|worker_threads|readline)"|\bprocess\.|Date\.now|performance\.now|new Date\(|Math\.random|setTimeout|setInterval|setImmediate/;
    const offenders = src.filter(
      (f) =>
        !f.path.startsWith("src/cli/") &&
        f.path !== "src/index.ts" &&
        banned.test(f.text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, "")),
    );
    expect(offenders.map((f) => f.path)).toEqual([]);
  });
});

function functionName(node: ts.Node): string {
  const named = node as { name?: ts.Node };
  if (named.name !== undefined && ts.isIdentifier(named.name)) return named.name.text;
  for (let p: ts.Node = node.parent; !ts.isSourceFile(p); p = p.parent) {
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
    if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
  }
  return "(anonymous)";
}
