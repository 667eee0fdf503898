/** The "Top" views (scripts/catalog/top.ts): periods, ranking, ties, bounds, links, their feeds and their share of a rebuild. */
import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../scripts/catalog/catalog.js";
import { buildFeeds, feedsFor, TOP_FEED_PERIODS } from "../../scripts/catalog/feeds.js";
import { planRender } from "../../scripts/catalog/render-plan.js";
import { buildSitemap } from "../../scripts/catalog/sitemap.js";
import { buildTop, isoWeek } from "../../scripts/catalog/top.js";
import type { PaperRecord } from "../../scripts/content/paper.js";

function paper(slug: string, digests: string[], upvotes?: number): PaperRecord {
  const record: PaperRecord = { slug, title: `Title of ${slug}`, digests, abstract: `Abstract of ${slug}.` };
  if (upvotes !== undefined) record.upvotes = upvotes;
  return record;
}

const papers = [
  paper("tie-b", ["2026-04-13"], 7),
  paper("tie-a", ["2026-04-14"], 7),
  paper("top", ["2026-04-15"], 40),
  paper("zero", ["2026-04-16"], 0),
  paper("no-count", ["2026-04-16"]),
  // First listed the week before, listed again this week: it counts where it arrived.
  paper("again", ["2026-04-06", "2026-04-13"], 99),
  // 29 December 2025 is in ISO week 1 of 2026, and in the calendar month and year 2025.
  paper("new-year", ["2025-12-29"], 3),
];
const catalog = buildCatalog(papers, []);
const slugs = (list: readonly { slug: string }[]) => list.map((p) => p.slug);

