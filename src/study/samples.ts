/**
 * The replication values of one metric per policy, read from the runs the way the CSV writers
 * read them, so a study sees exactly the numbers summary.csv and compare.csv summarise.
 *
 * @module
 */
import { METRIC_COLUMNS } from "../report/columns.js";
import type { PolicyRuns } from "../report/groups.js";

/** Values of `metric` for each replication of a policy's runs (null where the run had none). */
export function metricValues(runs: PolicyRuns, metric: string): (number | null)[] {
  const col = METRIC_COLUMNS.find((c) => c.name === metric);
  if (col === undefined) throw new RangeError(`unknown metric ${metric}`);
  return runs.metrics.map(col.get);
}
