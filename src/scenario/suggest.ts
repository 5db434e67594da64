/**
 * "Did you mean …?" for misspelt field names and enum values.
 *
 * Names are compared after normalisation (lower case, `-` and `_` dropped), so `lost_threshold`,
 * `LostThreshold` and `lostthreshold` all find `lostThreshold`; then by optimal-string-alignment
 * distance (Levenshtein plus adjacent transpositions, the commonest typo: `hearbeat`).
 *
 * @module
 */

/** Longer inputs get no suggestion. */
const MAX_NAME = 64;

/** Lower case without `-`/`_`: the spellings a user may reasonably use for one name. */
function normalise(s: string): string {
  return s.toLowerCase().replace(/[-_\s]/g, "");
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * adjacent characters each cost 1.
 */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  // Three rolling rows are enough: the transposition looks two rows back.
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/**
 * The candidate closest to `input`, or undefined when none is close enough to be a plausible
 * typo (at most a third of the input's length in edits, after normalisation).
 * Ties go to the earlier candidate, so callers list the likelier names first.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  // No name of the format is this long, and the distance costs input × candidate length.
  if (input.length > MAX_NAME) return undefined;
  const want = normalise(input);
  // A third of the length: "hearbeat" (8) allows 2 edits, "slav" (4) 1, and a one- or
  // two-letter name such as a unit "C" only a change of case or punctuation.
  const limit = Math.floor(want.length / 3);
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(want, normalise(c));
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}
