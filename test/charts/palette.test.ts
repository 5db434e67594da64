import { describe, expect, it } from "vitest";
import {
  FAULT_COLOR,
  MARKER_COLORS,
  MODE_COLORS,
  POLICY_COLORS,
  UNIT_COLORS,
} from "../../src/charts/palette.js";

/** CIE L*a*b* of an sRGB hex colour (D65). */
function lab(hex: string): [number, number, number] {
  const lin = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c > 0.04045 ? ((c + 0.055) / 1.055) ** 2.4 : c / 12.92;
  };
  const [r, g, b] = [lin(1), lin(3), lin(5)];
  const x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047;
  const y = r * 0.2126 + g * 0.7152 + b * 0.0722;
  const z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883;
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

describe("the palette", () => {
  it("gives modes, policies, units, faults and markers colours that are far apart", () => {
    const roles: [string, string][] = [
      ...Object.entries(MODE_COLORS).map(([m, c]): [string, string] => [`mode ${m}`, c]),
      ...Object.entries(POLICY_COLORS).map(([p, c]): [string, string] => [`policy ${p}`, c]),
      ...UNIT_COLORS.slice(0, 2).map((c, i): [string, string] => [`unit ${i}`, c]),
      ["fault", FAULT_COLOR],
      ["lost", MARKER_COLORS.lost],
      ["duplicated", MARKER_COLORS.duplicated],
    ];
    for (let i = 0; i < roles.length; i++)
      for (let j = i + 1; j < roles.length; j++) {
        const [a, ca] = roles[i]!;
        const [b, cb] = roles[j]!;
        const [la, lb] = [lab(ca), lab(cb)];
        const d = Math.hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
        expect(d, `${a} ${ca} vs ${b} ${cb}`).toBeGreaterThanOrEqual(25);
      }
  });

  it("tells DOWN from OFF by lightness", () => {
    const down = lab(MODE_COLORS.DOWN!);
    const off = lab(MODE_COLORS.OFF!);
    expect(off[0] - down[0]).toBeGreaterThan(40);
  });
});
