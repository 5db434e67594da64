/**
 * The fault kinds the fuzzer draws, in a module of their own so that the command line can list
 * and check them without loading fast-check.
 *
 * @module
 */
import type { FaultKind } from "../config/scenario.js";

/** Fault kinds the fuzzer draws, simplest first (shrinking moves towards the front). Admin actions are repairs, not faults: the scenario's `ha.admin` models the admin. */
export const FUZZ_KINDS: readonly Exclude<FaultKind, "admin">[] = [
  "link-down",
  "node-crash",
  "node-hang",
  "reboot",
  "partition",
  "lservice-failure",
  "rservice-false-alarm",
  "monitor-blind",
  "downstream-outage",
  "flapping",
];
