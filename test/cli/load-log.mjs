// A module-loading hook for test/cli/startup.test.ts: `node --import <this file> ...` appends
// the URL of every module the program loads to the file named by HASIM_LOAD_LOG, one a line.
// Loaded with --import on the main thread it registers itself; Node then loads it again on the
// hooks thread, where `load` runs.
import { appendFileSync } from "node:fs";
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

if (isMainThread) register(import.meta.url);

export async function load(url, context, next) {
  const log = process.env.HASIM_LOAD_LOG;
  if (log) appendFileSync(log, url + "\n");
  return next(url, context);
}
