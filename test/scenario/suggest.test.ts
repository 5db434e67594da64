import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "../../src/scenario/suggest.js";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent swaps as one edit each", () => {
    expect(editDistance("heartbeat", "heartbeat")).toBe(0);
    expect(editDistance("hearbeat", "heartbeat")).toBe(1);
    expect(editDistance("haertbeat", "heartbeat")).toBe(1);
    expect(editDistance("heartbeet", "heartbeat")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});

describe("didYouMean", () => {
  const fields = ["heartbeat", "remoteAsHeartbeat", "rservice", "lservice", "holdOff"];
  it("finds a typo", () => {
    expect(didYouMean("hearbeat", fields)).toBe("heartbeat");
    expect(didYouMean("holdof", fields)).toBe("holdOff");
  });
  it("ignores case, dashes and underscores", () => {
    expect(didYouMean("hold_off", fields)).toBe("holdOff");
    expect(didYouMean("remote-as-heartbeat", fields)).toBe("remoteAsHeartbeat");
  });
  it("suggests nothing for an unrelated word", () => {
    expect(didYouMean("banana", fields)).toBeUndefined();
    // Short names only match up to case and punctuation: "C" is not a typo of "A".
    expect(didYouMean("C", ["A", "B"])).toBeUndefined();
    expect(didYouMean("a", ["A", "B"])).toBe("A");
  });
});
