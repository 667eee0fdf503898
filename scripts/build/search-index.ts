/**
 * The build's search step: the paper pages of a rendered site indexed by Pagefind into search shards
 * (scripts/search/search-shards.ts), one shard at a time.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { intoShards, shardFolder, shardGlob } from "../search/search-shards.js";

/** Pages in a written Pagefind index, from its entry file (the pages Pagefind actually kept). */
export function indexedPageCount(pagefindDir: string): number {
  const entry = JSON.parse(readFileSync(path.join(pagefindDir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** The slugs of a rendered site's paper pages, in code-unit order: the shards' order. */
async function paperSlugs(dir: string): Promise<string[]> {
  const slugs = await readdir(path.join(dir, "papers"), { withFileTypes: true }).catch(() => []);
  return slugs
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** What an index run did, shard by shard. */
export interface IndexResult {
  /** Pages in the index, all shards together. */
  pages: number;
  /** The shards' folders, in order. */
  shards: string[];
  /** The shards this run indexed, into `outputRoot`; the others were found unchanged and left as they are. */
  written: string[];
  /** Each shard's fingerprint (its pages' slugs and bytes), for a later run to compare with. */
  fingerprints: Map<string, string>;
}

export interface IndexOptions {
  /** Where the shards are written; default `dir`. */
  outputRoot?: string;
  perShard?: number;
  progress?: { indexed(pages: number, shard: number, shards: number): void };
  /**
   * The fingerprints of the shards in `dir` (an earlier run's `fingerprints`): a shard whose pages
   * are byte for byte those it was built from is not indexed again (`npm start`, after an edit).
   */
  unchanged?: ReadonlyMap<string, string>;
}

/** A shard's pages, slug and bytes, in one hash: Pagefind's output is a function of them. */
function fingerprint(dir: string, slugs: readonly string[]): string {
  const hash = createHash("sha256");
  for (const slug of slugs)
    hash
      .update(`${slug}\0`)
      .update(readFileSync(path.join(dir, "papers", slug, "index.html")))
      .update("\0");
  return hash.digest("hex");
}

/**
 * Indexes the paper pages in `dir` into search shards of `perShard` papers, written into `outputRoot`
 * as `pagefind/`, `pagefind-1/`, …. One shard at a time, each with its own index, so that memory
 * holds one shard's index, never the whole site's. Pagefind reads each shard's pages where they
 * are, picked by a glob of the shard's slug range: copying them elsewhere first, or handing them
 * over one by one through its service, cost more than the whole of its own reading and parsing
 * (docs/performance.md).
 */
export async function indexSite(dir: string, options: IndexOptions = {}): Promise<IndexResult> {
  const shards = intoShards(await paperSlugs(dir), options.perShard);
  const result: IndexResult = { pages: 0, shards: shards.map((_, i) => shardFolder(i)), written: [], fingerprints: new Map() };
  try {
    for (const [number, slugs] of shards.entries()) {
      const folder = shardFolder(number);
      if (options.unchanged) {
        const print = fingerprint(dir, slugs);
        result.fingerprints.set(folder, print);
        if (options.unchanged.get(folder) === print && existsSync(path.join(dir, folder, "pagefind-entry.json"))) {
          result.pages += indexedPageCount(path.join(dir, folder));
          options.progress?.indexed(result.pages, number + 1, shards.length);
          continue;
        }
      }
      const { index, errors } = await pagefind.createIndex({ forceLanguage: "en" });
      if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
      try {
        const next = shards[number + 1]?.[0];
        const added = await index.addDirectory({ path: dir, glob: shardGlob(number === 0 ? undefined : slugs[0], next) });
        if (added.errors.length > 0) throw new Error(`Pagefind could not index ${dir}: ${added.errors.join("; ")}`);
        if (added.page_count !== slugs.length) throw new Error(`Pagefind found ${added.page_count} of the ${slugs.length} pages of search shard ${number + 1}`);
        const outputPath = path.join(options.outputRoot ?? dir, folder);
        const written = await index.writeFiles({ outputPath });
        if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
        result.pages += indexedPageCount(outputPath);
        result.written.push(folder);
        options.progress?.indexed(result.pages, number + 1, shards.length);
      } finally {
        await index.deleteIndex();
      }
    }
    return result;
  } finally {
    await pagefind.close();
  }
}
