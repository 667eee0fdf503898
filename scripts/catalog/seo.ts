/**
 * What a page tells search engines, link previews and citation managers: a short description, and
 * for a paper the Highwire `citation_*` tags. Neither repeats the abstract, which is on the page
 * once (issue 17). Paper pages carry no schema.org JSON-LD: it said the title and date a third
 * time, for no rich result that search engines show for a `ScholarlyArticle`.
 */
import type { CatalogPaper } from "./catalog.js";
import { arxivLinks } from "../content/arxiv.js";

export const DESCRIPTION_LENGTH = 160;

/** The text on one line, cut at a word boundary to at most `length` characters, with an ellipsis when cut. */
export function shortDescription(text: string, length = DESCRIPTION_LENGTH): string {
  const flatten = (part: string) => part.replace(/\s+/g, " ").trim();
  // Only the start can be shown: the whole text is flattened only when its start is too short to tell.
  const start = text.trimStart();
  let flat = flatten(start.slice(0, 2 * length));
  if (flat.length <= length && start.length > 2 * length) flat = flatten(start);
  if (flat.length <= length) return flat;
  const cut = flat.slice(0, length - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
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
