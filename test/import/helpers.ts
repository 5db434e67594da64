/** Shared helpers of the import tests. */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { importConfig, type ImportResult } from "../../src/import/index.js";
import { parseScenarioText } from "../../src/scenario/index.js";

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The configuration fixtures. */
export const FIXTURES = join(ROOT, "test", "import", "fixtures");

/** `scenarios/typical-faults.yaml` as plain data. */
export const BASE = parseScenarioText(
  readFileSync(join(ROOT, "scenarios", "typical-faults.yaml"), "utf8"),
  "typical-faults.yaml",
) as Record<string, unknown>;

/** A fixture's text. */
export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), "utf8");
}

/** Imports texts named `a.conf`, `b.conf`… (or as given) over typical-faults. */
export function imp(texts: readonly string[] | string, policiesAll = false): ImportResult {
  const list = typeof texts === "string" ? [texts] : texts;
  return importConfig(
    list.map((text, i) => ({ file: `${"ab"[i] ?? "c"}.conf`, text })),
    { name: "t", base: BASE, policiesAll },
  );
}

/** The message of what `f` throws, or "" when it does not throw. */
export function thrown(f: () => unknown): string {
  try {
    f();
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

/** Warning and info lines of a result, as `level line message`. */
export function noteLines(r: ImportResult): string[] {
  return r.notes.map((n) => `${n.level} ${n.at?.line ?? "-"} ${n.message}`);
}
