/**
 * The domain-free simulation kernel: integer-µs time, the scheduler, random streams,
 * distributions and tracing. Nothing here knows about mail or HA.
 *
 * @module
 */

export * from "./time.js";
export * from "./scheduler.js";
export * from "./rng.js";
export * from "./dist.js";
export * from "./special.js";
export * from "./trace.js";
