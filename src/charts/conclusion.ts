/**
 * The report's first section: what the run concludes. The scenario and how it was run (seed,
 * version, command, interval method), one plain sentence per headline metric with its interval
 * and whether it survives the assumption variants, the numbers, and the effective settings with
 * the non-default ones marked.
 *
 * @module
 */
import { qualifyScenario, scenarioToRaw } from "../scenario/index.js";
import { levelPercent } from "../stats/interval.js";
import { HEADLINE_METRICS } from "../study/headline.js";
import type { ConclusionInput } from "./conclusion-input.js";
import { conclusionSentence, fmt } from "./conclusion-text.js";
import { escapeHtml, type Block } from "./html.js";
import type { SummaryRow } from "./report-input.js";

/** Dotted path → value text of an effective scenario (lists and distributions kept whole). */
function flatten(v: unknown, path: string, out: Map<string, string>): Map<string, string> {
  if (v !== null && typeof v === "object" && !Array.isArray(v) && !("dist" in v)) {
    for (const [k, x] of Object.entries(v)) flatten(x, path === "" ? k : `${path}.${k}`, out);
  } else {
    out.set(path, typeof v === "string" ? v : JSON.stringify(v));
  }
  return out;
}

/** The fields a scenario must give (no default): the rest of a file made of them is all defaults. */
function requiredOnly(scenario: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const workload = scenario.workload as { arrivals?: { rate?: unknown } } | undefined;
  return { horizon: scenario.horizon, workload: { arrivals: { rate: workload?.arrivals?.rate } } };
}

/** The effective settings with each one's default (the value a file without it would get). */
export function settingsWithDefaults(
  scenario: Readonly<Record<string, unknown>>,
): { path: string; value: string; default: string | null }[] {
  const effective = flatten(scenario, "", new Map());
  let defaults = new Map<string, string>();
  try {
    defaults = flatten(
      scenarioToRaw(qualifyScenario(requiredOnly(scenario), "defaults")),
      "",
      new Map(),
    );
  } catch {
    // A meta.json of another version may not qualify: show the settings without marks.
  }
  return [...effective].map(([path, value]) => ({
    path,
    value,
    default: defaults.get(path) ?? null,
  }));
}

/** A headline metric's cell: `mean [low, high]`, with `n=k` when fewer replications had a value. */
function numberCell(row: SummaryRow | undefined, replications: number): string {
  if (row?.mean === null || row === undefined) return "–";
  const ci =
    row.ciLow === null || row.ciHigh === null ? "" : ` [${fmt(row.ciLow)}, ${fmt(row.ciHigh)}]`;
  const n = replications > 0 && row.n < replications ? ` n=${row.n}` : "";
  return `${fmt(row.mean)}${ci}${n}`;
}

function numbersTable(summary: readonly SummaryRow[], pct: string): string {
  const policies = [...new Set(summary.map((s) => s.policy))];
  const metrics = [
    ...HEADLINE_METRICS,
    ...new Set(summary.map((s) => s.metric).filter((m) => m.includes("recover"))),
  ];
  const replications = Math.max(0, ...summary.filter((s) => s.metric === "lost").map((s) => s.n));
  const head = `<tr><th>metric</th>${policies.map((p) => `<th><code>${escapeHtml(p)}</code></th>`).join("")}</tr>`;
  const rows = metrics
    .filter((m) => summary.some((s) => s.metric === m))
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m)}</td>${policies
          .map(
            (p) =>
              `<td>${escapeHtml(
                numberCell(
                  summary.find((s) => s.metric === m && s.policy === p),
                  replications,
                ),
              )}</td>`,
          )
          .join("")}</tr>`,
    );
  return `<table class="numbers" id="conclusion-numbers"><caption>mean per replication [${pct} interval of the mean]; n=k: only k replications had a value</caption>${head}${rows.join("")}</table>`;
}

function settingsTable(scenario: Readonly<Record<string, unknown>>): string {
  const rows = settingsWithDefaults(scenario)
    .filter((s) => !["name", "description"].includes(s.path))
    .map((s) => {
      const changed = s.default !== null && s.default !== s.value;
      const mark = changed
        ? ` <span class="nondefault">(default ${escapeHtml(s.default ?? "")})</span>`
        : "";
      return `<tr${changed ? ' class="nondefault"' : ""}><td><code>${escapeHtml(s.path)}</code></td><td>${escapeHtml(s.value)}${mark}</td></tr>`;
    });
  return `<table class="settings" id="conclusion-settings">${rows.join("")}</table>`;
}

function precisionText(p: Readonly<Record<string, unknown>>): string {
  const metrics = Array.isArray(p.metrics) ? (p.metrics as Record<string, unknown>[]) : [];
  const missed = metrics
    .filter((m) => m.reached !== true)
    .map((m) => `${String(m.policy)} ${String(m.metric)}`);
  const reps = typeof p.replications === "number" ? p.replications : "?";
  return missed.length === 0
    ? `Precision target reached for every headline metric of every policy after ${reps} replications.`
    : `Precision target not reached after ${reps} replications (the cap) for: ${missed.join(", ")}; the others reached it.`;
}

/**
 * The conclusion's blocks (empty without a summary).
 *
 * @param summary - summary.csv rows of the run (one scenario).
 * @param confidence - the level the CSVs' intervals were written at, in (0, 1).
 */
export function conclusionBlocks(
  summary: readonly SummaryRow[],
  compare: Parameters<typeof conclusionSentence>[2],
  input: ConclusionInput,
  confidence: number,
): Block[] {
  if (summary.length === 0) return [];
  const meta = input.meta;
  const pct = levelPercent(confidence);
  const blocks: Block[] = [];
  const description = meta?.scenario.description;
  if (typeof description === "string" && description !== "")
    blocks.push({ kind: "p", text: description });
  if (meta) {
    const reps = Math.max(0, ...summary.filter((s) => s.metric === "lost").map((s) => s.n));
    blocks.push({
      kind: "p",
      text: `Seed ${String(meta.scenario.seed)}, hasim ${meta.version}, ${reps} replications per policy, command: hasim ${meta.argv.join(" ")}. Intervals: ${pct} BCa bootstrap of the mean over replications; paired differences compare policies replication by replication (same seeds).`,
    });
  }
  const sentences = HEADLINE_METRICS.map((m) =>
    conclusionSentence(m, summary, compare, input.robustness, confidence),
  ).filter((s): s is string => s !== null);
  if (sentences.length > 0) {
    const items = sentences.map(
      (s) => `<li>${escapeHtml(s).replace(/`([^`]+)`/g, "<code>$1</code>")}</li>`,
    );
    blocks.push({ kind: "h3", text: "What the numbers say" });
    blocks.push({ kind: "html", html: `<ul class="conclusion">${items.join("")}</ul>` });
  }
  if (meta?.precision) blocks.push({ kind: "p", text: precisionText(meta.precision) });
  blocks.push({ kind: "h3", text: "Numbers" });
  blocks.push({ kind: "html", html: numbersTable(summary, pct) });
  if (meta) {
    blocks.push({
      kind: "details",
      summary: "Effective settings (non-default values marked)",
      open: false,
      blocks: [{ kind: "html", html: settingsTable(meta.scenario) }],
    });
  }
  return blocks;
}
