/** Small readers for chart specs and SVG text in tests. */
import type { Spec } from "../../src/charts/index.js";

type Node = Readonly<Record<string, unknown>>;

/** The value at a path of keys and indexes, or undefined. */
export function at(value: unknown, ...path: readonly (string | number)[]): unknown {
  let v: unknown = value;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** Every unit view (one with a `mark`) in a spec, depth first, in order. */
export function unitViews(spec: Spec | Node): Node[] {
  const out: Node[] = [];
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== "object") return;
    const n = v as Node;
    if (n.mark !== undefined) out.push(n);
    for (const key of ["vconcat", "hconcat", "concat", "layer"]) {
      const list = n[key];
      if (Array.isArray(list)) list.forEach(walk);
    }
    if (n.spec !== undefined) walk(n.spec);
  };
  walk(spec);
  return out;
}

/** The mark type of a unit view. */
export function markType(view: Node): string {
  const m = view.mark;
  return typeof m === "string" ? m : String(at(m, "type"));
}

/** The inline data rows of a view (its own, or undefined). */
export function rows(view: Node): Record<string, unknown>[] {
  return (at(view, "data", "values") as Record<string, unknown>[] | undefined) ?? [];
}

/** Number of matches of `re` (global) in `text`. */
export function count(text: string, re: RegExp): number {
  return [
    ...text.matchAll(new RegExp(re.source, re.flags.includes("g") ? re.flags : re.flags + "g")),
  ].length;
}

/** Elements drawn by data marks of kind `kind` (`rect`, `symbol`, `line`, `area`, `rule`, `text`) in a vega SVG. */
export function markElements(svg: string, kind: string): number {
  let total = 0;
  const re = new RegExp(`<g class="mark-${kind} role-mark[^"]*"[^>]*>`, "g");
  for (const m of svg.matchAll(re)) {
    // Count the direct children up to the group's end: vega writes each item as one element.
    let depth = 1;
    let i = m.index + m[0].length;
    const tag = /<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g;
    tag.lastIndex = i;
    let t: RegExpExecArray | null;
    while (depth > 0 && (t = tag.exec(svg)) !== null) {
      const closing = t[1] === "/";
      const selfClosing = t[3] === "/";
      if (closing) depth--;
      else {
        if (depth === 1) total++;
        if (!selfClosing) depth++;
      }
      i = tag.lastIndex;
    }
  }
  return total;
}
