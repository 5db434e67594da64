import { describe, expect, it } from "vitest";
import {
  US_PER_D,
  US_PER_H,
  US_PER_MIN,
  US_PER_S,
  formatClock,
  formatDuration,
} from "../../src/kernel/time.js";

describe("formatDuration and formatClock", () => {
  it("formats compactly, largest units first", () => {
    expect(formatDuration(7 * US_PER_D + 3)).toBe("7d3us");
    expect(formatDuration(US_PER_H + 30 * US_PER_MIN)).toBe("1h30m");
    expect(formatDuration(250_000)).toBe("250ms");
    expect(formatDuration(0)).toBe("0s");
  });

  it("formats clock readings", () => {
    expect(formatClock(10 * US_PER_MIN + 15 * US_PER_S)).toBe("00:10:15");
    expect(formatClock(US_PER_D + 2 * US_PER_H)).toBe("1d 02:00:00");
    expect(formatClock(1_250_000)).toBe("00:00:01.250");
  });
});
