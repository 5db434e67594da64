/**
 * Observes a run and measures it: unavailability and split-brain time, failovers, failure
 * episodes and their time-to-recovery, spool depth over time, and (when tracing) the model's
 * events and the timeline. It is told what happens; it never changes the model.
 *
 * @module
 */
import type { GroupState, ModelEvent, ModelObserver } from "../sim/events.js";
import type { Timeline } from "../sim/result.js";

interface Episode {
  readonly startUs: number;
  outage: boolean;
  restoredUs: number;
  endUs: number;
}

export interface EpisodeStats {
  readonly count: number;
  readonly unrecovered: number;
  /** Per recovered failure episode: from its first fault to the group healthy again, s. */
  readonly ttrRedundancyS: number[];
}

/** Outages: intervals in which no unit accepts mail, each from its start to its end, s. */
export interface OutageStats {
  /** Outages that ended (a unit accepted mail again), each its length in s. */
  readonly ttrServiceS: number[];
  /** Outages still open when the run ended (censored). */
  readonly unrecovered: number;
}

export class RunObserver implements ModelObserver {
  unavailableUs = 0;
  /** Mail-data items overwritten by a peer's sync (user-visible loss). */
  mailDataOverwritten = 0;
  /** Lengths of the outages that ended, µs. */
  private readonly outagesUs: number[] = [];
  private outageSinceUs = -1;
  /** Largest spool (queued plus in delivery) of a single unit. */
  unitDepthMax = 0;
  splitBrainUs = 0;
  failovers = 0;
  private lastUs = 0;
  private accepting = true;
  private split = false;
  private readonly episodes: Episode[] = [];
  private open: Episode | null = null;
  /** Spool depth integral (mail × µs) and maximum, total over both units. */
  depthAreaUs = 0;
  depthMax = 0;
  private depth = 0;
  private depthSinceUs = 0;
  // Tracing (null when off).
  readonly events: ModelEvent[] | null;
  /** Both units' spool depths now (set by the runner; sampled at every mode change when tracing). */
  depths: () => readonly [number, number] = () => [0, 0];
  private readonly modeSince: [number, number] = [0, 0];
  private readonly modes: [string, string] = ["", ""];
  private readonly modeIntervals: { unit: string; startUs: number; endUs: number; mode: string }[] =
    [];
  private readonly faultIntervals: {
    kind: string;
    target: string;
    startUs: number;
    endUs: number;
  }[] = [];
  private readonly splitIntervals: { startUs: number; endUs: number }[] = [];
  private splitSinceUs = -1;
  private readonly spoolSamples: { timeUs: number; unit: string; depth: number }[] = [];
  private readonly markers = new Map<
    string,
    { timeUs: number; unit: string; kind: "lost" | "duplicated"; cause: string; count: number }
  >();

  constructor(
    private readonly units: readonly [string, string],
    tracing: boolean,
  ) {
    this.events = tracing ? [] : null;
  }

  /** The units' modes at the start (the first timeline intervals). */
  initialModes(a: { readonly mode: string }, b: { readonly mode: string }): void {
    this.modes[0] = a.mode;
    this.modes[1] = b.mode;
  }

  /** Something happened in the model. */
  event(e: ModelEvent): void {
    if (e.kind === "failover") this.failovers++;
    else if (e.kind === "mail-data-overwritten") this.mailDataOverwritten += e.count;
    else if (e.kind === "fault-start") this.faultStarted(e.timeUs);
    if (this.events === null) return;
    this.events.push(e);
    if (e.kind === "fault-start") {
      const f = e.fault;
      this.faultIntervals.push({
        kind: f.kind,
        target: e.target,
        startUs: e.timeUs,
        endUs: e.timeUs + f.durationUs,
      });
    } else if (e.kind === "mode") {
      const d = this.depths();
      this.sampleSpool(e.timeUs, this.units[0], d[0]);
      this.sampleSpool(e.timeUs, this.units[1], d[1]);
    }
  }

  /** Hot path: the total spool depth changed; `unitDepth` is the changed unit's. */
  depthChanged(nowUs: number, depth: number, unitDepth: number): void {
    this.depthAreaUs += this.depth * (nowUs - this.depthSinceUs);
    this.depthSinceUs = nowUs;
    this.depth = depth;
    if (depth > this.depthMax) this.depthMax = depth;
    if (unitDepth > this.unitDepthMax) this.unitDepthMax = unitDepth;
  }

  /** A fault starts: it opens a failure episode unless one is open. */
  private faultStarted(nowUs: number): void {
    if (this.open === null) {
      this.open = { startUs: nowUs, outage: false, restoredUs: -1, endUs: -1 };
      this.episodes.push(this.open);
    }
  }

