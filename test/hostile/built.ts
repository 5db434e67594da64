/**
 * The built CLI for tests that spawn it as a user runs it. The build is made when dist/ is
 * missing or older than the sources it was built from.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../cli/helpers.js";

/** The built program. */
export const MAIN = join(ROOT, "dist", "src", "cli", "main.js");

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSourceMs(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/ unless it is newer than every file of src/ (test/global-setup.ts normally has). */
export function ensureBuilt(): void {
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newestSourceMs(join(ROOT, "src"))) return;
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (!existsSync(MAIN)) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
}
