/** fast-check arbitraries of raw fault entries (as a scenario file writes them) for model tests. */
import fc from "fast-check";

const node = fc.constantFrom("A", "B");
/** A start time in seconds with a millisecond part, so changes also fall between grid points. */
/** Start times: on 5 s grid points (where same-instant ordering matters) or between them. */
const at = (horizonS: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: 1, max: Math.floor((horizonS - 2) / 5) }).map((k) => k * 5),
    fc
      .tuple(fc.integer({ min: 1, max: horizonS - 2 }), fc.integer({ min: 0, max: 999 }))
      .map(([s, ms]) => s + ms / 1000),
  );
/** Durations: blips shorter than a probe interval, grid multiples, and long outages. */
const duration = fc.oneof(
  fc.integer({ min: 1, max: 25 }),
  fc.integer({ min: 1, max: 24 }).map((k) => k * 5),
  fc.integer({ min: 60, max: 1200 }),
);

export function rawFault(
  horizonS: number,
  secondaryLink: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  const links = secondaryLink
    ? fc.constantFrom("primary", "secondary", "all")
    : fc.constantFrom("primary", "all");
  return fc
    .oneof(
      fc.record({ kind: fc.constant("node-crash"), node, diskLost: fc.boolean() }),
      fc.record({ kind: fc.constant("node-hang"), node }),
      fc.record({ kind: fc.constant("reboot"), node }),
      fc.record({ kind: fc.constant("link-down"), link: links }),
      fc.record({
        kind: fc.constant("partition"),
        node,
        from: fc.constantFrom("peer", "senders", "downstream", "all"),
        direction: fc.constantFrom("both", "inbound", "outbound"),
      }),
      fc.record({
        kind: fc.constant("lservice-failure"),
        node,
        service: fc.constantFrom("ports", "hd"),
      }),
      fc.record({ kind: fc.constant("rservice-false-alarm"), node }),
      fc.record({
        kind: fc.constant("monitor-blind"),
        node,
        monitor: fc.constantFrom("rservice", "lservice", "all"),
      }),
      fc.record({ kind: fc.constant("downstream-outage") }),
    )
    .chain((f) => fc.record({ at: at(horizonS), duration }).map((t) => ({ ...f, ...t })));
}

/** A whole what-if: HA settings, a policy and a fault schedule. */
export function rawCase(horizonS: number) {
  return fc
    .record({
      secondaryLink: fc.boolean(),
      remoteAsHeartbeat: fc.boolean(),
      queueSync: fc.boolean(),
      policy: fc.constantFrom("off", "restore", "slave" as const),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
    })
    .chain((c) =>
      fc.array(rawFault(horizonS, c.secondaryLink), { maxLength: 12 }).map((faults) => ({
        ...c,
        over: {
          seed: c.seed,
          horizon: horizonS,
          ha: {
            heartbeat: { interval: "5s", lostThreshold: 3, secondaryLink: c.secondaryLink },
            remoteAsHeartbeat: c.remoteAsHeartbeat,
            rservice: {
              smtp: { interval: "30s", timeout: "5s", retries: 3 },
              http: { interval: "20s", timeout: "3s", retries: 2 },
            },
            lservice: {
              ports: { interval: "10s", retries: 3 },
              hd: { interval: "7s", retries: 2 },
            },
            mailQueueSync: { enabled: c.queueSync, interval: "5m" },
            admin: { responseTime: { dist: "exponential", mean: "20m" } },
          },
          mta: { deliveryWorkers: 4, deliveryTime: { dist: "exponential", mean: "2s" } },
          assumptions: {
            cutSessionDuplicateProbability: 0.5,
            inflightDeliveredProbability: 0.5,
            splitBrainSessionCutProbability: 0.05,
          },
          faults,
        },
      })),
    );
}
