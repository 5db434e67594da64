import { describe, expect, it } from "vitest";
import { US_PER_D, US_PER_H, US_PER_MIN, US_PER_S } from "../../src/kernel/time.js";
import type { Timeline } from "../../src/sim/result.js";
import { findEpisodes, selectEpisodes } from "../../src/charts/index.js";
import { crashTimeline, longTimeline } from "./fixtures.js";

const empty: Timeline = {
  units: ["A", "B"],
  modes: [],
  faults: [],
  splitBrain: [],
  spool: [],
  markers: [],
  horizonUs: US_PER_D,
  endUs: US_PER_D,
};

describe("failure episodes", () => {
  it("makes one episode per separated fault, ignoring admin actions", () => {
    const eps = findEpisodes(crashTimeline("off"));
    // crash 6h, link-down 30h, downstream 40h, hang 45h; the 10h admin action starts none.
    expect(eps.map((e) => e.startUs)).toEqual([
      6 * US_PER_H,
      30 * US_PER_H,
      40 * US_PER_H,
      45 * US_PER_H,
    ]);
    expect(eps.map((e) => e.index)).toEqual([1, 2, 3, 4]);
  });

  it("extends an episode to the mode changes it caused (OFF until the admin at 10h)", () => {
    const [crash] = findEpisodes(crashTimeline("off"));
    expect(crash!.endUs).toBe(10 * US_PER_H);
    expect(crash!.windowStartUs).toBeLessThan(crash!.startUs);
    expect(crash!.windowEndUs).toBeGreaterThan(crash!.endUs);
    expect(crash!.duplicated).toBe(3);
  });

  it("counts split-brain time and markers inside the episode", () => {
    const sb = findEpisodes(crashTimeline("restore"))[1]!;
    expect(sb.splitBrainUs).toBe(10 * US_PER_MIN - 10 * US_PER_S);
    expect(sb.duplicated).toBe(2);
  });

  it("merges faults that start within the merge gap", () => {
    const t: Timeline = {
      ...empty,
      faults: [
        { kind: "node-crash", target: "A", startUs: US_PER_H, endUs: US_PER_H + 10 * US_PER_MIN },
        {
          kind: "link-down",
          target: "primary",
          startUs: US_PER_H + 20 * US_PER_MIN,
          endUs: US_PER_H + 25 * US_PER_MIN,
        },
        { kind: "node-hang", target: "B", startUs: 5 * US_PER_H, endUs: 5 * US_PER_H + US_PER_MIN },
      ],
    };
    const eps = findEpisodes(t);
    expect(eps).toHaveLength(2);
    expect(eps[0]!.faults).toBe(2);
    expect(eps[0]!.endUs).toBe(US_PER_H + 25 * US_PER_MIN);
    expect(findEpisodes(t, { mergeGapUs: 5 * US_PER_MIN })).toHaveLength(3);
  });

  it("keeps the recovery tail within maxTail and before the next episode", () => {
    const t: Timeline = {
      ...empty,
      endUs: 10 * US_PER_D,
      horizonUs: 10 * US_PER_D,
      faults: [{ kind: "node-crash", target: "A", startUs: US_PER_H, endUs: 2 * US_PER_H }],
      modes: [
        { unit: "A", startUs: 0, endUs: US_PER_H, mode: "MASTER" },
        { unit: "A", startUs: US_PER_H, endUs: 5 * US_PER_D, mode: "OFF" },
        { unit: "A", startUs: 5 * US_PER_D, endUs: 10 * US_PER_D, mode: "SLAVE" },
      ],
    };
    expect(findEpisodes(t)[0]!.endUs).toBe(2 * US_PER_H);
    expect(findEpisodes(t, { maxTailUs: 6 * US_PER_D })[0]!.endUs).toBe(5 * US_PER_D);
  });

  it("has none without faults, and selects the most severe in time order", () => {
    expect(findEpisodes(empty)).toEqual([]);
    const eps = findEpisodes(longTimeline(120, 20));
    expect(eps.length).toBe(20);
    const chosen = selectEpisodes(eps, 5);
    expect(chosen).toHaveLength(5);
    expect(chosen.map((e) => e.startUs)).toEqual(
      [...chosen.map((e) => e.startUs)].sort((a, b) => a - b),
    );
    const minChosenLost = Math.min(...chosen.map((e) => e.lost));
    const maxLeftLost = Math.max(...eps.filter((e) => !chosen.includes(e)).map((e) => e.lost));
    expect(minChosenLost).toBeGreaterThanOrEqual(maxLeftLost);
    expect(selectEpisodes(eps.slice(0, 3), 5)).toHaveLength(3);
  });
});
