/**
 * `npm start`: Eleventy's dev server with live reload, search included. The search index is built
 * after the first build and rebuilt after each later one in the background, so a reload never waits
 * for it; rebuilds that land while it runs are folded into one more run, and each run indexes again
 * only the shards whose pages changed. `SEARCH_SHARD_PAPERS` sets the papers per shard, as for
 * `npm run build`.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { ELEVENTY_CONFIG } from "./build/render.js";
import { indexSite } from "./build/search-index.js";
import { checkContent, formatReport } from "./check/check-content.js";
import { indexedLine } from "./build/eleventy-lines.js";
import { replaceDirectory } from "./build/output-swap.js";
import { isShardFolder, shardPapersFromEnv } from "./search/search-shards.js";

const CONTENT = "content";
const OUT = "site";

const SHARD_PAPERS = shardPapersFromEnv(process.env.SEARCH_SHARD_PAPERS);

let indexing: Promise<void> | undefined;
let stale = false;
/** What the live shards were built from. */
let fingerprints = new Map<string, string>();

async function indexOnce(): Promise<void> {
  const started = performance.now();
  // Written beside the live index and swapped in shard by shard, so a search in progress never
  // reads half a shard.
  const staging = await mkdtemp(path.join(OUT, ".pagefind-"));
  try {
    const result = await indexSite(OUT, { outputRoot: staging, perShard: SHARD_PAPERS, unchanged: fingerprints });
    for (const shard of result.written) await replaceDirectory(path.join(staging, shard), path.join(OUT, shard));
    // Shards of a larger site than this one now is.
    for (const name of await readdir(OUT)) if (isShardFolder(name) && !result.shards.includes(name)) await rm(path.join(OUT, name), { recursive: true });
    // Pagefind read the pages where Eleventy writes them: after a rebuild during this run (`stale`),
    // a shard it indexed may hold a page half written, so the next run indexes those shards again.
    if (stale) for (const shard of result.written) result.fingerprints.delete(shard);
    fingerprints = result.fingerprints;
    console.log(indexedLine({ pages: result.pages, ms: performance.now() - started, written: result.written.length, shards: result.shards.length }));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function reindex(): void {
  if (indexing) {
    stale = true;
    return;
  }
  indexing = (async () => {
    do {
      stale = false;
      await indexOnce().catch((error: unknown) => {
        console.error(`[search] Indexing failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    } while (stale);
  })().finally(() => {
    indexing = undefined;
  });
}

// The verdict `npm run check` gives, before anything is served: a server that starts on invalid
// content would show nothing. Later edits are checked by each rebuild, and the server stays up.
const initial = checkContent(CONTENT);
if (initial.problems.length > 0) {
  for (const line of formatReport(initial, { annotations: false })) console.error(line);
  process.exit(1);
}

const eleventy = new Eleventy(CONTENT, OUT, {
  source: "cli",
  runMode: "serve",
  configPath: ELEVENTY_CONFIG,
  pathPrefix: process.env.PATH_PREFIX || "/",
  config(eleventyConfig: UserConfig) {
    // The search page says how many shards to ask (search-shards.ts).
    if (SHARD_PAPERS !== undefined) eleventyConfig.addGlobalData("searchShardPapers", SHARD_PAPERS);
    // Eleventy waits for a saved file to keep its size for 150 ms before rebuilding, a tenth of the
    // 1 s an edit may take to show; a paper file is written in one go, and 50 ms still covers an
    // editor's write-then-rename. A rebuild that did catch a file half written is followed by another.
    eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 10 } });
    eleventyConfig.on("eleventy.after", ({ outputMode }: { outputMode: string }) => {
      if (outputMode === "fs") reindex();
    });
  },
});
await eleventy.init();
const rebuild = await eleventy.watch();
// Eleventy 3 rebuilds on a change or an added file, not on a deleted one (fixed in Eleventy 4,
// 11ty/eleventy#2798): a paper removed last would keep its page, and the lists would keep showing it.
eleventy.watcher.on("unlink", (file: string) => void rebuild(file));
await eleventy.serve(Number(process.env.PORT ?? 8080));
process.on("SIGINT", () => {
  void eleventy.stopWatch().finally(() => process.exit(0));
});
