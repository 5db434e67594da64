// Once per `npm test`: build the binary the CLI tests spawn (unless .ci/run has just built it),
// and choose the fast-check seed every property test runs with (printed, so a failure replays
// with FC_SEED=<seed> npm test; fixed in CI).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** The .ts files under `dir` whose built .js is missing from dist/. */
function missingOutputs(dir: string): string[] {
  const missing: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith(".ts") || e.name.endsWith(".d.ts")) continue;
    const js = join(ROOT, "dist", relative(ROOT, join(e.parentPath, e.name))).replace(/ts$/, "js");
    if (!existsSync(js)) missing.push(js);
  }
  return missing;
}

/**
 * Builds dist/ with `tsc --build --incremental`: on an unchanged tree it only compares the
 * sources with dist/tsconfig.build.tsbuildinfo (a fraction of a second instead of a whole
 * compile), and after an edit it re-emits what changed. tsc does not notice deleted outputs, so
 * a missing one forces a whole build.
 */
function build(): void {
  const run = (...flags: string[]) =>
    spawnSync(process.execPath, [TSC, "-b", "tsconfig.build.json", "--incremental", ...flags], {
      cwd: ROOT,
      encoding: "utf8",
    });
  let r = run();
  const missing = [...missingOutputs(join(ROOT, "src")), ...missingOutputs(join(ROOT, "bench"))];
  if (missing.length > 0) r = run("--force");
  // As before: type errors fail the typecheck step, not the tests; only no program at all does.
  if (!existsSync(join(ROOT, "dist", "src", "cli", "main.js")))
    throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
}

export default function setup(): void {
  if (process.env.HASIM_PREBUILT !== "1") build();
  const given = process.env.FC_SEED;
  const seed =
    given !== undefined && given !== ""
      ? Number(given)
      : process.env.CI === "true"
        ? 20261125
        : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${given}`);
  process.env.FC_SEED = String(seed);
  process.stdout.write(`property tests: FC_SEED=${seed} (replay with FC_SEED=${seed} npm test)\n`);
}
