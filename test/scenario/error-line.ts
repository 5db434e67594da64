import { ScenarioError } from "../../src/scenario/index.js";

/** The one-line error `run` throws; fails the test if it throws something else or nothing. */
export function errorLine(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof ScenarioError) return e.format();
    throw e;
  }
  throw new Error("expected a ScenarioError, but there was none");
}
