/**
 * The raw scenario and its field comments → YAML text. Scalars get their comment at the end of
 * the line; mappings, lists and list items get it on the line before.
 *
 * @module
 */
import YAML, { isCollection, isMap, isScalar, isSeq, type Node, type Pair } from "yaml";
import type { FieldComment } from "./map-ha.js";

/** Text before the document and before a top-level key. */
export interface HeaderComments {
  /** Lines at the top of the file. */
  readonly top: readonly string[];
  /** Lines before a top-level key (`ha`, `workload`). */
  readonly before: Readonly<Record<string, readonly string[]>>;
}

const lines = (ls: readonly string[]): string => ls.map((l) => ` ${l}`).join("\n");

/** The key-value pair or list item at `path`, found from its parent collection. */
function place(
  doc: YAML.Document,
  path: readonly (string | number)[],
): { pair?: Pair; item?: Node } {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
    return pair === undefined ? {} : { pair };
  }
  if (isSeq(parent) && typeof last === "number") {
    const item = parent.items[last];
    return isCollection(item) || isScalar(item) ? { item } : {};
  }
  return {};
}

function comment(doc: YAML.Document, c: FieldComment): void {
  const { pair, item } = place(doc, c.path);
  if (item !== undefined) item.commentBefore = ` ${c.text}`;
  else if (pair !== undefined && isScalar(pair.value)) pair.value.comment = ` ${c.text}`;
  else if (pair !== undefined && isScalar(pair.key)) pair.key.commentBefore = ` ${c.text}`;
}

/**
 * Serialises the scenario as YAML 1.2 (so `off` stays a policy name) with its comments.
 */
export function emitYaml(
  raw: Record<string, unknown>,
  fields: readonly FieldComment[],
  header: HeaderComments,
): string {
  const doc = new YAML.Document(raw, { version: "1.2" });
  doc.commentBefore = lines(header.top);
  for (const c of fields) comment(doc, c);
  // The base scenario's fault list and workload read best one item per line, as shipped.
  for (const key of ["randomFaults", "faults"]) {
    const list = doc.get(key, true);
    if (isSeq(list)) for (const item of list.items) if (isCollection(item)) item.flow = true;
  }
  const workload = doc.get("workload", true);
  if (isMap(workload))
    for (const p of workload.items) if (isCollection(p.value)) p.value.flow = true;
  for (const [key, ls] of Object.entries(header.before)) {
    const { pair } = place(doc, [key]);
    if (pair !== undefined && isScalar(pair.key)) {
      const had = pair.key.commentBefore;
      pair.key.commentBefore = lines(ls) + (had === undefined || had === null ? "" : `\n${had}`);
    }
  }
  return doc.toString({ lineWidth: 0 });
}
