/** WCAG AA contrast of the stylesheet's palette, in both themes, read from the `light-dark()` pairs. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const css = readFileSync("layouts/assets/style.css", "utf8");
const palette = new Map(
  [...css.matchAll(/--([a-z]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/gi)].map((m) => [m[1] ?? "", [m[2] ?? "", m[3] ?? ""] as const]),
);

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** [foreground, background, minimum]: 4.5 for text, 3 for focus rings, bars and borders of controls. */
const PAIRS: [string, string, number][] = [
  ["text", "bg", 4.5],
  ["muted", "bg", 4.5],
  ["link", "bg", 4.5],
  ["visited", "bg", 4.5],
  ["text", "soft", 4.5],
  ["muted", "soft", 4.5],
  ["link", "soft", 4.5],
  ["visited", "soft", 4.5],
  ["text", "mark", 4.5],
  ["badgetext", "badge", 4.5],
  ["bg", "text", 4.5],
  ["accent", "bg", 3],
  ["accent", "soft", 3],
  ["bar", "bg", 3],
  ["muted", "bg", 3],
];

describe.each([
  ["light", 0],
  ["dark", 1],
] as const)("the %s theme", (_name, index) => {
  it.each(PAIRS)("%s on %s meets WCAG AA (%s:1)", (fg, bg, minimum) => {
    const [f, b] = [palette.get(fg)?.[index], palette.get(bg)?.[index]];
    expect(f, fg).toBeDefined();
    expect(b, bg).toBeDefined();
    expect(contrast(f as string, b as string)).toBeGreaterThanOrEqual(minimum);
  });
});

it("reads the whole palette", () => {
  expect([...palette.keys()].sort()).toEqual(["accent", "badge", "badgetext", "bar", "bg", "line", "link", "mark", "muted", "soft", "text", "visited"]);
});
