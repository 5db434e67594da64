import { readFileSync, readdirSync } from "node:fs";
import { it } from "vitest";
import { parseScenarioText, qualifyScenario } from "../../src/scenario/index.js";
import { runReplication } from "../../src/sim/run.js";
it("timing", () => {
  for (const f of readdirSync("scenarios").filter((x) => x.endsWith(".yaml")).sort()) {
    const q = qualifyScenario(parseScenarioText(readFileSync(`scenarios/${f}`, "utf8"), f), f);
    for (const p of ["off", "slave"] as const) {
      const t = performance.now();
      const r = runReplication(q, p, 0) as unknown as { metrics: Record<string, number> };
      const m = r.metrics;
      console.log(`${f} ${p}: ${((performance.now() - t) / 1000).toFixed(2)}s ×${q.replications} arrived=${m.arrived} lost=${m.lost} dup=${m.duplicated} failovers=${m.failovers} unavail=${m.unavailable_s ?? (m as any).unavailableS}`);
    }
  }
}, 600_000);
