/**
 * Telling a FortiMail configuration from a scenario file, so `hasim run` accepts either.
 *
 * @module
 */

/** Tells a FortiMail configuration from a scenario file: its first statement is CLI, not YAML. */
export function looksLikeFortiMailConfig(text: string): boolean {
  const first = /^[ \t]*([^#\s].*)$/m.exec(text.replace(/^\uFEFF/, ""));
  return first !== null && /^(config|set|unset|edit)\s/.test(first[1]!);
}
