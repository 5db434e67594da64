#!/usr/bin/env node
/**
 * Renders report.html in headless Chromium the way a user opens it, and checks that:
 *   - it loads with no console error, no page error and no network request (it must be offline);
 *   - every chart (`figure.chart`) has an inline SVG with data marks, and one figure exists per
 *     standalone .svg file the report links to;
 *   - the timelines have mode bars, the comparison has CI whiskers, the sweep has lines.
 *
 * Usage:
 *   node test/browser/report.check.mjs              build a report from test/charts/fixtures.ts
 *   node test/browser/report.check.mjs DIR|FILE     check an existing report (a results dir or report.html)
 *   --screenshot PATH                               where to save a full-page PNG
 *                                                   (default results/report-check.png when not in CI)
 *   --figures DIR                                   also save one PNG per chart there
 *
 * Uses Debian's /usr/bin/chromium through playwright-core (never a downloaded browser); exits 0
 * with a message when it is absent, so CI without Chromium skips it.
 * Its file name does not end in .test.ts, so vitest leaves it alone.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// Debian's Chromium; HASIM_CHROMIUM points elsewhere (or at nothing, to see the skip).
const CHROMIUM = process.env.HASIM_CHROMIUM ?? "/usr/bin/chromium";
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

if (!existsSync(CHROMIUM)) {
  console.log(`report check skipped: ${CHROMIUM} not found (apt-get install chromium)`);
  process.exit(0);
}

const problems = [];
const args = process.argv.slice(2);
let screenshot = process.env.CI ? null : join(ROOT, "results", "report-check.png");
const shotAt = args.indexOf("--screenshot");
if (shotAt >= 0) {
  screenshot = resolve(args[shotAt + 1] ?? "");
  args.splice(shotAt, 2);
}
let figureShots = null;
const figAt = args.indexOf("--figures");
if (figAt >= 0) {
  figureShots = resolve(args[figAt + 1] ?? "");
  args.splice(figAt, 2);
}

/**
 * Transpiles the TypeScript files reachable from `entries` (relative `.js` imports) into a cache
 * folder inside node_modules, so they resolve `vega` like the sources do. Type-only; no checking
 * (tsc and vitest do that); no dependence on a build of the rest of the tree.
 */
