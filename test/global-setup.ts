// Once per `npm test`: build the binary the CLI tests spawn (unless .ci/run has just built it),
// and choose the fast-check seed every property test runs with (printed, so a failure replays
// with FC_SEED=<seed> npm test; fixed in CI).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");

export default function setup(): void {
  if (process.env.HASIM_PREBUILT !== "1") {
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    if (!existsSync(join(ROOT, "dist", "src", "cli", "main.js")))
      throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  }
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
