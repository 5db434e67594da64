import { describe, expect, it } from "vitest";
import { US_PER_D, US_PER_H, US_PER_MIN, US_PER_S, formatDuration } from "../../src/kernel/time.js";
import {
  TimeFormatError,
  parseDurationUs,
  parseRatePerS,
  readDurationUs,
} from "../../src/scenario/units.js";

describe("parseDurationUs", () => {
  it.each([
    ["250ms", 250_000],
    ["15s", 15 * US_PER_S],
    ["5m", 5 * US_PER_MIN],
    ["2h", 2 * US_PER_H],
    ["7d", 7 * US_PER_D],
    ["1h30m", US_PER_H + 30 * US_PER_MIN],
    ["2d 4h", 2 * US_PER_D + 4 * US_PER_H],
    ["1.5s", 1_500_000],
    ["10us", 10],
    [" 3S ", 3 * US_PER_S],
  ])("%s", (text, us) => {
    expect(parseDurationUs(text)).toBe(us);
  });

  it("reads plain numbers and numeric strings as seconds", () => {
    expect(parseDurationUs(2)).toBe(2 * US_PER_S);
    expect(parseDurationUs(0.25)).toBe(250_000);
    expect(parseDurationUs("90")).toBe(90 * US_PER_S);
    expect(parseDurationUs(0)).toBe(0);
  });

  it("rounds to whole microseconds", () => {
    expect(parseDurationUs(1e-7)).toBe(0);
    expect(parseDurationUs("0.0000015s")).toBe(2);
  });

  it.each(["", "abc", "5x", "h", "1h30", "-5s", "1h-30m", "5 s s"])(
    "rejects %j with a message saying what was expected",
    (text) => {
      expect(() => parseDurationUs(text)).toThrow(TimeFormatError);
      expect(() => parseDurationUs(text)).toThrow(/expected a duration such as/);
    },
  );

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("rejects the number %s", (n) => {
    expect(() => parseDurationUs(n)).toThrow(TimeFormatError);
    expect(() => parseDurationUs(n)).toThrow(/non-negative number of seconds/);
  });
});

describe("parseRatePerS", () => {
  it.each([
    ["50/s", 50],
    ["3000/min", 50],
    ["1e6/d", 1e6 / 86_400],
    ["120/h", 120 / 3600],
    ["7", 7],
  ])("%s", (text, perS) => {
    expect(parseRatePerS(text)).toBeCloseTo(perS, 12);
  });

  it("accepts a plain positive number per second", () => {
    expect(parseRatePerS(2.5)).toBe(2.5);
  });

  it.each(["fast", "50/fortnight", "/s", "0/s", "-3/s"])("rejects %j", (text) => {
    expect(() => parseRatePerS(text)).toThrow(TimeFormatError);
    expect(() => parseRatePerS(text)).toThrow(/expected a (positive )?rate such as 50\/s/);
  });

  it.each([0, -1, Number.NaN])("rejects the number %s", (n) => {
    expect(() => parseRatePerS(n)).toThrow(/positive rate/);
  });
});

describe("readDurationUs", () => {
  it("says why a value is not a duration, without throwing", () => {
    expect(readDurationUs("90s")).toBe(90 * US_PER_S);
    expect(readDurationUs(-1)).toBe("number");
    expect(readDurationUs("1e400")).toBe("number");
    expect(readDurationUs("soon")).toBe("text");
  });
});

describe("formatDuration parses back", () => {
  it.each([
    0,
    1,
    250_000,
    15 * US_PER_S,
    US_PER_H + 30 * US_PER_MIN,
    7 * US_PER_D + 3,
    123_456_789_012,
  ])("%i µs", (us) => {
    expect(parseDurationUs(formatDuration(us))).toBe(us);
  });
});
