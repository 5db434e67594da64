import { describe, expect, it } from "vitest";
import { formatMicrosAsSeconds, formatNumber, toCsv } from "../../src/report/format.js";

describe("formatNumber", () => {
  it("prints integers as integers and empties for missing values", () => {
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(1e15)).toBe("1000000000000000");
    expect(formatNumber(null)).toBe("");
    expect(formatNumber(undefined)).toBe("");
    expect(formatNumber(NaN)).toBe("");
    expect(formatNumber(Infinity)).toBe("");
  });

  it("keeps at most 10 significant digits, in the shortest form", () => {
    expect(formatNumber(0.1 + 0.2)).toBe("0.3");
    expect(formatNumber(1 / 3)).toBe("0.3333333333");
    expect(formatNumber(2.5)).toBe("2.5");
    expect(formatNumber(-1234.56789012345)).toBe("-1234.56789");
    expect(formatNumber(1.5e-7)).toBe("1.5e-7");
  });
});

describe("formatMicrosAsSeconds", () => {
  it("is exact", () => {
    expect(formatMicrosAsSeconds(0)).toBe("0");
    expect(formatMicrosAsSeconds(1_500_000)).toBe("1.5");
    expect(formatMicrosAsSeconds(1)).toBe("0.000001");
    expect(formatMicrosAsSeconds(7_200_000_001)).toBe("7200.000001");
    expect(formatMicrosAsSeconds(86_400_000_000)).toBe("86400");
  });
});

describe("toCsv", () => {
  it("quotes where needed and ends lines with \\n", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["x,y", null],
          ['say "hi"', 1.25],
        ],
      ),
    ).toBe('a,b\n"x,y",\n"say ""hi""",1.25\n');
  });
});
