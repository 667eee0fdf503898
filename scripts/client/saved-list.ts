/**
 * The reading list's data, without the DOM: what a saved paper is, how the list is kept in
 * localStorage, how it travels in a shared URL, and how its BibTeX becomes one file. Everything
 * read back (storage another page of the same origin can write, a URL anyone can craft) is checked
 * here before the page uses it; the page scripts (saved.ts, save-button.ts) and the tests share it.
 */
import { routes } from "../catalog/routes.js";
import { isSlug } from "../content/slug-pattern.js";

export interface SavedPaper {
  slug: string;
  title: string;
  /** The published date (`YYYY-MM-DD`) and its label as the paper's page shows it, when the paper has one. */
  date?: string;
  dateLabel?: string;
  /** The entry the paper's page shows; fetched again from the page when missing. */
  bibtex?: string;
}

/** A shared URL names at most this many papers: each costs the page one request when opened. */
export const MOST_SHARED = 500;
/** Longer text is not what a paper page holds: a stored value past it is not ours. */
const LONGEST_TEXT = 100_000;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 && value.length <= LONGEST_TEXT ? value : undefined;
}

/** One stored entry, or undefined when it is not one: a missing or malformed field is dropped, never trusted. */
export function asSavedPaper(value: unknown): SavedPaper | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const slug = text(record.slug);
  const title = text(record.title)?.trim();
  if (slug === undefined || !isSlug(slug) || !title) return undefined;
  const paper: SavedPaper = { slug, title };
  const date = text(record.date);
  if (date !== undefined && ISO_DAY.test(date)) {
    paper.date = date;
    const label = text(record.dateLabel);
    if (label !== undefined) paper.dateLabel = label;
  }
  const bibtex = text(record.bibtex);
  if (bibtex !== undefined) paper.bibtex = bibtex;
  return paper;
}

/** The stored list: entries that are not papers, and repeats of a slug, are left out. */
export function parseStoredList(json: string | null): SavedPaper[] {
  if (json === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const list: SavedPaper[] = [];
  for (const entry of value) {
    const paper = asSavedPaper(entry);
    if (paper && !seen.has(paper.slug)) {
      seen.add(paper.slug);
      list.push(paper);
    }
  }
  return list;
}

/**
 * Sites under different path prefixes of one origin (GitHub Pages project sites share
 * `user.github.io`) share localStorage: each keeps its own list.
 */
export function storageKey(base: string): string {
  return `paper-digest-saved:${base || "/"}`;
}

/**
 * The site's path prefix (`/paper-digest`, or "" at the root) from the URL of one of its scripts:
 * the script is at `<prefix>/assets/<name>` (routes.asset), whatever page loads it.
 */
export function siteBase(scriptUrl: string, assetName: string): string {
  const path = new URL(scriptUrl).pathname;
  const tail = routes.asset(assetName);
  return path.endsWith(tail) ? path.slice(0, -tail.length) : "";
}

/** The slug of the paper page at `pathname` (under the site's prefix `base`), or undefined on any other page. */
export function paperSlugOf(pathname: string, base: string): string | undefined {
  const [head = "", tail = ""] = routes.paper("\u0000").split("\u0000");
  const start = base + head;
  if (!pathname.startsWith(start) || !pathname.endsWith(tail) || pathname.length < start.length + tail.length) return undefined;
  const slug = pathname.slice(start.length, pathname.length - tail.length);
  return isSlug(slug) ? slug : undefined;
}

/** The list with `paper` at its end, or in its place when already saved (its details refreshed). */
export function withPaper(list: readonly SavedPaper[], paper: SavedPaper): SavedPaper[] {
  const at = list.findIndex((p) => p.slug === paper.slug);
  return at < 0 ? [...list, paper] : list.map((p, i) => (i === at ? paper : p));
}

export function withoutPaper(list: readonly SavedPaper[], slug: string): SavedPaper[] {
  return list.filter((p) => p.slug !== slug);
}

/** The local list followed by the shared papers it lacks, in the shared order. */
export function mergeLists(local: readonly SavedPaper[], shared: readonly SavedPaper[]): SavedPaper[] {
  const have = new Set(local.map((p) => p.slug));
  return [...local, ...shared.filter((p) => !have.has(p.slug))];
}

/** The fragment of a shared list's URL, as routes.savedList writes it. */
export function shareHash(slugs: readonly string[]): string {
  const url = routes.savedList(slugs);
  return url.slice(url.indexOf("#"));
}

/**
 * The slugs a shared URL's fragment names, in order, each once: anything that is not a slug is
 * dropped (never fetched), and past MOST_SHARED the rest is ignored. `#p=a,b`; other keys are ignored.
 */
export function parseShareHash(hash: string): string[] {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const slugs: string[] = [];
  for (const part of (params.get("p") ?? "").split(",")) {
    const slug = part.trim();
    if (isSlug(slug) && !slugs.includes(slug)) slugs.push(slug);
    if (slugs.length === MOST_SHARED) break;
  }
  return slugs;
}

/** One `.bib` file of entries, in list order, a blank line between them. */
export function joinBibtex(entries: readonly string[]): string {
  const parts = entries.map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  return parts.length === 0 ? "" : `${parts.join("\n\n")}\n`;
}

/** `papers-saved-3.bib`: a name that says what the file holds without a clock. */
export function bibtexFileName(count: number): string {
  return `saved-papers-${count}.bib`;
}

/**
 * What a paper's page tells about the paper, read from its document (the page itself on save, or a
 * fetched copy parsed by DOMParser, which runs nothing): the title, the date, and the BibTeX
 * entry that the page shows in its Cite section (`section.cite pre.bibtex`).
 */
export function paperFromPage(doc: Document, slug: string): SavedPaper | undefined {
  const title = doc.querySelector("article.paper h1")?.textContent?.trim();
  if (!title) return undefined;
  const time = doc.querySelector("article.paper .facts time[datetime]");
  const bibtex = doc.querySelector("section.cite pre.bibtex")?.textContent ?? undefined;
  return asSavedPaper({ slug, title, date: time?.getAttribute("datetime") ?? undefined, dateLabel: time?.textContent?.trim(), bibtex });
}
