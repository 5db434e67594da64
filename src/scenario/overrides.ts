/**
 * `--set path=value` overrides, applied to the raw scenario before it is qualified.
 *
 * Paths use the file's field names, dotted, with `[i]` for list items:
 * `ha.heartbeat.lostThreshold=5`, `faults[0].at=3h`, `mta.deliveryTime={dist: exponential, mean: 50ms}`.
 * The path is checked against the scenario's field tree (the same one {@link qualifyScenario} checks
 * files against), so a typo fails here with a did-you-mean instead of silently adding a field.
 * The value is read as a YAML flow value: `5` is a number, `3h` a string, `[off, slave]` a list;
 * anchors and aliases are refused (`strict.ts`).
 * `policies=off,slave` also works, because `policies` accepts a comma-separated string.
 *
 * @module
 */
import YAML from "yaml";
import { ScenarioError, describeValue, joinPath } from "./errors.js";
import { kindFieldHint } from "./faults.js";
import { SCENARIO_SHAPE, byKindFields, unknownFieldHint, type Shape } from "./shape.js";
import {
  checkAliases,
  checkFlowNesting,
  checkNesting,
  isStackOverflow,
  tooDeep,
} from "./strict.js";

type Segment = string | number;

/**
 * Returns a copy of `raw` with each override applied in order (a later one wins).
 *
 * @param raw - the parsed scenario (not modified).
 * @param sets - `path=value` strings as given to `--set`.
 * @param file - the scenario file, for messages.
 * @throws ScenarioError when an override is malformed or its path does not exist in the scenario format.
 */
export function applyOverrides(raw: unknown, sets: readonly string[], file: string): unknown {
  const out: unknown = raw === undefined || raw === null ? {} : structuredClone(raw);
  if (!isMapping(out))
    throw new ScenarioError(
      file,
      "(top level)",
      "expected a scenario mapping to apply --set to",
      describeValue(out),
    );
  for (const set of sets) {
    const eq = set.indexOf("=");
    if (eq <= 0)
      throw new ScenarioError(
        file,
        "--set",
        "expected path=value such as ha.heartbeat.lostThreshold=5",
        describeValue(set),
      );
    const path = set.slice(0, eq).trim();
    setPath(out, path, parseValue(set.slice(eq + 1), path, file, set), file, set);
  }
  return out;
}

/** Reads the value part of an override as YAML (a scalar or a flow list/mapping). */
function parseValue(text: string, path: string, file: string, set: string): unknown {
  // Nesting is checked on the text first: the parser is slow and may overflow on deep input.
  checkFlowNesting(text, file, path);
  let doc: YAML.Document;
  try {
    doc = YAML.parseDocument(text, { version: "1.2", uniqueKeys: true });
  } catch (e) {
    if (isStackOverflow(e)) throw tooDeep(file, path);
    throw e;
  }
  const err = doc.errors[0];
  if (err !== undefined && /call stack/i.test(err.message)) throw tooDeep(file, path);
  if (err !== undefined) {
    throw new ScenarioError(
      file,
      path,
      `expected a YAML value such as 5, 3h, [off, slave] or {dist: exponential, mean: 2h} (in --set ${set})`,
      describeValue(text),
    );
  }
  // Same rules as a file, and no anchors or aliases at all: `*a` is a typo, not a reference.
  checkAliases(doc, file, path, false);
  const value = doc.toJS() as unknown;
  checkNesting(value, file, path);
  return value;
}

/** Splits `faults[0].at` into `["faults", 0, "at"]`. */
function parsePath(path: string, file: string, set: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.split(".")) {
    const m = /^([A-Za-z_][\w-]*)?((?:\[\d+\])*)$/.exec(part);
    if (
      m === null ||
      (m[1] === undefined && m[2] === "") ||
      (m[1] === undefined && out.length === 0)
    ) {
      throw new ScenarioError(
        file,
        "--set",
        "expected a path of field names such as ha.heartbeat.lostThreshold or faults[0].at",
        describeValue(set),
      );
    }
    if (m[1] !== undefined) out.push(m[1]);
    for (const idx of (m[2] ?? "").matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/**
 * Sets `value` at `path` inside `root`, creating missing mappings and lists on the way, after
 * checking every step against the field tree.
 *
 * @param set - the whole override, quoted in messages.
 */
export function setPath(
  root: Record<string, unknown>,
  path: string,
  value: unknown,
  file: string,
  set = `${path}=…`,
): void {
  const segs = parsePath(path, file, set);
  let shape: Shape = SCENARIO_SHAPE;
  let node: Record<string, unknown> | unknown[] = root;
  let at = "";
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const here = joinPath(at, seg);
    const last = i === segs.length - 1;
    const next = stepShape(shape, node, seg, { at, here, file, set });
    if (!last && next.t === "leaf") {
      const sub = segs[i + 1]!;
      throw new ScenarioError(
        file,
        joinPath(here, sub),
        `expected nothing after ${here}: it is a single value (in --set ${set})`,
        typeof sub === "number" ? `index [${sub}]` : `field "${sub}"`,
      );
    }
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[seg] = value;
      return;
    }
    let child = container[seg];
    if (child === undefined || child === null) {
      child = next.t === "list" ? [] : {};
      container[seg] = child;
    }
    const wantList = next.t === "list";
    if (wantList ? !Array.isArray(child) : !isMapping(child)) {
      throw new ScenarioError(
        file,
        here,
        `expected ${wantList ? "a list" : "a mapping"} here to set ${path} (in --set ${set})`,
        describeValue(child),
      );
    }
    node = child as Record<string, unknown> | unknown[];
    shape = next;
    at = here;
  }
}

/** The shape one step below `shape` at `seg`, or the one-line error for a step the tree lacks. */
function stepShape(
  shape: Shape,
  node: Record<string, unknown> | unknown[],
  seg: string | number,
  { at, here, file, set }: { at: string; here: string; file: string; set: string },
): Shape {
  if (shape.t === "list") {
    if (typeof seg !== "number") {
      throw new ScenarioError(
        file,
        here,
        `expected an index such as ${at}[0] (in --set ${set})`,
        `field "${seg}"`,
      );
    }
    const list = node as unknown[];
    // Index = length appends, so a fault can be added from the command line.
    if (seg > list.length) {
      throw new ScenarioError(
        file,
        here,
        `expected an index from 0 to ${list.length} (in --set ${set})`,
        String(seg),
        `${at} has ${list.length} item(s)`,
      );
    }
    return shape.item;
  } else {
    if (typeof seg === "number")
      throw new ScenarioError(
        file,
        here,
        `expected a field name after ${at || "the top level"} (in --set ${set})`,
        `index [${seg}]`,
      );
    const allowed =
      shape.t === "map"
        ? Object.keys(shape.fields)
        : shape.t === "byKind"
          ? byKindFields(shape, (node as Record<string, unknown>).kind)
          : [];
    if (!allowed.includes(seg)) {
      const kind = (node as Record<string, unknown>).kind;
      const hint =
        shape.t === "byKind" && typeof kind === "string" && shape.fields[kind] !== undefined
          ? kindFieldHint(kind, shape.fields, allowed)(seg)
          : unknownFieldHint(seg, allowed);
      throw new ScenarioError(
        file,
        here,
        `expected a field of ${at || "a scenario"} (${allowed.join(", ")}) (in --set ${set})`,
        `unknown field "${seg}"`,
        hint,
      );
    }
    return shape.t === "map" ? shape.fields[seg]! : { t: "leaf" };
  }
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
