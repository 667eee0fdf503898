/**
 * Listings in, paper files and digest manifests out. All listings are parsed before anything is
 * written, so bad input stops the run with the content untouched; then each listing in turn writes
 * or merges its papers' files and its manifest, each write atomic and only when bytes change.
 * Nothing here reads a clock, a modification time or an unsorted directory listing.
 */
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { removeStaleTempFiles, writeFileAtomic } from "./atomic-write.js";
import { isIsoDate } from "./dates.js";
import { mergeDigestManifest, parseDigestManifest, serializeDigestManifest, SLUG_PATTERN, type DigestManifest } from "./digest.js";
import { readListingFile } from "./listing-file.js";
import { ListingError, type ListedPaper, type ListingWarning } from "./listing-parser.js";
import { outputFolderProblem } from "./output-folder.js";
import type { Paper } from "./paper.js";
import { mergePaperFile, parsePaperFile, serializePaper } from "./paper-file.js";
import { assignSlugs, slugBase } from "./slug.js";
import { titleKey } from "./title-key.js";

export interface IngestOptions {
  files: string[];
  /** YYYY-MM-DD for every listing; else each listing's file name or header. */
  date?: string;
  outDir: string;
  digestsDir: string;
}

export interface ListingSummary {
  file: string;
  date: string;
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
}

/** Input or content the run cannot go on with; the message is one line. */
export class IngestError extends Error {
  override name = "IngestError";
}

interface Listing {
  file: string;
  date: string;
  /** One per title key, in listed order, the first listing of a title with later ones' extra fields. */
  papers: ListedPaper[];
  warnings: ListingWarning[];
}

interface Content {
  /** Title key → slug, from manifests' listed titles, for files that still exist. */
  byListedTitle: Map<string, string>;
  /** Title key → slug, from the files' current titles. */
  byFileTitle: Map<string, string>;
  /**
   * Every slug in use or once published: permalinks are never handed to another paper. Also the
   * readable base of every stored title, so that a title sharing it gets a hash whether or not
   * its rival was written first: a run stopped half-way then finishes with the same names.
   */
  taken: Set<string>;
  manifests: Map<string, DigestManifest>;
}

export async function ingestFiles(options: IngestOptions, print: (line: string) => void): Promise<ListingSummary[]> {
  if (options.date !== undefined && !isIsoDate(options.date)) {
    throw new IngestError(`--date must be a calendar date as YYYY-MM-DD, not ${JSON.stringify(options.date)}`);
  }
  if (options.files.length === 0) throw new IngestError("no listing files given");
  const listings: Listing[] = [];
  for (const file of options.files) listings.push(await readListing(file, options.date));
  // Oldest listing first, so the outcome does not depend on the order the files were named in.
  listings.sort((a, b) => compareText(a.date, b.date) || compareText(a.file, b.file));

  const folders = [options.outDir, options.digestsDir];
  for (const dir of folders) {
    const problem = await outputFolderProblem(dir);
    if (problem) throw new IngestError(problem);
  }
  for (const dir of folders) {
    const stale = await removeStaleTempFiles(dir);
    if (stale.length > 0) print(`${dir}: removed ${stale.length} temporary file(s) left by an interrupted run`);
  }
  const content = await readContent(options.outDir, options.digestsDir, print);
  const slugs = resolveSlugs(listings, content);
  await mkdir(options.outDir, { recursive: true });
  await mkdir(options.digestsDir, { recursive: true });

  const summaries: ListingSummary[] = [];
  for (const listing of listings) {
    const summary = await writeListing(listing, slugs, content, options);
    for (const w of summary.warnings) print(`${summary.file}:${w.line}: ${w.message}`);
    print(formatSummary(summary));
    summaries.push(summary);
  }
  return summaries;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function formatSummary(s: ListingSummary): string {
  const parts = [
    `${s.file} (${s.date}): ${s.papers} papers`,
    `${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged files`,
    `${s.withoutAuthors} without author count, ${s.withoutDate} without date`,
  ];
  if (s.invalid > 0) parts.push(`${s.invalid} invalid files left alone`);
  if (s.warnings.length > 0) parts.push(`${s.warnings.length} warnings`);
  return parts.join("; ");
}

async function readListing(file: string, date: string | undefined): Promise<Listing> {
  let parsed;
  try {
    parsed = await readListingFile(file, date);
  } catch (error) {
    if (error instanceof ListingError) throw new IngestError(`${file}: ${error.message}`);
    throw error;
  }
  const warnings = [...parsed.warnings];
  const byKey = new Map<string, ListedPaper>();
  for (const paper of parsed.papers) {
    const key = titleKey(paper.title);
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, paper);
      continue;
    }
    warnings.push({ line: paper.line, message: `${JSON.stringify(paper.title)} is listed again (first on line ${first.line}); merged` });
    byKey.set(key, { ...paper, ...first });
  }
  warnings.sort((a, b) => a.line - b.line);
  return { file, date: parsed.listingDate, papers: [...byKey.values()], warnings };
}

