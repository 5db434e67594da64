/**
 * Cross-check of the execution order with the reference hold program shared by the team
 * (`../shared/bench/hold.mjs`, `ties` mode): same pops in the same (time, sequence) order give
 * the same hash. In CI (where ../shared is always beside the repository) a missing reference is
 * a failure; elsewhere the check is skipped with a message.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runTiesModel } from "../../bench/kernel-ties.js";

const holdMjs = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/bench/hold.mjs");

const found = existsSync(holdMjs);
if (!found && process.env.CI === "true") throw new Error(`CI: ${holdMjs} not found`);
if (!found) process.stderr.write(`hold-check skipped: ${holdMjs} not found\n`);

describe.skipIf(!found)("order cross-check with hold.mjs", () => {
  it.each([
    [1000, 200_000],
    [10, 50_000],
  ])("N=%i M=%i: same hash and final time as hold.mjs in ties mode", (n, m) => {
    const out = execFileSync(process.execPath, [holdMjs, String(n), String(m), "ties"], {
      encoding: "utf8",
    });
    const hash = /hash=(\d+)/.exec(out)?.[1];
    const time = /\(t=([\d.e+-]+)\)/.exec(out)?.[1];
    expect(hash).toBeDefined();
    const ours = runTiesModel(n, m);
    expect(ours.hash).toBe(Number(hash));
    expect(ours.time).toBe(Number(time));
  });
});
