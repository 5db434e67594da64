import { describe, expect, it } from "vitest";
import {
  buildReport,
  EMPTY_REPORT_INPUT,
  isReportOutputName,
  safeName,
} from "../../src/charts/index.js";
import { escapeHtml } from "../../src/charts/html.js";
import { counterexample, crashTimeline, demoReportInput, longTimeline } from "./fixtures.js";
import { count } from "./helpers.js";

/** The demo input's report, built once for the tests that read it (a build renders every chart). */
let demo: ReturnType<typeof buildReport> | undefined;
const demoReport = (): ReturnType<typeof buildReport> => (demo ??= buildReport(demoReportInput()));

describe("the report", () => {
  it("writes report.html and one standalone SVG per chart, each inlined once in the page", async () => {
    const { files, warnings } = await demoReport();
    expect(warnings).toEqual([]);
    const svgs = Object.keys(files).filter((f) => f.endsWith(".svg"));
    expect(svgs).toEqual(
      expect.arrayContaining([
        "comparison.svg",
        "differences.svg",
        "sweep.svg",
        "timeline-off.svg",
        "timeline-off-episode-1.svg",
        "timeline-restore.svg",
        "timeline-slave.svg",
        "counterexample-no-duplicates.svg",
      ]),
    );
    const html = files["report.html"]!;
    expect(count(html, /<figure class="chart"/g)).toBe(svgs.length);
    for (const f of svgs) {
      expect(files[f]!.startsWith("<svg")).toBe(true);
      expect(html).toContain(files[f]!); // the page inlines exactly the standalone file
      expect(html).toContain(`href="${f}"`);
    }
    for (const f of Object.keys(files)) expect(isReportOutputName(f)).toBe(true);
  });

  it("is self-contained: no script, no stylesheet link, nothing fetched", async () => {
    const html = (await demoReport()).files["report.html"]!;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    const external = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
    expect(new Set(external)).toEqual(
      new Set(["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]),
    );
  });

  it("gives byte-identical files for the same input", async () => {
    const a = await demoReport();
    const b = await buildReport(demoReportInput());
    expect(Object.keys(b.files)).toEqual(Object.keys(a.files));
    for (const f of Object.keys(a.files)) expect(b.files[f]).toBe(a.files[f]);
  });

  it("shows a counterexample's timeline beside its story, escaped, with the YAML folded", async () => {
    const cx = { ...counterexample(), story: "<b>m1</b> & more" };
    const html = (await buildReport({ ...EMPTY_REPORT_INPUT, counterexamples: [cx] })).files[
      "report.html"
    ]!;
    expect(html).toMatch(
      /<div class="side"><figure class="chart" id="counterexample-no-duplicates"/,
    );
    expect(html).toContain('<pre class="story">&lt;b&gt;m1&lt;/b&gt; &amp; more</pre>');
    expect(html).toContain("<summary>shrunk schedule (YAML, replayable)</summary>");
  });

  it("zooms into at most maxEpisodes episodes, the most severe, and says so", async () => {
    const input = {
      ...EMPTY_REPORT_INPUT,
      timelines: [{ policy: "off", timeline: longTimeline(60, 12) }],
    };
    const { files } = await buildReport(input, { maxEpisodes: 3 });
    expect(Object.keys(files).filter((f) => f.includes("-episode-"))).toHaveLength(3);
    expect(files["report.html"]).toContain(
      "12 episodes; the 3 with the most mail lost or duplicated",
    );
  });

  it("captions an episode with its times, faults and losses", async () => {
    const { files } = await buildReport({
      ...EMPTY_REPORT_INPUT,
      timelines: [{ policy: "off", timeline: crashTimeline("off") }],
    });
    expect(files["report.html"]).toContain(
      "Episode 1: 06:00:00 → 10:00:00 (4h), 1 fault, 3 duplicated",
    );
  });

  it("says when there is nothing to chart, and lists unreadable files", async () => {
    const { files } = await buildReport({
      ...EMPTY_REPORT_INPUT,
      warnings: ["summary.csv: missing column(s) mean"],
    });
    expect(Object.keys(files)).toEqual(["report.html"]);
    expect(files["report.html"]).toContain("Nothing to chart");
    expect(files["report.html"]).toContain("<li>summary.csv: missing column(s) mean</li>");
  });

  it("makes names safe for files and text safe for HTML", () => {
    expect(safeName("no-loss")).toBe("no-loss");
    expect(safeName("../etc/passwd")).toBe("etc_passwd");
    expect(safeName("")).toBe("unnamed");
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;",
    );
  });
});
