/**
 * Failure episodes of a timeline, for the zoomed timeline views: a year-long run squeezes a
 * 15-second failover into less than a pixel, so the report adds one window around each episode.
 *
 * An episode starts with a fault. Faults that begin within {@link EpisodeOptions.mergeGapUs} of
 * the end of the previous one join its episode (a crash and the reboot that follows are one
 * story). An episode then runs on to the last mode change or split-brain end it caused, i.e.
 * the last one before the next episode's first fault, but at most
 * {@link EpisodeOptions.maxTailUs} after its faults ended (an admin coming back days later
 * would otherwise stretch the window until the failover itself is invisible again).
 *
 * @module
 */
import { US_PER_D, US_PER_MIN, US_PER_S } from "../kernel/time.js";
import type { Timeline } from "../sim/result.js";

/** One failure episode and the window the zoomed chart shows. */
export interface Episode {
  /** 1-based, in time order over the whole timeline (stable even when some are not shown). */
  readonly index: number;
  readonly startUs: number;
  readonly endUs: number;
  /** The window shown: the episode with some margin either side, clipped to the run. */
  readonly windowStartUs: number;
  readonly windowEndUs: number;
  /** Faults that started inside the episode. */
  readonly faults: number;
  /** Mails lost / duplicated by markers inside the window. */
  readonly lost: number;
  readonly duplicated: number;
  /** Time both units were MASTER inside the episode. */
  readonly splitBrainUs: number;
}

/** Tuning of {@link findEpisodes}. */
export interface EpisodeOptions {
  /** Faults starting within this of the previous fault's end share its episode. Default 30 min. */
  readonly mergeGapUs?: number;
  /** Longest recovery tail after an episode's last fault ends. Default 2 d. */
  readonly maxTailUs?: number;
}

/** Fault kinds that do not start an episode on their own: an admin action is a repair. */
const NOT_A_FAILURE = new Set(["admin"]);

/** Times at which some unit changed mode (interval starts whose mode differs from the unit's previous one). */
function modeChangeTimes(t: Timeline): number[] {
  const byUnit = new Map<string, { startUs: number; mode: string }[]>();
  for (const m of t.modes) {
    let list = byUnit.get(m.unit);
    if (!list) byUnit.set(m.unit, (list = []));
    list.push(m);
  }
  const times: number[] = [];
  for (const list of byUnit.values()) {
    const sorted = [...list].sort((a, b) => a.startUs - b.startUs);
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i]!.mode !== sorted[i - 1]!.mode) times.push(sorted[i]!.startUs);
  }
  return times.sort((a, b) => a - b);
}

/** Splits the timeline's faults into episodes, in time order. */
export function findEpisodes(t: Timeline, options: EpisodeOptions = {}): Episode[] {
  const mergeGap = options.mergeGapUs ?? 30 * US_PER_MIN;
  const maxTail = options.maxTailUs ?? 2 * US_PER_D;
  const faults = t.faults
    .filter((f) => !NOT_A_FAILURE.has(f.kind))
    .sort((a, b) => a.startUs - b.startUs || a.endUs - b.endUs);

  const groups: { startUs: number; faultEndUs: number; faults: number }[] = [];
  for (const f of faults) {
    const last = groups[groups.length - 1];
    if (last && f.startUs <= last.faultEndUs + mergeGap) {
      last.faultEndUs = Math.max(last.faultEndUs, f.endUs);
      last.faults++;
    } else {
      groups.push({ startUs: f.startUs, faultEndUs: f.endUs, faults: 1 });
    }
  }

  const consequences = [...modeChangeTimes(t), ...t.splitBrain.map((s) => s.endUs)].sort(
    (a, b) => a - b,
  );
  const runEnd = Math.max(t.endUs, t.horizonUs);
  return groups.map((g, i) => {
    const nextStart = groups[i + 1]?.startUs ?? Number.POSITIVE_INFINITY;
    const tailLimit = Math.min(nextStart, g.faultEndUs + maxTail);
    let endUs = g.faultEndUs;
    for (const c of consequences) if (c >= g.startUs && c < tailLimit && c > endUs) endUs = c;
    endUs = Math.min(endUs, runEnd);
    // Margin: a tenth of the episode, at least 30 s, so the steady state either side shows.
    const pad = Math.max(30 * US_PER_S, Math.round((endUs - g.startUs) / 10));
    const windowStartUs = Math.max(0, g.startUs - pad);
    const windowEndUs = Math.min(runEnd, endUs + pad);
    let lost = 0;
    let duplicated = 0;
    for (const m of t.markers) {
      if (m.timeUs < windowStartUs || m.timeUs > windowEndUs) continue;
      if (m.kind === "lost") lost += m.count;
      else duplicated += m.count;
    }
    let splitBrainUs = 0;
    for (const s of t.splitBrain)
      splitBrainUs += Math.max(0, Math.min(s.endUs, endUs) - Math.max(s.startUs, g.startUs));
    return {
      index: i + 1,
      startUs: g.startUs,
      endUs,
      windowStartUs,
      windowEndUs,
      faults: g.faults,
      lost,
      duplicated,
      splitBrainUs,
    };
  });
}

/**
 * The episodes worth a zoomed chart when there are too many to show them all: the `max` most
 * severe (mail lost, then duplicated, then split-brain time, then length; earlier first on a
 * tie), returned in time order.
 */
export function selectEpisodes(episodes: readonly Episode[], max: number): Episode[] {
  if (episodes.length <= max) return [...episodes];
  const ranked = [...episodes].sort(
    (a, b) =>
      b.lost - a.lost ||
      b.duplicated - a.duplicated ||
      b.splitBrainUs - a.splitBrainUs ||
      b.endUs - b.startUs - (a.endUs - a.startUs) ||
      a.startUs - b.startUs,
  );
  return ranked.slice(0, Math.max(0, max)).sort((a, b) => a.startUs - b.startUs);
}
