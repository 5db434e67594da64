/**
 * A shard process killed for real (SIGKILL, as when a node dies or a job hits its time limit)
 * leaves no manifest; `merge --status` names it; re-run alone, it completes the study, and the
 * merge equals the single-machine run. The shard that is killed, and the one before it, are
 * processes of the built binary; the status, merges and re-runs after the kill go through the
 * CLI's `main` in-process.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hasimModel, ROOT, TINY, tempDir } from "../cli/helpers.js";
import { clearShardEnv, folderFiles, SHARD_ENV } from "./helpers.js";

const MAIN = join(ROOT, "dist", "src", "cli", "main.js");
const ENV = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !(SHARD_ENV as readonly string[]).includes(k)),
);

function bin(args: readonly string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: ROOT, encoding: "utf8", env: ENV });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Starts a command and SIGKILLs it as soon as it has started simulating (its announce line). */
function killWhenStarted(args: readonly string[]): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: ENV });
    child.stderr.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes(" runs, seed ")) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      resolve(signal);
    });
  });
}

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`no build at ${MAIN}: test/global-setup.ts builds it`);
});
beforeEach(clearShardEnv);

describe("a shard killed with SIGKILL", () => {
  it("is reported missing, and re-run alone completes the study", async () => {
    const t = tempDir();
    const study = ["run", TINY, "--replications", "6", "-q", "-j", "1"];
    const shardDir = join(t, "shards");
    expect(bin([...study, "--shard", "0/2", "--out", shardDir]).code).toBe(0);
    const signal = await killWhenStarted([...study, "--shard", "1/2", "--out", shardDir]);
    expect(signal).toBe("SIGKILL");
    expect(existsSync(join(shardDir, "shard-1-of-2", "manifest.json"))).toBe(false);

    const status = await hasimModel(["merge", shardDir, "--status"]);
    expect(status.code).toBe(1);
    expect(status.out).toMatch(/missing shard\(s\) 1 \(re-run them with --shard i\/2\)/);
    const refused = await hasimModel(["merge", shardDir, "--out", join(t, "merged")]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/^hasim merge: 9 unit\(s\) missing \(shard\(s\) 1\/2 not given\)/);

    expect((await hasimModel([...study, "--shard", "1/2", "--out", shardDir])).code).toBe(0);
    expect((await hasimModel(["merge", shardDir, "--out", join(t, "merged")])).code).toBe(0);
    expect((await hasimModel([...study, "-j", "2", "--out", join(t, "single")])).code).toBe(0);
    expect(folderFiles(join(t, "merged"))).toEqual(folderFiles(join(t, "single")));
  });
});
