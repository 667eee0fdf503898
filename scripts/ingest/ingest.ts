/**
 * Listings in, paper files and digest manifests out, in two streaming passes, so that memory holds
 * a few short strings per paper (title key, slug) and never an abstract, however much is ingested.
 *
 * 1. Every listing is parsed and kept only as its papers' title keys, which metadata each shows,
 *    counts and warnings. Bad input stops the run here, before anything is written.
 * 2. The manifests and paper files are each read once. Slugs are resolved for all keys together,
 *    so they do not depend on the order the files were named in, and what each listed paper's file
 *    already holds is noted.
 * 3. Oldest first, each listing is parsed again and its papers written or merged one at a time,
 *    then its manifest; every write atomic and only when the bytes change. A listing whose files
 *    and manifest already hold all it says is not parsed again.
 *
 * File system calls are synchronous (see atomic-write.ts). Nothing here reads a clock, a
 * modification time or an unsorted directory listing.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { removeStaleTempFiles, writeFileAtomicSync } from "../content/atomic-write.js";
import { isIsoDate } from "../content/dates.js";
import { mergeDigestManifest, parseDigestManifest, serializeDigestManifest, SLUG_PATTERN, type DigestEntry, type DigestManifest } from "../content/digest.js";
import { formatNamed } from "./formats/index.js";
import type { SourceFormat } from "./formats/source-format.js";
import { listingFormat, readListingFile, type ListingFileEnd } from "./listing-file.js";
import { ListingError, type ListedPaper, type ListingWarning } from "./formats/text/listing-parser.js";
import { outputFolderProblem } from "./output-folder.js";
import { garbageReason } from "./paper-guard.js";
import type { FrontMatter, Paper } from "../content/paper.js";
import { ADDABLE_KEYS, mergePaperFile, readPaperFrontMatter, serializePaper } from "../content/paper-file.js";
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
  warnings: ListingWarning[];
  /** Lines of the entries the listing shows but ingest left out (cut off, without title or abstract). */
  skipped: number[];
}

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

/** A listing as the first pass leaves it: no paper text, only what slugs and summaries need. */
interface Listing {
  file: string;
  date: string;
  format: SourceFormat;
  /** Bytes and papers (repeats included) the first pass read: the second pass must read the same. */
  bytes: number;
  parsed: number;
  /** The title key of each distinct paper, in listed order. */
  keys: string[];
  /** Per key, the metadata its showings in this listing have between them, as `fieldBits`. */
  fields: number[];
  /** Keys shown more than once in this listing, by index, with their number of showings. */
  repeats: Map<number, number>;
  withoutAuthors: number;
  withoutDate: number;
  warnings: ListingWarning[];
}

/** What a paper file read in step 2 holds, as long as this run has not rewritten it. */
interface FileFields {
  fields: number;
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
  /** The slugs of each manifest that is exactly as ingest writes it, by date, until this run writes it. */
  manifests: Map<string, Set<string>>;
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
  for (const file of options.files) {
    listings.push(readListing(file, options.date, format, () => progress?.reading(++read, listings.length, total)));
    progress?.reading(read, listings.length, total);
  }
  // Oldest listing first, so the outcome does not depend on the order the files were named in.
  listings.sort((a, b) => compareText(a.date, b.date) || compareText(a.file, b.file));

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
    summaries.push(summary);
    progress?.writing(written, summaries.length, papers, total);
    for (const w of summary.warnings) print(`${summary.file}:${w.line}: ${w.message}`);
    print(formatSummary(summary));
  }
  return summaries;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SHOWN_SKIPS = 10;

function formatSummary(s: ListingSummary): string {
  const lines = s.skipped.slice(0, SHOWN_SKIPS).join(", ") + (s.skipped.length > SHOWN_SKIPS ? ", …" : "");
  const parts = [
    `${s.file} (${s.date}, ${s.format}): ${s.papers} papers`,
    `${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged files`,
    s.skipped.length === 0 ? "0 skipped" : `${s.skipped.length} skipped (line${s.skipped.length === 1 ? "" : "s"} ${lines})`,
    `${s.withoutAuthors} without author count, ${s.withoutDate} without date`,
  ];
  if (s.invalid > 0) parts.push(`${s.invalid} invalid files left alone`);
  if (s.warnings.length > 0) parts.push(`${s.warnings.length} warnings`);
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
    if (error instanceof ListingError) throw new IngestError(`${file}: ${error.message}`);
    throw error;
  }
}

