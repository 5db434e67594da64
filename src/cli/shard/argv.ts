/**
 * The study's command: the arguments after `hasim` without the flags that only say where the
 * results go and how fast or on which shard they are computed (`--out`, `--jobs`, `--quiet`,
 * `--shard`, `--shards`, `--plan`, `--target`). Two commands that differ only there compute the
 * same study, so meta.json records this form, shards compare it, and a merged folder's
 * meta.json is byte-identical to that of the same study run on one machine.
 *
 * @module
 */

/** Long flags that take a value and do not change results. */
const VALUE_FLAGS = new Set(["--out", "--jobs", "--shard", "--shards", "--target"]);
/** Boolean flags that do not change results. */
const BOOLEAN_FLAGS = new Set(["--quiet", "--no-quiet", "--plan", "--no-plan"]);
/** The same as argument keys of the parsed command line (with their aliases). */
const EXECUTION_KEYS = new Set([
  "$0",
  "out",
  "jobs",
  "j",
  "quiet",
  "q",
  "shard",
  "shards",
  "plan",
  "target",
]);

function flagName(a: string): string {
  const eq = a.indexOf("=");
  return eq < 0 ? a : a.slice(0, eq);
}

/** Drops the execution-only flags (with their values) from a command line. */
export function studyArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = flagName(a);
    if (a === "--") {
      out.push(...argv.slice(i));
      break;
    }
    if (VALUE_FLAGS.has(name) || name === "-j") {
      if (name === a) i++; // the value is the next argument
      continue;
    }
    if (/^-j\d+$/.test(a) || BOOLEAN_FLAGS.has(name) || a === "-q") continue;
    out.push(a);
  }
  return out;
}

/** The parsed arguments without the execution-only ones (what a merge replays). */
export function studyArgs(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([k]) => !EXECUTION_KEYS.has(k)));
}
