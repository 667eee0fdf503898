/**
 * Listings in, paper files and digest manifests out, in two streaming passes, so that memory holds
 * a few short strings per paper (title key, slug) and, past a fixed budget of paper text the first
 * pass keeps for the last (KEPT_PAPER_CHARS), never an abstract, however much is ingested.
 *
 * 1. Every listing is parsed and kept as its papers' title keys, which metadata each shows,
 *    counts and warnings (and, within the budget, its papers). Bad input stops the run here, before anything is written; so does text
 *    of a listing that is in no paper (a skip), unless skips are allowed.
 * 2. The manifests and paper files are each read once. Slugs are resolved for all keys together,
 *    so they do not depend on the order the files were named in, and what each listed paper's file
 *    already holds is noted.
 * 3. Oldest first, each listing's papers (kept from step 1, else parsed again) are written or merged one at a time,
 *    then its manifest; every write atomic and only when the bytes change. A listing whose files
 *    and manifest already hold all it says is not parsed again.
 *
 * File system calls are synchronous (see atomic-write.ts). Nothing here reads a clock, a
 * modification time or an unsorted directory listing.
 */
import { closeSync, constants, mkdirSync, openSync, readdirSync, readSync } from "node:fs";
import { join } from "node:path";
import { removeStaleTempFiles, writeFileAtomicSync } from "../content/atomic-write.js";
import { isIsoDate } from "../content/dates.js";
import {
  mergeDigestManifest,
  observed,
  parseDigestManifest,
  serializeDigestManifest,
  SLUG_PATTERN,
  type DigestEntry,
  type DigestManifest,
  type Observed,
} from "../content/digest.js";
import { OBSERVED_KEYS } from "../content/fields.js";
import { formatNamed } from "./formats/index.js";
import type { SourceFormat } from "./formats/source-format.js";
import { listingFormat, readListingFile, type ListingFileEnd } from "./listing-file.js";
import { ListingError, type ListedPaper, type ListingWarning } from "./formats/text/listing-parser.js";
import { outputFolderProblem } from "./output-folder.js";
import { garbageReason } from "./paper-guard.js";
import type { FrontMatter, Paper } from "../content/paper.js";
import { ADDABLE_KEYS, fenceProblem, mergePaperFile, readPaperFrontMatter, serializePaper } from "../content/paper-file.js";
import { type ContentText, decodeContent, MAX_MANIFEST_BYTES, MAX_PAPER_BYTES, readContentFile } from "../content/content-file.js";
import { assignSlugs, slugBase } from "../content/slug.js";
import { titleKey } from "../content/title-key.js";

export interface IngestOptions {
  files: string[];
  /** YYYY-MM-DD for every listing; else each listing's file name or header. */
  date?: string;
  /** A format's name (formats/index.ts) for every listing; else each listing's format is detected. */
  format?: string;
  outDir: string;
  digestsDir: string;
  /** Go on when a listing has text in no paper (`--allow-skips`); else that fails the run. */
  allowSkips?: boolean;
  /** Characters of paper text the first pass may keep for the third (default KEPT_PAPER_CHARS); 0 parses every listing twice. */
  keptPaperChars?: number;
}

export interface ListingSummary {
  file: string;
  date: string;
  /** The format's name (formats/index.ts). */
  format: string;
  /** Distinct papers in the listing (a title listed twice counts once). */
  papers: number;
  new: number;
  updated: number;
  unchanged: number;
  /** Existing files that could not be read as papers and were left as they are. */
  invalid: number;
  withoutAuthors: number;
  withoutDate: number;
  /** In line order, at most MAX_SHOWN_WARNINGS of them; `unshownWarnings` counts the rest. */
  warnings: ListingWarning[];
  unshownWarnings: number;
  /** Warnings that report text in no paper (`ListingWarning.skipped`), shown or not. */
  skipped: number;
  /** Lines of the entries the listing shows but ingest left out (cut off, without title or abstract), as far as warnings are shown. */
  skippedLines: number[];
}

/**
 * Warnings kept per listing: a text with a problem on every line (not a listing, or a listing
 * pasted into the wrong place) would otherwise hold one message per line in memory and print them all.
 */
export const MAX_SHOWN_WARNINGS = 1000;
/**
 * No Daily Papers listing shows this many papers (a day has tens, a month a few thousand): a file
 * that does is not one, and its title keys would take memory without bound.
 */