function readListing(file: string, date: string | undefined, given: SourceFormat | undefined, parsedOne: () => void): Listing {
  let format: SourceFormat;
  try {
    format = given ?? listingFormat(file);
  } catch (error) {
    if (error instanceof ListingError) throw new IngestError(`${file}: ${error.message}`);
    throw error;
  }
  const keys: string[] = [];
  const fields: number[] = [];
  const repeats = new Map<number, number>();
  const firsts = new Map<string, { index: number; line: number }>();
  const warnings: ListingWarning[] = [];
  const repeatWarnings: ListingWarning[] = [];
  const end = streamListing(
    file,
    date,
    format,
    (paper) => {
      parsedOne();
      const garbage = garbageReason(paper);
      if (garbage) {
        throw new IngestError(
          `${file}:${paper.line}: refusing to write ${JSON.stringify(paper.title.slice(0, 60))}: ${garbage}; ` +
            `this does not look like a Daily Papers listing read as a ${format.label} (nothing was written; --format NAME picks another format)`,
        );
      }
      const key = titleKey(paper.title);
      const first = firsts.get(key);
      if (!first) {
        firsts.set(key, { index: keys.length, line: paper.line });
        keys.push(key);
        fields.push(fieldBits(paper));
        return;
      }
      repeatWarnings.push({ line: paper.line, message: `${JSON.stringify(paper.title)} is listed again (first on line ${first.line}); merged` });
      fields[first.index] = fields[first.index]! | fieldBits(paper);
      repeats.set(first.index, (repeats.get(first.index) ?? 1) + 1);
    },
    (warning) => warnings.push(warning),
  );
  return {
    file,
    date: end.listingDate,
    format,
    bytes: end.bytes,
    parsed: end.papers,
    keys,
    fields,
    repeats,
    withoutAuthors: fields.filter((bits) => (bits & AUTHORS) === 0).length,
    withoutDate: fields.filter((bits) => (bits & PUBLISHED) === 0).length,
    warnings: [...warnings, ...repeatWarnings].sort((a, b) => a.line - b.line),
  };
}

function sortedNames(dir: string, extension: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith(extension) && !name.startsWith(".")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * Slugs for every listed key: a manifest's listed title (so a title a contributor corrected in the
 * file is still found), else a file's title, else a new slug. Manifests are read before the files,
 * but a broken one is reported after the files' warnings, the order the files are looked at in.
 */
function readContent(outDir: string, digestsDir: string, listings: Listing[], print: (line: string) => void, progress?: IngestProgress): Content {
  const slugs = new Map<string, string>();
  for (const listing of listings) for (const key of listing.keys) slugs.set(key, "");
  const names = sortedNames(outDir, ".md");
  progress?.checking(0, names.length);
  const slugOfName = names.map((name) => name.slice(0, -".md".length));
  const files = new Set(slugOfName.filter((slug) => SLUG_PATTERN.test(slug)));
  /** Slugs manifests publish, files or not: permalinks are never handed to another paper. */
  const published: string[] = [];
  /** Files that manifests map listed keys to. */
  const targets = new Set<string>();
  let unresolved = slugs.size;

  const manifests = new Map<string, Set<string>>();
  let manifestError: IngestError | undefined;
  for (const name of sortedNames(digestsDir, ".json")) {
    const path = join(digestsDir, name);
    let manifest: DigestManifest;
    try {
      const text = readText(path);
      manifest = parseDigestManifest(text, path);
      if (serializeDigestManifest(manifest) === text) manifests.set(manifest.date, new Set(manifest.papers.map((p) => p.slug)));
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
      if (!files.has(entry.slug)) continue;
      const key = titleKey(entry.title);
      if (slugs.get(key) !== "") continue;
      slugs.set(key, entry.slug);
      targets.add(entry.slug);
      unresolved--;
    }
  }

  const fields = new Map<string, FileFields>();
  /** Title keys of the stored papers, noted while new titles remain: see the slugs below. */
  const storedKeys: string[] = [];
  for (const [done, name] of names.entries()) {
    progress?.checking(done, names.length);
    const slug = slugOfName[done]!;
    const path = join(outDir, name);
    if (!files.has(slug)) {
      print(`${path}: warning: file name is not a slug (lowercase ASCII letters, digits, hyphens); ignored`);
      continue;
    }
    const read = readPaperFrontMatter(readText(path));
    if (!read.ok) {
      print(`${path}: warning: not a valid paper file (${read.problems[0]}); its title cannot be matched`);
      continue;
    }
    let target = targets.has(slug);
    // Title keys of files are only needed while some listed key has no file yet.
    if (unresolved > 0) {
      const key = titleKey(read.frontMatter.title);
      storedKeys.push(key);
      if (slugs.get(key) === "") {
        slugs.set(key, slug);
        unresolved--;
        target = true;
      }
    }
    if (target) fields.set(slug, { fields: fieldBits(read.frontMatter), digests: read.frontMatter.digests.join() });
  }
  progress?.checking(names.length, names.length);
  if (manifestError) throw manifestError;

  // Only new titles need the set of taken slugs; a re-run has none, and does not build it. It
  // holds the readable base of every stored title too, so that a title sharing it gets a hash
  // whether or not its rival was written first: a run stopped half-way then finishes with the
  // names an uninterrupted run gives. (`unresolved` only falls, so when it is still above zero
  // here every stored title was noted above.)
  if (unresolved > 0) {
    const fresh: string[] = [];
    for (const [key, slug] of slugs) if (slug === "") fresh.push(key);
    const taken = new Set([...files, ...published]);
    for (const key of storedKeys) taken.add(slugBase(key).base);
    for (const [key, slug] of assignSlugs(fresh, taken)) slugs.set(key, slug);
  }
  return { slugs, files, fields, manifests };
}