  /** The driver's report after every change of group state. */
  group(nowUs: number, s: GroupState): void {
    const dt = nowUs - this.lastUs;
    if (!this.accepting) this.unavailableUs += dt;
    if (this.split) this.splitBrainUs += dt;
    this.lastUs = nowUs;
    if (!s.accepting && this.accepting) this.outageSinceUs = nowUs;
    else if (s.accepting && !this.accepting && this.outageSinceUs >= 0) {
      this.outagesUs.push(nowUs - this.outageSinceUs);
      this.outageSinceUs = -1;
    }
    const ep = this.open;
    if (ep !== null) {
      if (!s.accepting) ep.outage = true;
      else if (!this.accepting) ep.restoredUs = nowUs;
      if (s.healthy) {
        ep.endUs = nowUs;
        if (ep.outage && ep.restoredUs < 0) ep.restoredUs = nowUs;
        this.open = null;
      }
    }
    if (this.events !== null) this.traceGroup(nowUs, s);
    this.accepting = s.accepting;
    this.split = s.splitBrain;
  }

  private traceGroup(nowUs: number, s: GroupState): void {
    for (const u of [0, 1] as const) {
      if (s.modes[u] !== this.modes[u]) {
        this.modeIntervals.push({
          unit: this.units[u],
          startUs: this.modeSince[u],
          endUs: nowUs,
          mode: this.modes[u],
        });
        this.modeSince[u] = nowUs;
        this.modes[u] = s.modes[u];
      }
    }
    if (s.splitBrain && !this.split) {
      this.splitSinceUs = nowUs;
      this.events?.push({ timeUs: nowUs, kind: "split-brain-start" });
    } else if (!s.splitBrain && this.split) {
      this.splitIntervals.push({ startUs: this.splitSinceUs, endUs: nowUs });
      this.events?.push({ timeUs: nowUs, kind: "split-brain-end" });
    }
    if (!s.accepting && this.accepting) this.events?.push({ timeUs: nowUs, kind: "service-down" });
    if (s.accepting && !this.accepting) this.events?.push({ timeUs: nowUs, kind: "service-up" });
  }

  /** Timeline: spool depth of a unit (when tracing). */
  sampleSpool(timeUs: number, unit: string, depth: number): void {
    if (this.events !== null) this.spoolSamples.push({ timeUs, unit, depth });
  }

  /** Timeline: lost or duplicated mail, aggregated per minute, unit and cause (when tracing). */
  marker(
    timeUs: number,
    unit: string,
    kind: "lost" | "duplicated",
    cause: string,
    count = 1,
  ): void {
    if (this.events === null) return;
    const bucketUs = Math.floor(timeUs / 60e6) * 60e6;
    const key = `${bucketUs}|${unit}|${kind}|${cause}`;
    const m = this.markers.get(key);
    if (m !== undefined) m.count += count;
    else this.markers.set(key, { timeUs: bucketUs, unit, kind, cause, count });
  }

  /** Closes the integrals at the end of the run. */
  finish(endUs: number): void {
    this.depthChanged(endUs, this.depth, 0);
    const dt = endUs - this.lastUs;
    if (!this.accepting) this.unavailableUs += dt;
    if (this.split) this.splitBrainUs += dt;
    this.lastUs = endUs;
  }

  episodeStats(): EpisodeStats {
    const ttrRedundancyS: number[] = [];
    let unrecovered = 0;
    for (const ep of this.episodes) {
      if (ep.endUs >= 0) ttrRedundancyS.push((ep.endUs - ep.startUs) / 1e6);
      else unrecovered++;
    }
    return { count: this.episodes.length, unrecovered, ttrRedundancyS };
  }

  outageStats(): OutageStats {
    return {
      ttrServiceS: this.outagesUs.map((us) => us / 1e6),
      unrecovered: this.accepting ? 0 : 1,
    };
  }

  timeline(horizonUs: number, endUs: number): Timeline {
    const modes = [...this.modeIntervals];
    for (const u of [0, 1] as const)
      modes.push({ unit: this.units[u], startUs: this.modeSince[u], endUs, mode: this.modes[u] });
    const splitBrain = [...this.splitIntervals];
    if (this.split) splitBrain.push({ startUs: this.splitSinceUs, endUs });
    modes.sort((a, b) => a.startUs - b.startUs || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
    return {
      units: [...this.units],
      modes,
      faults: [...this.faultIntervals],
      splitBrain,
      spool: [...this.spoolSamples],
      markers: [...this.markers.values()].sort((a, b) => a.timeUs - b.timeUs),
      horizonUs,
      endUs,
    };
  }
}
