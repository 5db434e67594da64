import { it } from "vitest";
import { qualifyScenario } from "../../src/scenario/index.js";
import { runReplication } from "../../src/sim/run.js";
const raw = { name: "x", horizon: "2h", drain: "1d", policies: ["off","restore","slave"], ha: { heartbeat: {secondaryLink:false}, remoteAsHeartbeat:false, admin:{responseTime:"never"} }, workload: { arrivals: { rate: "1/s" } },
  faults: [{ at: "10m", kind: "link-down", link: "all", duration: "40s" }] };
const q = qualifyScenario(raw, "x.yaml");
it("exp", () => { let t = Date.now();
for (const p of ["off","restore","slave"] as const) {
  const r = runReplication(q, p, 0, { trace: true });
  console.log(p, JSON.stringify({...r.metrics, lost_by_cause: undefined}), r.timeline!.splitBrain);
  for (const tr of r.trace!) if (tr.event !== "heartbeat") console.log(tr.timeUs/1e6, tr.unit, tr.event, tr.fromMode, tr.toMode, tr.detail);
}
console.log("ms", Date.now()-t);
});
