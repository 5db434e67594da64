#!/usr/bin/env node
/**
 * Renders report.html in headless Chromium the way a user opens it, and checks that:
 *   - it loads with no console error, no page error and no network request (it must be offline);
 *   - every chart (`figure.chart`) has an inline SVG with data marks, and one figure exists per
 *     standalone .svg file the report links to;
 *   - the timelines have mode bars, the comparison has CI whiskers, the sweep has lines;
 *   - a run's report opens with its conclusion: a sentence per headline metric at the level
 *     the run used, saying whether its verdict survives the assumption variants (see
 *     conclusion.check.mjs).
 * Without arguments it checks two reports: the fixture (test/charts/fixtures.ts, written as a
 * results folder at a 90% level, with a robustness study), and the report of
 * `hasim run scenarios/primary-crash.yaml --report --robustness --replications 2` made by the
 * build (dist/; about a minute on 2 cores).
 *
 * Usage:
 *   node test/browser/report.check.mjs              the fixture and primary-crash reports
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
import { spawnSync } from "node:child_process";
import { conclusionProblems } from "./conclusion.check.mjs";

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

/** The level of the fixture report's intervals: not the default, so a "95%" left anywhere shows. */
const FIXTURE_LEVEL = 0.9;

/**
 * Builds the fixture report into a fresh temporary folder, from the demo files as a results
 * folder holds them (CSV columns `ci90_*`, meta.json, robustness.csv); returns report.html's path.
 */
async function buildFixtureReport() {
  const out = await transpile(["test/charts/fixtures.ts", "src/charts/index.ts"]);
  const { demoFiles } = await import(pathToFileURL(join(out, "test/charts/fixtures.js")).href);
  const { buildReport, reportInputFromFiles } = await import(
    pathToFileURL(join(out, "src/charts/index.js")).href
  );
  const input = reportInputFromFiles(demoFiles(FIXTURE_LEVEL));
  for (const w of input.warnings) problems.push(`fixture: ${w}`);
  const { files, warnings } = await buildReport(input);
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

/**
 * Runs the build on primary-crash with --report --robustness (2 replications, so about 150 runs)
 * into a temporary folder; returns the report to check, or null (with a problem) when it failed.
 */
function buildPrimaryCrashReport() {
  const main = join(ROOT, "dist", "src", "cli", "main.js");
  if (!existsSync(main)) {
    problems.push(`primary-crash: no build at ${main} (npm run build)`);
    return null;
  }
  const tmp = mkdtempSync(join(tmpdir(), "hasim-report-"));
  const dir = join(tmp, "primary-crash");
  const args = ["run", "scenarios/primary-crash.yaml", "--report", "--robustness"];
  const r = spawnSync(
    process.execPath,
    [main, ...args, "--replications", "2", "--jobs", "2", "--quiet", "--out", dir],
    { cwd: ROOT, encoding: "utf8" },
  );
  if (r.status !== 0) {
    problems.push(`primary-crash: hasim ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    rmSync(tmp, { recursive: true, force: true });
    return null;
  }
  return { path: join(dir, "report.html"), fixture: false, temporary: tmp };
}

/** The reports to check: the one given, or the fixture and primary-crash's. */
async function targets() {
  if (args[0]) {
    const p = resolve(args[0]);
    const path = statSync(p).isDirectory() ? join(p, "report.html") : p;
    return [{ path, fixture: false, temporary: null }];
  }
  const fixturePath = await buildFixtureReport();
  const list = [{ path: fixturePath, fixture: true, temporary: dirname(fixturePath) }];
  console.log("building the primary-crash --robustness report (hasim run, 2 replications)");
  const pc = buildPrimaryCrashReport();
  if (pc) list.push(pc);
  return list;
}

/** The level a results folder's CSVs were written at, as printed (`95%`), from their headers. */
function levelOf(dir) {
  for (const f of ["summary.csv", "compare.csv", "sweep.csv"]) {
    if (!existsSync(join(dir, f))) continue;
    const m = /\bci(\d+(?:\.\d+)?)_low\b/.exec(readFileSync(join(dir, f), "utf8").split("\n")[0]);
    if (m) return `${m[1]}%`;
  }
  return "95%";
}

/** The charts of the page, each checked for marks and size; problems go to `problems`. */
async function chartsOnPage(page) {
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
  return charts;
}

/** Loads one report in `context` and checks it; problems go to `problems`. */
async function checkReport(context, target) {
  const { path: reportPath, fixture } = target;
  console.log(`report: ${reportPath}`);
  const reportDir = dirname(reportPath);
  const svgFiles = readdirSync(reportDir)
    .filter((f) => f.endsWith(".svg"))
    .sort();
  const page = await context.newPage();
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
  const charts = await chartsOnPage(page);
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

  // A run's report (summary.csv beside it) opens with its conclusion; see conclusion.check.mjs.
  if (existsSync(join(reportDir, "summary.csv")) || fixture) {
    const level = fixture ? `${FIXTURE_LEVEL * 100}%` : levelOf(reportDir);
    const robustness = fixture || existsSync(join(reportDir, "robustness.csv"));
    problems.push(...(await conclusionProblems(page, { level, robustness })));
  }
  if (figureShots) {
    mkdirSync(figureShots, { recursive: true });
    for (const c of charts) {
      await page.locator(`figure.chart[data-file="${c.file}"]`).screenshot({
        path: join(figureShots, `${fixture ? "fixture-" : ""}${c.file.replace(/\.svg$/, ".png")}`),
      });
    }
    console.log(`figure screenshots: ${figureShots}`);
  }
  if (screenshot) {
    mkdirSync(dirname(screenshot), { recursive: true });
    const shot = fixture ? screenshot : screenshot.replace(/(\.png)?$/, "-run.png");
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`screenshot: ${shot}`);
  }
  await page.close();
}

const list = await targets();
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
  for (const t of list) await checkReport(context, t);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  for (const t of list) if (t.temporary) rmSync(dirname(t.path), { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`report check FAILED (${list.map((t) => t.path).join(", ")}):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`report check passed: ${list.map((t) => t.path).join(", ")}`);
