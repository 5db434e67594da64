// The story retells a traced run in words: hand-checkable runs (aligned heartbeat grids).
import { describe, expect, it } from "vitest";
import { checkProperty } from "../../src/fuzz/properties.js";
import { story } from "../../src/fuzz/story.js";
import { runReplication } from "../../src/run/replication.js";
import { scenario } from "../helpers/scenario.js";

describe("story", () => {
  it("tells a split brain: the fault, detection, the second MASTER, the violation, the heal", () => {
    const sc = scenario({
      faults: [{ at: "10m", kind: "link-down", link: "all", duration: "40s" }],
    });
    const r = runReplication(sc, "slave", 0, { trace: true });
    const verdict = checkProperty("single-master", r, { scenario: sc, ttrBoundUs: 3600e6 });
    expect(story(r, { violation: { property: "single-master", verdict } })).toEqual([
      "00:10:00 all heartbeat links down",
      "00:10:10 A: no heartbeat from B for 3 intervals",
      "00:10:10 B: no heartbeat from A for 3 intervals",
      "00:10:10 B: SLAVE → MASTER (heartbeat lost; split brain)",
      "00:10:25 ✗ single-master: two MASTERs for 30s from 00:10:10 (detection window 15s)",
      "00:10:40 all heartbeat links up",
      "00:10:40 B: hears A again",
      "00:10:40 A: hears B again",
      "00:10:40 B: MASTER → SLAVE (steps down)",
      "00:10:40 split brain over",
      "01:00:00 horizon: no more mail or faults; draining",
      "01:00:29 end of run (1h29s)",
    ]);
  });

  it("tells a crash under on-failure off, with the stranded mail", () => {
    const sc = scenario({
      faults: [{ at: "10m", kind: "node-crash", node: "A", duration: "30m" }],
    });
    const lines = story(runReplication(sc, "off", 0, { trace: true }));
    expect(lines).toContain("00:10:00 A crashes");
    expect(lines).toContain("00:10:00 A: MASTER → DOWN (crash)");
    expect(lines).toContain("00:10:10 B: SLAVE → MASTER (heartbeat lost)");
    expect(lines).toContain("00:40:00 A powers back on");
    expect(lines).toContain("00:40:00 A: DOWN → OFF (boots)");
    expect(
      lines.some((l) => /^2d 01:00:00 30 mails never delivered \(stranded-off\)$/.test(l)),
    ).toBe(true);
  });

  it("de-duplicates a flapping link and caps the length, keeping the start and the end", () => {
    const flap = {
      at: "10m",
      kind: "flapping",
      link: "all",
      duration: "30m",
      down: "20s",
      up: "40s",
    };
    const sc = scenario({
      faults: [flap, { at: "45m", kind: "node-crash", node: "A", duration: "5m" }],
    });
    const lines = story(runReplication(sc, "slave", 0, { trace: true }), { maxLines: 20 });
    expect(lines).toHaveLength(20);
    expect(lines[0]).toBe("00:10:00 all heartbeat links down");
    expect(lines.at(-1)).toMatch(/ end of run /);
    expect(lines.some((l) => /^… \d+ more lines …$/.test(l))).toBe(true);
    const full = story(runReplication(sc, "slave", 0, { trace: true }), { maxLines: 1000 });
    const texts = full.map((l) => l.replace(/^\S+ /, ""));
    for (const t of new Set(texts))
      expect(texts.filter((x) => x === t).length).toBeLessThanOrEqual(3);
    expect(full.some((l) => / repeated lines? left out$/.test(l))).toBe(true);
  });

  it("needs a traced run", () => {
    const r = runReplication(scenario(), "slave", 0);
    expect(() => story(r)).toThrow(/traced/);
  });
});
