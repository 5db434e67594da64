/**
 * A fault kind, described once: its fields, whether it can be a random process, how it is
 * applied and lifted through the driver's verbs, its words in traces, stories and timelines, and
 * its place in the fuzzer's shrinking order. Adding a kind is one new descriptor (in `kinds/`),
 * listed in the registry, plus its tests; a test checks that every kind has every part.
 *
 * @module
 */
import type { FaultKind, FaultSpec, NodeIndex, RandomFaultSpec } from "../../config/scenario.js";
import type { ClusterVerbs } from "../verbs.js";

/** A fault of kind K. */
export type FaultOf<K extends FaultKind> = Extract<FaultSpec, { readonly kind: K }>;

/** A field of a fault besides `at` and `duration` (and `kind`). */
export type FaultField =
  | { readonly name: string; readonly type: "node" }
  | { readonly name: string; readonly type: "boolean"; readonly default: boolean }
  | {
      readonly name: string;
      readonly type: "enum";
      readonly values: readonly string[];
      readonly default?: string;
    }
  | { readonly name: string; readonly type: "duration" };

/** What a random occurrence of a fault process is drawn as (see `randomFaults`). */
export interface RandomDraw {
  readonly atUs: number;
  readonly durationUs: number;
  /** The unit, drawn uniformly when the process says `node: any`. */
  readonly node: NodeIndex;
  /** node-crash only: whether this crash destroys the disk. */
  readonly diskLost: boolean;
}

/** The unit names, for words. */
export type UnitNames = readonly [string, string];

export interface FaultDescriptor<K extends FaultKind> {
  readonly kind: K;
  /** One sentence: what the fault is, in FortiMail's terms. */
  readonly summary: string;
  /** The kind's own fields, in the order the scenario format lists them. */
  readonly fields: readonly FaultField[];
  /** Instantaneous (an admin action): no duration, no end, not an active fault. */
  readonly instant: boolean;
  /**
   * Place in the fuzzer's shrinking order (it shrinks towards lower ranks: simpler faults); null
   * when the fuzzer never draws it.
   */
  readonly shrinkRank: number | null;
  /** Short description of the target, for traces and timelines (`A`, `primary link`…). */
  target(f: FaultOf<K>, units: UnitNames): string;
  /** The fault's start or end in words, for stories. */
  words(f: FaultOf<K>, units: UnitNames, start: boolean): string;
  /** Applies the fault through the driver's verbs. */
  apply(v: ClusterVerbs, f: FaultOf<K>): void;
  /** Lifts it (never called for instant kinds). */
  lift(v: ClusterVerbs, f: FaultOf<K>): void;
  /** One occurrence of a random process of this kind; null when the kind cannot be random. */
  fromRandom: ((spec: RandomFaultSpec, draw: RandomDraw) => FaultOf<K>) | null;
}

/** The field every node-targeted fault has. */
export const NODE_FIELD: FaultField = { name: "node", type: "node" };
