/**
 * When a day is complete, and how its pages become one file. The API pages with `p` and `limit`: a
 * page holding fewer papers than asked for is the last. An answer carrying a `Link` header is
 * followed by its `rel="next"` instead, and a page whose `Link` has no next is the last.
 */
import { pageUrl } from "./api.js";
import { FetchError, type Page } from "./response.js";

/** The `rel="next"` target of a `Link` header (RFC 8288), resolved against the page's URL. */
export function nextLink(link: string | null, pageUrl: string): string | undefined {
  if (link === null) return undefined;
  for (const match of link.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rels = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2]!);
    const names = (rels?.[1] ?? rels?.[2] ?? "").toLowerCase().split(/\s+/);
    if (names.includes("next")) return new URL(match[1]!, pageUrl).href;
  }
  return undefined;
}

export interface PageStep {
  base: string;
  day: string;
  /** The page just read, from 0, and the URL it came from. */
  page: number;
  url: string;
  link: string | null;
  papers: number;
  limit: number;
}

/** The URL of the day's next page, or undefined when the page just read was its last. */
export function nextPageUrl(step: PageStep): string | undefined {
  if (step.link !== null) {
    const next = nextLink(step.link, step.url);
    if (next === undefined) return undefined;
    if (new URL(next).origin !== new URL(step.base).origin) throw new FetchError(`${step.url}: its Link header points to another site (${next}); not followed`);
    return next;
  }
  return step.papers >= step.limit ? pageUrl(step.base, step.day, step.page + 1, step.limit) : undefined;
}

/** Refuses a page that repeats papers of the day's earlier pages: the API did not move on. */
export function checkNewPapers(page: Page, seen: ReadonlySet<string>, url: string): void {
  const repeated = page.ids.filter((id) => seen.has(id));
  if (repeated.length > 0)
    throw new FetchError(`${url}: the page repeats ${repeated.length} paper(s) of the day's earlier pages (${repeated[0]}); paging did not advance`);
}

/**
 * One day's pages as one JSON array: the first page's text up to its closing bracket, then each
 * later page's items (the text between its brackets) after a comma. Every item keeps the bytes it
 * was served with, and a day of one page is its page, byte for byte. Pages without items add nothing.
 */
export function joinPages(texts: readonly string[]): string {
  const full = texts.filter((text) => !/^\s*\[\s*\]\s*$/.test(text));
  if (full.length === 0) return texts[0] ?? "[]";
  const first = full[0]!;
  const close = first.lastIndexOf("]");
  const middles = full.slice(1).map((text) => text.slice(text.indexOf("[") + 1, text.lastIndexOf("]")));
  return `${first.slice(0, close)}${middles.map((items) => `,${items}`).join("")}${first.slice(close)}`;
}
