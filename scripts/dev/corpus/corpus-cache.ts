/**
 * Generated corpora kept in a benchmark's work folder, one folder of listings per size and seed,
 * so that repeated benchmarks (and every run of one) read the same bytes without generating them
 * again: a 100,000-paper corpus takes longer to generate than some of the runs that use it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CORPUS_EXTENSION, generateCorpus, type CorpusFormat } from "./corpus.js";

export interface CorpusCacheOptions {
  /** The corpus folder is made inside it. */
  workDir: string;
  /** Distinct papers. */
  papers: number;
  seed: number;
  /** Text of the listing whose words the corpus is made of. */
  seedListing: string;
  /** Told when a corpus has to be generated, which can take a while. */
  log(line: string): void;
  /** How the listings are captured; the select-all text copy by default. */
  format?: CorpusFormat;
}

export interface CachedCorpus {
  dir: string;
  /** The listing files, sorted. */
  files: string[];
  /** Distinct papers: what a correct ingest writes one file for. */
  papers: number;
  listings: number;
  /** Papers as listed, repeats included. */
  entries: number;
  /** Bytes of all the listings. */
  bytes: number;
}

export function cachedCorpus(options: CorpusCacheOptions): CachedCorpus {
  const { workDir, papers, seed, seedListing, format = "text" } = options;
  const dir = join(workDir, format === "text" ? `corpus-${papers}-seed-${seed}` : `corpus-${format}-${papers}-seed-${seed}`);
  const extension = CORPUS_EXTENSION[format];
  const marker = join(dir, "corpus.json");
  if (!existsSync(marker)) {
    options.log(`generating ${papers} papers (seed ${seed}) in ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    let listings = 0;
    let entries = 0;
    let bytes = 0;
    for (const listing of generateCorpus({ papers, seed, seedListing, format })) {
      writeFileSync(join(dir, `${listing.date}${extension}`), listing.text);
      listings++;
      entries += listing.entries.length;
      bytes += Buffer.byteLength(listing.text);
    }
    // Written last: a folder without it is an interrupted generation.
    writeFileSync(marker, JSON.stringify({ listings, entries, bytes }));
  }
  const meta = JSON.parse(readFileSync(marker, "utf8")) as Pick<CachedCorpus, "listings" | "entries" | "bytes">;
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => join(dir, name));
  return { dir, files, papers, ...meta };
}