async function sortedNames(dir: string, extension: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(extension) && !name.startsWith(".")).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function readContent(outDir: string, digestsDir: string, print: (line: string) => void): Promise<Content> {
  const content: Content = { byListedTitle: new Map(), byFileTitle: new Map(), taken: new Set(), manifests: new Map() };
  const files = new Set<string>();
  for (const name of await sortedNames(outDir, ".md")) {
    const slug = name.slice(0, -".md".length);
    if (!SLUG_PATTERN.test(slug)) {
      print(`${join(outDir, name)}: warning: file name is not a slug (lowercase ASCII letters, digits, hyphens); ignored`);
      continue;
    }
    files.add(slug);
    content.taken.add(slug);
    const parsed = parsePaperFile(await readFile(join(outDir, name), "utf8"));
    if (!parsed.ok) {
      print(`${join(outDir, name)}: warning: not a valid paper file (${parsed.problems[0]}); its title cannot be matched`);
      continue;
    }
    const key = titleKey(parsed.paper.title);
    if (!content.byFileTitle.has(key)) content.byFileTitle.set(key, slug);
    content.taken.add(slugBase(key).base);
  }
  for (const name of await sortedNames(digestsDir, ".json")) {
    const path = join(digestsDir, name);
    let manifest: DigestManifest;
    try {
      manifest = parseDigestManifest(await readFile(path, "utf8"), path);
    } catch (error) {
      throw new IngestError((error as Error).message);
    }
    if (`${manifest.date}.json` !== name) throw new IngestError(`${path}: holds the digest of ${manifest.date}`);
    content.manifests.set(manifest.date, manifest);
    for (const entry of manifest.papers) {
      content.taken.add(entry.slug);
      const key = titleKey(entry.title);
      if (files.has(entry.slug) && !content.byListedTitle.has(key)) content.byListedTitle.set(key, entry.slug);
    }
  }
  return content;
}

/** Title key → slug for every listed paper: a manifest's listed title, else a file's title, else new. */
function resolveSlugs(listings: Listing[], content: Content): Map<string, string> {
  const slugs = new Map<string, string>();
  const fresh: string[] = [];
  for (const listing of listings) {
    for (const paper of listing.papers) {
      const key = titleKey(paper.title);
      if (slugs.has(key)) continue;
      const found = content.byListedTitle.get(key) ?? content.byFileTitle.get(key);
      if (found) slugs.set(key, found);
      else fresh.push(key);
    }
  }
  for (const [key, slug] of assignSlugs(fresh, content.taken)) slugs.set(key, slug);
  return slugs;
}

async function writeListing(listing: Listing, slugs: Map<string, string>, content: Content, options: IngestOptions): Promise<ListingSummary> {
  const summary: ListingSummary = {
    file: listing.file,
    date: listing.date,
    papers: listing.papers.length,
    new: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    withoutAuthors: listing.papers.filter((p) => p.authors === undefined).length,
    withoutDate: listing.papers.filter((p) => p.published === undefined).length,
    warnings: listing.warnings,
  };
  const entries: DigestManifest["papers"] = [];
  const written = new Set<string>();
  for (const listed of listing.papers) {
    const slug = slugs.get(titleKey(listed.title))!;
    // Two titles a contributor has made one paper (a corrected title) share a slug: one entry.
    if (written.has(slug)) continue;
    written.add(slug);
    entries.push({ slug, title: listed.title });
    const { line: _line, ...paper } = listed;
    const outcome = await writePaper(join(options.outDir, `${slug}.md`), paper);
    if (outcome.problem) summary.warnings.push({ line: listed.line, message: outcome.problem });
    summary[outcome.status]++;
  }
  const manifest = mergeDigestManifest(content.manifests.get(listing.date), { date: listing.date, papers: entries });
  content.manifests.set(listing.date, manifest);
  await writeIfChanged(join(options.digestsDir, `${listing.date}.json`), serializeDigestManifest(manifest));
  return summary;
}

type WriteStatus = "new" | "updated" | "unchanged" | "invalid";

async function writePaper(path: string, paper: Paper): Promise<{ status: WriteStatus; problem?: string }> {
  const existing = await readIfExists(path);
  if (existing === undefined) {
    await writeFileAtomic(path, serializePaper(paper));
    return { status: "new" };
  }
  const merged = mergePaperFile(existing, paper);
  if (merged.status === "invalid") {
    return { status: "invalid", problem: `${path} left as it is: ${merged.problems.join("; ")}` };
  }
  if (merged.status === "updated") await writeFileAtomic(path, merged.text);
  return { status: merged.status };
}

async function writeIfChanged(path: string, text: string): Promise<void> {
  if ((await readIfExists(path)) !== text) await writeFileAtomic(path, text);
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
