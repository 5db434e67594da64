/**
 * The report page: one self-contained HTML file with every chart inlined as SVG, so it opens
 * offline, needs no script, and prints. CSS is inline too; nothing is fetched.
 *
 * @module
 */
import {
  MODE_COLORS,
  MODE_ORDER,
  SPLIT_BRAIN_COLOR,
  FAULT_COLOR,
  MARKER_COLORS,
} from "./palette.js";

/** A chart on the page; `file` is the standalone .svg written beside the page. */
export interface Figure {
  readonly kind: "figure";
  readonly id: string;
  readonly file: string;
  readonly svg: string;
  readonly caption: string;
}
/** A chart beside a text (a counterexample's timeline and story). */
export interface SideBySide {
  readonly kind: "side-by-side";
  readonly figure: Figure;
  readonly textTitle: string;
  readonly text: string;
  /** Extra preformatted text folded under a summary line (the counterexample's YAML). */
  readonly details?: { readonly summary: string; readonly text: string };
}
/** A heading or a paragraph of plain text. */
export interface TextBlock {
  readonly kind: "h3" | "h4" | "p";
  readonly text: string;
}
/** Figures folded under a summary line (the zoomed episodes). */
export interface Folded {
  readonly kind: "details";
  readonly summary: string;
  readonly open: boolean;
  readonly blocks: readonly Block[];
}
/** Markup built (and escaped) by its producer: the conclusion's tables and sentence list. */
export interface RawHtml {
  readonly kind: "html";
  readonly html: string;
}
/** Anything a section holds. */
export type Block = Figure | SideBySide | TextBlock | Folded | RawHtml;

/** A top-level part of the page (`<section>` with an `<h2>`); an empty one is left out. */
export interface Section {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

/** The whole page. */
export interface Page {
  readonly title: string;
  readonly warnings: readonly string[];
  readonly sections: readonly Section[];
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `
body{font-family:Helvetica,Arial,sans-serif;color:#263238;margin:0 auto;max-width:1180px;padding:0 24px 48px;line-height:1.4}
h1{font-size:24px;margin:24px 0 4px}h2{font-size:19px;border-bottom:1px solid #cfd8dc;padding-bottom:4px;margin-top:36px}
h3{font-size:16px;margin:22px 0 6px}h4{font-size:14px;margin:14px 0 6px}
nav a{margin-right:14px}.warn{background:#fff3e0;border-left:4px solid #ef6c00;padding:6px 12px}
figure.chart{margin:10px 0 18px;overflow-x:auto}figure.chart svg{max-width:100%;height:auto;display:block}
figcaption{font-size:12px;color:#546e7a;margin-top:2px}figcaption a{color:#546e7a}
.side{display:flex;gap:18px;align-items:flex-start;flex-wrap:wrap}.side>figure{flex:1 1 640px;min-width:0}
.side>.text{flex:1 1 360px;min-width:0}pre{background:#f5f7f8;border:1px solid #e0e6e8;padding:8px 10px;font-size:12px;overflow:auto;max-height:560px;white-space:pre-wrap}
details{margin:8px 0}summary{cursor:pointer;font-weight:bold}
table.palette{border-collapse:collapse;font-size:13px}table.palette td{padding:3px 10px 3px 0}
.swatch{display:inline-block;width:28px;height:14px;border:1px solid #90a4ae;vertical-align:middle}
table.numbers,table.settings{border-collapse:collapse;font-size:13px}table.numbers td,table.numbers th,table.settings td{padding:3px 12px 3px 0;text-align:left}
table.numbers caption{caption-side:bottom;text-align:left;font-size:12px;color:#546e7a}tr.nondefault td{font-weight:bold}span.nondefault{font-weight:normal;color:#546e7a}`;

/** Why each mode has its colour: the palette section at the foot of the page. */
const MODE_MEANING: Readonly<Record<string, string>> = {
  MASTER: "serving mail",
  SLAVE: "healthy standby",
  HOLD_OFF: "waiting for a rebooting peer",
  REBOOTING: "coming back after a crash or reboot",
  HUNG: "alive but unresponsive",
  DOWN: "crashed",
  FAILED: "HA declared this unit failed",
  OFF: "switched off by on-failure off until an admin acts",
};

/** The palette table: which colour means what, so the legend of every chart is documented once. */
function paletteTableHtml(): string {
  const row = (colour: string, name: string, meaning: string, opacity = 1): string =>
    `<tr><td><span class="swatch" style="background:${colour};opacity:${opacity}"></span></td><td><code>${escapeHtml(name)}</code></td><td>${escapeHtml(meaning)}</td></tr>`;
  const rows = [
    ...MODE_ORDER.map((m) => row(MODE_COLORS[m] ?? "#bdbdbd", m, MODE_MEANING[m] ?? "")),
    row(
      SPLIT_BRAIN_COLOR,
      "split brain",
      "shaded across every panel while both units are MASTER",
      0.5,
    ),
    row(FAULT_COLOR, "fault", "an injected fault, labelled with its duration"),
    row(
      MARKER_COLORS.lost,
      "lost +",
      "accepted mail never delivered (symbol area grows with the count)",
    ),
    row(MARKER_COLORS.duplicated, "duplicated ▲", "an extra delivery of a mail"),
  ];
  return `<table class="palette">${rows.join("")}</table>`;
}

function figureHtml(f: Figure): string {
  return `<figure class="chart" id="${escapeHtml(f.id)}" data-file="${escapeHtml(f.file)}">${f.svg}<figcaption>${escapeHtml(f.caption)} — <a href="${escapeHtml(f.file)}">${escapeHtml(f.file)}</a></figcaption></figure>`;
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case "figure":
      return figureHtml(b);
    case "side-by-side": {
      const details = b.details
        ? `<details><summary>${escapeHtml(b.details.summary)}</summary><pre>${escapeHtml(b.details.text)}</pre></details>`
        : "";
      return `<div class="side">${figureHtml(b.figure)}<div class="text"><h4>${escapeHtml(b.textTitle)}</h4><pre class="story">${escapeHtml(b.text)}</pre>${details}</div></div>`;
    }
    case "html":
      return b.html;
    case "details":
      return `<details${b.open ? " open" : ""}><summary>${escapeHtml(b.summary)}</summary>${b.blocks.map(blockHtml).join("\n")}</details>`;
    default:
      return `<${b.kind}>${escapeHtml(b.text)}</${b.kind}>`;
  }
}

/** Renders the page. The same page model always gives the same bytes (no dates, no randomness). */
export function renderHtml(page: Page): string {
  const sections = page.sections.filter((s) => s.blocks.length > 0);
  const nav = [...sections, { id: "palette", title: "Colours" }]
    .map((s) => `<a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a>`)
    .join("");
  const warnings = page.warnings.length
    ? `<div class="warn"><p>Some files could not be read and are left out:</p><ul>${page.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join("")}</ul></div>`
    : "";
  const empty =
    sections.length === 0
      ? `<p class="warn">Nothing to chart: no summary, sweep, timeline or counterexample files were found.</p>`
      : "";
  const body = sections
    .map(
      (s) =>
        `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>\n${s.blocks.map(blockHtml).join("\n")}\n</section>`,
    )
    .join("\n");
  const paletteHtml = `<section id="palette"><h2>Colours</h2><p>The same colours are used in every hasim report.</p>${paletteTableHtml()}</section>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
<nav>${nav}</nav>
${warnings}${empty}
${body}
${paletteHtml}
</body>
</html>
`;
}
