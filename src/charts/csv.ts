/**
 * A small RFC 4180 CSV reader for the report's inputs (the writer side is csv-stringify; the
 * project has no CSV parser dependency, and these files are ours and simple).
 *
 * @module
 */

/** Parses CSV text into rows of cells: `"` quoting with `""` escapes, `\n` or `\r\n` line ends. A final empty line is ignored. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === "") quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else cell += ch;
    i++;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A CSV table: its header and its rows as records keyed by column name (missing cells are ""). */
export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly Readonly<Record<string, string>>[];
}

/** Parses CSV text with a header line into records. Blank lines are skipped. */
export function parseCsvTable(text: string): CsvTable {
  const rows = parseCsv(text.startsWith("\uFEFF") ? text.slice(1) : text).filter(
    (r) => !(r.length === 1 && r[0] === ""),
  );
  const header = (rows[0] ?? []).map((h) => h.trim());
  const records = rows.slice(1).map((r) => {
    const rec: Record<string, string> = {};
    header.forEach((h, i) => (rec[h] = r[i] ?? ""));
    return rec;
  });
  return { header, records };
}

/** A numeric cell: empty (a null written by the CSV writer) or non-numeric → null. */
export function numberCell(cell: string | undefined): number | null {
  if (cell === undefined || cell.trim() === "") return null;
  const v = Number(cell);
  return Number.isFinite(v) ? v : null;
}
