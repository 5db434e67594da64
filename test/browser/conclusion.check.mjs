/**
 * The conclusion checks of the browser report check (issue 13, conclusions you can trust), on a
 * page Chromium has rendered: the report opens with its conclusion; one sentence per headline
 * metric, each with its interval at the level the run used and, when the run had
 * `--robustness`, whether its verdict holds under every assumption variant or what it depends
 * on; a numbers table with no interval below 0; and no caption or sentence claiming another
 * level than the one the CSVs were written at.
 *
 * Imported by report.check.mjs; not a test file of its own.
 */

/** Headline metrics with values in the report: one sentence each. */
const HEADLINE_SENTENCES = 5;

/**
 * Checks the rendered conclusion of `page`.
 *
 * @param {import("playwright-core").Page} page
 * @param {{ level: string, robustness: boolean }} want - the level as printed (`95%`), and
 *   whether robustness.csv was there.
 * @returns {Promise<string[]>} the problems found (empty when all is well).
 */
export async function conclusionProblems(page, want) {
  const problems = [];
  const c = await page.evaluate(() => {
    const s = document.querySelector("section#conclusion");
    if (!s) return null;
    return {
      first: s.parentElement?.querySelector("section")?.id ?? "",
      sentences: [...s.querySelectorAll("ul.conclusion > li")].map((li) => li.textContent ?? ""),
      caption: s.querySelector("table#conclusion-numbers caption")?.textContent ?? "",
      cells: [...s.querySelectorAll("table#conclusion-numbers td")].map((td) => td.textContent),
      visible: s.getBoundingClientRect().height > 0,
      // Every piece of text a reader sees: the page's and the charts' (SVG text elements).
      text:
        document.body.innerText +
        " " +
        [...document.querySelectorAll("svg text")].map((t) => t.textContent).join(" "),
    };
  });
  if (c === null) return ["conclusion: no section#conclusion on the page"];
  console.log(`  conclusion: ${c.sentences.length} sentences, ${c.cells.length} table cells`);
  for (const line of c.sentences) console.log(`    - ${line}`);
  if (c.first !== "conclusion") problems.push("conclusion: not the first section");
  if (!c.visible) problems.push("conclusion: not rendered");
  if (c.sentences.length !== HEADLINE_SENTENCES)
    problems.push(`conclusion: ${c.sentences.length} sentences, expected ${HEADLINE_SENTENCES}`);
  for (const cell of c.cells)
    for (const m of cell.matchAll(/\[(-?[\d.e+-]+), (-?[\d.e+-]+)\]/g))
      if (Number(m[1]) < 0) problems.push(`conclusion: interval below 0 in "${cell}"`);
  if (!c.caption.includes(`[${want.level} interval of the mean]`))
    problems.push(
      `conclusion: the numbers table's caption does not say ${want.level}: "${c.caption}"`,
    );
  // A sentence with an interval names its level; "identical in every replication" needs none.
  for (const line of c.sentences) {
    const levels = [...line.matchAll(/([\d.]+%) interval/g)].map((m) => m[1]);
    if (levels.some((l) => l !== want.level))
      problems.push(
        `conclusion: a sentence says ${levels.join(", ")}, not ${want.level}: "${line}"`,
      );
    if (want.robustness && !/holds under every assumption variant|depends on /.test(line))
      problems.push(`conclusion: no robustness statement in "${line}"`);
  }
  if (!c.sentences.some((l) => l.includes(`${want.level} interval`)))
    problems.push(`conclusion: no sentence states a ${want.level} interval`);
  const stated = [...c.text.matchAll(/(\d+(?:\.\d+)?%) (?:confidence )?interval/g)];
  console.log(`  level: ${stated.length} mentions of an interval's level on the page`);
  const wrong = stated.find((m) => m[1] !== want.level);
  if (wrong) problems.push(`page: "${wrong[0]}" on a report whose intervals are ${want.level}`);
  return problems;
}
