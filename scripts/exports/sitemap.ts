/**
 * The sitemap as files (scripts/catalog/sitemap.ts says which pages it lists): `/sitemap.xml`, or
 * past the protocol's 50,000 URLs per file an index of numbered parts. The parts are gzipped, as
 * the protocol allows: addresses that share most of their characters compress well, and a site
 * that large is near GitHub Pages' 1 GB (docs/readers.md).
 */
import { gzipSync } from "node:zlib";
import { escapeMarkup } from "./feed-format.js";
import { publicUrl, type PublicUrlContext } from "../catalog/public-url.js";
import { routes } from "../catalog/routes.js";
import type { Sitemap } from "../catalog/sitemap.js";

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
const NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";

function urlsetXml(paths: readonly string[], context: PublicUrlContext): string {
  const urls = paths.map((path) => `<url><loc>${escapeMarkup(publicUrl(path, context))}</loc></url>\n`);
  return `${XML_DECLARATION}\n<urlset xmlns="${NAMESPACE}">\n${urls.join("")}</urlset>\n`;
}

function sitemapIndexXml(sitemap: Sitemap, context: PublicUrlContext): string {
  const parts = sitemap.parts.map((part) => `<sitemap><loc>${escapeMarkup(publicUrl(part.url, context))}</loc></sitemap>\n`);
  return `${XML_DECLARATION}\n<sitemapindex xmlns="${NAMESPACE}">\n${parts.join("")}</sitemapindex>\n`;
}

export interface SitemapFile {
  /** Site path, e.g. `/sitemap.xml`. */
  path: string;
  contents: string | Buffer;
}

/** Every file of the sitemap: the one sitemap, or the index and its gzipped parts. */
export function sitemapFiles(sitemap: Sitemap, context: PublicUrlContext): SitemapFile[] {
  if (sitemap.parts.length === 0) return [{ path: routes.sitemap, contents: urlsetXml(sitemap.paths, context) }];
  return [
    { path: routes.sitemap, contents: sitemapIndexXml(sitemap, context) },
    ...sitemap.parts.map((part) => ({ path: part.url, contents: gzipSync(urlsetXml(part.paths, context), { level: 9 }) })),
  ];
}
