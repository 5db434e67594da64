/**
 * Raw per-unit results as JSON lines, exactly: a decoded result gives the same CSV bytes as the
 * result it was encoded from. Plain JSON loses NaN, ±Infinity (they become null) and -0 (it
 * becomes 0), so those are written as `{"$num":"NaN"}` and read back.
 *
 * @module
 */
import type { RunResult } from "../sim/result.js";

/** The marker key of a number JSON cannot hold. */
const NUM = "$num";

function encodeNumber(_key: string, value: unknown): unknown {
  if (typeof value !== "number") return value;
  if (Number.isNaN(value)) return { [NUM]: "NaN" };
  if (value === Infinity) return { [NUM]: "Infinity" };
  if (value === -Infinity) return { [NUM]: "-Infinity" };
  if (Object.is(value, -0)) return { [NUM]: "-0" };
  return value;
}

function decodeNumber(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== NUM) return value;
  const text = (value as Record<string, unknown>)[NUM];
  if (text === "NaN") return NaN;
  if (text === "Infinity") return Infinity;
  if (text === "-Infinity") return -Infinity;
  if (text === "-0") return -0;
  return value;
}

/** One line of a shard's units.jsonl: the unit's name and its whole result. */
export interface UnitRecord {
  readonly unit: string;
  readonly result: RunResult;
}

/** Encodes a record as one JSON line (with its newline). */
export function encodeUnit(record: UnitRecord): string {
  return JSON.stringify(record, encodeNumber) + "\n";
}

/**
 * Decodes one line written by {@link encodeUnit}.
 *
 * @throws SyntaxError or TypeError when the line is not such a record.
 */
export function decodeUnit(line: string): UnitRecord {
  const v = JSON.parse(line, decodeNumber) as unknown;
  if (v === null || typeof v !== "object") throw new TypeError("expected an object");
  const rec = v as Record<string, unknown>;
  if (typeof rec.unit !== "string") throw new TypeError("expected a unit name");
  if (rec.result === null || typeof rec.result !== "object")
    throw new TypeError("expected a result object");
  return v as UnitRecord;
}
