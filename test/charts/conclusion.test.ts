import { describe, expect, it } from "vitest";
import { conclusionBlocks } from "../../src/charts/conclusion.js";
import { conclusionSentence } from "../../src/charts/conclusion-text.js";
import type { Block } from "../../src/charts/html.js";
import type { SummaryRow } from "../../src/charts/report-input.js";
import { demoConclusion } from "./conclusion-fixtures.js";
import { compareRows, summaryRows } from "./fixtures.js";

/** The text of every block, HTML included, in order. */
function text(blocks: readonly Block[]): string {
  return blocks
    .map((b) =>
      b.kind === "html"
        ? b.html
        : b.kind === "details"
          ? text(b.blocks)
          : "text" in b
            ? b.text
            : "",
    )
    .join("\n");
}

describe("the report's conclusion", () => {
  const blocks = conclusionBlocks(
    summaryRows(),
    compareRows(),
    demoConclusion(compareRows()),
    0.95,
  );
  const all = text(blocks);

  it("says what was run: description, seed, version, command, interval method and level", () => {
    expect(all).toContain("The configured master crashes for 20 minutes during a day of mail.");
    expect(all).toContain(
      "Seed 42, hasim 0.0.0-fixture, 30 replications per policy, command: hasim run scenarios/primary-crash.yaml --robustness --report. Intervals: 95% BCa bootstrap",
    );
  });

  it("states one sentence per headline metric, from the best policy, with its robustness", () => {
    const items = [...all.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!);
    expect(items).toHaveLength(5);
    expect(items[0]).toMatch(
      /^<code>restore<\/code> loses 11\.5 fewer mails than <code>off<\/code> \(95% interval 5\.65 to 17\.4; depends on assumptions\.demotedQueue/,
    );
    for (const item of items.slice(1))
      expect(item).toContain("holds under every assumption variant (2)");
  });

  it("marks the settings that differ from the defaults", () => {
    expect(all).toContain(
      '<tr class="nondefault"><td><code>ha.holdOff</code></td><td>30m <span class="nondefault">(default 15m)</span>',
    );
    expect(all).toMatch(/<tr><td><code>horizon<\/code><\/td><td>1d<\/td><\/tr>/);
  });

  it("shows n=k where fewer replications than run had a value", () => {
    const rows: SummaryRow[] = summaryRows().map((r) =>
      r.metric === "ttr_service_mean_s" && r.policy === "off" ? { ...r, n: 7 } : r,
    );
    const html = text(conclusionBlocks(rows, compareRows(), { meta: null, robustness: [] }, 0.95));
    expect(html).toMatch(/<td>16 \[12\.8, 19\.2\] n=7<\/td>/);
    expect(html).not.toMatch(/<td>15\.5 \[[^\]]*\] n=/);
  });

  it("says when every policy gives the same value in every replication", () => {
    const zero = summaryRows().map((r) =>
      r.metric === "lost" ? { ...r, mean: 0, ciLow: 0, ciHigh: 0 } : r,
    );
    expect(conclusionSentence("lost", zero, compareRows(), [], 0.95)).toBe(
      "`off`, `restore`, `slave`: lost 0 in every replication, no difference.",
    );
  });
});
