/**
 * URLs come from one table (scripts/catalog/routes.ts): templates ask it through the `routes`
 * global data instead of spelling a site path, so a route changes in one place.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bandSegment, routes } from "../../scripts/catalog/routes.js";

const LAYOUTS = path.resolve("layouts");
const templates = readdirSync(LAYOUTS, { recursive: true, encoding: "utf8" })
  .filter((name) => name.endsWith(".njk"))
  .sort();

/** A site path written into a template: an attribute or permalink starting with `/`, or a quoted `"/…"` literal. */
const SPELLED = /(?:href|src|action)="\/|permalink:\s*"?\/|["']\/[\w.-]*\/?["']/g;

describe("routes", () => {
  it.each(templates)("%s spells no site path by hand", (name) => {
    const text = readFileSync(path.join(LAYOUTS, name), "utf8");
    expect(text.match(SPELLED) ?? []).toEqual([]);
  });

  it("gives each kind of page its own path", () => {
    expect(routes.page(routes.digest("2026-04-13"), 1)).toBe("/digests/2026-04-13/");
    expect(routes.page(routes.authorCount("3"), 2)).toBe("/authors/3/page/2/");
    expect(routes.bandFeed("51+")).toBe("/feeds/authors/51-plus.xml");
    expect(["1", "2–3", "51+", "unknown"].map(bandSegment)).toEqual(["1", "2-3", "51-plus", "unknown"]);
  });
});
