/**
 * Writes a synthetic corpus of listing files for scale tests (see scripts/dev/corpus/corpus.ts).
 *
 *   tsx scripts/dev/generate-corpus.ts --papers N [--seed S] --out DIR [--truth FILE.jsonl]
 *                                  [--end-date YYYY-MM-DD] [--seed-listing FILE]
 *
 * Files are written as they are generated, one listing at a time; the truth file gets one JSON
 * object per paper (the Paper shape, every listing date in `digests`), in order of first listing.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEFAULT_END_DATE, generateCorpus } from "./corpus/corpus.js";
import { isIsoDate } from "../content/dates.js";

const DEFAULT_SEED_LISTING = fileURLToPath(new URL("../../sources/2026-04-13.txt", import.meta.url));

interface Args {
  papers: number;
  seed: number;
  out: string;
  truth: string | undefined;
  endDate: string;
  seedListing: string;
}

function parse(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      papers: { type: "string" },
      seed: { type: "string", default: "1" },
      out: { type: "string" },
      truth: { type: "string" },
      "end-date": { type: "string", default: DEFAULT_END_DATE },
      "seed-listing": { type: "string", default: DEFAULT_SEED_LISTING },
    },
    strict: true,
    allowPositionals: false,
  });
  const papers = Number(values.papers);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(papers) || papers < 1) throw new Error("--papers must be a positive integer");
  if (!values.out) throw new Error("--out DIR is required");
  if (!isIsoDate(values["end-date"])) throw new Error("--end-date must be a YYYY-MM-DD date");
  return { papers, seed, out: values.out, truth: values.truth, endDate: values["end-date"], seedListing: values["seed-listing"] };
}

/**
 * Synchronous writes on purpose: one small file per listing goes to the page cache at once, and
 * generating the next listing meanwhile would only hold more text in memory.
 */
function main(): void {
  const args = parse(process.argv.slice(2));
  const started = performance.now();
  const seedListing = readFileSync(args.seedListing, "utf8");
  mkdirSync(args.out, { recursive: true });
  // Stale listings from another run would silently join this corpus.
  if (readdirSync(args.out).some((name) => name.endsWith(".txt"))) {
    throw new Error(`${args.out} already holds .txt files; choose an empty folder`);
  }
  const truth = args.truth === undefined ? undefined : openSync(args.truth, "w");

  let listings = 0;
  let repeats = 0;
  let bytes = 0;
  let first = "";
  let last = "";
  for (const listing of generateCorpus({ papers: args.papers, seed: args.seed, seedListing, endDate: args.endDate })) {
    writeFileSync(join(args.out, `${listing.date}.txt`), listing.text);
    listings++;
    bytes += Buffer.byteLength(listing.text);
    first ||= listing.date;
    last = listing.date;
    repeats += listing.entries.filter((e) => !e.first).length;
    if (truth !== undefined) {
      const records = listing.entries.filter((e) => e.first).map((e) => `${JSON.stringify(e.paper)}\n`);
      writeFileSync(truth, records.join(""));
    }
  }
  if (truth !== undefined) closeSync(truth);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `corpus: ${args.papers} papers in ${listings} listings (${first} to ${last}), ${repeats} repeated entries, ` +
      `${(bytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(2)} s -> ${args.out}`,
  );
}

try {
  main();
} catch (error: unknown) {
  console.error(`generate-corpus: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
