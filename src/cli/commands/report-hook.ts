/**
 * `--report`: hands the result folder to the charts module when this build has one. The module
 * is built by another part of the project; when it is absent the flag does nothing.
 *
 * @module
 */

/** The charts module's entry, looked up at run time so the CLI builds without it. */
const CHARTS_MODULE = "../../charts/index.js";

/** True when `err` says that the charts module itself is missing (not one of its imports). */
function isChartsMissing(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === "string" ? e.message : "";
  const notFound = e?.code === "ERR_MODULE_NOT_FOUND" || /cannot find module|failed to load url/i.test(message);
  return notFound && /charts[\\/]index/.test(message);
}

/**
 * Calls `writeReport(outDir)` of `src/charts/index.js` if that module exists.
 *
 * @returns whether a report was written.
 */
export async function writeReportIfAvailable(outDir: string): Promise<boolean> {
  let mod: { writeReport?: unknown };
  try {
    mod = (await import(CHARTS_MODULE)) as { writeReport?: unknown };
  } catch (e) {
    if (isChartsMissing(e)) return false;
    throw e;
  }
  if (typeof mod.writeReport !== "function") return false;
  await (mod.writeReport as (dir: string) => unknown)(outDir);
  return true;
}
