/**
 * FortiMail's effective HA modes and the physical state of a unit.
 *
 * The effective mode is what `get system ha status` shows (MASTER, SLAVE, FAILED, OFF, HOLD_OFF
 * [D: S1, S7, S13]); the physical state is what the hardware is doing. A crashed unit keeps the
 * effective mode it had, but does nothing until it boots again.
 *
 * @module
 */

/** Effective HA mode of a unit. */
export type Mode = "MASTER" | "SLAVE" | "FAILED" | "OFF" | "HOLD_OFF";

/** What the hardware is doing. `REBOOTING` is a planned reboot (`execute reboot`), `HUNG` a unit alive but unresponsive. */
export type Physical = "UP" | "CRASHED" | "HUNG" | "REBOOTING";

/** The mode shown in timelines: the effective mode when up, else the physical state (`DOWN` for crashed). */
export function displayMode(mode: Mode, physical: Physical): string {
  switch (physical) {
    case "UP":
      return mode;
    case "CRASHED":
      return "DOWN";
    case "HUNG":
      return "HUNG";
    case "REBOOTING":
      return "REBOOTING";
  }
}