async function transpile(entries) {
  const ts = (await import("typescript")).default;
  const out = join(ROOT, "node_modules", ".cache", "hasim-report-check");
  rmSync(out, { recursive: true, force: true });
  const seen = new Set();
  const queue = entries.map((e) => join(ROOT, e));
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const js = ts.transpileModule(readFileSync(file, "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    }).outputText;
    // Follow the imports left after transpiling: type-only ones are gone, as at run time.
    for (const m of js.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)\.js["']/g)) {
      queue.push(resolve(dirname(file), m[1] + ".ts"));
    }
    const target = join(out, relative(ROOT, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  writeFileSync(join(out, "package.json"), '{ "type": "module" }\n');
  return out;
}

/** Builds the fixture report into a fresh temporary folder; returns the path of report.html. */
async function buildFixtureReport() {
  const out = await transpile(["test/charts/fixtures.ts", "src/charts/index.ts"]);
  const { demoReportInput } = await import(
    pathToFileURL(join(out, "test/charts/fixtures.js")).href
  );
  const { buildReport } = await import(pathToFileURL(join(out, "src/charts/index.js")).href);
  const { files, warnings } = await buildReport(demoReportInput());
  for (const w of warnings) problems.push(`render: ${w}`);
  const dir = mkdtempSync(join(tmpdir(), "hasim-report-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return join(dir, "report.html");
}

/**
 * The report items of issue 15 on the rendered page: colours mean one thing each, the
 * per-replication ticks show, the difference labels sit on their markers, charts use the page
 * width, facet and axis titles are words, and the sweep charts latency, spool depth and given-up
 * mail.
 */
async function issue15Checks(page) {
  return page.evaluate(() => {
    const found = [];
    const fig = (re) =>
      [...document.querySelectorAll("figure.chart")].filter((f) => re.test(f.dataset.file));
    const fills = (figs, kind) => {
      const out = new Set();
      for (const f of figs)
        for (const g of f.querySelectorAll(`g.role-mark.${kind} > *`)) {
          const c = g.getAttribute("fill") ?? g.getAttribute("stroke");
          if (c && c !== "none" && c !== "transparent") out.add(c.toLowerCase());
        }
      return out;
    };
    // Policy colours (comparison points) and mode colours (timeline bars) never coincide.
    const policy = fills(fig(/^comparison/), "mark-symbol");
    const modes = fills(fig(/^timeline-/), "mark-rect");
    for (const c of policy) if (modes.has(c)) found.push(`colour ${c} is both a policy and a mode`);
    if (policy.size < 3) found.push(`comparison: ${policy.size} policy colours, expected 3`);
    // Per-replication ticks: drawn and not faint.
    const ticks = fig(/^comparison\.svg$/).flatMap((f) => [
      ...f.querySelectorAll("g.role-mark.mark-rect > *"),
    ]);
    if (ticks.length === 0) found.push("comparison: no per-replication ticks");
    for (const t of ticks.slice(0, 5)) {
      const o = Number(t.getAttribute("opacity") ?? t.getAttribute("fill-opacity") ?? 1);
      if (o < 0.6) found.push(`comparison: a replication tick at opacity ${o}`);
    }
    // Each "0" label of a difference panel sits on (just above) a marker.
    for (const f of fig(/^differences/)) {
      const marks = [...f.querySelectorAll("g.role-mark.mark-symbol > *")].map((m) =>
        m.getBoundingClientRect(),
      );
      for (const t of f.querySelectorAll("g.role-mark.mark-text > text")) {
        if (t.textContent !== "0") continue;
        const b = t.getBoundingClientRect();
        const cx = b.x + b.width / 2;
        const near = marks.some(
          (m) => Math.abs(m.x + m.width / 2 - cx) < 6 && Math.abs(m.y - b.bottom) < 14,
        );
        if (!near) found.push(`${f.dataset.file}: a "0" label is not on a marker`);
      }
    }
    // Charts use the page width.
    const content =
      document.querySelector("main")?.getBoundingClientRect().width ?? window.innerWidth;
    const widest = Math.max(
      ...fig(/^(comparison|sweep)/).map(
        (f) => f.querySelector("svg").getBoundingClientRect().width,
      ),
    );
    if (widest < 0.6 * content)
      found.push(`charts ${Math.round(widest)} px wide on a ${Math.round(content)} px page`);
    // Titles in words: no `path.to.field=value` on the sweep chart; latency, spool, given up shown.
    const sweepText = fig(/^sweep/)
      .map((f) => f.textContent)
      .join(" ");
    if (/\w\.\w+=/.test(sweepText)) found.push("sweep: a facet title is a path=value");
    for (const w of ["latency", "spool depth", "given up"])
      if (!sweepText.includes(w)) found.push(`sweep: no ${w} chart`);
    const zeroCount = fig(/^differences/)
      .flatMap((f) => [...f.querySelectorAll("g.role-mark.mark-text > text")])
      .filter((t) => t.textContent === "0").length;
    return {
      found,
      stats: `${policy.size} policy colours, ${modes.size} mode colours, ${ticks.length} ticks, ${zeroCount} "0" labels, widest chart ${Math.round(widest)}/${Math.round(content)} px`,
    };
  });
}

let reportPath;
const fixture = !args[0];
if (!fixture) {
  const p = resolve(args[0]);
  reportPath = statSync(p).isDirectory() ? join(p, "report.html") : p;
} else {
  reportPath = await buildFixtureReport();
}
const reportDir = dirname(reportPath);
const svgFiles = readdirSync(reportDir)
  .filter((f) => f.endsWith(".svg"))
  .sort();

const { chromium } = await import("playwright-core");
const profile = mkdtempSync(join(tmpdir(), "hasim-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning")
      problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  // The report must be self-contained: any request other than the page itself is a failure.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url === pathToFileURL(reportPath).href) return route.continue();
    problems.push(`report requested ${url}`);
    return route.abort();
  });
  await page.goto(pathToFileURL(reportPath).href, { waitUntil: "load" });

  const charts = await page.$$eval("figure.chart", (figures) =>
    figures.map((f) => {
      const svg = f.querySelector("svg");
      const marks = svg ? svg.querySelectorAll("g.role-mark > *").length : 0;
      const kinds = {};
      if (svg) {
        for (const g of svg.querySelectorAll("g.role-mark")) {
          const kind = [...g.classList].find((c) => c.startsWith("mark-")) ?? "mark-?";
          kinds[kind] = (kinds[kind] ?? 0) + g.children.length;
        }
      }
      const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
      return { id: f.id, file: f.dataset.file, marks, kinds, width: box.width, height: box.height };
    }),
  );
  if (charts.length === 0) problems.push("no charts on the page");
  for (const c of charts) {
    const summary = Object.entries(c.kinds)
      .map(([k, n]) => `${k.slice(5)} ${n}`)
      .join(", ");
    console.log(
      `  ${c.file}: ${c.marks} marks (${summary}), ${Math.round(c.width)}×${Math.round(c.height)} px`,
    );
    if (c.marks === 0) problems.push(`${c.file}: no marks`);
    if (c.width < 50 || c.height < 50)
      problems.push(`${c.file}: drawn at ${c.width}×${c.height} px`);
    if (c.file.startsWith("timeline-") && !c.kinds["mark-rect"])
      problems.push(`${c.file}: no mode bars`);
    if (c.file.startsWith("comparison") && !c.kinds["mark-rule"])
      problems.push(`${c.file}: no CI whiskers`);
    if (c.file.startsWith("sweep") && !(c.kinds["mark-line"] && c.kinds["mark-area"]))
      problems.push(`${c.file}: no lines with CI bands`);
  }
  const onPage = new Set(charts.map((c) => c.file));
  if (fixture) {
    const { found, stats } = await issue15Checks(page);
    console.log(`  report items: ${stats}`);
    problems.push(...found);
  }
  for (const f of svgFiles) if (!onPage.has(f)) problems.push(`${f} is not on the page`);
  if (fixture) {
    // The fixture has every kind of input, so every kind of chart must be there.
    for (const kind of [
      /^comparison\.svg$/,
      /^differences\.svg$/,
      /^sweep\.svg$/,
      /^timeline-off\.svg$/,
      /^timeline-off-episode-\d+\.svg$/,
      /^counterexample-.+\.svg$/,
    ]) {
      if (![...onPage].some((f) => kind.test(f)))
        problems.push(`no chart matching ${kind} on the page`);
    }
  }

  // ---- conclusion section (issue 13: conclusions you can trust) -------------------------------
  // A run's results folder (summary.csv beside report.html) must open with the conclusion: one
  // sentence per headline metric, the numbers table with no interval below 0, and, when
  // robustness.csv is there, every sentence saying whether its verdict holds or what it depends on.
  if (!fixture && existsSync(join(reportDir, "summary.csv"))) {
    const conclusion = await page.$$eval("section#conclusion", (sections) =>
      sections.map((s) => ({
        first: s.parentElement?.querySelector("section")?.id ?? "",
        sentences: [...s.querySelectorAll("ul.conclusion > li")].map((li) => li.textContent ?? ""),
        cells: [...s.querySelectorAll("table#conclusion-numbers td")].map(
          (td) => td.textContent ?? "",
        ),
        visible: s.getBoundingClientRect().height > 0,
      })),
    );
    const c = conclusion[0];
    if (!c) problems.push("conclusion: no section#conclusion on the page");
    else {
      console.log(`  conclusion: ${c.sentences.length} sentences, ${c.cells.length} table cells`);
      for (const line of c.sentences) console.log(`    - ${line}`);
      if (c.first !== "conclusion") problems.push("conclusion: not the first section");
      if (!c.visible) problems.push("conclusion: not rendered");
      if (c.sentences.length === 0) problems.push("conclusion: no sentences");
      for (const cell of c.cells) {
        for (const m of cell.matchAll(/\[(-?[\d.e+-]+), (-?[\d.e+-]+)\]/g))
          if (Number(m[1]) < 0) problems.push(`conclusion: interval below 0 in "${cell}"`);
      }
      if (existsSync(join(reportDir, "robustness.csv"))) {
        for (const line of c.sentences)
          if (!/holds under every assumption variant|depends on /.test(line))
            problems.push(`conclusion: no robustness statement in "${line}"`);
      }
    }
  }
  // ---- end of the conclusion block ------------------------------------------------------------

  if (figureShots) {
    mkdirSync(figureShots, { recursive: true });
    for (const c of charts) {
      await page
        .locator(`figure.chart[data-file="${c.file}"]`)
        .screenshot({ path: join(figureShots, c.file.replace(/\.svg$/, ".png")) });
    }
    console.log(`figure screenshots: ${figureShots}`);
  }
  if (screenshot) {
    mkdirSync(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    console.log(`screenshot: ${screenshot}`);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  if (fixture) rmSync(reportDir, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`report check FAILED (${reportPath}):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`report check passed: ${reportPath}`);
