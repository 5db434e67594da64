/**
 * A small harness that drives a cluster with the driver's verbs, as a test reads best: "crash A at
 * 600 s, run to 700 s, B is MASTER". Built on the real composition root with the real observers.
 */
import type { NodeIndex, Policy, QualifiedScenario } from "../../src/config/scenario.js";
import { MailLedger } from "../../src/check/ledger.js";
import { RunObserver } from "../../src/check/metrics.js";
import { displayMode } from "../../src/ha/modes.js";
import { buildCluster, startCluster } from "../../src/sim/cluster.js";
import type { ModelEvent } from "../../src/sim/events.js";
import { P_FAULT } from "../../src/sim/priorities.js";
import type { ClusterState } from "../../src/sim/state.js";
import { ClusterVerbs } from "../../src/sim/verbs.js";

export class Harness {
  readonly c: ClusterState;
  readonly verbs: ClusterVerbs;
  readonly obs: RunObserver;
  readonly ledger = new MailLedger();

  constructor(sc: QualifiedScenario, policy: Policy) {
    this.obs = new RunObserver([sc.nodes[0].name, sc.nodes[1].name], true);
    this.c = buildCluster(sc, policy, 0, { model: this.obs, mail: this.ledger, invariants: null });
    this.obs.initialModes(this.c.units[0].role, this.c.units[1].role);
    this.obs.depths = () => [this.c.units[0].depth, this.c.units[1].depth];
    this.verbs = new ClusterVerbs(this.c);
    startCluster(this.c);
  }

  /** The unit's index by name. */
  unit(name: string): NodeIndex {
    return this.c.units[0].name === name ? 0 : 1;
  }

  /** Does `act` with the verbs at `atS` seconds, then lets the model react. */
  at(atS: number, act: (v: ClusterVerbs, h: this) => void): this {
    const handler = this.c.on(P_FAULT, () => {
      act(this.verbs, this);
      this.verbs.settle();
    });
    this.c.sched.at(Math.round(atS * 1e6), P_FAULT, handler);
    return this;
  }

  /** Runs the simulation up to `untilS` seconds. */
  runTo(untilS: number): this {
    this.c.sched.run(Math.round(untilS * 1e6));
    return this;
  }

  /** The unit's display mode now (`MASTER`, `SLAVE`, `DOWN`…). */
  mode(name: string): string {
    const u = this.c.units[this.unit(name)];
    return displayMode(u.role.mode, u.role.physical);
  }

  /** Events of one kind so far. */
  events<K extends ModelEvent["kind"]>(kind: K): Extract<ModelEvent, { kind: K }>[] {
    return (this.obs.events ?? []).filter(
      (e): e is Extract<ModelEvent, { kind: K }> => e.kind === kind,
    );
  }
}
