/**
 * Observes a run and measures it: unavailability and split-brain time, failovers, failure
 * episodes and their time-to-recovery, spool depth over time, and (when tracing) the trace and the
 * timeline. It is told what happens; it never changes the model.
 *
 * @module
 */
import type { Timeline, TraceRecord } from "./result.js";

/** The group state the driver reports after every change. */
export interface GroupState {
  /** Some unit can take SMTP sessions now. */
  readonly accepting: boolean;
  /** Both units are effective MASTER and up. */
  readonly splitBrain: boolean;
  /** One MASTER and one SLAVE, both up, no fault active, the SLAVE's spool empty. */
  readonly healthy: boolean;
  /** Display mode per unit (`MASTER` … or `DOWN`, `HUNG`, `REBOOTING`). */
  readonly modes: readonly [string, string];
}

interface Episode {
  readonly startUs: number;
  outage: boolean;
  restoredUs: number;
  endUs: number;
}

export interface EpisodeStats {
  readonly count: number;
  readonly unrecovered: number;
  readonly ttrServiceS: number[];
  readonly ttrRedundancyS: number[];
}

export class RunObserver {
  unavailableUs = 0;
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
  readonly trace: TraceRecord[] | null;
  private readonly modeSince: [number, number] = [0, 0];
  private readonly modes: [string, string];
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
    initialModes: readonly [string, string],
    tracing: boolean,
  ) {
    this.trace = tracing ? [] : null;
    this.modes = [initialModes[0], initialModes[1]];
  }

  get episodeOpen(): boolean {
    return this.open !== null;
  }

  /** Hot path: the total spool depth changed. */
  depthChanged(nowUs: number, depth: number): void {
    this.depthAreaUs += this.depth * (nowUs - this.depthSinceUs);
    this.depthSinceUs = nowUs;
    this.depth = depth;
    if (depth > this.depthMax) this.depthMax = depth;
  }

  /** A fault starts: it opens a failure episode unless one is open. */
  faultStarted(nowUs: number): void {
    if (this.open === null) {
      this.open = { startUs: nowUs, outage: false, restoredUs: -1, endUs: -1 };
      this.episodes.push(this.open);
    }
  }

  /** The driver's report after every change of group state. */
  update(nowUs: number, s: GroupState): void {
    const dt = nowUs - this.lastUs;
    if (!this.accepting) this.unavailableUs += dt;
    if (this.split) this.splitBrainUs += dt;
    this.lastUs = nowUs;
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
    if (this.trace !== null) this.traceGroup(nowUs, s);
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
      this.record(nowUs, "", "split-brain-start", "", "", "both units are MASTER");
    } else if (!s.splitBrain && this.split) {
      this.splitIntervals.push({ startUs: this.splitSinceUs, endUs: nowUs });
      this.record(nowUs, "", "split-brain-end", "", "", "");
    }
    if (!s.accepting && this.accepting)
      this.record(nowUs, "", "service-down", "", "", "no unit accepts mail");
    if (s.accepting && !this.accepting)
      this.record(nowUs, "", "service-up", "", "", "a MASTER accepts mail");
  }

  /** Adds a trace line (no-op when not tracing). */
  record(
    timeUs: number,
    unit: string,
    event: string,
    fromMode: string,
    toMode: string,
    detail: string,
  ): void {
    if (this.trace !== null) this.trace.push({ timeUs, unit, event, fromMode, toMode, detail });
  }

  /** Timeline: a fault interval (when tracing). */
  faultInterval(kind: string, target: string, startUs: number, endUs: number): void {
    if (this.trace !== null) this.faultIntervals.push({ kind, target, startUs, endUs });
  }

  /** Timeline: spool depth of a unit (when tracing). */
  sampleSpool(timeUs: number, unit: string, depth: number): void {
    if (this.trace !== null) this.spoolSamples.push({ timeUs, unit, depth });
  }

  /** Timeline: lost or duplicated mail, aggregated per minute, unit and cause (when tracing). */
  marker(
    timeUs: number,
    unit: string,
    kind: "lost" | "duplicated",
    cause: string,
    count = 1,
  ): void {
    if (this.trace === null) return;
    const bucketUs = Math.floor(timeUs / 60e6) * 60e6;
    const key = `${bucketUs}|${unit}|${kind}|${cause}`;
    const m = this.markers.get(key);
    if (m !== undefined) m.count += count;
    else this.markers.set(key, { timeUs: bucketUs, unit, kind, cause, count });
  }

  /** Closes the integrals at the end of the run. */
  finish(endUs: number): void {
    this.depthChanged(endUs, this.depth);
    const dt = endUs - this.lastUs;
    if (!this.accepting) this.unavailableUs += dt;
    if (this.split) this.splitBrainUs += dt;
    this.lastUs = endUs;
  }

  episodeStats(): EpisodeStats {
    const ttrServiceS: number[] = [];
    const ttrRedundancyS: number[] = [];
    let unrecovered = 0;
    for (const ep of this.episodes) {
      if (!ep.outage) ttrServiceS.push(0);
      else if (ep.restoredUs >= 0) ttrServiceS.push((ep.restoredUs - ep.startUs) / 1e6);
      if (ep.endUs >= 0) ttrRedundancyS.push((ep.endUs - ep.startUs) / 1e6);
      else unrecovered++;
    }
    return { count: this.episodes.length, unrecovered, ttrServiceS, ttrRedundancyS };
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
