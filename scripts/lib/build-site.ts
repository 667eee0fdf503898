/**
 * Content → HTML (Eleventy) → search index (Pagefind), built in a staging folder beside the output
 * and swapped in only when every step succeeded: a failed or killed build leaves the previous site
 * untouched, never a mix of old and new pages (see output-swap.ts).
 */
import { readFileSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import * as pagefind from "pagefind";
import { isContentError } from "./content.js";
import { recoverOutput, replaceDirectory, stagingFor } from "./output-swap.js";
import { intoShards, shardFolder } from "./search-shards.js";

export const ELEVENTY_CONFIG = fileURLToPath(new URL("../../.eleventy.ts", import.meta.url));

/** What a long build tells its caller as it goes (the command prints it; see progress.ts). */
export interface BuildProgress {
  /** A phase begins: `render` (Eleventy) or `index` (Pagefind). */
  phase(name: BuildPhase): void;
  /** Another page written by Eleventy. */
  rendered(pages: number): void;
  /** Another search shard written: pages indexed so far. */
  indexed(pages: number, shard: number, shards: number): void;
}

export type BuildPhase = "render" | "index";

export interface BuildOptions {
  /** Folder with `papers/` and `digests/`; default `content`. */
  contentDir?: string;
  /** Default `site`. */
  outDir?: string;
  /** Sub-path the site is served under, e.g. `/paper-digest/`; default `/`. */
  pathPrefix?: string;
  /** Papers per search shard (search-shards.ts); tests make it small to build several shards. */
  searchShardPapers?: number;
  progress?: BuildProgress;
}

export interface BuildResult {
  outDir: string;
  /** Files Eleventy wrote (pages and copied assets). */
  files: number;
  /** Pages in the search index. */
  indexed: number;
  /** Milliseconds. */
  timings: { eleventy: number; pagefind: number; total: number };
}

/**
 * Eleventy wraps errors from data and templates several levels deep. Content problems come out as
 * they are; anything else as the chain of messages, outermost first.
 */
function explain(error: unknown): Error {
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 10; ) {
    chain.push(e);
    e = (e as { originalError?: unknown }).originalError ?? e.cause;
  }
  const content = chain.find(isContentError);
  if (content) return content;
  if (chain.length === 0) return new Error(String(error));
  if (chain.length === 1) return chain[0] as Error;
  return new Error(chain.map((e) => e.message).join("\n  because: "), { cause: error });
}

/** Renders the site into `dir` and returns how many files Eleventy wrote. */
export async function renderSite(contentDir: string, dir: string, options: Pick<BuildOptions, "pathPrefix" | "searchShardPapers" | "progress"> = {}): Promise<number> {
  const { progress, searchShardPapers } = options;
  let pages = 0;
  const eleventy = new Eleventy(contentDir, dir, {
    configPath: ELEVENTY_CONFIG,
    pathPrefix: options.pathPrefix ?? "/",
    quietMode: true,
    config(eleventyConfig: UserConfig) {
      // The search page says how many shards to ask (search-shards.ts).
      if (searchShardPapers !== undefined) eleventyConfig.addGlobalData("searchShardPapers", searchShardPapers);
      // Transforms run once per output file, as it is written: the one per-page hook Eleventy has.
      if (progress) eleventyConfig.addTransform("progress", (content: unknown) => (progress.rendered(++pages), content));
    },
  });
  // Results and errors are reported by our callers, once and without Eleventy's stack traces.
  eleventy.disableLogger();
  const [, templates] = (await eleventy.write()) as unknown as [unknown, unknown[]];
  return templates.length;
}

/** Pages in a written Pagefind index, from its entry file (the pages Pagefind actually kept). */
async function indexedPageCount(pagefindDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(pagefindDir, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** The paper pages of a rendered site (the only pages with a search body), in slug order: the shards' order. */
async function paperPages(dir: string): Promise<string[]> {
  const slugs = await readdir(path.join(dir, "papers"), { withFileTypes: true }).catch(() => []);
  return slugs
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((slug) => `papers/${slug}/index.html`);
}

/**
 * Indexes the paper pages in `dir` into search shards of `perShard` papers, written into `outputRoot`
 * (default `dir`) as `pagefind/`, `pagefind-1/`, …; returns the number of pages indexed. One shard
 * at a time, each with its own index, so that memory holds one shard's index, never the whole site's.
 */
export async function indexSite(dir: string, options: { outputRoot?: string; perShard?: number; progress?: BuildProgress } = {}): Promise<number> {
  const shards = intoShards(await paperPages(dir), options.perShard);
  let indexed = 0;
  try {
    for (const [number, pages] of shards.entries()) {
      const { index, errors } = await pagefind.createIndex({ forceLanguage: "en" });
      if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
      try {
        for (const sourcePath of pages) {
          const added = await index.addHTMLFile({ sourcePath, content: readFileSync(path.join(dir, sourcePath), "utf8") });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index ${sourcePath}: ${added.errors.join("; ")}`);
        }
        const outputPath = path.join(options.outputRoot ?? dir, shardFolder(number));
        const written = await index.writeFiles({ outputPath });
        if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
        indexed += await indexedPageCount(outputPath);
        options.progress?.indexed(indexed, number + 1, shards.length);
      } finally {
        await index.deleteIndex();
      }
    }
    return indexed;
  } finally {
    await pagefind.close();
  }
}

export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const contentDir = options.contentDir ?? "content";
  const outDir = options.outDir ?? "site";
  const started = performance.now();
  await recoverOutput(outDir);
  const staging = await stagingFor(outDir);
  try {
    options.progress?.phase("render");
    const files = await renderSite(contentDir, staging, options).catch((error: unknown) => {
      throw explain(error);
    });
    const rendered = performance.now();
    options.progress?.phase("index");
    const indexed = await indexSite(staging, { perShard: options.searchShardPapers, progress: options.progress });
    const finished = performance.now();
    await replaceDirectory(staging, outDir);
    return {
      outDir,
      files,
      indexed,
      timings: { eleventy: rendered - started, pagefind: finished - rendered, total: performance.now() - started },
    };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
