/**
 * hasim as a library: run the primary-crash scenario under every policy and print how much mail
 * each lost and how long service was down, with 95% confidence intervals, then the paired
 * difference restore − slave. Run it (after `npm run build`) with:
 *
 *   npx tsc -p examples && node dist-examples/library.js
 */
import { compare, loadScenario, runScenario } from "hasim";

const scenario = loadScenario("scenarios/primary-crash.yaml", {
  set: ["replications=3", "horizon=4h"],
});
const result = runScenario(scenario);

for (const s of result.summaries) {
  if (s.metric !== "lost" && s.metric !== "unavailable_s") continue;
  console.log(`${s.policy}\t${s.metric}\t${s.mean} [${s.ciLow}, ${s.ciHigh}]`);
}
const d = compare(result).find(
  (x) => x.metric === "unavailable_s" && x.policyA === "restore" && x.policyB === "slave",
);
console.log(`unavailable_s restore − slave: ${d?.meanDiff} over ${d?.n} paired replications`);
console.log(`runs: ${result.runs.length}`);
