/** Shared helpers of the CLI tests. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";
import type { Runner } from "../../src/cli/context.js";
import { fakeRunner } from "./fake-runner.js";

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The small scenario the CLI tests run. */
export const TINY = join(ROOT, "test", "cli", "fixtures", "tiny.yaml");

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "hasim-cli-"));
}

/** What a CLI invocation printed and returned. */
export interface Outcome {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `hasim <argv>` in-process with captured output; the model is faked unless `runner` is given. */
export async function hasim(
  argv: readonly string[],
  runner: Runner | undefined = fakeRunner,
): Promise<Outcome> {
  return captured(argv, runner);
}

/**
 * Runs `hasim <argv>` in-process with captured output and the real model: what the built binary
 * does, without a process start and module load per call (where the process boundary is not
 * what the test is about).
 */
export async function hasimModel(argv: readonly string[]): Promise<Outcome> {
  return captured(argv, undefined);
}

async function captured(argv: readonly string[], runner: Runner | undefined): Promise<Outcome> {
  let out = "";
  let err = "";
  const io = {
    stdout: (s: string) => void (out += s),
    stderr: (s: string) => void (err += s),
    stderrIsTty: false,
  };
  const code = await main(argv, io, runner);
  return { code, out, err };
}

/** True when stderr is a single line with no stack trace. */
export function isOneCleanLine(stderr: string): boolean {
  const lines = stderr.split("\n").filter((l) => l !== "");
  return lines.length === 1 && !/^\s+at /m.test(stderr) && !stderr.includes("Error:");
}
