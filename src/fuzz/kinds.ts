/**
 * The fault kinds the fuzzer draws, in a module of their own so that the command line can list
 * and check them without loading fast-check.
 *
 * @module
 */
import type { FaultKind } from "../config/scenario.js";
import { fuzzKinds } from "../sim/faults/registry.js";

/** Fault kinds the fuzzer draws, simplest first (shrinking moves towards the front): each kind's place is its descriptor's `shrinkRank`. Admin actions are repairs, not faults: the scenario's `ha.admin` models the admin. */
export const FUZZ_KINDS = fuzzKinds() as readonly Exclude<FaultKind, "admin">[];
