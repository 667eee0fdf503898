/**
 * A realistic synthetic corpus of listings for scale tests: N papers over consecutive daily
 * listings of 20–50 papers ending on a fixed date, with the variations real copies show, and the
 * ground truth a parser must recover. Pure and deterministic: the same options give the same bytes.
 * Listings come one at a time, so memory stays flat however many papers are asked for.
 */
import type { Paper } from "../../content/paper.js";
import { addDays } from "./calendar.js";
import { PaperMaker } from "./papers.js";
import { mixSeed, Random } from "./random.js";
import { renderListing } from "./render.js";
import { renderCards, type CardFormat } from "./render-cards.js";
import { planListings } from "./schedule.js";
import { readSeedText } from "./seed-text.js";

export interface CorpusOptions {
  /** Distinct papers; listings hold a few percent more entries, the repeats. */
  papers: number;
  /** An unsigned 32-bit integer. */
  seed: number;
  /** Text of a real listing (sources/2026-04-13.txt) whose words the generated prose is made of. */
  seedListing: string;
  /** The newest listing's date, YYYY-MM-DD; the others fill the days before it. */
  endDate?: string;
  /** How the listings are captured (scripts/ingest/formats/); the papers are the same in every format. */
  format?: CorpusFormat;
}

export type CorpusFormat = "text" | CardFormat;
export const CORPUS_FORMATS: readonly CorpusFormat[] = ["text", "markdown", "refs", "linklines"];
/** The file name ending each format is saved with. */
export const CORPUS_EXTENSION: Readonly<Record<CorpusFormat, string>> = { text: ".txt", markdown: ".md", refs: ".txt", linklines: ".md" };

export interface ListingEntry {
  /** The truth: `digests` lists every listing the paper appears in, not only this one. */
  paper: Paper;
  /** False when the paper was first shown in an earlier listing. */
  first: boolean;
}

export interface GeneratedListing {
  /** YYYY-MM-DD; the file is `${date}.txt`, which is how ingest learns the listing date. */
  date: string;
  /** The whole file, byte-order mark and line endings included. */
  text: string;
  /** In listed order. */
  entries: ListingEntry[];
  /** Per entry, the arXiv id its card shows (card formats only; undefined where no link names it). */
  arxiv?: (string | undefined)[];
}

/** A new-style arXiv id for the n-th paper first listed in the month of `date`: unique within the corpus. */
function arxivId(date: string, ordinal: number): string {
  return `${date.slice(2, 4)}${date.slice(5, 7)}.${String(ordinal % 100_000).padStart(5, "0")}`;
}

/** The seed listing's date. */
export const DEFAULT_END_DATE = "2026-04-13";
/** Share of listings copied with vote counts above every title (the seed has none). */
const UPVOTE_LISTINGS = 0.3;

export function* generateCorpus(options: CorpusOptions): Generator<GeneratedListing> {
  const { papers, seed, seedListing, endDate = DEFAULT_END_DATE, format = "text" } = options;
  // The PRNG takes 32 bits; a larger seed would silently alias a smaller one.
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  // Separate streams: changing how files are laid out never changes what the papers say.
  const plan = planListings(papers, new Random(mixSeed(seed, 1)));
  const content = new Random(mixSeed(seed, 2));
  const layout = new Random(mixSeed(seed, 3));
  const maker = new PaperMaker(readSeedText(seedListing));
  const dateOf = (index: number) => addDays(endDate, index - (plan.listings.length - 1));
  /** Papers that will be shown again, until their last showing. */
  const waiting = new Map<number, Paper>();
  const ids = new WeakMap<Paper, string>();

  let ordinal = 0;
  for (const [index, listing] of plan.listings.entries()) {
    const date = dateOf(index);
    const upvotes = content.chance(UPVOTE_LISTINGS);
    const entries: ListingEntry[] = [];
    for (let i = 0; i < listing.fresh; i++, ordinal++) {
      const later = plan.laterListings.get(ordinal) ?? [];
      const { abstract, ...fields } = maker.make(content, date, upvotes);
      const paper: Paper = { ...fields, digests: [date, ...later.map(dateOf)], abstract };
      if (later.length > 0) waiting.set(ordinal, paper);
      ids.set(paper, arxivId(date, ordinal));
      entries.push({ paper, first: true });
    }
    // A repeat says exactly what its first showing said (upvotes included, whatever this listing's
    // style), so one truth record holds for every showing; only the layout differs.
    for (const repeat of listing.repeats) {
      const paper = waiting.get(repeat);
      if (paper === undefined) throw new Error(`corpus plan: paper ${repeat} repeats before it exists`);
      if (paper.digests.at(-1) === date) waiting.delete(repeat);
      entries.splice(content.int(0, entries.length), 0, { paper, first: false });
    }
    if (format === "text") {
      yield {
        date,
        text: renderListing(
          layout,
          date,
          entries.map((e) => e.paper),
        ),
        entries,
      };
      continue;
    }
    const rendered = renderCards(
      format,
      layout,
      date,
      entries.map((e) => ({ paper: e.paper, arxiv: ids.get(e.paper)! })),
    );
    yield { date, text: rendered.text, entries, arxiv: rendered.shownIds };
  }
}
