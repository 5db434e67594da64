/**
 * The heavy half of `hasim fuzz`: runs the fuzzer and writes `fuzz.csv` and the counterexample
 * files. Loaded by `fuzz.ts` only when the command runs, because it pulls in fast-check.
 *
 * @module
 */
import { join } from "node:path";
import { timelineToJson } from "../../charts/timeline-data.js";
import {
  counterexampleFile,
  counterexampleYaml,
  faultLabel,
  replayCommand,
} from "../../fuzz/counterexample.js";
import { fuzz, summaryText, type FuzzOptions, type FuzzReport } from "../../fuzz/fuzz.js";
import { fuzzCsv } from "../../fuzz/fuzz-csv.js";
import { PROPERTY_TEXT, type PropertyName } from "../../fuzz/properties.js";
import { story } from "../../fuzz/story.js";
import type { QualifiedScenario } from "../../config/scenario.js";
import type { CliContext } from "../context.js";
import { writeOutputs, type OutputFile } from "../output.js";
import { writeReport } from "./report.js";

/** The fuzz report's title: it names the scenario. */
function titleOf(base: QualifiedScenario): string {
  return `hasim fuzz: ${base.name}`;
}

/** The files of one run of the fuzzer. */
function outputFiles(report: FuzzReport, base: QualifiedScenario, outDir: string): OutputFile[] {
  const files: OutputFile[] = [{ name: "fuzz.csv", content: fuzzCsv(report) }];
  for (const o of report.outcomes) {
    const f = o.failure;
    if (f === null) continue;
    const yaml = counterexampleFile(o.property);
    const x = {
      base,
      case: f.case,
      property: o.property,
      verdict: f.verdict,
      fuzzSeed: report.seed,
      minDrainUs: report.minDrainUs,
    };
    files.push({ name: yaml, content: counterexampleYaml(x, join(outDir, yaml)) });
    files.push({
      name: yaml.replace(/\.yaml$/, ".story.txt"),
      content: storyText(report, o.property, base, outDir),
    });
    if (f.result.timeline !== undefined)
      files.push({
        name: yaml.replace(/\.yaml$/, ".timeline.json"),
        content: timelineToJson(f.result.timeline),
      });
  }
  return files;
}

/** What is printed and written about one counterexample: verdict, schedule, story, replay command. */
function storyText(
  report: FuzzReport,
  property: PropertyName,
  base: QualifiedScenario,
  outDir: string,
): string {
  const f = report.outcomes.find((o) => o.property === property)?.failure;
  if (f === undefined || f === null) return "";
  const names = [base.nodes[0].name, base.nodes[1].name] as const;
  const faults = f.case.faults.map((x) => `  - ${faultLabel(x, names)}`);
  return (
    [
      `✗ ${property} (${PROPERTY_TEXT[property]}): ${f.verdict.reason}`,
      `shrunk to ${f.case.faults.length} fault(s) in ${f.shrinks} steps (from case ${f.foundAt}), on-failure ${f.case.config.policy}, simulation seed ${f.case.seed}:`,
      ...faults,
      "",
      ...story(f.result, { violation: { property, verdict: f.verdict } }),
      "",
      `replay: ${replayCommand(join(outDir, counterexampleFile(property)), f.case)}`,
    ].join("\n") + "\n"
  );
}

/**
 * Fuzzes `base` with `options`, writes the results to `outDir` (and, with `charts`, the
 * report) and prints the summary and the stories.
 *
 * @returns 1 when a property was violated, 0 when none.
 */
export async function fuzzAndWrite(
  base: QualifiedScenario,
  outDir: string,
  ctx: CliContext,
  charts: boolean,
  options: FuzzOptions,
): Promise<number> {
  const report = fuzz(base, options);
  writeOutputs(outDir, outputFiles(report, base, outDir));
  // Without a counterexample there is nothing to chart: fuzz.csv alone is a table.
  if (charts && report.outcomes.some((o) => o.failure !== null))
    await writeReport(outDir, ctx.io, outDir, titleOf(base));

  ctx.io.stdout(summaryText(report));
  for (const o of report.outcomes)
    if (o.failure !== null) ctx.io.stdout("\n" + storyText(report, o.property, base, outDir));
  ctx.io.stderr(`results in ${outDir}\n`);
  return report.outcomes.some((o) => o.failure !== null) ? 1 : 0;
}
