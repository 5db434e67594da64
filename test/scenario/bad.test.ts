/**
 * The corpus of malformed scenarios in `bad/`: each file's first line is `# error: <message>`,
 * the exact one-line error expected after `bad/<file>: `. Keeping the expectation in the file makes
 * the corpus read as documentation of what each mistake looks like to a user.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ScenarioError, parseScenarioText, qualifyScenario } from "../../src/scenario/index.js";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "bad");
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith(".yaml") || f.endsWith(".json"))
  .sort();

function loadError(file: string, text: string): ScenarioError {
  try {
    qualifyScenario(parseScenarioText(text, file), file);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error(`${file} qualified, but it should not`);
}

describe("malformed scenarios", () => {
  it("has a corpus of at least 25 files", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(FILES)("%s gives its documented one-line error", (name) => {
    const text = readFileSync(join(DIR, name), "utf8");
    const header = /^# error: (.*)\n/.exec(text);
    expect(header, `${name} must start with "# error: <message>"`).not.toBeNull();
    const file = `bad/${name}`;
    const line = loadError(file, text).format();
    expect(line).toBe(`${file}: ${header![1]}`);
    // The shape every message shares: file, field path, what was expected, what was found; one line.
    expect(line).toMatch(/^bad\/[\w.-]+: [^:]+: expected .+, got .+$/);
    expect(line).not.toMatch(/[\r\n]/);
  });
});
