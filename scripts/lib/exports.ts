/**
 * Open data: `/papers.json` (every paper, every field, its URL) and BibTeX for every paper and every
 * digest. They grow with the catalog, so they are written straight to files after Eleventy has
 * rendered the pages (not as 100,000 more templates), and `papers.json` is streamed one paper at a time.
 */
import { createWriteStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import { bibtexEntry } from "./bibtex.js";
import type { Catalog, CatalogPaper } from "./catalog.js";
import type { Paper } from "./paper.js";
import { publicUrl, type PublicUrlContext } from "./public-url.js";

/** Raised whenever a field of `papers.json` changes meaning or shape. */
export const PAPERS_SCHEMA = 1;
export const PAPERS_JSON = "/papers.json";

export function paperBibUrl(slug: string): string {
  return `/papers/${slug}.bib`;
}

export function digestBibUrl(date: string): string {
  return `/digests/${date}.bib`;
}

/** A paper as `papers.json` lists it: the front-matter fields (absent when unknown), the abstract readers see, its slug and URL. */
export interface PaperExport extends Paper {
  slug: string;
  url: string;
}

export function paperExport(paper: CatalogPaper, context: PublicUrlContext): PaperExport {
  return {
    slug: paper.slug,
    url: publicUrl(paper.url, context),
    title: paper.title,
    ...(paper.authors !== undefined && { authors: paper.authors }),
    ...(paper.organization !== undefined && { organization: paper.organization }),
    ...(paper.published !== undefined && { published: paper.published }),
    ...(paper.comments !== undefined && { comments: paper.comments }),
    ...(paper.upvotes !== undefined && { upvotes: paper.upvotes }),
    digests: [...paper.digests],
    abstract: paper.abstract,
  };
}

function outputFile(outDir: string, sitePath: string): string {
  return path.join(outDir, ...sitePath.split("/").filter(Boolean));
}

/** One paper per line, so the file also greps and diffs well; written with back-pressure, never held whole. */
async function writePapersJson(catalog: Catalog, file: string, context: PublicUrlContext): Promise<void> {
  const stream = createWriteStream(file, { encoding: "utf8" });
  const finished = once(stream, "finish");
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, "drain");
  };
  await write(`{"schema":${PAPERS_SCHEMA},"count":${catalog.papers.length},"papers":[`);
  for (const [i, paper] of catalog.papers.entries()) {
    await write(`${i === 0 ? "" : ","}\n${JSON.stringify(paperExport(paper, context))}`);
  }
  await write("\n]}\n");
  stream.end();
  await finished;
}

/** Runs `work` over `items` with a few files open at a time. */
async function inBatches<T>(items: readonly T[], work: (item: T) => Promise<void>, size = 64): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

export async function writeExports(catalog: Catalog, outDir: string, context: PublicUrlContext): Promise<void> {
  await mkdir(path.join(outDir, "papers"), { recursive: true });
  await mkdir(path.join(outDir, "digests"), { recursive: true });
  await writePapersJson(catalog, outputFile(outDir, PAPERS_JSON), context);
  const entry = (paper: CatalogPaper) => bibtexEntry(paper, publicUrl(paper.url, context));
  await inBatches(catalog.papers, (paper) => writeFile(outputFile(outDir, paperBibUrl(paper.slug)), entry(paper)));
  await inBatches(catalog.digests, (digest) => writeFile(outputFile(outDir, digestBibUrl(digest.date)), digest.papers.map(entry).join("\n")));
}
