import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../scripts/catalog/catalog.js";
import { serializeDigestManifest } from "../../scripts/content/digest.js";
import { paperHtml, xmlText } from "../../scripts/exports/feed-format.js";
import { buildFeeds, feedsFor } from "../../scripts/catalog/feeds.js";
import { bandSegment } from "../../scripts/catalog/routes.js";
import type { PaperRecord } from "../../scripts/content/paper.js";

function paper(slug: string, fields: Partial<PaperRecord> = {}): PaperRecord {
  return { slug, title: `Title of ${slug}`, digests: ["2026-04-13"], abstract: `Abstract of ${slug}.`, ...fields };
}

const papers = [
  paper("old-a", { digests: ["2026-04-10"], published: "2023-01-02", authors: 1 }),
  paper("old-b", { digests: ["2026-04-10", "2026-04-13"], published: "2024-05-06", authors: 3 }),
  paper("new-c", { published: "2024-07-08", authors: 60 }),
  paper("new-d"),
];
const manifests = [
  {
    date: "2026-04-13",
    papers: [
      { slug: "new-d", title: "" },
      { slug: "old-b", title: "" },
      { slug: "new-c", title: "" },
    ],
  },
  {
    date: "2026-04-10",
    papers: [
      { slug: "old-b", title: "" },
      { slug: "old-a", title: "" },
    ],
  },
];

describe("feeds", () => {
  const feeds = buildFeeds(buildCatalog(papers, manifests));

  it("list the newest digest first, in its listed order, each paper once at its newest digest", () => {
    expect(feeds.main.entries.map((e) => e.paper.slug)).toEqual(["new-d", "old-b", "new-c", "old-a"]);
    expect(feeds.main.entries.map((e) => [e.published, e.updated])).toEqual([
      ["2026-04-13", "2026-04-13"],
      ["2026-04-10", "2026-04-13"],
      ["2026-04-13", "2026-04-13"],
      ["2026-04-10", "2026-04-10"],
    ]);
    expect(feeds.main.updated).toBe("2026-04-13");
  });

  it("keep only the newest entries", () => {
    const small = buildFeeds(buildCatalog(papers, manifests), 2);
    expect(small.main.entries.map((e) => e.paper.slug)).toEqual(["new-d", "old-b"]);
    expect(small.years.find((f) => f.key === "2024")?.entries.map((e) => e.paper.slug)).toEqual(["old-b", "new-c"]);
  });

  it("exist per publication year, newest year first, and per author-count band present, in band order", () => {
    expect(feeds.years.map((f) => [f.key, f.url, f.entries.map((e) => e.paper.slug)])).toEqual([
      ["2024", "/feeds/years/2024.xml", ["old-b", "new-c"]],
      ["2023", "/feeds/years/2023.xml", ["old-a"]],
    ]);
    expect(feeds.bands.map((f) => [f.key, f.title, f.entries.map((e) => e.paper.slug)])).toEqual([
      ["1", "Papers with 1 author", ["old-a"]],
      ["2-3", "Papers with 2–3 authors", ["old-b"]],
      ["51-plus", "Papers with 51 or more authors", ["new-c"]],
      ["unknown", "Papers with an unknown author count", ["new-d"]],
    ]);
  });

  it("name bands with URL-safe segments", () => {
    expect(["1", "2–3", "51+", "unknown"].map(bandSegment)).toEqual(["1", "2-3", "51-plus", "unknown"]);
  });

  it("are offered by the pages of their lists, and the main feed by every page", () => {
    const urls = (list: Parameters<typeof feedsFor>[1]) => feedsFor(feeds, list).map((f) => f.url);
    expect(urls({ url: "/dates/2024/07/", kind: "month", key: "2024/07" })).toEqual(["/feeds/years/2024.xml", "/feed.xml"]);
    expect(urls({ url: "/dates/2023/page/2/", kind: "year", key: "2023" })).toEqual(["/feeds/years/2023.xml", "/feed.xml"]);
    expect(urls({ url: "/authors/3/", kind: "authors", key: "3" })).toEqual(["/feeds/authors/2-3.xml", "/feed.xml"]);
    expect(urls({ url: "/authors/unknown/", kind: "authors", key: "unknown" })).toEqual(["/feeds/authors/unknown.xml", "/feed.xml"]);
    expect(urls({ url: "/authors/" })).toEqual([...feeds.bands.map((f) => f.url), "/feed.xml"]);
    expect(urls({ url: "/dates/" })).toEqual(["/feeds/years/2024.xml", "/feeds/years/2023.xml", "/feed.xml"]);
    expect(urls({ url: "/papers/old-a/" })).toEqual(["/feed.xml"]);
    expect(feeds.main.jsonUrl).toBe("/feed.json");
  });

  it("are empty, with no updated date, when there are no papers", () => {
    const empty = buildFeeds(buildCatalog([], []));
    expect(empty.main.entries).toEqual([]);
    expect(empty.main.updated).toBeUndefined();
    expect(empty.years).toEqual([]);
    expect(empty.bands).toEqual([]);
  });
});

// Keeps the manifests above honest: they are what ingest would write.
it("uses manifests of the real shape", () => {
  for (const manifest of manifests) expect(() => serializeDigestManifest(manifest)).not.toThrow();
});

describe("feed text", () => {
  it("replaces what XML 1.0 cannot hold, and keeps everything else", () => {
    expect(xmlText("a\u0001b\u0008c\uFFFEd\u001Fe")).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
    expect(xmlText("tab\tnew\nline é 中文 😀")).toBe("tab\tnew\nline é 中文 😀");
  });

  it("gives an entry's content as paragraphs of escaped text after its facts", () => {
    const entry = buildCatalog([paper("x", { abstract: 'A <b>&amp; "q"\n\nSecond 51\\% part.', published: "2023-09-22", upvotes: 1 })], []).bySlug.get("x");
    if (!entry) throw new Error("no paper");
    expect(paperHtml(entry)).toBe(
      "<p><em>Published 22 September 2023 · Authors unknown · 1 upvote</em></p>\n<p>A &lt;b&gt;&amp;amp; &quot;q&quot;</p>\n<p>Second 51% part.</p>",
    );
  });
});
