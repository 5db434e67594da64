/**
 * Builds the whole report — `report.html` and one standalone `.svg` per chart — from a
 * {@link ReportInput}. Pure apart from being async (vega renders asynchronously): it returns file
 * names and contents, and the caller writes them. Same input → byte-identical files.
 *
 * @module
 */
import type { Timeline } from "../sim/result.js";
import type { Spec } from "./common.js";
import { differencesSpec, comparisonSpec } from "./comparison-spec.js";
import { conclusionBlocks } from "./conclusion.js";
import { findEpisodes, selectEpisodes, type Episode } from "./episodes.js";
import { renderHtml, type Block, type Figure, type Section } from "./html.js";
import { renderChart } from "./render.js";
import type { ReportInput } from "./report-input.js";
import { sweepSpec } from "./sweep-spec.js";
import { timelineSpec } from "./timeline-spec.js";
import { shortDuration } from "./time-scale.js";
import { formatClock } from "../kernel/time.js";
import { DEFAULT_CONFIDENCE } from "../stats/interval.js";

/** Tuning of {@link buildReport}. */
export interface ReportOptions {
  /** Most zoomed episode views per timeline (the most severe are kept). Default 8. */
  readonly maxEpisodes?: number;
}

/** The report's files: `report.html` and the `.svg` files it links to, by base name. */
export interface ReportFiles {
  readonly files: Record<string, string>;
  /** What vega-lite / vega complained about while rendering (for stderr; empty when all is well). */
  readonly warnings: readonly string[];
}

/**
 * Whether a file name is one that {@link buildReport} writes. The CLI removes such files that a
 * new report did not write (an episode chart of an earlier run), and leaves every other file alone.
 */
export function isReportOutputName(name: string): boolean {
  return (
    name === "report.html" ||
    /^(comparison|differences|sweep|timeline-|counterexample-).*\.svg$/.test(name)
  );
}

/** A file-name-safe form of a policy, property or scenario name. */
export function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "") || "unnamed";
}

/** Renders specs one after another (vega views are not shared; order keeps output stable). */
class Charts {
  readonly files: Record<string, string> = {};
  readonly warnings: string[] = [];
  async figure(file: string, spec: Spec, caption: string): Promise<Figure> {
    const id = file.replace(/\.svg$/, "");
    const { svg, warnings } = await renderChart(spec, id);
    for (const w of warnings) this.warnings.push(`${file}: ${w}`);
    this.files[file] = svg;
    return { kind: "figure", id, file, svg, caption };
  }
}

function episodeCaption(e: Episode): string {
  const parts = [
    `${formatClock(e.startUs)} → ${formatClock(e.endUs)} (${shortDuration(e.endUs - e.startUs)})`,
    `${e.faults} fault${e.faults === 1 ? "" : "s"}`,
  ];
  if (e.lost > 0) parts.push(`${e.lost} lost`);
  if (e.duplicated > 0) parts.push(`${e.duplicated} duplicated`);
  if (e.splitBrainUs > 0) parts.push(`split brain ${shortDuration(e.splitBrainUs)}`);
  return `Episode ${e.index}: ${parts.join(", ")}`;
}

async function timelineBlocks(
  charts: Charts,
  policy: string,
  t: Timeline,
  maxEpisodes: number,
): Promise<Block[]> {
  const base = `timeline-${safeName(policy)}`;
  const runEnd = Math.max(t.endUs, t.horizonUs);
  const blocks: Block[] = [{ kind: "h3", text: `policy ${policy}` }];
  blocks.push(
    await charts.figure(
      `${base}.svg`,
      timelineSpec(t, {
        title: `Timeline, policy ${policy}`,
        subtitle: `whole run: ${shortDuration(runEnd)}`,
      }),
      `Whole run (replication 0), policy ${policy}`,
    ),
  );
  const episodes = findEpisodes(t);
  const shown = selectEpisodes(episodes, maxEpisodes);
  // A zoom only helps when the episode is a small part of the run.
  const zoomed = shown.filter((e) => e.windowEndUs - e.windowStartUs < runEnd * 0.8);
  if (zoomed.length === 0) return blocks;
  const inner: Block[] = [];
  if (shown.length < episodes.length) {
    inner.push({
      kind: "p",
      text: `${episodes.length} episodes; the ${shown.length} with the most mail lost or duplicated (then split brain, then length) are shown.`,
    });
  }
  for (const e of zoomed) {
    const spec = timelineSpec(t, {
      title: `Policy ${policy}, episode ${e.index}`,
      subtitle: `${formatClock(e.windowStartUs)} → ${formatClock(e.windowEndUs)}`,
      startUs: e.windowStartUs,
      endUs: e.windowEndUs,
    });
    inner.push(await charts.figure(`${base}-episode-${e.index}.svg`, spec, episodeCaption(e)));
  }
  blocks.push({
    kind: "details",
    summary: `Failure episodes, zoomed (${zoomed.length})`,
    open: true,
    blocks: inner,
  });
  return blocks;
}

