/**
 * Named event priorities: at the same microsecond, lower numbers run first. The order is part of
 * the model's definition (and of the closed-form heartbeat equivalence), not an accident:
 * a fault that starts at the instant of a heartbeat is seen by that heartbeat.
 *
 * Detectors that could fire at the same instant get distinct priorities inside their band (unit A
 * before unit B; heartbeats, then remote probes, then local checks, then recovery checks), so no
 * outcome depends on the order in which timers happened to be armed.
 *
 * @module
 */
/** Fault starts and ends, scheduled admin actions. */
export const P_FAULT = 0;
/** Role timers: hold-off expiry, admin response, ARP settling. */
export const P_ROLE = 10;
/** Heartbeat emission (simulated) or the first heartbeat after a path returns (closed form); + emitter index. */
export const P_HEARTBEAT = 20;
/** Remote service probes, local checks, recovery checks at their grid points; + detector slot. */
export const P_CHECK = 30;
/** Declarations: heartbeat lost, probe failure, local failure, recovery; + detector slot. */
export const P_DETECT = 60;
/** Split-brain resolution when two MASTERs hear each other. */
export const P_CONFLICT = 90;
/** Periodic MTA queue sync. */
export const P_SYNC = 100;
/** Mail: arrivals, sender retries, delivery completions, queue retries. */
export const P_MAIL = 110;
/** Observation: spool sampling for timelines, the horizon marker. */
export const P_OBSERVE = 120;
/** Detector slots available in each band. */
export const DETECTOR_SLOTS = 30;
