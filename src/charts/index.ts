/**
 * Charts and the HTML report.
 *
 * Nothing here reads or writes files. The CLI's part (`src/cli/commands/report.ts`,
 * `writeReport(dir)`): read a results folder's files whose names pass {@link isReportInputName},
 * hand their texts to {@link reportInputFromFiles}, pass the result to {@link buildReport}, and
 * write the returned files (removing old ones that pass {@link isReportOutputName}). `hasim run --trace/--report` writes `timeline-<policy>.json` with
 * {@link timelineToJson}; `hasim fuzz` writes `counterexample-<property>.timeline.json` the same way.
 *
 * @module
 */
export {
  buildReport,
  isReportOutputName,
  safeName,
  type ReportFiles,
  type ReportOptions,
} from "./report.js";
export {
  EMPTY_REPORT_INPUT,
  isReportInputName,
  reportInputFromFiles,
  type CompareRow,
  type Counterexample,
  type PolicyTimeline,
  type ReportInput,
  type RunRow,
  type SummaryRow,
  type SweepRow,
  type SweepTable,
  type SweepValue,
} from "./report-input.js";
export {
  timelineFromJson,
  timelineToJson,
  TimelineFormatError,
  TIMELINE_FORMAT,
} from "./timeline-data.js";
export { timelineSpec, type TimelineSpecOptions } from "./timeline-spec.js";
export { comparisonSpec, differencesSpec } from "./comparison-spec.js";
export { sweepSpec } from "./sweep-spec.js";
export { findEpisodes, selectEpisodes, type Episode, type EpisodeOptions } from "./episodes.js";
export { renderChart, renderSvg, type RenderedChart } from "./render.js";
export { MODE_COLORS, MODE_ORDER, POLICY_COLORS } from "./palette.js";
export type { Spec } from "./common.js";