export const MAX_LISTING_PAPERS = 100_000;
/**
 * Paper text (titles and abstracts, in characters) the first pass keeps so that writing need not
 * parse those listings again: parsing is a third of a fresh ingest's time. 10,000 papers are about
 * 14 M characters; past the budget, listings are parsed again and memory stays bounded.
 */
export const KEPT_PAPER_CHARS = 32 * 1024 * 1024;

/** Counts as the run goes, for a progress display; called for every paper, so it must be cheap. */
export interface IngestProgress {
  /** First pass: papers parsed and listings finished so far, of the listings named. */
  reading(papers: number, listings: number, totalListings: number): void;
  /** Existing paper files read so far, of those in the output folder. */
  checking(files: number, totalFiles: number): void;
  /** Second pass: distinct papers written or found up to date, and listings finished, of the totals. */
  writing(papers: number, listings: number, totalPapers: number, totalListings: number): void;
}

/** Input or content the run cannot go on with; the message is one line. */
export class IngestError extends Error {
  override name = "IngestError";
}

/** Listings with text in no paper, when skips are not allowed; their reports were printed first. */
export class SkippedEntriesError extends IngestError {
  override name = "SkippedEntriesError";
  constructor(
    readonly skipped: number,
    readonly listings: number,
  ) {
    super(
      `${skipped} ${skipped === 1 ? "entry" : "entries"} in ${listings} ${listings === 1 ? "listing" : "listings"} could not be placed (above); nothing was written`,
    );
  }
}

/** A listing's fatal problem as one line: `file:line: message`, or `file: message` for the whole file. */
function listingProblem(file: string, error: ListingError): IngestError {
  return new IngestError(`${file}${error.line === undefined ? "" : `:${error.line}`}: ${error.message}`);
}

/** A listing as the first pass leaves it: no paper text, only what slugs and summaries need. */
interface Listing {
  file: string;
  date: string;
  format: SourceFormat;
  /** Bytes and papers (repeats included) the first pass read: the second pass must read the same. */
  bytes: number;
  parsed: number;
  /** The identity of each distinct paper, in listed order: its arXiv id's key (`idKey`), else its title key. */
  keys: string[];
  /** The title key of each distinct paper's first showing. */
  titleKeys: string[];
  /** Per key, the metadata its showings in this listing have between them, as `fieldBits`. */
  fields: number[];
  /** Per key, the counts the listing shows (the first showing's, filled in by later ones). */
  observed: Observed[];
  /** Keys shown more than once in this listing, by index, with their number of showings. */
  repeats: Map<number, number>;
  withoutAuthors: number;
  withoutDate: number;
  warnings: ListingWarning[];
  unshownWarnings: number;
  skipped: number;
  /** Every showing as the first pass parsed it, with its key's index, when it fitted the budget; dropped once written. */
  kept: KeptShowing[] | undefined;
}

interface KeptShowing {
  index: number;
  paper: ListedPaper;
}

/** What a paper file read in step 2 holds, as long as this run has not rewritten it. */
interface FileFields {
  fields: number;
  observed: Observed;
  /** The digest dates joined into one string: one object per file instead of one per date. */
  digests: string;
}

interface Content {
  /** Slug of every listed title key. */
  slugs: Map<string, string>;
  /** Slugs that have a file, from the folder listing and this run's writes. */
  files: Set<string>;
  /** For files that listed papers map to. */
  fields: Map<string, FileFields>;
  /** The entries of each manifest that is exactly as ingest writes it, by date and slug, until this run writes it. */
  manifests: Map<string, Map<string, DigestEntry>>;
  /** Per slug, the newest listing's recorded counts: what ingest wrote to the file (see `countsToReplace`). */
  records: Map<string, CountRecord>;
}

const AUTHORS = fieldBit("authors");
const PUBLISHED = fieldBit("published");

function fieldBit(key: (typeof ADDABLE_KEYS)[number]): number {
  return 1 << ADDABLE_KEYS.indexOf(key);
}

function fieldBits(paper: Partial<FrontMatter>): number {
  let bits = 0;
  for (const [i, key] of ADDABLE_KEYS.entries()) if (paper[key] !== undefined) bits |= 1 << i;
  return bits;
}

