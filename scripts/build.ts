/**
 * `npm run build`: the content folder checked as `npm run check` checks it, every `sources/*.txt`
 * and `sources/*.json` listing → `content/`, then the content folder → `site/` with its search
 * index. `PATH_PREFIX` (e.g. `/paper-digest/`) builds the site for a sub-path. Prints
 * what each step did, progress while a large one runs (a status line redrawn on a terminal, plain
 * lines every few seconds elsewhere) and a closing line with each phase's time; exits non-zero with
 * the reason when a step fails. `BUILD_TIMINGS=<file>` also writes the phases' start and end times
 * (milliseconds since the epoch) as JSON, for `npm run bench` to attribute its memory samples.
 * `SEARCH_SHARD_PAPERS` sets the papers per search shard (search-shards.ts). A listing with text
 * in no paper fails the build, as it fails `npm run ingest`, unless `ALLOW_SKIPS=1` (its
 * `--allow-skips`).
 */
import { readdir, writeFile } from "node:fs/promises";
import { buildSite } from "./build/build-site.js";
import { checkContent } from "./check/check-content.js";
import { ContentError, isContentError } from "./check/content.js";
import { ingestFiles, SkippedEntriesError } from "./ingest/ingest.js";
import { formatAnnotation } from "./check/problem.js";
import { shardPapersFromEnv } from "./search/search-shards.js";
import { BuildReporter, IngestReporter, phaseTimes, StatusOutput } from "./build/progress.js";

/** `ALLOW_SKIPS`: 1 or true to build without the entries a listing cannot place; unset, empty, 0 or false not to. */
function allowSkipsFromEnv(value: string | undefined): boolean {
  if (value === undefined || ["", "0", "false"].includes(value)) return false;
  if (["1", "true"].includes(value)) return true;
  throw new Error(`ALLOW_SKIPS must be 1 or 0, not ${JSON.stringify(value)}`);
}

/** Listings as people save them: text copies and dumps (`.txt`), Markdown captures and exports (`.md`), API responses (`.json`). */
const LISTING_FILE = /\.(?:txt|md|json)$/;

/** Sorted, so the run never depends on directory order. */
async function listings(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => []);
  return names
    .filter((name) => LISTING_FILE.test(name))
    .sort()
    .map((name) => `${dir}/${name}`);
}

// Epoch milliseconds, so that another process can line these times up with its own.
const now = () => performance.timeOrigin + performance.now();
const output = new StatusOutput({ write: (text) => process.stdout.write(text), tty: process.stdout.isTTY === true, now });
const print = (line: string) => output.line(line);

async function main(): Promise<void> {
  const searchShardPapers = shardPapersFromEnv(process.env.SEARCH_SHARD_PAPERS);
  const allowSkips = allowSkipsFromEnv(process.env.ALLOW_SKIPS);
  const reporter = new BuildReporter(output, now);
  const files = await listings("sources");
  reporter.phase("ingest");
  if (files.length > 0) {
    // The content as committed gets the verdict `npm run check` gives it, before ingest adds to it:
    // otherwise re-ingesting the sources could hide what the check refuses (an emptied manifest).
    const committed = checkContent("content");
    if (committed.problems.length > 0) throw new ContentError(committed.problems);
    const ingest = new IngestReporter(output, now);
    ingest.finish(await ingestFiles({ files, outDir: "content/papers", digestsDir: "content/digests", allowSkips }, print, ingest));
  } else print("No listings in sources/: building the content as it is");
  const pathPrefix = process.env.PATH_PREFIX || "/";
  const site = await buildSite({ pathPrefix, searchShardPapers, progress: reporter });
  const phases = reporter.finish();
  print(`Rendered ${site.files} files in ${(site.timings.eleventy / 1000).toFixed(2)} s`);
  print(`Indexed ${site.indexed} papers for search in ${(site.timings.pagefind / 1000).toFixed(2)} s`);
  const total = phases.reduce((sum, p) => sum + p.end - p.start, 0);
  print(`Built ${site.outDir}/ for ${pathPrefix} in ${(total / 1000).toFixed(2)} s (${phaseTimes(phases)})`);
  output.clear();
  const timings = process.env.BUILD_TIMINGS;
  if (timings) await writeFile(timings, `${JSON.stringify({ phases, files: site.files, indexed: site.indexed }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  output.clear();
  console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof SkippedEntriesError) console.error("Fix the listing, or build with ALLOW_SKIPS=1 to leave them out.");
  // On stdout, where GitHub Actions reads workflow commands: each problem shows on the pull request.
  if (isContentError(error) && process.env.GITHUB_ACTIONS === "true") for (const p of error.problems) console.log(formatAnnotation(p));
  process.exitCode = 1;
});
