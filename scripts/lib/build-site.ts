/**
 * Content → HTML (Eleventy) → search index (Pagefind), built in a staging folder beside the output
 * and swapped in only when every step succeeded: a failed or killed build leaves the previous site
 * untouched, never a mix of old and new pages (see output-swap.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fork } from "node:child_process";
import * as pagefind from "pagefind";
import { ContentError } from "./content.js";
import { recoverOutput, replaceDirectory, stagingFor } from "./output-swap.js";
import { RENDER_CHILD, type RenderMessage, type RenderOptions, type RenderRequest } from "./render.js";
import { intoShards, shardFolder } from "./search-shards.js";

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
 * What Pagefind reads of a paper page: the element with `data-pagefind-body`, in a bare document.
 * It indexes nothing outside that element anyway (filters, sorts and meta are all inside it), and
 * parsing the head, header and footer of every page cost it about a third of its time. A page
 * without that element is given whole, for Pagefind to judge.
 */
export function searchBody(html: string): string {
  const start = html.search(/<article\b[^>]*\bdata-pagefind-body\b/);
  const end = html.lastIndexOf("</article>");
  if (start === -1 || end < start) return html;
  return `<!doctype html><html lang="en"><body>${html.slice(start, end + "</article>".length)}</body></html>`;
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
        // The shard's search bodies as files of their own, for Pagefind to read and parse on all
        // cores: handing pages over one by one through its service was twice as slow. Outside the
        // site, where a dev server would see 10,000 files come and go.
        const bodies = mkdtempSync(path.join(tmpdir(), "paper-digest-search-"));
        try {
          for (const sourcePath of pages) {
            mkdirSync(path.dirname(path.join(bodies, sourcePath)), { recursive: true });
            writeFileSync(path.join(bodies, sourcePath), searchBody(readFileSync(path.join(dir, sourcePath), "utf8")));
          }
          const added = await index.addDirectory({ path: bodies });
          if (added.errors.length > 0) throw new Error(`Pagefind could not index ${dir}: ${added.errors.join("; ")}`);
        } finally {
          rmSync(bodies, { recursive: true, force: true });
        }
        const outputPath = path.join(options.outputRoot ?? dir, shardFolder(number));
        const written = await index.writeFiles({ outputPath });
        if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
        indexed += indexedPageCount(outputPath);
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
    const files = await renderSite(contentDir, staging, options);
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
