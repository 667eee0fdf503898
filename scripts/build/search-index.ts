/**
 * The build's search step: the paper pages of a rendered site indexed by Pagefind into search shards
 * (scripts/search/search-shards.ts), one shard at a time.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { intoShards, shardFolder, shardGlob } from "../search/search-shards.js";

/**
 * Fragment files (a page's text and metadata, fetched for each result shown) per shard: past this
 * many pages Pagefind bundles fragments, about ten to a file in a full shard. A shard of 10,000
 * pages then writes 1,271 files instead of 10,271 and 16 % fewer bytes (docs/performance.md); a
 * page of results fetches at most one file per result, 3–4 KB instead of 1 KB.
 */
export const MAX_FRAGMENT_FILES = 1000;

/** Pagefind's own command-line wrapper, which picks the binary for this platform. */
const PAGEFIND_CLI = fileURLToPath(new URL("../../node_modules/pagefind/lib/runner/bin.cjs", import.meta.url));

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
  /** Fragment files per shard (MAX_FRAGMENT_FILES); tests make it small to bundle fragments in a small site. */
  maxFragmentFiles?: number;
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
 * Runs Pagefind's command line over the pages of `dir` that `glob` picks, into `outputPath`. The
 * command line, not the Node API: the API's service indexes the same pages into the same bytes for
 * about a quarter more CPU time (docs/performance.md). No Pagefind configuration is read from the
 * environment or a config file: the working folder is the site, which only the build writes. The
 * wrapper is plain CommonJS: NODE_OPTIONS (tsx's loader in tests) is not passed on to it.
 */
export function runPagefind(dir: string, glob: string, outputPath: string, maxFragmentFiles = MAX_FRAGMENT_FILES): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "NODE_OPTIONS" && !name.toUpperCase().startsWith("PAGEFIND_")));
  const args = [
    PAGEFIND_CLI,
    "--site",
    dir,
    "--glob",
    glob,
    "--output-path",
    outputPath,
    "--force-language",
    "en",
    "--max-fragments",
    String(maxFragmentFiles),
    "--quiet",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let said = "";
    // Kept short: with --quiet Pagefind prints only warnings and errors.
    const keep = (chunk: Buffer) => (said = (said + chunk.toString("utf8")).slice(-4000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else {
        // Pagefind repeats its error once per line of its own log: each line said once.
        const lines = [...new Set(said.split("\n").map((line) => line.trim()))].filter(Boolean);
        reject(new Error(`Pagefind could not index ${dir} (${signal ?? `exit code ${code}`}): ${lines.join(" ") || "no message"}`));
      }
    });
  });
}

/**
 * Pagefind's ready-made interfaces, which it writes into every shard: the search page is our own
 * (client/search.ts) and needs only pagefind.js, its worker, WebAssembly and index. 434 KB a shard.
 */
export const PAGEFIND_UI_FILES = [
  "pagefind-ui.js",
  "pagefind-ui.css",
  "pagefind-modular-ui.js",
  "pagefind-modular-ui.css",
  "pagefind-component-ui.js",
  "pagefind-component-ui.css",
  "pagefind-highlight.js",
];

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
    const next = shards[number + 1]?.[0];
    const outputPath = path.resolve(options.outputRoot ?? dir, folder);
    await runPagefind(path.resolve(dir), shardGlob(number === 0 ? undefined : slugs[0], next), outputPath, options.maxFragmentFiles);
    if (!existsSync(path.join(outputPath, "pagefind-entry.json"))) throw new Error(`Pagefind wrote no index for search shard ${number + 1}`);
    await Promise.all(PAGEFIND_UI_FILES.map((file) => rm(path.join(outputPath, file), { force: true })));
    const pages = indexedPageCount(outputPath);
    if (pages !== slugs.length) throw new Error(`Pagefind indexed ${pages} of the ${slugs.length} pages of search shard ${number + 1}`);
    result.pages += pages;
    result.written.push(folder);
    options.progress?.indexed(result.pages, number + 1, shards.length);
  }
  return result;
}