/** The window of a counterexample chart: its episodes if they are a small part of the run. */
function counterexampleWindow(t: Timeline): { startUs?: number; endUs?: number } {
  const eps = findEpisodes(t);
  const runEnd = Math.max(t.endUs, t.horizonUs);
  if (eps.length === 0) return {};
  const startUs = Math.min(...eps.map((e) => e.windowStartUs));
  const endUs = Math.max(...eps.map((e) => e.windowEndUs));
  return endUs - startUs < runEnd / 2 ? { startUs, endUs } : {};
}

/** For each fuzz counterexample, its timeline beside its story, or the story alone. */
async function counterexampleBlocks(
  charts: Charts,
  counterexamples: ReportInput["counterexamples"],
): Promise<Block[]> {
  const cx: Block[] = [];
  for (const c of counterexamples) {
    const file = `counterexample-${safeName(c.property)}.svg`;
    const story = c.story ?? "(no story file)";
    const details =
      c.yaml === null
        ? {}
        : { details: { summary: "shrunk schedule (YAML, replayable)", text: c.yaml } };
    if (c.timeline) {
      const spec = timelineSpec(c.timeline, {
        title: `Counterexample: ${c.property}`,
        widthPx: 560,
        ...counterexampleWindow(c.timeline),
      });
      const figure = await charts.figure(
        file,
        spec,
        `Timeline of the shrunk schedule violating ${c.property}`,
      );
      cx.push({ kind: "side-by-side", figure, textTitle: "story", text: story, ...details });
    } else {
      cx.push(
        { kind: "h3", text: `Counterexample: ${c.property} (no timeline file)` },
        { kind: "p", text: story },
      );
    }
  }
  return cx;
}

/**
 * Builds every chart and the page.
 *
 * @returns `report.html` plus `comparison*.svg`, `differences*.svg`, `sweep.svg`,
 *   `timeline-<policy>.svg`, `timeline-<policy>-episode-<n>.svg` and
 *   `counterexample-<property>.svg`, each present when its input is.
 */
export async function buildReport(
  input: ReportInput,
  options: ReportOptions = {},
): Promise<ReportFiles> {
  const maxEpisodes = options.maxEpisodes ?? 8;
  const charts = new Charts();
  const sections: Section[] = [];

  const scenarios = [
    ...new Set([...input.summary.map((r) => r.scenario), ...input.compare.map((r) => r.scenario)]),
  ];
  const suffix = (s: string): string => (scenarios.length > 1 ? `-${safeName(s)}` : "");
  // One level for every caption and sentence: the one the CSVs were written at.
  const confidence = input.confidence ?? DEFAULT_CONFIDENCE;
  if (input.conclusion && scenarios.length === 1) {
    const blocks = conclusionBlocks(input.summary, input.compare, input.conclusion, confidence);
    sections.push({ id: "conclusion", title: "Conclusion", blocks });
  }
  const comparison: Block[] = [];
  for (const s of scenarios) {
    const c = comparisonSpec(input.summary, input.runs, s, confidence);
    if (c)
      comparison.push(
        await charts.figure(
          `comparison${suffix(s)}.svg`,
          c,
          `Lost, duplicated, time to recovery and unavailability per policy, scenario ${s}`,
        ),
      );
    const d = differencesSpec(input.compare, s, confidence);
    if (d)
      comparison.push(
        await charts.figure(
          `differences${suffix(s)}.svg`,
          d,
          `Paired differences between policies, scenario ${s}`,
        ),
      );
  }
  sections.push({ id: "comparison", title: "Policy comparison", blocks: comparison });

  const sweep: Block[] = [];
  if (input.sweep) {
    const spec = sweepSpec(input.sweep, undefined, confidence);
    if (spec)
      sweep.push(
        await charts.figure("sweep.svg", spec, `Metrics against ${input.sweep.params.join(", ")}`),
      );
  }
  sections.push({ id: "sweep", title: "Sweep", blocks: sweep });

  const timelines: Block[] = [];
  for (const { policy, timeline } of input.timelines)
    timelines.push(...(await timelineBlocks(charts, policy, timeline, maxEpisodes)));
  sections.push({ id: "timelines", title: "Timelines", blocks: timelines });

  const cx = await counterexampleBlocks(charts, input.counterexamples);
  sections.push({ id: "counterexamples", title: "Fuzz counterexamples", blocks: cx });

  const html = renderHtml({
    title: input.title ?? "hasim report",
    warnings: input.warnings,
    sections,
  });
  return { files: { "report.html": html, ...charts.files }, warnings: charts.warnings };
}
