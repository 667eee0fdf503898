/**
 * Every URL the site has, as a site path (the path prefix and the site's address are added where a
 * page is published: HtmlBasePlugin, public-url.ts). The catalog, the feeds, the sitemap, the exports
 * and the templates (as the `routes` global data) all ask this table; nothing else spells a URL.
 */

/** `2–3` → `2-3`, `51+` → `51-plus`: author-count bands as URL segments. */
export function bandSegment(band: string): string {
  return band.replace("–", "-").replace("+", "-plus");
}

export const routes = {
  /** The latest digest. */
  home: "/",
  search: "/search/",
  /** The reading list, kept in the reader's browser (scripts/client/saved.ts). */
  saved: "/saved/",
  /** A reading list to share: the slugs ride in the fragment, which never reaches the server. */
  savedList: (slugs: readonly string[]) => `/saved/#p=${slugs.join(",")}`,
  notFound: "/404.html",
  robots: "/robots.txt",

  paper: (slug: string) => `/papers/${slug}/`,

  digests: "/digests/",
  digest: (date: string) => `/digests/${date}/`,
  digestBibtex: (date: string) => `/digests/${date}.bib`,

  dates: "/dates/",
  year: (year: string) => `/dates/${year}/`,
  month: (year: string, month: string) => `/dates/${year}/${month}/`,
  undated: "/dates/undated/",

  authors: "/authors/",
  /** An author count, or `unknown`. */
  authorCount: (key: string) => `/authors/${key}/`,

  /** The most upvoted papers of each ISO week, month and year (top.ts). */
  top: "/top/",
  topYear: (year: string) => `/top/${year}/`,
  topMonth: (year: string, month: string) => `/top/${year}/${month}/`,
  /** An ISO week, `2026-W15`: beside the years, never inside one, since an ISO week's year is not always its days' year. */
  topWeek: (week: string) => `/top/${week}/`,

  /** Page 1 lives at the list's own URL so that it never changes when a list grows past one page. */
  page: (listUrl: string, pageNumber: number) => (pageNumber === 1 ? listUrl : `${listUrl}page/${pageNumber}/`),

  feed: "/feed.xml",
  jsonFeed: "/feed.json",
  yearFeed: (year: string) => `/feeds/years/${year}.xml`,
  bandFeed: (band: string) => `/feeds/authors/${bandSegment(band)}.xml`,
  /** `week`, `month` or `year`: the top papers of the latest periods of that kind. */
  topFeed: (period: string) => `/feeds/top/${period}.xml`,

  sitemap: "/sitemap.xml",
  /** Over the protocol's limit of URLs per file, the sitemap is an index of these parts, from 1. */
  sitemapPart: (n: number) => `/sitemap-${n}.xml.gz`,

  /** The open data: an index of the paper files, and every paper of one publication year (or `undated`) per file. */
  dataIndex: "/data/index.json",
  papersOfYear: (year: string) => `/data/papers-${year}.json`,
  /** Stylesheets, scripts and the icon, by file name (client-bundle.ts writes them there). */
  asset: (name: string) => `/assets/${name}`,
} as const;

export type Routes = typeof routes;
