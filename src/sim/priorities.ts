/**
 * Named event priorities: at the same microsecond, lower numbers run first. The order is part of
 * the model's definition (and of the closed-form heartbeat equivalence), not an accident:
 * a fault that starts at the instant of a heartbeat is seen by that heartbeat.
 *
 * @module
 */
/** Fault starts and ends, scheduled admin actions. */
export const P_FAULT = 0;
/** Role timers: hold-off expiry, admin response, ARP settling, boot. */
export const P_ROLE = 1;
/** Heartbeat emission (simulated) or the first heartbeat after a path returns (closed form). */
export const P_HEARTBEAT = 2;
/** Remote service probes, local checks, recovery checks (simulated grid points). */
export const P_CHECK = 3;
/** Declarations: heartbeat lost, probe failure, local failure, recovery, split-brain resolution. */
export const P_DETECT = 4;
/** Periodic MTA queue sync. */
export const P_SYNC = 5;
/** Mail: arrivals, sender retries, delivery completions, queue retries. */
export const P_MAIL = 6;
/** Observation: spool sampling for timelines. */
export const P_OBSERVE = 7;
