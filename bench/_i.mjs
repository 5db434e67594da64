import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { qualifyScenario } from "/work/main/dist/src/scenario/qualify.js";
import { runReplication } from "/work/main/dist/src/run/replication.js";
const raw = parse(readFileSync("scenarios/year-of-faults.yaml", "utf8"));
const q = qualifyScenario(raw, "y.yaml");
const t0 = performance.now();
const r = runReplication(q, process.argv[2] ?? "off", +(process.argv[3] ?? 0));
console.log((performance.now() - t0).toFixed(0), "ms", "events", r.metrics.events);
