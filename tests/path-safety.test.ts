/**
 * Ingest never writes outside its output folders, whatever the titles say; see docs/ingest.md.
 */
import { describe, expect, it } from "vitest";
import { SLUG_PATTERN } from "../scripts/lib/digest.js";
import { assignSlugs } from "../scripts/lib/slug.js";
import { titleKey } from "../scripts/lib/title-key.js";

function slugsFor(titles: string[]): string[] {
  const map = assignSlugs(titles.map(titleKey), new Set());
  return titles.map((t) => map.get(titleKey(t))!);
}

describe("slugs", () => {
  it("never names a file after a Windows device", () => {
    const titles = ["CON", "nul", "Aux", "PRN!", "COM1", "lpt9", "Con Artists"];
    const slugs = slugsFor(titles);
    for (const slug of slugs.slice(0, 6)) expect(slug).toMatch(/^(?:con|nul|aux|prn|com1|lpt9)-[0-9a-f]{10}$/);
    expect(slugs[6]).toBe("con-artists");
    for (const slug of slugs) expect(slug).toMatch(SLUG_PATTERN);
  });
});
