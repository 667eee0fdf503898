/**
 * What a page tells search engines and link previews: a short description, and for a paper the
 * schema.org `ScholarlyArticle` JSON-LD, safe to place inside a `<script>` element.
 */
import type { CatalogPaper } from "./catalog.js";

export const DESCRIPTION_LENGTH = 160;

/** The text cut at a word boundary to at most `length` characters, with an ellipsis when cut. */
export function shortDescription(text: string, length = DESCRIPTION_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").replace(/ …$/, "").trim();
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

export function scholarlyArticle(paper: CatalogPaper, url: string, siteTitle: string): Record<string, unknown> {
  const article: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "ScholarlyArticle",
    name: paper.title,
    headline: shortDescription(paper.title, 110),
    url,
    description: shortDescription(paper.excerpt),
  };
  if (paper.published !== undefined) article.datePublished = paper.published;
  if (paper.organization !== undefined) article.author = { "@type": "Organization", name: paper.organization };
  if (paper.comments !== undefined) article.commentCount = paper.comments;
  if (paper.upvotes !== undefined) {
    article.interactionStatistic = { "@type": "InteractionCounter", interactionType: "https://schema.org/LikeAction", userInteractionCount: paper.upvotes };
  }
  article.isPartOf = { "@type": "WebSite", name: siteTitle };
  return article;
}
