/**
 * Open data: `/papers.json` (every paper, every field, its URL) and BibTeX for every digest (a
 * paper's own entry is on its page, layouts/paper.njk). They grow with the catalog, so they are written straight to files after Eleventy has
 * rendered the pages (not as 100,000 more templates), and `papers.json` is written a piece at a time.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { bibtexEntry } from "./bibtex.js";
import type { Catalog, CatalogPaper } from "../catalog/catalog.js";
import { copyFieldValues, PAPER_FIELDS } from "../content/fields.js";
import type { Paper } from "../content/paper.js";
import { publicUrl, type PublicUrlContext } from "../catalog/public-url.js";
import { routes } from "../catalog/routes.js";

/** Raised whenever a field of `papers.json` changes meaning or shape. */
export const PAPERS_SCHEMA = 1;

/** A paper as `papers.json` lists it: the front-matter fields the catalog copies, in file order (absent when unknown), the abstract readers see, its slug and URL. */
export interface PaperExport extends Paper {
  slug: string;
  url: string;
}

export function paperExport(paper: CatalogPaper, context: PublicUrlContext): PaperExport {
  return {
    slug: paper.slug,
    url: publicUrl(paper.url, context),
    ...(copyFieldValues(paper, PAPER_FIELDS) as Pick<PaperExport, "title" | "digests">),
    abstract: paper.abstract,
  };
}

function outputFile(outDir: string, sitePath: string): string {
  return path.join(outDir, ...sitePath.split("/").filter(Boolean));
}

/** Text is handed to the file system in pieces of about this many characters. */
const CHUNK = 1 << 20;

/**
 * One paper per line, so the file also greps and diffs well; written a piece at a time, never held
 * whole. Synchronous, like the BibTeX files below: thousands of small promise round trips cost
 * more than the writes (docs/ingest.md, "Speed and memory").
 */
function writePapersJson(catalog: Catalog, file: string, context: PublicUrlContext): void {
  const fd = openSync(file, "w");
  try {
    let pending = `{"schema":${PAPERS_SCHEMA},"count":${catalog.papers.length},"papers":[`;
    for (const [i, paper] of catalog.papers.entries()) {
      pending += `${i === 0 ? "" : ","}\n${JSON.stringify(paperExport(paper, context))}`;
      if (pending.length >= CHUNK) {
        writeSync(fd, pending);
        pending = "";
      }
    }
    writeSync(fd, `${pending}\n]}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Which BibTeX files to write: all of them in a build, those whose papers changed in a dev server's rebuild. */
export interface ExportScope {
  changedDigests: ReadonlySet<string>;
}

export function writeExports(catalog: Catalog, outDir: string, context: PublicUrlContext, scope: ExportScope): void {
  mkdirSync(path.join(outDir, "digests"), { recursive: true });
  writePapersJson(catalog, outputFile(outDir, routes.papersJson), context);
  const entry = (paper: CatalogPaper) => bibtexEntry(paper, publicUrl(paper.url, context));
  for (const digest of catalog.digests) {
    if (scope.changedDigests.has(digest.date)) writeFileSync(outputFile(outDir, routes.digestBibtex(digest.date)), digest.papers.map(entry).join("\n"));
  }
}
