/**
 * A seeded mutator of scenario files, for the hostile-input tests: it takes a shipped scenario's
 * parsed data and breaks it the ways a tester would — deleted keys, wrong types, extreme and
 * non-finite numbers, odd units, unicode, huge strings, unknown keys at every level, faults on
 * unknown units or beyond the horizon — then renders it as YAML or JSON, sometimes with text
 * mutations (aliases, nesting, truncation, junk bytes). Same seed, same mutants.
 */
import seedrandom from "seedrandom";
import YAML from "yaml";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A random source with the few draws the mutator needs. */
export class Draw {
  private readonly next: () => number;
  constructor(seed: string) {
    this.next = seedrandom.alea(seed);
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const NUMBERS: readonly Json[] = [
  0,
  -1,
  1e-300,
  1e300,
  2 ** 53,
  4294967296,
  1e12,
  -0.5,
  0.5,
  Number.MAX_SAFE_INTEGER,
  "NaN",
  ".nan",
  ".inf",
  "-.inf",
  "Infinity",
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];
const DURATIONS: readonly Json[] = [
  "0s",
  "1us",
  "-5m",
  "1e9d",
  "100000d",
  "5 parsecs",
  "1h30",
  "∞",
  "1.5.5s",
  "",
  "3ms",
  "999999999999999999999s",
];
const STRANGE: readonly Json[] = [
  null,
  true,
  [],
  {},
  "",
  "ünïcødé 🚀",
  "\u0000",
  "x".repeat(5000),
  [1, 2, 3],
  { a: { b: { c: 1 } } },
  "A",
  "C",
  "any",
  "all",
];

/** Every path (list of keys/indices) to a value in the data. */
function paths(v: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v !== null && typeof v === "object")
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function getAt(v: Json, path: readonly (string | number)[]): Json {
  let cur: Json = v;
  for (const k of path) cur = (cur as Record<string | number, Json>)[k] ?? null;
  return cur;
}

function setAt(v: Json, path: readonly (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const [k, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = [...v];
    if (rest.length === 0 && value === undefined) copy.splice(k as number, 1);
    else copy[k as number] = setAt(copy[k as number] ?? null, rest, value);
    return copy;
  }
  // A scalar or null in the way becomes a mapping, as `{ ...v }` would make it.
  const obj: Record<string, Json> = v !== null && typeof v === "object" ? v : {};
  if (rest.length === 0 && value === undefined)
    return Object.fromEntries(Object.entries(obj).filter(([key]) => key !== k));
  return { ...obj, [k as string]: setAt(obj[k as string] ?? null, rest, value) };
}

function nested(depth: number): Json {
  let v: Json = 1;
  for (let i = 0; i < depth; i++) v = { deeper: v };
  return v;
}

/** One structural mutation of the data. */
function mutateOnce(d: Draw, data: Json): Json {
  const all = paths(data);
  const path = d.pick(all);
  const here = getAt(data, path);
  switch (d.int(8)) {
    case 0:
      return setAt(data, path, undefined); // delete a key or list item
    case 1:
      return setAt(data, path, d.pick(NUMBERS));
    case 2:
      return setAt(data, path, d.pick(DURATIONS));
    case 3:
      return setAt(data, path, d.pick(STRANGE));
    case 4: {
      // an unknown key at this level (or the parent's, for a scalar)
      const at =
        here !== null && typeof here === "object" && !Array.isArray(here)
          ? path
          : path.slice(0, -1);
      return setAt(data, [...at, `unknwon_${d.int(100)}`], d.pick(STRANGE));
    }
    case 5:
      return setAt(data, [...path.slice(0, -1)], nested(1 + d.int(40)));
    case 6: {
      const fault: Json = {
        at: d.pick(["1h", "1000d", "-1s", "0s", "12h"]),
        kind: d.pick(["node-crash", "flapping", "partition", "meteor", "admin", "reboot"]),
        node: d.pick(["A", "B", "Z", "any", 0, 2]),
        duration: d.pick(DURATIONS),
      };
      if (data === null || typeof data !== "object" || Array.isArray(data)) return data;
      const faults = Array.isArray(data.faults) ? data.faults : [];
      return setAt(data, ["faults"], [...faults, fault]);
    }
    default:
      return typeof here === "number" ? setAt(data, path, here * d.pick([-1, 1e9, 1e-9, 0])) : data;
  }
}

/** Text mutations: what a broken editor, a copy-paste or a YAML trick leaves in the file. */
function mutateText(d: Draw, text: string): string {
  switch (d.int(6)) {
    case 0:
      return text.slice(0, d.int(text.length + 1)); // truncated
    case 1:
      return `base: &a {x: 1}\n${text}\nalias: *a\n`; // anchors and aliases
    case 2: {
      const i = d.int(text.length + 1);
      return (
        text.slice(0, i) +
        d.pick(["\u0000", "\t", "{", "]", ":", "\uFEFF", "é", "\r"]) +
        text.slice(i)
      );
    }
    case 3:
      return `${"[".repeat(d.int(60))}${text}`;
    case 4:
      return `${text}\nname: dup\nname: dup2\n`; // duplicate keys
    default:
      return text.replace(/\d+/, d.pick(["1e999", "0x10", "-0", "1_000"]));
  }
}

/** A mutant: its file name and text. */
export interface Mutant {
  readonly name: string;
  readonly text: string;
}

/** The `i`-th mutant of a scenario, from a seed: 1–3 structural mutations, sometimes a text one. */
export function mutant(seed: string, i: number, base: unknown, baseName: string): Mutant {
  const d = new Draw(`${seed}/${baseName}/${i}`);
  let data = base as Json;
  const n = 1 + d.int(3);
  for (let k = 0; k < n; k++) data = mutateOnce(d, data);
  const json = d.chance(0.25);
  let text = json ? JSON.stringify(data, null, 1) : YAML.stringify(data, { lineWidth: 0 });
  if (d.chance(0.2)) text = mutateText(d, text);
  return { name: `${baseName}-${i}.${json ? "json" : "yaml"}`, text };
}
