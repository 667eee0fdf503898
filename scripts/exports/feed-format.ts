/**
 * What feeds say about a paper, and the JSON Feed document. Atom is a Nunjucks template
 * (layouts/partials/atom.njk) that uses these helpers; JSON Feed is built here, as data, so that
 * escaping is JSON.stringify's.
 */
import { dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import type { CatalogPaper } from "../catalog/catalog.js";
import type { Feed } from "../catalog/feeds.js";
import { publicId, publicUrl, type PublicUrlContext } from "../catalog/public-url.js";

/** Characters XML 1.0 forbids even as references; a title could carry one through a YAML escape. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(text: string): string {
  return text.replace(NOT_XML, "\uFFFD");
}

/** Text as HTML or XML text or attribute value. */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** `2026-04-13` → `2026-04-13T00:00:00Z`, through the RSS plugin's formatter. */
export function rfc3339(isoDay: string): string {
  return dateToRfc3339(new Date(`${isoDay}T00:00:00Z`));
}

/** The facts line: published date, authors, upvotes. */
export function paperFacts(paper: CatalogPaper): string {
  const facts = [paper.dateLabel ? `Published ${paper.dateLabel}` : "Date unknown", paper.authorsLabel ?? "Authors unknown"];
  if (paper.upvotes !== undefined) facts.push(`${paper.upvotes} ${paper.upvotes === 1 ? "upvote" : "upvotes"}`);
  return facts.join(" · ");
}

/** An entry's content as HTML: the facts, then the full abstract paragraph by paragraph, all as text. */
export function paperHtml(paper: CatalogPaper): string {
  const paragraphs = paper.abstract.split("\n\n").map((p) => `<p>${escapeMarkup(xmlText(p))}</p>`);
  return [`<p><em>${escapeMarkup(paperFacts(paper))}</em></p>`, ...paragraphs].join("\n");
}

export interface FeedSite {
  title: string;
  description: string;
}

/** A JSON Feed 1.1 document. */
export function jsonFeed(feed: Feed, site: FeedSite, context: PublicUrlContext): string {
  const document = {
    version: "https://jsonfeed.org/version/1.1",
    title: `${site.title}: ${feed.title}`,
    home_page_url: publicUrl(feed.home.url, context),
    feed_url: publicUrl(feed.jsonUrl ?? feed.url, context),
    description: site.description,
    language: "en",
    authors: [{ name: site.title }],
    items: feed.entries.map(({ paper, published, updated }) => ({
      id: publicId(paper.url, context),
      url: publicUrl(paper.url, context),
      title: paper.title,
      content_html: paperHtml(paper),
      summary: paper.excerpt,
      date_published: rfc3339(published),
      date_modified: rfc3339(updated),
      tags: [paper.year, paper.authorBand],
    })),
  };
  return `${JSON.stringify(document, null, 1)}\n`;
}
