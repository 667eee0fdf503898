/**
 * The "Top" views of a built site: the fixture plus papers with upvote counts (tests/helpers/ranked-content.ts).
 * What each page must list is worked out here from the content, with an ISO week computed without luxon:
 * the papers first listed in the period that have a count, most upvoted first, ties by slug, 20 at most.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { type Content, loadContent } from "../../scripts/check/content.js";
import type { PaperRecord } from "../../scripts/content/paper.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";
import { listedSlugs, pageAt, readPages, walkFiles } from "../helpers/html.js";
import { addRankedPapers, isoWeekOf } from "../helpers/ranked-content.js";

const TOP = 20;
const FEED_PERIODS = 2;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["entry", "link", "url"].includes(name) });

let workspace: Workspace;
let content: Content;
let pages: Map<string, string>;
let files: string[];

beforeAll(async () => {
  workspace = await makeWorkspace();
  await addRankedPapers(workspace.contentDir);
  await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir });
  content = await loadContent(workspace.contentDir);
  files = await walkFiles(workspace.outDir);
  pages = await readPages(workspace.outDir, files);
});

afterAll(async () => {
  await workspace.remove();
});

const page = (url: string) => pageAt(pages, url);

type Kind = "week" | "month" | "year";
const KINDS: Kind[] = ["week", "month", "year"];

function keyOf(kind: Kind, day: string): string {
  return kind === "week" ? isoWeekOf(day) : kind === "month" ? day.slice(0, 7) : day.slice(0, 4);
}

function urlFor(kind: Kind, key: string): string {
  return kind === "month" ? `/top/${key.slice(0, 4)}/${key.slice(5, 7)}/` : `/top/${key}/`;
}

/** Period key → the slugs its page must show, in order; newest period first. */
function expected(kind: Kind): [string, string[]][] {
  const groups = new Map<string, PaperRecord[]>();
  for (const paper of content.papers) {
    const first = [...paper.digests].sort()[0];
    if (paper.upvotes === undefined || first === undefined) continue;
    const key = keyOf(kind, first);
    groups.set(key, [...(groups.get(key) ?? []), paper]);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .map(([key, members]) => [
      key,
      members
        .sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0) || (a.slug < b.slug ? -1 : 1))
        .slice(0, TOP)
        .map((p) => p.slug),
    ]);
}

describe("top pages", () => {
  it("exist for exactly the periods with ranked papers, each listing its most upvoted papers, ties by slug, at most 20", () => {
    const want = KINDS.flatMap((kind) => expected(kind).map(([key, slugs]) => [urlFor(kind, key), slugs] as const));
    const built = [...pages.keys()].filter((u) => u.startsWith("/top/") && u !== "/top/").sort();
    expect(built).toEqual(want.map(([url]) => url).sort());
    for (const [url, slugs] of want) expect(listedSlugs(page(url)), url).toEqual(slugs);
    // The fixture's data makes the cut, the ties and the year boundary matter.
    const weeks = expected("week");
    expect(weeks.some(([, slugs]) => slugs.length === TOP)).toBe(true);
    expect(weeks.map(([key]) => key)).toContain("2026-W01");
    expect(expected("year").map(([key]) => key)).toContain("2025");
  });

  it("are listed on /top/ newest first by kind, linked from the navigation of every page, from /dates/ and from each digest of a ranked week", () => {
    const index = page("/top/");
    const linked = [...index.matchAll(/<li><a href="(\/top\/[^"]+)">/g)].map((m) => m[1]);
    expect(linked).toEqual(["year", "month", "week"].flatMap((kind) => expected(kind as Kind).map(([key]) => urlFor(kind as Kind, key))));
    for (const [url, html] of pages) if (url !== "/404.html") expect(html, url).toContain('<li><a href="/top/"');
    expect(page("/dates/")).toContain('<a href="/top/">');
    const rankedWeeks = new Set(expected("week").map(([key]) => key));
    for (const date of new Set(content.papers.flatMap((p) => p.digests))) {
      const link = /<a href="([^"]+)">Most upvoted that week<\/a>/.exec(page(`/digests/${date}/`))?.[1];
      expect(link, date).toBe(rankedWeeks.has(isoWeekOf(date)) ? `/top/${isoWeekOf(date)}/` : undefined);
    }
  });

  it("link each period to the one before and after it, name their feed, and are in the sitemap", async () => {
    const sitemap = await readFile(path.join(workspace.outDir, "sitemap.xml"), "utf8");
    for (const kind of KINDS) {
      const periods = expected(kind);
      periods.forEach(([key], i) => {
        const html = page(urlFor(kind, key));
        const older = periods[i + 1];
        const newer = periods[i - 1];
        expect(/href="([^"]+)">Previous /.exec(html)?.[1], key).toBe(older && urlFor(kind, older[0]));
        expect(/href="([^"]+)">Next /.exec(html)?.[1], key).toBe(newer && urlFor(kind, newer[0]));
        expect(html).toContain(`<link rel="alternate" type="application/atom+xml" href="/feeds/top/${kind}.xml"`);
        expect(sitemap).toContain(`<loc>${urlFor(kind, key)}</loc>`);
      });
    }
    expect(sitemap).toContain("<loc>/top/</loc>");
  });

  it("have one Atom feed per kind: the top papers of the latest two periods, newest period first, by rank", async () => {
    for (const kind of KINDS) {
      const feed = xml.parse(await readFile(path.join(workspace.outDir, "feeds", "top", `${kind}.xml`), "utf8")).feed as {
        updated: string;
        entry?: { id: string; link: { href: string }[]; updated: string }[];
      };
      const want = expected(kind)
        .slice(0, FEED_PERIODS)
        .flatMap(([, slugs]) => slugs);
      expect((feed.entry ?? []).map((e) => e.link[0]?.href)).toEqual(want.map((slug) => `/papers/${slug}/`));
      expect(new Set((feed.entry ?? []).map((e) => e.id)).size).toBe(want.length);
      const newest = (feed.entry ?? [])
        .map((e) => e.updated)
        .sort()
        .at(-1);
      expect(feed.updated).toBe(newest);
    }
  });

  it("stay small: each under 40 KB", () => {
    const sizes = [...pages].filter(([url]) => url.startsWith("/top/")).map(([url, html]) => [url, Buffer.byteLength(html)] as const);
    for (const [url, size] of sizes) expect(size, url).toBeLessThanOrEqual(40 * 1024);
    console.log(`figures: largest top page ${Math.max(...sizes.map(([, s]) => s))} bytes (${TOP} papers with excerpts)`);
  });
});