export async function ingestFiles(options: IngestOptions, print: (line: string) => void, progress?: IngestProgress): Promise<ListingSummary[]> {
  if (options.date !== undefined && !isIsoDate(options.date)) {
    throw new IngestError(`--date must be a calendar date as YYYY-MM-DD, not ${JSON.stringify(options.date)}`);
  }
  if (options.files.length === 0) throw new IngestError("no listing files given");
  let format: SourceFormat | undefined;
  try {
    format = options.format === undefined ? undefined : formatNamed(options.format);
  } catch (error) {
    throw new IngestError(`--format: ${(error as Error).message}`);
  }
  const total = options.files.length;
  const listings: Listing[] = [];
  let read = 0;
  let budget = options.keptPaperChars ?? KEPT_PAPER_CHARS;
  for (const file of options.files) {
    const listing = readListing(file, options.date, format, budget, () => progress?.reading(++read, listings.length, total));
    if (listing.kept) budget -= keptChars(listing.kept);
    listings.push(listing);
    progress?.reading(read, listings.length, total);
  }
  // Oldest listing first, so the outcome does not depend on the order the files were named in.
  listings.sort((a, b) => compareText(a.date, b.date) || compareText(a.file, b.file));
  const skipping = listings.filter((l) => l.skipped > 0);
  if (skipping.length > 0 && options.allowSkips !== true) {
    for (const listing of skipping) {
      for (const w of listing.warnings) if (w.skipped) print(`${listing.file}:${w.line}: ${w.message}`);
      const unshown = listing.skipped - listing.warnings.filter((w) => w.skipped).length;
      if (unshown > 0) print(`${listing.file}: ${unshown} more skipped entries not shown`);
    }
    throw new SkippedEntriesError(
      skipping.reduce((sum, l) => sum + l.skipped, 0),
      skipping.length,
    );
  }

  const folders = [options.outDir, options.digestsDir];
  for (const dir of folders) {
    const problem = await outputFolderProblem(dir);
    if (problem) throw new IngestError(problem);
  }
  for (const dir of folders) {
    const stale = removeStaleTempFiles(dir);
    if (stale.length > 0) print(`${dir}: removed ${stale.length} temporary file(s) left by an interrupted run`);
  }
  const content = readContent(options.outDir, options.digestsDir, listings, print, progress);
  mkdirSync(options.outDir, { recursive: true });
  mkdirSync(options.digestsDir, { recursive: true });

  const papers = listings.reduce((sum, l) => sum + l.keys.length, 0);
  let written = 0;
  const summaries: ListingSummary[] = [];
  for (const listing of listings) {
    const summary = writeListing(listing, content, options.digestsDir, options.outDir, (n) => {
      written += n;
      progress?.writing(written, summaries.length, papers, total);
    });
    listing.kept = undefined;
    summaries.push(summary);
    progress?.writing(written, summaries.length, papers, total);
    for (const w of summary.warnings) print(`${summary.file}:${w.line}: ${w.message}`);
    if (summary.unshownWarnings > 0) print(`${summary.file}: ${summary.unshownWarnings} more warnings not shown`);
    print(formatSummary(summary));
  }
  return summaries;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SHOWN_SKIPS = 10;

function formatSummary(s: ListingSummary): string {
  const lines = s.skippedLines.slice(0, SHOWN_SKIPS).join(", ") + (s.skipped > SHOWN_SKIPS ? ", …" : "");
  const parts = [
    `${s.file} (${s.date}, ${s.format}): ${s.papers} papers`,
    `${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged files`,
    s.skipped === 0 ? "0 skipped" : `${s.skipped} skipped (line${s.skipped === 1 ? "" : "s"} ${lines})`,
    `${s.withoutAuthors} without author count, ${s.withoutDate} without date`,
  ];
  if (s.invalid > 0) parts.push(`${s.invalid} invalid files left alone`);
  const warnings = s.warnings.length + s.unshownWarnings;
  if (warnings > 0) parts.push(`${warnings} warnings`);
  return parts.join("; ");
}

function streamListing(
  file: string,
  date: string | undefined,
  format: SourceFormat,
  paper: (paper: ListedPaper) => void,
  warning: (w: ListingWarning) => void,
): ListingFileEnd {
  try {
    return readListingFile(file, date, { paper, warning }, format);
  } catch (error) {
    if (error instanceof ListingError) throw listingProblem(file, error);
    throw error;
  }
}

/** The key of a paper known by its arXiv id; title keys never start with NUL (listings refuse it). */
function idKey(id: string): string {
  return `\0arxiv:${id}`;
}

/**
 * Which distinct paper of one listing each showing is: the one with its arXiv id, else the one with
 * its title (unless that one has another id). Both passes place showings alike, so indexes agree.
 */
class ListingEntries {
  readonly titleKeys: string[] = [];
  readonly ids: (string | undefined)[] = [];
  private readonly byId = new Map<string, number>();
  private readonly byTitle = new Map<string, number>();

  place(paper: ListedPaper): { index: number; first: boolean } {
    const key = titleKey(paper.title);
    const id = paper.arxiv;
    let index = id === undefined ? undefined : this.byId.get(id);
    if (index === undefined) {
      const titled = this.byTitle.get(key);
      if (titled !== undefined && (id === undefined || this.ids[titled] === undefined)) index = titled;
    }
    if (index !== undefined) {
      if (id !== undefined && this.ids[index] === undefined) {
        this.ids[index] = id;
        this.byId.set(id, index);
      }
      return { index, first: false };
    }
    index = this.titleKeys.length;
    this.titleKeys.push(key);
    this.ids.push(id);
    if (id !== undefined) this.byId.set(id, index);
    if (!this.byTitle.has(key)) this.byTitle.set(key, index);
    return { index, first: true };
  }
}

function keptChars(kept: readonly KeptShowing[]): number {
  let chars = 0;
  for (const { paper } of kept) chars += paper.title.length + paper.abstract.length;
  return chars;
}

function readListing(file: string, date: string | undefined, given: SourceFormat | undefined, budget: number, parsedOne: () => void): Listing {
  let format: SourceFormat;
  try {
    format = given ?? listingFormat(file);
  } catch (error) {
    if (error instanceof ListingError) throw listingProblem(file, error);
    throw error;
  }
  const entries = new ListingEntries();
  const fields: number[] = [];
  const counts: Observed[] = [];
  const repeats = new Map<number, number>();
  const firstLines: number[] = [];
  const warnings: ListingWarning[] = [];
  const repeatWarnings: ListingWarning[] = [];
  let warningCount = 0;
  let skipped = 0;
  // Each kind is kept up to the limit: the first MAX_SHOWN_WARNINGS of both together are among them.
  const note = (kept: ListingWarning[], warning: ListingWarning) => {
    warningCount++;
    if (warning.skipped) skipped++;
    if (kept.length < MAX_SHOWN_WARNINGS) kept.push(warning);
  };
  let showings = 0;
  let kept: KeptShowing[] | undefined = budget > 0 ? [] : undefined;
  let keptLeft = budget;
  const end = streamListing(
    file,
    date,
    format,
    (paper) => {
      if (++showings > MAX_LISTING_PAPERS) {
        throw new IngestError(`${file}:${paper.line}: more than ${MAX_LISTING_PAPERS.toLocaleString("en-US")} papers: no listing shows that many`);
      }
      parsedOne();
      const garbage = garbageReason(paper);
      if (garbage) {
        throw new IngestError(
          `${file}:${paper.line}: refusing to write ${JSON.stringify(paper.title.slice(0, 60))}: ${garbage}; ` +
            `this does not look like a Daily Papers listing read as a ${format.label} (nothing was written; --format NAME picks another format)`,
        );
      }
      const { index, first } = entries.place(paper);
      if (kept) {
        keptLeft -= paper.title.length + paper.abstract.length;
        if (keptLeft < 0) kept = undefined;
        else kept.push({ index, paper });
      }
      if (first) {
        firstLines.push(paper.line);
        fields.push(fieldBits(paper));
        counts.push(observed(paper));
        return;
      }
      counts[index] = { ...observed(paper), ...counts[index] };
      note(repeatWarnings, { line: paper.line, message: `${JSON.stringify(paper.title)} is listed again (first on line ${firstLines[index]}); merged` });
      fields[index] = fields[index]! | fieldBits(paper);
      repeats.set(index, (repeats.get(index) ?? 1) + 1);
    },
    (warning) => note(warnings, warning),
  );
  const keys = entries.titleKeys.map((key, i) => {
    const id = entries.ids[i];
    return id === undefined ? key : idKey(id);
  });
  const shown = [...warnings, ...repeatWarnings].sort((a, b) => a.line - b.line).slice(0, MAX_SHOWN_WARNINGS);
  return {
    file,
    date: end.listingDate,
    format,
    bytes: end.bytes,
    parsed: end.papers,
    keys,
    titleKeys: entries.titleKeys,
    fields,
    observed: counts,
    repeats,
    withoutAuthors: fields.filter((bits) => (bits & AUTHORS) === 0).length,
    withoutDate: fields.filter((bits) => (bits & PUBLISHED) === 0).length,
    warnings: shown,
    unshownWarnings: warningCount - shown.length,
    skipped,
    kept,
  };
}

function sortedNames(dir: string, extension: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(extension) && !name.startsWith("."))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * Slugs for every listed key: for a paper with an arXiv id, the file with that id; else a
 * manifest's listed title (so a title a contributor corrected in the file is still found), else a
 * file's title (a file with another id is another paper), else a new slug, shared by an id's paper
 * and a paper without id listed under the same title. Manifests are read before the files, but a
 * broken one is reported after the files' warnings, the order the files are looked at in.
 */
function readContent(outDir: string, digestsDir: string, listings: Listing[], print: (line: string) => void, progress?: IngestProgress): Content {
  const slugs = new Map<string, string>();
  /** Per title key, the listed keys shown under it (an id's paper may be listed under several titles). */
  const byTitle = new Map<string, string[]>();
  /** Per listed key, the title key it was first listed under (listings are oldest first): where a new slug's words come from. */
  const firstTitle = new Map<string, string>();
  const listedIds = new Map<string, string>();
  for (const listing of listings) {
    for (const [i, key] of listing.keys.entries()) {
      const title = listing.titleKeys[i]!;
      if (!slugs.has(key)) {
        slugs.set(key, "");
        firstTitle.set(key, title);
      }
      const shown = byTitle.get(title);
      if (!shown) byTitle.set(title, [key]);
      else if (!shown.includes(key)) shown.push(key);
      if (key !== title) listedIds.set(key.slice(idKey("").length), key);
    }
  }
  /** Listed keys still without a slug: title matching stops at none (unless some key is an id's). */
  let pending = slugs.size;
  /** Claims a slug for the unresolved keys listed under a title; false when there were none. */
  const claimByTitle = (title: string, slug: string): boolean => {
    let claimed = false;
    for (const key of byTitle.get(title) ?? []) {
      if (slugs.get(key) !== "") continue;
      slugs.set(key, slug);
      pending--;
      claimed = true;
    }
    return claimed;
  };
  const names = sortedNames(outDir, ".md");
  progress?.checking(0, names.length);
  const slugOfName = names.map((name) => name.slice(0, -".md".length));
  const files = new Set(slugOfName.filter((slug) => SLUG_PATTERN.test(slug)));
  /** Slugs manifests publish, files or not: permalinks are never handed to another paper. */
  const published: string[] = [];
  /** Files that manifests map listed keys to. */
  const targets = new Set<string>();

  const manifests = new Map<string, Map<string, DigestEntry>>();
  const records = new Map<string, CountRecord>();
  let manifestError: IngestError | undefined;
  for (const name of sortedNames(digestsDir, ".json")) {
    const path = join(digestsDir, name);
    let manifest: DigestManifest;
    try {
      const text = readText(path, MAX_MANIFEST_BYTES);
      manifest = parseDigestManifest(text, path);
      if (serializeDigestManifest(manifest) === text) manifests.set(manifest.date, new Map(manifest.papers.map((p) => [p.slug, p])));
    } catch (error) {
      manifestError = new IngestError((error as Error).message);
      break;
    }
    if (`${manifest.date}.json` !== name) {
      manifestError = new IngestError(`${path}: holds the digest of ${manifest.date}`);
      break;
    }
    for (const entry of manifest.papers) {
      published.push(entry.slug);
      noteRecord(records, entry, manifest.date);
      if (files.has(entry.slug) && claimByTitle(titleKey(entry.title), entry.slug)) targets.add(entry.slug);
    }
  }

  const fields = new Map<string, FileFields>();
  /** The id of each file that has one and was matched by title: a paper with another id is not its paper. */
  const fileIds = new Map<string, string>();
  /** Files holding a listed id, by the id's key: these win over any title match. */
  const byId = new Map<string, string>();
  /** Title keys of the stored papers, noted while new titles remain: see the slugs below. */
  const storedKeys: string[] = [];
  // Title keys of files are only needed while some listed key has no file yet, or might be an id's.
  let scanTitles = listedIds.size > 0 || pending > 0;
  for (const [done, name] of names.entries()) {
    progress?.checking(done, names.length);
    const slug = slugOfName[done]!;
    const path = join(outDir, name);
    if (!files.has(slug)) {
      print(`${path}: warning: file name is not a slug (lowercase ASCII letters, digits, hyphens); ignored`);
      continue;
    }
    const text = readText(path, MAX_PAPER_BYTES);
    // Not a paper with a mistake in it but front matter in another language: refused outright, unread.
    const fence = fenceProblem(text);
    if (fence) throw new IngestError(`${path}:1:1: ${fence}`);
    const read = readPaperFrontMatter(text);
    if (!read.ok) {
      print(`${path}: warning: not a valid paper file (${read.problems[0]}); its title cannot be matched`);
      continue;
    }
    const { arxiv } = read.frontMatter;
    let target = targets.has(slug);
    if (arxiv !== undefined) {
      fileIds.set(slug, arxiv);
      const key = listedIds.get(arxiv);
      if (key !== undefined && !byId.has(key)) {
        byId.set(key, slug);
        target = true;
      }
    }
    if (scanTitles) {
      const key = titleKey(read.frontMatter.title);
      storedKeys.push(key);
      if (claimByTitle(key, slug)) target = true;
      scanTitles = listedIds.size > 0 || pending > 0;
    }
    if (target) fields.set(slug, { fields: fieldBits(read.frontMatter), observed: observed(read.frontMatter), digests: read.frontMatter.digests.join() });
  }
  progress?.checking(names.length, names.length);
  if (manifestError) throw manifestError;

  for (const key of listedIds.values()) {
    const found = byId.get(key);
    if (found !== undefined) {
      if (slugs.get(key) === "") pending--;
      slugs.set(key, found);
    } else {
      // A title's file that has another id holds another paper.
      const slug = slugs.get(key)!;
      const other = slug === "" ? undefined : fileIds.get(slug);
      if (other !== undefined && idKey(other) !== key) {
        slugs.set(key, "");
        pending++;
      }
    }
  }

  // Only new titles need the set of taken slugs; a re-run has none, and does not build it. It
  // holds the readable base of every stored title too, so that a title sharing it gets a hash
  // whether or not its rival was written first: a run stopped half-way then finishes with the
  // names an uninterrupted run gives. (While any key was unresolved or an id's, every stored title was noted above.)
  if (pending > 0) {
    const fresh: string[] = [];
    for (const [key, slug] of slugs) if (slug === "" && !sharesTitleSlug(key)) fresh.push(key);
    const taken = new Set([...files, ...published]);
    for (const key of storedKeys) taken.add(slugBase(key).base);
    for (const [key, slug] of assignSlugs(fresh, taken, (key) => firstTitle.get(key)!)) slugs.set(key, slug);
    // An id's paper listed under the title of a paper without id (another listing's capture of it) shares its slug.
    for (const [key, slug] of slugs) {
      if (slug !== "") continue;
      const plain = firstTitle.get(key)!;
      slugs.set(key, slugs.get(plain)!);
    }
  }
  return { slugs, files, fields, manifests, records };

  /** Whether a new id's paper takes the slug of the paper without id listed under its first title. */
  function sharesTitleSlug(key: string): boolean {
    const plain = firstTitle.get(key)!;
    if (key === plain || !slugs.has(plain)) return false;
    const slug = slugs.get(plain)!;
    // Not when that paper's file is known to be another id's.
    return slug === "" || fileIds.get(slug) === undefined;
  }
}

const readBuffer = Buffer.allocUnsafe(64 * 1024);
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * A content file's text. Paper files and manifests fit one read into a buffer kept for the
 * purpose, which spares readFileSync's stat and allocation: a quarter of the time of reading
 * 100,000 files. Anything else (larger, empty, not a regular file, not UTF-8) is read or refused
 * as the content check does (content-file.ts), and a refusal stops the run, `path:line:column` first.
 */
function readText(path: string, maxBytes: number): string {
  let text: ContentText | undefined;
  try {
    const fd = openSync(path, READ_FLAGS);
    try {
      const bytes = readSync(fd, readBuffer, 0, readBuffer.length, 0);
      if (bytes > 0 && bytes < readBuffer.length) text = decodeContent(readBuffer.subarray(0, bytes));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw error;
  }
  text ??= readContentFile(path, maxBytes);
  if (!text.ok) throw new IngestError(`${path}:${text.line}:${text.column}: ${text.message}`);
  return text.text;
}

function readIfExists(path: string, maxBytes: number): string | undefined {
  try {
    return readText(path, maxBytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** What a listing's manifest recorded of a paper's counts, and the listing's date. */
interface CountRecord extends Observed {
  date: string;
}

/** Keeps the newest listing's counts of a manifest entry (one without counts records nothing). */
function noteRecord(records: Map<string, CountRecord>, entry: DigestEntry, date: string): void {
  const counts = observed(entry);
  if (Object.keys(counts).length === 0) return;
  const known = records.get(entry.slug);
  if (known === undefined || known.date <= date) records.set(entry.slug, { date, ...counts });
}

/**
 * Counts are observations: a listing's counts replace those of the file that are still what the
 * newest manifest recorded (so ingest wrote them), never one a contributor changed, and a listing
 * older than that manifest changes none. A file without a recorded count keeps it (it may be a
 * contributor's); the listing's manifest records its counts for the next listing to compare with.
 */
export function countsToReplace(listed: Observed, file: Observed, record: CountRecord | undefined, date: string): Observed {
  const out: Observed = {};
  if (record === undefined || record.date > date) return out;
  for (const key of OBSERVED_KEYS) {
    const value = listed[key];
    const have = file[key];
    if (value !== undefined && have !== undefined && have !== value && have === record[key]) out[key] = value;
  }
  return out;
}

function hasKeys(values: object): boolean {
  for (const _ in values) return true;
  return false;
}

/** Whether a file noted in step 2 already holds all a listing says of its paper. */
function isUpToDate(file: FileFields | undefined, fields: number, counts: Observed, record: CountRecord | undefined, date: string): boolean {
  return file !== undefined && (fields & ~file.fields) === 0 && file.digests.includes(date) && !hasKeys(countsToReplace(counts, file.observed, record, date));
}

function sameCounts(a: Observed, b: Observed): boolean {
  return OBSERVED_KEYS.every((key) => a[key] === b[key]);
}

function writeListing(listing: Listing, content: Content, digestsDir: string, outDir: string, handled: (papers: number) => void): ListingSummary {
  const summary: ListingSummary = {
    file: listing.file,
    date: listing.date,
    format: listing.format.name,
    papers: listing.keys.length,
    new: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    withoutAuthors: listing.withoutAuthors,
    withoutDate: listing.withoutDate,
    warnings: listing.warnings,
    unshownWarnings: listing.unshownWarnings,
    skipped: listing.skipped,
    skippedLines: listing.warnings.filter((w) => w.skipped).map((w) => w.line),
  };
  const slugOf = (index: number) => content.slugs.get(listing.keys[index]!)!;
  const upToDate = (index: number) =>
    isUpToDate(content.fields.get(slugOf(index)), listing.fields[index]!, listing.observed[index]!, content.records.get(slugOf(index)), listing.date);
  /** Whether a manifest's entry for a paper records the counts this listing shows. */
  const recorded = (entries: ReadonlyMap<string, DigestEntry> | undefined, index: number) => {
    const entry = entries?.get(slugOf(index));
    return entry !== undefined && sameCounts(observed(entry), listing.observed[index]!);
  };
  // Two titles a contributor has made one paper (a corrected title) share a slug: the first listed has it.
  const owners = new Set<number>();
  const ownedSlugs = new Set<string>();
  for (let i = 0; i < listing.keys.length; i++) {
    const slug = slugOf(i);
    if (ownedSlugs.has(slug)) continue;
    ownedSlugs.add(slug);
    owners.add(i);
  }

  // What re-runs mostly find: every file and the manifest already hold the listing.
  const known = content.manifests.get(listing.date);
  if (known && [...owners].every((i) => recorded(known, i) && upToDate(i))) {
    summary.unchanged = owners.size;
    handled(listing.keys.length);
    return summary;
  }
  content.manifests.delete(listing.date);

  const manifestPath = join(digestsDir, `${listing.date}.json`);
  const manifestText = readIfExists(manifestPath, MAX_MANIFEST_BYTES);
  let manifest: DigestManifest | undefined;
  try {
    manifest = manifestText === undefined ? undefined : parseDigestManifest(manifestText, manifestPath);
  } catch (error) {
    throw new IngestError((error as Error).message);
  }
  const listed = new Map(manifest?.papers.map((p) => [p.slug, p]));
  const entries: DigestEntry[] = [];
  if ([...owners].every((i) => recorded(listed, i) && upToDate(i))) {
    summary.unchanged = owners.size;
    handled(listing.keys.length);
  } else {
    const problems: ListingWarning[] = [];
    const titles = rewriteListing(listing, (index, paper) => {
      handled(1);
      if (!owners.has(index)) return;
      const { line, ...fields } = paper;
      const slug = slugOf(index);
      const outcome = upToDate(index) ? { status: "unchanged" as const } : writePaper(slug, fields, content.records.get(slug), listing.date, content, outDir);
      summary[outcome.status]++;
      if (outcome.problem !== undefined) problems.push({ line, message: outcome.problem });
    });
    // In listed order, as if no paper had waited for its later showings.
    summary.warnings.push(...problems.sort((a, b) => a.line - b.line));
    for (const i of owners) entries.push({ slug: slugOf(i), title: titles[i]!, ...listing.observed[i]! });
  }
  const merged = mergeDigestManifest(manifest, { date: listing.date, papers: entries });
  const text = serializeDigestManifest(merged);
  if (text !== manifestText) writeFileAtomicSync(manifestPath, text);
  for (const entry of merged.papers) noteRecord(content.records, entry, listing.date);
  return summary;
}

/**
 * Hands over each distinct paper of a listing once, merged as the first pass merged it: a paper
 * shown more than once waits for its last showing. The showings are those the first pass kept,
 * else the listing parsed again with the date the first pass found. Returns the listed title of each key, by index.
 */
function rewriteListing(listing: Listing, handle: (index: number, paper: ListedPaper) => void): string[] {
  const titles: string[] = [];
  const waiting = new Map<number, { paper: ListedPaper; showings: number }>();
  const showing = (index: number, paper: ListedPaper) => {
    const showings = listing.repeats.get(index) ?? 1;
    const held = waiting.get(index);
    // The first showing's fields win; later showings only fill in what it lacks.
    const merged = held ? { ...paper, ...held.paper } : paper;
    const seen = (held?.showings ?? 0) + 1;
    if (seen < showings) {
      waiting.set(index, { paper: merged, showings: seen });
      return;
    }
    waiting.delete(index);
    titles[index] = merged.title;
    handle(index, merged);
  };
  if (listing.kept) {
    for (const { index, paper } of listing.kept) showing(index, paper);
    return titles;
  }
  const entries = new ListingEntries();
  const changed = () => new IngestError(`${listing.file}: changed while it was being ingested; run the ingest again`);
  const end = streamListing(
    listing.file,
    listing.date,
    listing.format,
    (paper) => {
      const { index } = entries.place(paper);
      if (index >= listing.keys.length) throw changed();
      showing(index, paper);
    },
    () => {},
  );
  if (end.bytes !== listing.bytes || end.papers !== listing.parsed || waiting.size > 0) throw changed();
  return titles;
}

type WriteStatus = "new" | "updated" | "unchanged" | "invalid";

function writePaper(
  slug: string,
  paper: Paper,
  record: CountRecord | undefined,
  date: string,
  content: Content,
  outDir: string,
): { status: WriteStatus; problem?: string } {
  const path = join(outDir, `${slug}.md`);
  const existing = content.files.has(slug) ? readIfExists(path, MAX_PAPER_BYTES) : undefined;
  if (existing === undefined) {
    writeFileAtomicSync(path, serializePaper(paper));
    content.files.add(slug);
    content.fields.delete(slug);
    return { status: "new" };
  }
  const current = readPaperFrontMatter(existing);
  const replace = current.ok ? countsToReplace(observed(paper), observed(current.frontMatter), record, date) : {};
  const merged = mergePaperFile(existing, paper, replace);
  if (merged.status === "invalid") {
    return { status: "invalid", problem: `${path} left as it is: ${merged.problems.join("; ")}` };
  }
  if (merged.status === "updated") {
    writeFileAtomicSync(path, merged.text);
    content.fields.delete(slug);
  }
  return { status: merged.status };
}
