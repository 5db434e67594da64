/**
 * `--report`: hands the result folder to `writeReport(dir)` when this build has one. It is
 * written elsewhere in the project — in the `report` command module (`commands/report.ts`, as
 * src/charts/index.ts describes it) or exported by `src/charts/index.ts` — so both are looked up
 * at run time; when neither has it, the flag does nothing (the timelines are still written, for
 * a later `hasim report`).
 *
 * @module
 */
import type { CliIo } from "../context.js";
import { importOptional } from "../optional-module.js";

/** Where `writeReport` may live: [specifier relative to this module, path tail in errors]. */
const CANDIDATES: ReadonlyArray<readonly [string, string]> = [
  ["./report.js", "commands/report.js"],
  ["../../charts/index.js", "charts/index.js"],
];

/**
 * Calls the first `writeReport(outDir, io)` found (io: for its warnings).
 *
 * @returns whether a report was written.
 */
export async function writeReportIfAvailable(outDir: string, io: CliIo): Promise<boolean> {
  for (const [spec, tail] of CANDIDATES) {
    const mod = await importOptional((s) => import(s), spec, tail);
    const writeReport = mod?.["writeReport"];
    if (typeof writeReport === "function") {
      await (writeReport as (dir: string, io: CliIo) => unknown)(outDir, io);
      return true;
    }
  }
  return false;
}
