/**
 * Importing a module that another part of the project may not have written yet (the `fuzz` and
 * `report` commands, the charts' `writeReport`), so the CLI builds and runs without it.
 *
 * @module
 */

/** Escapes a string for use inside a RegExp. */
function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * True when `err` says the module named by `tail` (e.g. `commands/fuzz.js`) is itself missing —
 * not that something it imports is missing, which is a real error and must not be hidden.
 * Node says "Cannot find module '/abs/…/commands/fuzz.js' imported from …"; vite (tests) says
 * "Failed to load url ./fuzz.js …".
 */
export function isMissingModule(err: unknown, tail: string): boolean {
  const message = typeof (err as { message?: unknown })?.message === "string" ? (err as { message: string }).message : "";
  const file = tail.split("/").pop() ?? tail;
  const node = new RegExp(`Cannot find module '[^']*${escapeRegExp(tail)}'`);
  const vite = new RegExp(`Failed to load url \\S*${escapeRegExp(file)}`);
  return node.test(message) || vite.test(message);
}

/**
 * Imports `spec` (relative to the caller, resolved by `load`), or returns null when the module
 * does not exist. Any other failure is thrown.
 *
 * @param load - `(s) => import(s)` written in the calling module, so `spec` resolves from there.
 * @param spec - the relative specifier, e.g. `./fuzz.js`.
 * @param tail - the end of the path that identifies the module in error messages, e.g. `commands/fuzz.js`.
 */
export async function importOptional(
  load: (spec: string) => Promise<unknown>,
  spec: string,
  tail: string,
): Promise<Record<string, unknown> | null> {
  try {
    return (await load(spec)) as Record<string, unknown>;
  } catch (e) {
    if (isMissingModule(e, tail)) return null;
    throw e;
  }
}
