import { describe, expect, it } from "vitest";
import { announceLine, formatEta, progressLine, startProgress } from "../../src/cli/progress.js";
import { summaryTable } from "../../src/cli/table.js";
import { groupByPolicy } from "../../src/report/groups.js";
import { fakeResults } from "./fake-runner.js";

function io(): {
  lines: string[];
  io: { stdout: () => void; stderr: (t: string) => void; stderrIsTty: boolean };
} {
  const lines: string[] = [];
  return {
    lines,
    io: { stdout: () => undefined, stderr: (t) => void lines.push(t), stderrIsTty: false },
  };
}

describe("progress off a terminal", () => {
  it("prints done/total, rate and time left every interval, from the ticks", () => {
    const { lines, io: out } = io();
    let now = 0;
    const p = startProgress(10, "runs", out, false, () => now);
    now = 1000;
    p.tick(); // 1 s: too early for a line
    now = 6000;
    p.tick(); // 6 s, 2 done
    now = 7000;
    p.tick(); // 1 s after the last line: quiet
    now = 12000;
    p.tick();
    p.stop();
    expect(lines).toEqual([
      "hasim: 2/10 runs (20%), 0.33 runs/s, about 24s left\n",
      "hasim: 4/10 runs (40%), 0.33 runs/s, about 18s left\n",
    ]);
  });

  it("is silent with --quiet", () => {
    const { lines, io: out } = io();
    let now = 0;
    const p = startProgress(10, "runs", out, true, () => now);
    for (let i = 0; i < 9; i++) {
      now += 10_000;
      p.tick();
    }
    p.stop();
    expect(lines).toEqual([]);
  });

  it("says how much work a job is and the seed in words", () => {
    expect(
      announceLine(
        90,
        [
          [3, "policies"],
          [30, "replications"],
        ],
        1,
      ),
    ).toBe("hasim: 90 runs (3 policies × 30 replications), seed 1");
    expect(
      announceLine(
        1,
        [
          [1, "policies"],
          [1, "replications"],
        ],
        7,
      ),
    ).toBe("hasim: 1 run (1 policy × 1 replication), seed 7");
    expect(formatEta(3725)).toBe("1h 02m");
    expect(formatEta(185)).toBe("3m 05s");
    expect(progressLine(0, 5, "runs", 0)).toBe("hasim: 0/5 runs (0%), 0.0 runs/s");
  });
});

describe("the summary table", () => {
  const groups = groupByPolicy(fakeResults("crash", 1, ["off", "restore", "slave"], 4), [
    "off",
    "restore",
    "slave",
  ]);

  it("says what the brackets are", () => {
    expect(summaryTable(groups)).toContain(
      "mean [95% confidence interval of the mean, BCa bootstrap] over 4 replications per policy",
    );
  });

  it("fits the terminal width by stacking the metrics, keeping every metric", () => {
    const wide = summaryTable(groups, [], 200);
    const narrow = summaryTable(groups, [], 60);
    const tableLines = (t: string): string[] =>
      t.split("\n").filter((l) => !l.startsWith("mean ["));
    expect(Math.max(...tableLines(narrow).map((l) => l.length))).toBeLessThanOrEqual(60);
    expect(Math.max(...tableLines(wide).map((l) => l.length))).toBeGreaterThan(60);
    for (const label of [
      "lost",
      "duplicated",
      "ttr service (s)",
      "unavailable (s)",
      "split brain (s)",
    ])
      expect(narrow).toContain(label);
    expect(narrow.split("policy").length).toBeGreaterThan(wide.split("policy").length);
  });
});
