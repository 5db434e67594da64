/**
 * Builds qualified scenarios for model tests: a hand-checkable base (one mail per second exactly,
 * grids aligned at 0, constant 30 s deliveries on 100 workers, no random session effects) with
 * overrides, through the real scenario qualifier.
 */
import { qualifyScenario } from "../../src/scenario/qualify.js";
import type { QualifiedScenario } from "../../src/config/scenario.js";

export const BASE: Record<string, unknown> = {
  name: "test",
  seed: 7,
  horizon: "1h",
  drain: "2d",
  replications: 1,
  policies: ["off", "restore", "slave"],
  nodes: [
    { name: "A", mode: "master" },
    { name: "B", mode: "slave" },
  ],
  ha: { admin: { responseTime: "never" } },
  mta: { deliveryWorkers: 100, deliveryTime: "30s" },
  workload: { arrivals: { rate: "1/s" }, senderRetry: { interval: "15m", giveUp: "5d" } },
  assumptions: {
    cutSessionDuplicateProbability: 0,
    inflightDeliveredProbability: 0,
    splitBrainSessionCutProbability: 0,
    arpUpdateDelay: "0s",
  },
};

function merge(a: unknown, b: unknown): unknown {
  if (b === undefined) return a;
  if (
    typeof a !== "object" ||
    a === null ||
    Array.isArray(a) ||
    typeof b !== "object" ||
    b === null ||
    Array.isArray(b)
  )
    return b;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = merge(out[k], v);
  return out;
}

/** The base merged with `over` (objects deep-merged, arrays replaced), qualified, made hand-checkable. */
export function scenario(
  over: Record<string, unknown> = {},
  engine: Partial<QualifiedScenario["engine"]> = {},
): QualifiedScenario {
  const q = qualifyScenario(merge(BASE, over), "test.yaml");
  return {
    ...q,
    workload: { ...q.workload, arrivals: { ...q.workload.arrivals, process: "periodic" } },
    engine: { ...q.engine, phases: "aligned", checkInvariants: true, ...engine },
  };
}
