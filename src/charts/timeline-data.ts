/**
 * The on-disk form of a {@link Timeline}: `timeline-<policy>.json` written by `hasim run --trace`
 * / `--report`, and `counterexample-<property>.timeline.json` written by `hasim fuzz`. The report
 * reads them back, so the format is versioned and parsed strictly: a stale or hand-edited file
 * fails with a message naming the bad field instead of drawing a wrong picture.
 *
 * @module
 */
import type { Timeline } from "../sim/result.js";

/** Format tag written into every file; bump when the shape changes. */
export const TIMELINE_FORMAT = "hasim-timeline/1";

/** Thrown by {@link timelineFromJson} for text that is not a timeline of this format. */
export class TimelineFormatError extends Error {
  override readonly name = "TimelineFormatError";
}

/**
 * Serialises a timeline as JSON: a fixed key order and one array element per line, so the same
 * timeline always gives byte-identical text and a diff of two files reads line by line.
 */
export function timelineToJson(t: Timeline): string {
  const lines = (items: readonly unknown[]): string =>
    items.length === 0
      ? "[]"
      : `[\n${items.map((i) => "    " + JSON.stringify(i)).join(",\n")}\n  ]`;
  const parts = [
    `  "format": ${JSON.stringify(TIMELINE_FORMAT)}`,
    `  "units": ${JSON.stringify(t.units)}`,
    `  "horizonUs": ${JSON.stringify(t.horizonUs)}`,
    `  "endUs": ${JSON.stringify(t.endUs)}`,
    `  "modes": ${lines(t.modes.map((m) => ({ unit: m.unit, startUs: m.startUs, endUs: m.endUs, mode: m.mode })))}`,
    `  "faults": ${lines(t.faults.map((f) => ({ kind: f.kind, target: f.target, startUs: f.startUs, endUs: f.endUs })))}`,
    `  "splitBrain": ${lines(t.splitBrain.map((s) => ({ startUs: s.startUs, endUs: s.endUs })))}`,
    `  "spool": ${lines(t.spool.map((s) => ({ timeUs: s.timeUs, unit: s.unit, depth: s.depth })))}`,
    `  "markers": ${lines(
      t.markers.map((m) => ({
        timeUs: m.timeUs,
        unit: m.unit,
        kind: m.kind,
        cause: m.cause,
        count: m.count,
      })),
    )}`,
  ];
  return `{\n${parts.join(",\n")}\n}\n`;
}

type Obj = Record<string, unknown>;

function obj(v: unknown, where: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new TimelineFormatError(`${where}: expected an object`);
  return v as Obj;
}
function arr(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new TimelineFormatError(`${where}: expected an array`);
  return v;
}
function num(o: Obj, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new TimelineFormatError(`${where}.${key}: expected a number`);
  return v;
}
function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== "string") throw new TimelineFormatError(`${where}.${key}: expected a string`);
  return v;
}

/**
 * Parses the text written by {@link timelineToJson}.
 *
 * @throws TimelineFormatError when the text is not JSON, has another `format`, or a field is
 *   missing or of the wrong type; the message names the field (`markers[3].kind: …`).
 */
export function timelineFromJson(text: string): Timeline {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new TimelineFormatError(`not JSON: ${(e as Error).message}`);
  }
  const root = obj(raw, "timeline");
  if (root.format !== TIMELINE_FORMAT) {
    throw new TimelineFormatError(
      `format: expected "${TIMELINE_FORMAT}", got ${JSON.stringify(root.format)}`,
    );
  }
  const units = arr(root.units, "units").map((u, i) => {
    if (typeof u !== "string") throw new TimelineFormatError(`units[${i}]: expected a string`);
    return u;
  });
  const each = <T>(key: string, f: (o: Obj, where: string) => T): T[] =>
    arr(root[key], key).map((v, i) => f(obj(v, `${key}[${i}]`), `${key}[${i}]`));
  return {
    units,
    horizonUs: num(root, "horizonUs", "timeline"),
    endUs: num(root, "endUs", "timeline"),
    modes: each("modes", (o, w) => ({
      unit: str(o, "unit", w),
      startUs: num(o, "startUs", w),
      endUs: num(o, "endUs", w),
      mode: str(o, "mode", w),
    })),
    faults: each("faults", (o, w) => ({
      kind: str(o, "kind", w),
      target: str(o, "target", w),
      startUs: num(o, "startUs", w),
      endUs: num(o, "endUs", w),
    })),
    splitBrain: each("splitBrain", (o, w) => ({
      startUs: num(o, "startUs", w),
      endUs: num(o, "endUs", w),
    })),
    spool: each("spool", (o, w) => ({
      timeUs: num(o, "timeUs", w),
      unit: str(o, "unit", w),
      depth: num(o, "depth", w),
    })),
    markers: each("markers", (o, w) => {
      const kind = str(o, "kind", w);
      if (kind !== "lost" && kind !== "duplicated")
        throw new TimelineFormatError(`${w}.kind: expected "lost" or "duplicated", got "${kind}"`);
      return {
        timeUs: num(o, "timeUs", w),
        unit: str(o, "unit", w),
        kind,
        cause: str(o, "cause", w),
        count: num(o, "count", w),
      };
    }),
  };
}
