/**
 * The site's feeds, shaped from the catalog: one for the whole digest, one per publication year and
 * per author-count band, and one per top period (week, month, year). Entries come newest digest
 * first, in each digest's listed order (the top feeds: by rank, see TOP_FEED_PERIODS), each paper
 * once (at the newest digest that lists it), and only the newest `limit` of them, so a feed
 * stays small however large the catalog grows. Pure: no clock; a feed's `updated` is its newest digest.
 */
import { AUTHOR_BANDS, authorBand } from "./bands.js";
import type { Catalog, CatalogPaper, Link } from "./catalog.js";
import { bandSegment, routes } from "./routes.js";
import { TOP_PERIODS, type TopPage } from "./top.js";

export const FEED_ENTRIES = 50;
/** A top feed carries the latest two periods of its kind: the one still filling and the last complete one. */
export const TOP_FEED_PERIODS = 2;

export interface FeedEntry {
  paper: CatalogPaper;
  /** The first digest that listed the paper (YYYY-MM-DD): when it arrived. */
  published: string;
  /** The newest digest that lists it: the entry's place in the feed. */
  updated: string;
}

export interface Feed {
  /** `all`, a year, or a band's URL segment. */
  key: string;
  /** `Papers published in 2023`; the site title stands in front of it. */
  title: string;
  /** Path of the Atom file. */
  url: string;
  /** Path of the JSON Feed, for the main feed only. */
  jsonUrl?: string;
  /** The HTML page the feed follows. */
  home: Link;
  /** Newest digest date among the entries; absent for a feed with none. */
  updated?: string;
  entries: readonly FeedEntry[];
}

export interface Feeds {
  main: Feed;
  /** Newest year first. */
  years: readonly Feed[];
  /** In band order, unknown last; only bands with papers. */
  bands: readonly Feed[];
  /** One per top period, `week`, `month`, `year`, in that order: the top papers of its latest periods, newest period first, by rank. */
  top: readonly Feed[];
}

function bandTitle(band: string): string {
  if (band === "unknown") return "Papers with an unknown author count";
  if (band === "1") return "Papers with 1 author";
  if (band.endsWith("+")) return `Papers with ${band.slice(0, -1)} or more authors`;
  return `Papers with ${band} authors`;
}

/** Every paper once, newest digest first, in listed order within a digest. */
function* newestFirst(catalog: Catalog): Generator<FeedEntry> {
  const seen = new Set<string>();
  for (const digest of catalog.digests) {
    for (const paper of digest.papers) {
      if (seen.has(paper.slug)) continue;
      seen.add(paper.slug);
      yield { paper, published: paper.digests[0] ?? digest.date, updated: digest.date };
    }
  }
}

function feed(base: Omit<Feed, "entries" | "updated">, entries: FeedEntry[]): Feed {
  const made: Feed = { ...base, entries };
  if (entries[0]) made.updated = entries[0].updated;
  return made;
}

export function buildFeeds(catalog: Catalog, limit = FEED_ENTRIES): Feeds {
  const main: FeedEntry[] = [];
  const byYear = new Map<string, FeedEntry[]>(catalog.years.map((y) => [y.year, []]));
  const byBand = new Map<string, FeedEntry[]>();
  const wanted = byYear.size + 1 + AUTHOR_BANDS.length;
  let full = 0;
  // One pass; stops once every feed that can still grow is full.
  for (const entry of newestFirst(catalog)) {
    const { paper } = entry;
    const band = byBand.get(paper.authorBand) ?? [];
    byBand.set(paper.authorBand, band);
    for (const list of [main, byYear.get(paper.year), band]) {
      if (list && list.length < limit) {
        list.push(entry);
        if (list.length === limit) full++;
      }
    }
    if (full === wanted) break;
  }
  const topPages: Record<string, readonly TopPage[]> = { week: catalog.top.weeks, month: catalog.top.months, year: catalog.top.years };
  const top = TOP_PERIODS.map((period) => {
    const entries = (topPages[period] ?? [])
      .slice(0, TOP_FEED_PERIODS)
      .flatMap((page) => page.papers.map((paper) => ({ paper, published: paper.digests[0] ?? "", updated: paper.digests.at(-1) ?? "" })));
    const made: Feed = {
      key: `top-${period}`,
      title: `Most upvoted papers of each ${period}`,
      url: routes.topFeed(period),
      home: { label: "Most upvoted", url: routes.top },
      entries,
    };
    // Entries go by rank, not date: the feed was last updated at its newest entry's digest.
    const newest = entries
      .map((e) => e.updated)
      .sort()
      .at(-1);
    if (newest) made.updated = newest;
    return made;
  });
  return {
    top,
    main: feed({ key: "all", title: "Newest papers", url: routes.feed, jsonUrl: routes.jsonFeed, home: { label: "Latest digest", url: routes.home } }, main),
    years: catalog.years.map((y) =>
      feed(
        { key: y.year, title: `Papers published in ${y.year}`, url: routes.yearFeed(y.year), home: { label: y.year, url: routes.year(y.year) } },
        byYear.get(y.year) ?? [],
      ),
    ),
    bands: AUTHOR_BANDS.filter((band) => byBand.has(band)).map((band) =>
      feed(
        { key: bandSegment(band), title: bandTitle(band), url: routes.bandFeed(band), home: { label: "Papers by number of authors", url: routes.authors } },
        byBand.get(band) ?? [],
      ),
    ),
  };
}

/** What a page shows of a list: its kind and key, as an archive page of the catalog has them. */
export interface ListOnPage {
  url: string;
  kind?: string;
  key?: string;
}

/**
 * The feeds a page offers, most specific first: a year's pages their year's feed, an author count's
 * pages their band's feed, a top page its kind's top feed, the indexes every feed of theirs; every
 * page the main feed.
 */
export function feedsFor(feeds: Feeds, list: ListOnPage): Feed[] {
  const own: Feed[] = [];
  if (list.url === routes.top) own.push(...feeds.top);
  else if (list.kind?.startsWith("top-")) own.push(...feeds.top.filter((f) => f.key === list.kind));
  else if (list.url === routes.dates) own.push(...feeds.years);
  else if (list.url === routes.authors) own.push(...feeds.bands);
  else if ((list.kind === "year" || list.kind === "month") && list.key) {
    const year = feeds.years.find((f) => f.key === list.key?.slice(0, 4));
    if (year) own.push(year);
  } else if (list.kind === "authors" && list.key) {
    const segment = bandSegment(authorBand(list.key === "unknown" ? undefined : Number(list.key)));
    const band = feeds.bands.find((f) => f.key === segment);
    if (band) own.push(band);
  }
  return [...own, feeds.main];
}
