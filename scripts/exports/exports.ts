/**
 * Open data: the papers, one file per publication year (`/data/papers-2025.json`, the undated ones
 * in `/data/papers-undated.json`) listed in `/data/index.json`, and BibTeX for every digest (a
 * paper's own entry is on its page, layouts/paper.njk); and the sitemap. They grow with the
 * catalog, so they are written straight to files after Eleventy has rendered the pages (not as
 * 100,000 more templates), and each paper file is written a piece at a time.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { bibtexEntry } from "./bibtex.js";
import type { Catalog, CatalogPaper } from "../catalog/catalog.js";
import { copyFieldValues, PAPER_FIELDS } from "../content/fields.js";
import type { Paper } from "../content/paper.js";
import { citableUrl, publicUrl, type PublicUrlContext } from "../catalog/public-url.js";
import { routes } from "../catalog/routes.js";
import { buildSitemap } from "../catalog/sitemap.js";
import { sitemapFiles } from "./sitemap.js";

/**
 * Raised whenever a field of the paper files or of the index changes meaning or shape.
 * 2: `/papers.json` split into one file per publication year, listed in `/data/index.json`.
 */
export const PAPERS_SCHEMA = 2;

/** A paper as the paper files list it: the front-matter fields the catalog copies, in file order (absent when unknown), the abstract readers see, its slug and URL. */
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

/** The papers of one publication year (`null`: the undated ones), in slug order, and their file's site path. */
export interface YearPapers {
  year: number | null;
  path: string;
  papers: readonly CatalogPaper[];
}

/** Every paper in exactly one year's group: newest year first, the undated last, each group in the catalog's slug order. */
export function papersByYear(papers: readonly CatalogPaper[]): YearPapers[] {
  const groups = new Map<string, CatalogPaper[]>();
  for (const paper of papers) {
    const key = paper.published === undefined ? "undated" : paper.year;
    const group = groups.get(key);
    if (group) group.push(paper);
    else groups.set(key, [paper]);
  }
  // Four-digit years sort as strings; `undated` is put last by hand, not by where "u" sorts.
  const keys = [...groups.keys()].filter((key) => key !== "undated").sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  if (groups.has("undated")) keys.push("undated");
  return keys.map((key) => ({ year: key === "undated" ? null : Number(key), path: routes.papersOfYear(key), papers: groups.get(key)! }));
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
function writeYearFile(group: YearPapers, file: string, context: PublicUrlContext): void {
  const fd = openSync(file, "w");
  try {
    let pending = `{"schema":${PAPERS_SCHEMA},"year":${JSON.stringify(group.year)},"count":${group.papers.length},"papers":[`;
    for (const [i, paper] of group.papers.entries()) {
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

/** The index a reader starts from: every paper file's year, paper count and URL, one file per line. */
export function dataIndex(groups: readonly YearPapers[], context: PublicUrlContext): string {
  const total = groups.reduce((sum, group) => sum + group.papers.length, 0);
  const files = groups.map((group) => JSON.stringify({ year: group.year, count: group.papers.length, url: publicUrl(group.path, context) }));
  return `{"schema":${PAPERS_SCHEMA},"count":${total},"files":[\n${files.join(",\n")}\n]}\n`;
}

/**
 * The paper files and their index. The folder holds nothing else, so whatever else is in it is a
 * year file from an earlier rebuild of the dev server whose year has no papers now: it goes.
 */
function writePaperData(catalog: Catalog, outDir: string, context: PublicUrlContext): void {
  const groups = papersByYear(catalog.papers);
  const indexFile = outputFile(outDir, routes.dataIndex);
  const dir = path.dirname(indexFile);
  mkdirSync(dir, { recursive: true });
  const written = new Set([path.basename(indexFile)]);
  for (const group of groups) {
    const file = outputFile(outDir, group.path);
    writeYearFile(group, file, context);
    written.add(path.basename(file));
  }
  for (const name of readdirSync(dir)) if (!written.has(name)) rmSync(path.join(dir, name), { recursive: true, force: true });
  writeFileSync(indexFile, dataIndex(groups, context));
}

/** Which BibTeX files to write: all of them in a build, those whose papers changed in a dev server's rebuild. */
export interface ExportScope {
  changedDigests: ReadonlySet<string>;
}

/**
 * The sitemap, whole (a dev server's rebuild may add or remove a page). Parts are numbered from 1
 * without gaps, so the parts of an earlier rebuild past the current count are the ones to remove.
 */
export function writeSitemap(catalog: Catalog, outDir: string, context: PublicUrlContext, limit?: number): void {
  const sitemap = buildSitemap(catalog, limit);
  for (const file of sitemapFiles(sitemap, context)) writeFileSync(outputFile(outDir, file.path), file.contents);
  for (let n = sitemap.parts.length + 1; existsSync(outputFile(outDir, routes.sitemapPart(n))); n++) rmSync(outputFile(outDir, routes.sitemapPart(n)));
}

export function writeExports(catalog: Catalog, outDir: string, context: PublicUrlContext, scope: ExportScope): void {
  mkdirSync(path.join(outDir, "digests"), { recursive: true });
  writePaperData(catalog, outDir, context);
  writeSitemap(catalog, outDir, context);
  const entry = (paper: CatalogPaper) => bibtexEntry(paper, citableUrl(paper.url, context));
  for (const digest of catalog.digests) {
    if (scope.changedDigests.has(digest.date)) writeFileSync(outputFile(outDir, routes.digestBibtex(digest.date)), digest.papers.map(entry).join("\n"));
  }
}
