/**
 * The build, in order: render (Eleventy, render.ts; its after-build plugins then write the browser's
 * files and the exports beside the pages) → index (Pagefind, search-index.ts) → swap (output-swap.ts).
 * All of it happens in a staging folder beside the output, swapped in only when every step
 * succeeded: a failed or killed build leaves the previous site untouched, never a mix of old and new pages.
 */
import { rm } from "node:fs/promises";
import { recoverOutput, replaceDirectory, stagingFor } from "./output-swap.js";
import { renderSite } from "./render.js";
import { indexSite } from "./search-index.js";

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
  /** Fragment files per search shard (search-index.ts MAX_FRAGMENT_FILES); tests make it small. */
  searchFragmentFiles?: number;
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

export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const contentDir = options.contentDir ?? "content";
  const outDir = options.outDir ?? "site";
  const started = performance.now();
  // A build killed between the two renames of its swap left the old site aside: put it back first.
  await recoverOutput(outDir);
  const staging = await stagingFor(outDir);
  try {
    options.progress?.phase("render");
    const files = await renderSite(contentDir, staging, options);
    const rendered = performance.now();

    options.progress?.phase("index");
    const { pages: indexed } = await indexSite(staging, {
      perShard: options.searchShardPapers,
      maxFragmentFiles: options.searchFragmentFiles,
      progress: options.progress,
    });
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
