/**
 * Which paper pages and paper lists a build renders. A full build renders all of them. A rebuild of
 * the dev server (`npm start`) renders only those whose data differs from the last build's: editing
 * one paper re-renders its page, its neighbours' pages when its title changed, and the list pages
 * it is on (archive and top pages), not the 10,000 others. A page's data is everything its template reads from the catalog,
 * so equal data means an equal page. Pure: the caller keeps the last catalog from one build to the next.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { sameDerivation, type ArchivePage, type Catalog, type CatalogPaper } from "./catalog.js";
import type { TopPage } from "./top.js";

export interface RenderPlan {
  papers: readonly CatalogPaper[];
  archivePages: readonly ArchivePage[];
  topPages: readonly TopPage[];
  /** Pages of the last build that no longer exist, to be removed from the output. */
  removed: readonly string[];
  /** Digests with a changed paper or list: their BibTeX is written again. */
  changedDigests: ReadonlySet<string>;
}

/** A build's plan: every page. */
export function renderEverything(catalog: Catalog): RenderPlan {
  return {
    papers: catalog.papers,
    archivePages: catalog.archivePages,
    topPages: catalog.top.pages,
    removed: [],
    changedDigests: new Set(catalog.digests.map((d) => d.date)),
  };
}

/**
 * Structural equality of catalog data. `paper` decides for two papers met inside other data (a
 * list's entries, a digest's papers), so that a list is compared by which papers it holds and
 * whether each of them changed, not by walking every paper again.
 */
function sameData(a: unknown, b: unknown, paper: (a: CatalogPaper, b: CatalogPaper) => boolean | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const byPaper = paper(a as CatalogPaper, b as CatalogPaper);
  if (byPaper !== undefined) return byPaper;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i], paper)) return false;
    return true;
  }
  // Loops rather than Object.keys: this runs on every object of the catalog, twice.
  let keys = 0;
  for (const key in a) {
    if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], paper)) return false;
    keys++;
  }
  for (const _ in b) keys--;
  return keys === 0;
}

/** What changed since `last`; everything when there is no last build to compare with. */
export function planRender(catalog: Catalog, last?: Catalog): RenderPlan {
  if (!last) return renderEverything(catalog);
  const current = new Set<unknown>(catalog.papers);
  const lastPapers = new Set<unknown>(last.papers);
  const changedSlugs = new Set<string>();
  const nested = (a: CatalogPaper, b: CatalogPaper) => (current.has(a) || lastPapers.has(a) ? a.slug === b.slug && !changedSlugs.has(a.slug) : undefined);
  const topLevel = () => undefined;

  const papers = catalog.papers.filter((paper) => {
    const before = last.bySlug.get(paper.slug);
    // A paper made from an unchanged file differs at most in its places: comparing only those keeps a rebuild from walking every field of every paper.
    const changed = !before || !(sameDerivation(paper, before) ? sameData(paper.places, before.places, topLevel) : sameData(paper, before, topLevel));
    if (changed) changedSlugs.add(paper.slug);
    return changed;
  });
  for (const paper of last.papers) if (!catalog.bySlug.has(paper.slug)) changedSlugs.add(paper.slug);

  const changedPages = <T extends { url: string }>(pages: readonly T[], lastPages: readonly T[]): T[] => {
    const byUrl = new Map(lastPages.map((page) => [page.url, page]));
    return pages.filter((page) => {
      const before = byUrl.get(page.url);
      return !before || !sameData(page, before, nested);
    });
  };
  const archivePages = changedPages(catalog.archivePages, last.archivePages);
  const topPages = changedPages(catalog.top.pages, last.top.pages);

  const changedDigests = new Set<string>();
  for (const slug of changedSlugs) for (const date of (catalog.bySlug.get(slug) ?? last.bySlug.get(slug))?.digests ?? []) changedDigests.add(date);
  for (const page of archivePages) if (page.kind === "digest") changedDigests.add(page.key);

  const pageUrls = (of: Catalog) => [...of.papers, ...of.archivePages, ...of.top.pages].map((p) => p.url);
  const urls = new Set(pageUrls(catalog));
  const removed = pageUrls(last).filter((url) => !urls.has(url));
  return { papers, archivePages, topPages, removed, changedDigests };
}

/** Deletes the output of pages that are gone (`/papers/x/` is `papers/x/index.html`), inside `outDir` only. */
export async function removePages(outDir: string, urls: readonly string[]): Promise<void> {
  for (const url of urls) {
    const parts = url.split("/").filter((part) => part !== "" && part !== "." && part !== "..");
    if (parts.length > 0) await rm(path.join(outDir, ...parts, "index.html"), { force: true });
  }
}
