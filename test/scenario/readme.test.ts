/**
 * `scenarios/README.md` documents every field's range and default; the DEFAULTS table is the one
 * place they are written. This test holds the two together: each documented field's Default cell
 * is the table's default and its Unit cell the table's range, and every field of the table is
 * documented.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULTS,
  defaultText,
  rangeText,
  type FieldPath,
  type FieldRule,
} from "../../src/scenario/defaults.js";

const README = readFileSync(join(import.meta.dirname, "../../scenarios/README.md"), "utf8");

/** The section headings and the path prefix of the fields their tables list. */
const PREFIX: Readonly<Record<string, string>> = {
  "Top level": "",
  "`ha`": "ha.",
  "`mta`": "mta.",
  "`workload`": "workload.",
  "`randomFaults`: stochastic fault processes": "randomFaults[].",
  Assumptions: "assumptions.",
  "`engine`": "engine.",
};

interface Row {
  readonly path: string;
  readonly unit: string;
  readonly def: string;
}

/** The rows `| \`field\` | unit | default | …` of the tables under the headings of PREFIX. */
function documentedRows(): Row[] {
  const rows: Row[] = [];
  let prefix: string | undefined;
  for (const line of README.split("\n")) {
    const heading = /^## (.*)$/.exec(line);
    if (heading) prefix = PREFIX[heading[1]!];
    const cells = line.split("|").map((c) => c.trim());
    const field = /^`([^`]+)`$/.exec(cells[1] ?? "");
    if (prefix === undefined || !field || cells.length < 5) continue;
    rows.push({ path: prefix + field[1]!, unit: cells[2]!, def: cells[3]! });
  }
  return rows;
}

const ROWS = documentedRows();
const rule = (path: string): FieldRule | undefined =>
  Object.hasOwn(DEFAULTS, path) ? DEFAULTS[path as FieldPath] : undefined;

describe("scenarios/README.md agrees with the DEFAULTS table", () => {
  it("finds the documented fields", () => {
    expect(ROWS.length).toBeGreaterThan(50);
  });

  it.each(ROWS.filter((r) => rule(r.path) !== undefined))(
    "$path: default and range as in the table",
    ({ path, unit, def }) => {
      const r = rule(path)!;
      if (r.type === "other") expect(def.startsWith(r.doc), `${path}: ${def}`).toBe(true);
      else expect(def).toBe(defaultText(r));
      const range = rangeText(r);
      // A cross-field rule may follow the range: "duration > 0, ≤ interval".
      if (range !== undefined) expect(unit.split(", ≤")[0]).toBe(range);
    },
  );

  it("documents every field of the table", () => {
    const documented = new Set(ROWS.map((r) => r.path));
    const faultsTable = README.slice(
      README.indexOf("## `faults`"),
      README.indexOf("## `randomFaults`"),
    );
    const missing = Object.keys(DEFAULTS).filter((path) => {
      if (documented.has(path)) return false;
      // Scheduled faults are documented per kind: "`diskLost` (`false`)".
      const fault = /^faults\[\]\.(\w+)$/.exec(path);
      return fault === null || !faultsTable.includes(`\`${fault[1]!}\``);
    });
    expect(missing).toEqual([]);
  });

  it("gives each scheduled fault field its table default", () => {
    const faultsTable = README.slice(
      README.indexOf("## `faults`"),
      README.indexOf("## `randomFaults`"),
    );
    const pairs = [...faultsTable.matchAll(/`(\w+)` \(`([^`]+)`\)/g)];
    expect(pairs.length).toBeGreaterThan(8);
    for (const [, field, def] of pairs) {
      const r = rule(`faults[].${field!}`);
      expect(r, `faults[].${field!}`).toBeDefined();
      expect(defaultText(r!)).toBe(`\`${def!}\``);
    }
  });
});
