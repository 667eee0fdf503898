/**
 * What a page tells search engines, link previews and citation managers: a short description, and
 * for a paper the schema.org `ScholarlyArticle` JSON-LD (safe to place inside a `<script>` element)
 * and the Highwire `citation_*` tags. None of them repeats the abstract: it is on the page once
 * (issue 17).
 */
import type { CatalogPaper } from "./catalog.js";
import { arxivLinks } from "../content/arxiv.js";

export const DESCRIPTION_LENGTH = 160;

/** The text cut at a word boundary to at most `length` characters, with an ellipsis when cut (or when it came cut, as an excerpt ending ` …`). */
export function shortDescription(text: string, length = DESCRIPTION_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const whole = flat.replace(/ …$/, "");
  if (whole.length < flat.length && whole.length < length) return `${whole}…`;
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

/**
 * JSON whose text can sit inside `<script type="application/ld+json">`: `<`, `>` and `&` as JSON
 * escapes, so `</script>` or `<!--` in a title can never end or change the element; `'` too, so
 * that no character with a meaning in HTML is left in the page raw; and the two line separators
 * JavaScript once disallowed in strings.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/'/g, "\\u0027")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * What a search engine cannot read from the page's other tags: the type, name, URL, date and the
 * organisation. No description (the meta description has it), no headline (the name again), no
 * site (the title names it): on 100,000 pages each of those costs megabytes.
 */
export function scholarlyArticle(paper: CatalogPaper, url: string): Record<string, unknown> {
  const article: Record<string, unknown> = { "@context": "https://schema.org", "@type": "ScholarlyArticle", name: paper.title, url };
  if (paper.published !== undefined) article.datePublished = paper.published;
  if (paper.organization !== undefined) article.author = { "@type": "Organization", name: paper.organization };
  if (paper.comments !== undefined) article.commentCount = paper.comments;
  return article;
}

/**
 * Highwire Press tags, as Google Scholar's inclusion guidelines and Zotero's Embedded Metadata
 * translator read them: the title, each author by name (only when the names are known; an
 * organisation is not a person), the date as `YYYY/MM/DD`, and for an arXiv paper its id and PDF,
 * which Zotero saves with the item. Zotero takes the item's URL from the canonical link, so
 * `citation_abstract_html_url` would only say it again; `citation_abstract` would repeat the abstract.
 */
export function citationTags(paper: CatalogPaper): [name: string, content: string][] {
  const tags: [string, string][] = [["citation_title", paper.title]];
  for (const name of paper.names ?? []) tags.push(["citation_author", name]);
  if (paper.published !== undefined) tags.push(["citation_publication_date", paper.published.replace(/-/g, "/")]);
  if (paper.arxiv !== undefined) tags.push(["citation_arxiv_id", paper.arxiv], ["citation_pdf_url", arxivLinks(paper.arxiv).pdf]);
  return tags;
}