const readBuffer = Buffer.allocUnsafe(64 * 1024);

/**
 * A file's text. Paper files and manifests fit one read into a buffer kept for the purpose, which
 * spares readFileSync's stat and allocation: a quarter of the time of reading 100,000 files.
 */
function readText(path: string): string {
  const fd = openSync(path, "r");
  try {
    const bytes = readSync(fd, readBuffer, 0, readBuffer.length, 0);
    if (bytes < readBuffer.length) return readBuffer.toString("utf8", 0, bytes);
  } finally {
    closeSync(fd);
  }
  return readFileSync(path, "utf8");
}

function readIfExists(path: string): string | undefined {
  try {
    return readText(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Whether a file noted in step 2 already holds all a listing says of its paper. */
function isUpToDate(file: FileFields | undefined, fields: number, date: string): boolean {
  return file !== undefined && (fields & ~file.fields) === 0 && file.digests.includes(date);
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
    skipped: listing.warnings.filter((w) => w.skipped).map((w) => w.line),
  };
  const slugOf = (index: number) => content.slugs.get(listing.keys[index]!)!;
  const upToDate = (index: number) => isUpToDate(content.fields.get(slugOf(index)), listing.fields[index]!, listing.date);
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
  const recorded = content.manifests.get(listing.date);
  if (recorded && [...owners].every((i) => recorded.has(slugOf(i)) && upToDate(i))) {
    summary.unchanged = owners.size;
    handled(listing.keys.length);
    return summary;
  }
  content.manifests.delete(listing.date);

  const manifestPath = join(digestsDir, `${listing.date}.json`);
  const manifestText = readIfExists(manifestPath);
  let manifest: DigestManifest | undefined;
  try {
    manifest = manifestText === undefined ? undefined : parseDigestManifest(manifestText, manifestPath);
  } catch (error) {
    throw new IngestError((error as Error).message);
  }
  const listed = new Set(manifest?.papers.map((p) => p.slug));
  const entries: DigestEntry[] = [];
  if ([...owners].every((i) => listed.has(slugOf(i)) && upToDate(i))) {
    summary.unchanged = owners.size;
    handled(listing.keys.length);
  } else {
    const problems: ListingWarning[] = [];
    const titles = rewriteListing(listing, (index, paper) => {
      handled(1);
      if (!owners.has(index)) return;
      // The arXiv id is not a front-matter field yet: it is read, not written.
      const { line, arxiv: _arxiv, ...fields } = paper;
      const outcome = upToDate(index) ? { status: "unchanged" as const } : writePaper(slugOf(index), fields, content, outDir);
      summary[outcome.status]++;
      if (outcome.problem !== undefined) problems.push({ line, message: outcome.problem });
    });
    // In listed order, as if no paper had waited for its later showings.
    summary.warnings.push(...problems.sort((a, b) => a.line - b.line));
    for (const i of owners) entries.push({ slug: slugOf(i), title: titles[i]! });
  }
  const text = serializeDigestManifest(mergeDigestManifest(manifest, { date: listing.date, papers: entries }));
  if (text !== manifestText) writeFileAtomicSync(manifestPath, text);
  return summary;
}

/**
 * Parses a listing again, with the date the first pass found, and hands over each distinct paper
 * once, merged as the first pass merged it: a paper shown more than once waits for its last
 * showing. Returns the listed title of each key, by index.
 */
function rewriteListing(listing: Listing, handle: (index: number, paper: ListedPaper) => void): string[] {
  const indexOf = new Map(listing.keys.map((key, i) => [key, i]));
  const titles: string[] = [];
  const waiting = new Map<number, { paper: ListedPaper; showings: number }>();
  const changed = () => new IngestError(`${listing.file}: changed while it was being ingested; run the ingest again`);
  const end = streamListing(
    listing.file,
    listing.date,
    listing.format,
    (paper) => {
      const index = indexOf.get(titleKey(paper.title));
      if (index === undefined) throw changed();
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
    },
    () => {},
  );
  if (end.bytes !== listing.bytes || end.papers !== listing.parsed || waiting.size > 0) throw changed();
  return titles;
}

type WriteStatus = "new" | "updated" | "unchanged" | "invalid";

function writePaper(slug: string, paper: Paper, content: Content, outDir: string): { status: WriteStatus; problem?: string } {
  const path = join(outDir, `${slug}.md`);
  const existing = content.files.has(slug) ? readIfExists(path) : undefined;
  if (existing === undefined) {
    writeFileAtomicSync(path, serializePaper(paper));
    content.files.add(slug);
    content.fields.delete(slug);
    return { status: "new" };
  }
  const merged = mergePaperFile(existing, paper);
  if (merged.status === "invalid") {
    return { status: "invalid", problem: `${path} left as it is: ${merged.problems.join("; ")}` };
  }
  if (merged.status === "updated") {
    writeFileAtomicSync(path, merged.text);
    content.fields.delete(slug);
  }
  return { status: merged.status };
}
