/**
 * `--report`: after `run` or `sweep` has written its CSVs, draw `report.html` and the `.svg`
 * charts from the same folder (the `report` command's writer).
 *
 * @module
 */
import type { CliIo } from "../context.js";
import { writeReport } from "./report.js";

/** Writes the report for a finished result folder; returns whether it was written. */
export async function writeReportIfAvailable(outDir: string, io: CliIo): Promise<boolean> {
  await writeReport(outDir, io);
  return true;
}
