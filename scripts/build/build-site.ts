/**
 * Content → HTML (Eleventy) → search index (Pagefind), built in a staging folder beside the output
 * and swapped in only when every step succeeded: a failed or killed build leaves the previous site
 * untouched, never a mix of old and new pages (see output-swap.ts).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { fork } from "node:child_process";
import * as pagefind from "pagefind";
import { ContentError } from "../check/content.js";
import { recoverOutput, replaceDirectory, stagingFor } from "./output-swap.js";
import { RENDER_CHILD, type RenderMessage, type RenderOptions, type RenderRequest } from "./render.js";
import { intoShards, shardFolder, shardGlob } from "../search/search-shards.js";

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
export { ELEVENTY_CONFIG } from "./render.js";

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
 * Renders the site into `dir` in a child process and returns how many files Eleventy wrote. Its own
 * process, so that the memory Eleventy took is the system's again before Pagefind takes its own:
 * in one process the two added up (render-child.ts).
 */
export function renderSite(contentDir: string, dir: string, options: RenderOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(RENDER_CHILD, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let answer: Exclude<RenderMessage, { type: "rendered" }> | undefined;
    child.on("message", (message: RenderMessage) => {
      if (message.type === "rendered") options.progress?.rendered(message.pages);
      else answer = message;
    });
    child.on("error", reject);
    // Settled once the child is gone, not when it answers: until then its memory is still taken.
    child.on("exit", (code, signal) => {
      if (answer?.type === "done") resolve(answer.files);
      else if (answer?.type === "failed") reject(answer.problems ? new ContentError(answer.problems) : new Error(answer.message));
      else reject(new Error(`rendering stopped before it finished (${signal ?? `exit code ${code}`})`));
    });
    const request: RenderRequest = { contentDir, dir, pathPrefix: options.pathPrefix ?? "/", searchShardPapers: options.searchShardPapers, progress: options.progress !== undefined };
    child.send(request);
  });
}

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
  progress?: BuildProgress;
  /**
   * The fingerprints of the shards in `dir` (an earlier run's `fingerprints`): a shard whose pages
   * are byte for byte those it was built from is not indexed again (`npm start`, after an edit).
   */
  unchanged?: ReadonlyMap<string, string>;
}

/** A shard's pages, slug and bytes, in one hash: Pagefind's output is a function of them. */
function fingerprint(dir: string, slugs: readonly string[]): string {
  const hash = createHash("sha256");
  for (const slug of slugs) hash.update(`${slug}\0`).update(readFileSync(path.join(dir, "papers", slug, "index.html"))).update("\0");
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

export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const contentDir = options.contentDir ?? "content";
  const outDir = options.outDir ?? "site";
  const started = performance.now();
  await recoverOutput(outDir);
  const staging = await stagingFor(outDir);
  try {
    options.progress?.phase("render");
    const files = await renderSite(contentDir, staging, options);
    const rendered = performance.now();
    options.progress?.phase("index");
    const { pages: indexed } = await indexSite(staging, { perShard: options.searchShardPapers, progress: options.progress });
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