describe("top views", () => {
  it("name ISO weeks by their week-numbering year", () => {
    expect(["2026-04-13", "2026-04-19", "2026-04-20", "2025-12-29", "2021-01-03", "2020-12-31", "2024-12-30"].map(isoWeek)).toEqual([
      "2026-W16",
      "2026-W16",
      "2026-W17",
      "2026-W01",
      "2020-W53",
      "2020-W53",
      "2025-W01",
    ]);
  });

  it("rank the papers first listed in each period by upvotes, ties by slug, leaving out papers without a count", () => {
    const { weeks, months, years } = catalog.top;
    expect(weeks.map((w) => [w.key, w.url, slugs(w.papers)])).toEqual([
      ["2026-W16", "/top/2026-W16/", ["top", "tie-a", "tie-b", "zero"]],
      ["2026-W15", "/top/2026-W15/", ["again"]],
      ["2026-W01", "/top/2026-W01/", ["new-year"]],
    ]);
    expect(months.map((m) => [m.key, m.url, m.label, slugs(m.papers)])).toEqual([
      ["2026-04", "/top/2026/04/", "April 2026", ["again", "top", "tie-a", "tie-b", "zero"]],
      ["2025-12", "/top/2025/12/", "December 2025", ["new-year"]],
    ]);
    expect(years.map((y) => [y.key, y.url, slugs(y.papers)])).toEqual([
      ["2026", "/top/2026/", ["again", "top", "tie-a", "tie-b", "zero"]],
      ["2025", "/top/2025/", ["new-year"]],
    ]);
    expect(catalog.top.pages).toHaveLength(7);
  });

  it("give the same ranking whatever order the papers come in", () => {
    const reversed = buildCatalog([...papers].reverse(), []);
    expect(reversed.top.pages.map((p) => [p.url, slugs(p.papers)])).toEqual(catalog.top.pages.map((p) => [p.url, slugs(p.papers)]));
  });

  it("keep at most the top `size` of a period, and say how many were ranked", () => {
    const many = Array.from({ length: 30 }, (_, i) => paper(`p${String(i).padStart(2, "0")}`, ["2026-04-13"], i % 10));
    const top = buildTop(buildCatalog(many, []).papers, 20);
    const week = top.weeks[0];
    expect(week?.count).toBe(20);
    expect(week?.ranked).toBe(30);
    expect(week?.papers.map((p) => p.upvotes)).toEqual([9, 9, 9, 8, 8, 8, 7, 7, 7, 6, 6, 6, 5, 5, 5, 4, 4, 4, 3, 3]);
    expect(slugs(week?.papers.slice(0, 3) ?? [])).toEqual(["p09", "p19", "p29"]);
    expect(() => buildTop([], 0)).toThrow(/positive integer/);
  });

  it("link each period to the one before and after it that has a page, and say a week's days", () => {
    const [w16, w15, w01] = catalog.top.weeks;
    expect(w16?.older).toEqual({ label: "Week 15 of 2026", url: "/top/2026-W15/" });
    expect(w16?.newer).toBeUndefined();
    expect(w15?.newer?.url).toBe("/top/2026-W16/");
    expect(w15?.older?.url).toBe("/top/2026-W01/");
    expect(w01?.span).toBe("29 December 2025 to 4 January 2026");
    expect(w16?.heading).toBe("Most upvoted papers of week 16, 2026");
    expect(catalog.top.months[0]?.span).toBeUndefined();
  });

  it("are linked from each digest of a week that has a top page", () => {
    expect(catalog.digests.map((d) => [d.date, d.top?.url])).toEqual([
      ["2026-04-16", "/top/2026-W16/"],
      ["2026-04-15", "/top/2026-W16/"],
      ["2026-04-14", "/top/2026-W16/"],
      ["2026-04-13", "/top/2026-W16/"],
      ["2026-04-06", "/top/2026-W15/"],
      ["2025-12-29", "/top/2026-W01/"],
    ]);
    const unranked = buildCatalog([paper("x", ["2026-04-13"])], []);
    expect(unranked.top.pages).toEqual([]);
    expect(unranked.digests[0]?.top).toBeUndefined();
  });

  it("have one feed per kind with the top papers of its latest periods, by rank, and are in the sitemap", () => {
    const feeds = buildFeeds(catalog);
    expect(feeds.top.map((f) => [f.url, f.entries.map((e) => e.paper.slug)])).toEqual([
      ["/feeds/top/week.xml", ["top", "tie-a", "tie-b", "zero", "again"]],
      ["/feeds/top/month.xml", ["again", "top", "tie-a", "tie-b", "zero", "new-year"]],
      ["/feeds/top/year.xml", ["again", "top", "tie-a", "tie-b", "zero", "new-year"]],
    ]);
    expect(TOP_FEED_PERIODS).toBe(2);
    const again = feeds.top[0]?.entries.find((e) => e.paper.slug === "again");
    expect([again?.published, again?.updated]).toEqual(["2026-04-06", "2026-04-13"]);
    expect(feeds.top.map((f) => f.updated)).toEqual(["2026-04-16", "2026-04-16", "2026-04-16"]);
    expect(feedsFor(feeds, { url: "/top/2026/04/", kind: "top-month", key: "2026-04" }).map((f) => f.url)).toEqual(["/feeds/top/month.xml", "/feed.xml"]);
    expect(feedsFor(feeds, { url: "/top/" }).map((f) => f.url)).toEqual(["/feeds/top/week.xml", "/feeds/top/month.xml", "/feeds/top/year.xml", "/feed.xml"]);
    const { paths } = buildSitemap(catalog);
    for (const url of ["/top/", ...catalog.top.pages.map((p) => p.url)]) expect(paths).toContain(url);
  });

  it("are rendered again by the dev server only when their papers change", () => {
    const same = planRender(
      buildCatalog(
        papers.map((p) => ({ ...p })),
        [],
      ),
      catalog,
    );
    expect(same.topPages).toEqual([]);
    const edited = planRender(
      buildCatalog(
        papers.map((p) => (p.slug === "zero" ? { ...p, upvotes: 50 } : p)),
        [],
      ),
      catalog,
    );
    expect(edited.topPages.map((p) => p.url).sort()).toEqual(["/top/2026-W16/", "/top/2026/", "/top/2026/04/"]);
    const gone = planRender(
      buildCatalog(
        papers.filter((p) => p.slug !== "new-year"),
        [],
      ),
      catalog,
    );
    expect(gone.removed).toEqual(expect.arrayContaining(["/top/2026-W01/", "/top/2025/12/", "/top/2025/"]));
  });
});
