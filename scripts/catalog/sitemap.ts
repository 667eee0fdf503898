/**
 * The sitemap: every HTML page but the 404 page, from the catalog (so it never depends on how pages
 * are produced). Over 50,000 URLs, the protocol's limit per file, it becomes an index of numbered parts.
 */
import type { Catalog } from "./catalog.js";
import { routes } from "./routes.js";

export const SITEMAP_LIMIT = 50_000;

export interface SitemapPart {
  url: string;
  paths: readonly string[];
}

export interface Sitemap {
  /** Every page path, in a fixed order. */
  paths: readonly string[];
  /** Numbered parts when `paths` exceeds the limit; empty when one file holds them all. */
  parts: readonly SitemapPart[];
}

export function sitemapPaths(catalog: Catalog): string[] {
  const digestIndex = catalog.digestIndexPages.map((p) => p.url);
  return [
    routes.home,
    ...digestIndex,
    routes.dates,
    ...catalog.archives.map((a) => a.url),
    routes.search,
    routes.saved,
    ...catalog.archivePages.map((p) => p.url),
    routes.top,
    ...catalog.top.pages.map((p) => p.url),
    ...catalog.papers.map((p) => p.url),
  ];
}

export function buildSitemap(catalog: Catalog, limit = SITEMAP_LIMIT): Sitemap {
  const paths = sitemapPaths(catalog);
  const parts: SitemapPart[] = [];
  if (paths.length > limit) {
    for (let i = 0; i * limit < paths.length; i++) parts.push({ url: routes.sitemapPart(i + 1), paths: paths.slice(i * limit, (i + 1) * limit) });
  }
  return { paths, parts };
}
