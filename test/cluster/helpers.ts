/** Helpers of the sharding tests: folders as name → content maps, and a clean environment. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { vi } from "vitest";

/** The scheduler variables that make `run`/`sweep` pick a shard on their own. */
export const SHARD_ENV = [
  "SLURM_ARRAY_TASK_ID",
  "SLURM_ARRAY_TASK_COUNT",
  "SLURM_ARRAY_TASK_MIN",
  "SLURM_ARRAY_TASK_MAX",
  "JOB_COMPLETION_INDEX",
] as const;

/** Removes the scheduler variables (the tests may themselves run inside a Slurm or Kubernetes job). */
export function clearShardEnv(): void {
  for (const name of SHARD_ENV) vi.stubEnv(name, undefined);
}

/** Every file of a folder (not recursive), by name. */
export function folderFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out[name] = readFileSync(path, "utf8");
  }
  return out;
}

/** Whether a folder exists at all (a refused merge must not even create it). */
export function exists(path: string): boolean {
  return existsSync(path);
}
