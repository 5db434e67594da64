/**
 * Named instants of the write phase where the crash test (test/hostile/crash.test.ts) kills
 * hasim: with `HASIM_CRASH_AT=rename-new`, hasim sends itself SIGKILL just before that step, as
 * a power cut would stop it there. Unset (always, outside that test), it does nothing.
 *
 * @module
 */

/** The steps of {@link writeOutputs} where a crash can be injected, in order. */
export const CRASH_POINTS = ["write", "rename-old", "rename-new", "remove-old"] as const;
export type CrashPointName = (typeof CRASH_POINTS)[number];

/** Kills the process at once if `HASIM_CRASH_AT` names this point. */
export function crashPoint(name: CrashPointName): void {
  if (process.env.HASIM_CRASH_AT === name) process.kill(process.pid, "SIGKILL");
}
