/**
 * The fixed colours of every chart, so a colour means the same thing in every report.
 *
 * Unit modes (the timeline lanes):
 *
 * | mode        | colour    | why                                                 |
 * | ----------- | --------- | --------------------------------------------------- |
 * | `MASTER`    | `#2e7d32` green       | serving mail: the state you want to see     |
 * | `SLAVE`     | `#64b5f6` light blue  | healthy standby                             |
 * | `HOLD_OFF`  | `#b39ddb` lavender    | waiting for a rebooting peer                |
 * | `FAILED`    | `#d32f2f` red         | HA gave up on this unit                     |
 * | `OFF`       | `#9e9e9e` light grey  | switched off by `on-failure off`, admin needed |
 * | `DOWN`      | `#212121` near black  | crashed                                     |
 * | `HUNG`      | `#ef6c00` orange      | alive but unresponsive                      |
 * | `REBOOTING` | `#fdd835` yellow      | coming back                                 |
 *
 * Policies (teal, indigo, olive), units (raspberry, brown), fault bars (pink) and the lost
 * (cyan) and duplicated (purple) markers use hues no mode uses, so that a colour means one thing
 * in every chart: `test/charts/palette.test.ts` keeps every two of them apart (CIE76 ΔE ≥ 25).
 * DOWN (near black) and OFF (light grey) differ in lightness, not only in hue.
 *
 * A mode the model adds later is drawn in {@link UNKNOWN_MODE_COLOR} until it gets its own entry.
 * Hues were picked so the failure states (red, orange, black, grey) stand apart from the working
 * ones (green, blue) even for the common red–green colour deficiencies, where lightness differs.
 *
 * @module
 */
import { POLICIES } from "../config/scenario.js";

/** Modes in legend order: working states first, then the failure states. */
export const MODE_ORDER: readonly string[] = [
  "MASTER",
  "SLAVE",
  "HOLD_OFF",
  "REBOOTING",
  "HUNG",
  "DOWN",
  "FAILED",
  "OFF",
];

/** Fill colour per mode (see the module table). */
export const MODE_COLORS: Readonly<Record<string, string>> = {
  MASTER: "#2e7d32",
  SLAVE: "#64b5f6",
  HOLD_OFF: "#b39ddb",
  REBOOTING: "#fdd835",
  HUNG: "#ef6c00",
  DOWN: "#212121",
  FAILED: "#d32f2f",
  OFF: "#9e9e9e",
};

/** Text colour that stays readable on each mode's fill (labels inside long mode bars). */
export const MODE_LABEL_COLORS: Readonly<Record<string, string>> = {
  MASTER: "#ffffff",
  SLAVE: "#0d2a40",
  HOLD_OFF: "#1f1147",
  REBOOTING: "#3e3200",
  HUNG: "#ffffff",
  DOWN: "#ffffff",
  FAILED: "#ffffff",
  OFF: "#212121",
};

/** Colour of a mode that is not in {@link MODE_COLORS}. */
export const UNKNOWN_MODE_COLOR = "#e0e0e0";

/** Fault bars: one colour, because the lane label already says which fault and which target. */
export const FAULT_COLOR = "#f48fb1";
/** Split-brain shading drawn behind every timeline panel. */
export const SPLIT_BRAIN_COLOR = "#e57373";
/** Opacity of the split-brain shading: visible, yet leaves the mode colours readable. */
export const SPLIT_BRAIN_OPACITY = 0.28;

/** Lost and duplicated mail markers. */
export const MARKER_COLORS: Readonly<Record<"lost" | "duplicated", string>> = {
  lost: "#00bcd4",
  duplicated: "#6a1b9a",
};

/** One colour per policy, in {@link POLICIES} order, shared by the comparison and sweep charts. */
export const POLICY_COLORS: Readonly<Record<string, string>> = {
  off: "#00897b",
  restore: "#3949ab",
  slave: "#9e9d24",
};
/** Colours for policies outside {@link POLICIES} (aliases already map to the three names). */
const EXTRA_POLICY_COLORS = ["#4db6ac", "#7986cb", "#c0ca33", "#90a4ae"];

/** Colours for the spool-depth line of each unit, in unit order (first unit, second unit). */
export const UNIT_COLORS: readonly string[] = ["#ad1457", "#795548", "#f8bbd0", "#bcaaa4"];

/** Colour scale for modes: every known mode (a stable legend) plus any unknown mode in the data. */
export function modeScale(modesInData: Iterable<string>): { domain: string[]; range: string[] } {
  const domain = [...MODE_ORDER];
  const extra = [...new Set(modesInData)].filter((m) => !MODE_COLORS[m]).sort();
  domain.push(...extra);
  return { domain, range: domain.map((m) => MODE_COLORS[m] ?? UNKNOWN_MODE_COLOR) };
}

/** Colour scale for policies: known policies in their canonical order, then others sorted. */
export function policyScale(policiesInData: Iterable<string>): {
  domain: string[];
  range: string[];
} {
  const present = new Set(policiesInData);
  const domain = [
    ...POLICIES.filter((p) => present.has(p)),
    ...[...present].filter((p) => !POLICY_COLORS[p]).sort(),
  ];
  let extra = 0;
  const range = domain.map(
    (p) =>
      POLICY_COLORS[p] ??
      EXTRA_POLICY_COLORS[extra++ % EXTRA_POLICY_COLORS.length] ??
      UNKNOWN_MODE_COLOR,
  );
  return { domain, range };
}

/** Colour scale for units, in the order the timeline lists them. */
export function unitScale(units: readonly string[]): { domain: string[]; range: string[] } {
  return {
    domain: [...units],
    range: units.map((_, i) => UNIT_COLORS[i % UNIT_COLORS.length] ?? UNKNOWN_MODE_COLOR),
  };
}
