/**
 * Folder names made from scenario names. A scenario's `name` is free text; the default results
 * folder `results/<name>/` must be one short, harmless path component whatever it holds.
 *
 * @module
 */
import { createHash } from "node:crypto";

/**
 * Longest folder name made from a scenario name, in characters (ASCII after
 * {@link safeFolderName}). File systems allow 255 bytes per component; hasim's sibling folders
 * (`.<name>.hasim-new-<pid>`) add about 25, and a short name reads better in a shell anyway.
 */
export const MAX_FOLDER_NAME_CHARS = 100;

/**
 * A scenario name made safe as one folder name: characters other than letters, digits, `.`,
 * `_` and `-` become `_`, so a name like `a/b` cannot escape `results/`; a name longer than
 * {@link MAX_FOLDER_NAME_CHARS} is cut and given a short hash of the whole name, so two long
 * names that share a beginning still get two folders.
 */
export function safeFolderName(name: string): string {
  let safe = name.replace(/[^A-Za-z0-9._-]/g, "_");
  if (safe === "" || /^\.+$/.test(safe)) safe = "_" + safe;
  if (safe.length <= MAX_FOLDER_NAME_CHARS) return safe;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${safe.slice(0, MAX_FOLDER_NAME_CHARS - 9)}-${hash}`;
}
