/**
 * `npm run check`, and the build's refusal of invalid content: every paper file and digest
 * manifest on its own, then what only the files together can show (file names, one file per
 * paper, papers and manifests that agree on who appeared when). Every problem is reported, in an
 * order that depends on nothing but the content.
 *
 * A digest date a paper lists must have its manifest, and that manifest must list the paper: an
 * error, not a warning, because the paper's page would otherwise link to a digest page that does
 * not exist or does not show it, and a made-up date would loosen the check of `published`.
 */
import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { checkDigestText, type DigestCheck } from "./check-digest.js";
import { checkPaperText, type PaperCheck } from "./check-paper.js";
import { MAX_MANIFEST_BYTES, MAX_PAPER_BYTES, readContentFile } from "../content/content-file.js";
import { contentTreeProblems, isContentFile } from "./content-tree.js";
import { type DigestManifest, SLUG_PATTERN } from "../content/digest.js";
import type { PaperSource } from "../content/paper.js";
import { FILE_START, locate, type Position } from "./positions.js";
import { compareProblems, formatAnnotation, formatProblem, type Problem } from "./problem.js";
import { slugBase } from "../content/slug.js";
import { titleKey } from "../content/title-key.js";

/**
 * Each file's verdict, kept between checks of the same folders by a long-running process (the dev
 * server): a file whose size and modification time are unchanged is not read or checked again.
 */
export type CheckCache = Map<string, { mtimeMs: number; size: number; check: PaperCheck | DigestCheck }>;

type Unreadable = Position & { message: string };

/** A file's verdict: unreadable (see content-file.ts), or what `check` says of its text. */
function checkFile<T extends PaperCheck | DigestCheck>(file: string, maxBytes: number, check: (text: string) => T, unreadable: (problem: Unreadable) => T): T {
  const read = readContentFile(file, maxBytes);
  return read.ok ? check(read.text) : unreadable(read);
}

function cachedCheck<T extends PaperCheck | DigestCheck>(file: string, run: () => T, cache: CheckCache | undefined): T {
  if (!cache) return run();
  const { mtimeMs, size } = lstatSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs && hit.size === size) return hit.check as T;
  const result = run();
  cache.set(file, { mtimeMs, size, check: result });
  return result;
}

export interface ContentReport {
  /** Paper files and digest manifests looked at. */
  papers: number;
  digests: number;
  /** Sorted by file, line, column, message. */
  problems: Problem[];
  /** What passed, in file-name order: everything when there are no problems. */
  content: { papers: PaperSource[]; manifests: DigestManifest[] };
}

interface PaperFile {
  file: string;
  /** The file name without `.md`: the slug, when it is a valid one. */
  stem: string;
  validName: boolean;
  check: PaperCheck;
}

interface DigestFile {
  file: string;
  check: DigestCheck;
}

type Report = (file: string, at: Position, message: string) => void;

/**
 * The content folder `dir` (`papers/<slug>.md` and `digests/<date>.json`): the verdict of
 * `npm run check` and of the build alike. Nothing in it that is not a regular file is read.
 */
export function checkContent(dir: string, cache?: CheckCache): ContentReport {
  const papersDir = join(dir, "papers");
  const digestsDir = join(dir, "digests");
  // Links, non-files and files the site is not built from are reported here and never read below.
  const problems: Problem[] = contentTreeProblems(dir, isContentFile);
  const report: Report = (file, at, message) => problems.push({ file, ...at, message });

  const papers: PaperFile[] = [];
  for (const name of fileNames(papersDir, /\.md$/i)) {
    const file = join(papersDir, name);
    // Synchronous: for thousands of small files a promise per read costs more than the read (docs/ingest.md).
    const check = cachedCheck(file, () => checkFile(file, MAX_PAPER_BYTES, checkPaperText, (problem) => ({ problems: [problem] })), cache);
    for (const { message, ...at } of check.problems) report(file, at, message);
    const stem = name.slice(0, -".md".length);
    const validName = name.endsWith(".md") && SLUG_PATTERN.test(stem);
    if (!validName) report(file, FILE_START, badName(stem));
    papers.push({ file, stem, validName, check });
  }
  const digests: DigestFile[] = [];
  for (const name of fileNames(digestsDir, /\.json$/i)) {
    const file = join(digestsDir, name);
    const unreadable = (problem: Unreadable): DigestCheck => ({ problems: [problem], located: locate("", 1) });
    const check = cachedCheck(file, () => checkFile(file, MAX_MANIFEST_BYTES, (text) => checkDigestText(name, text), unreadable), cache);
    for (const { message, ...at } of check.problems) report(file, at, message);
    digests.push({ file, check });
  }

  checkOneFilePerPaper(papers, report);
  checkManifestsAgainstPapers(digests, papers, papersDir, report);
  checkPapersAgainstManifests(papers, digests, digestsDir, report);
  return {
    papers: papers.length,
    digests: digests.length,
    problems: problems.sort(compareProblems),
    content: {
      papers: papers.flatMap((p) => (p.validName && p.check.valid ? [recordOf(p.check, p.stem)] : [])),
      manifests: digests.flatMap((d) => (d.check.manifest ? [d.check.manifest] : [])),
    },
  };
}

/** One record per verdict: a file the cache did not read again gives the same object as last time (see catalog.ts). */
const records = new WeakMap<PaperCheck, PaperSource>();

function recordOf(check: PaperCheck, slug: string): PaperSource {
  let record = records.get(check);
  if (!record || record.slug !== slug) {
    const { paper, body } = check.valid!;
    records.set(check, (record = { ...paper, slug, body }));
  }
  return record;
}

/** Title keys per checked paper: a dev server's rebuild hands back the same objects for unchanged files, and does not key 10,000 titles again. */
const titleKeys = new WeakMap<object, string>();

function cachedTitleKey(paper: { title: string }): string {
  let key = titleKeys.get(paper);
  if (key === undefined) titleKeys.set(paper, (key = titleKey(paper.title)));
  return key;
}

/** No two files for one page (slugs equal but for case) or for one paper (equal title keys). */
function checkOneFilePerPaper(papers: PaperFile[], report: Report): void {
  for (const group of groupBy(papers, (p) => p.stem.toLowerCase())) {
    for (const paper of group) report(paper.file, FILE_START, `same slug as ${others(group, paper)}: file names that differ only in letter case are one page`);
  }
  const valid = papers.flatMap((p) => (p.check.valid ? [{ file: p.file, ...p.check.valid }] : []));
  for (const group of groupBy(valid, (p) => cachedTitleKey(p.paper))) {
    // Two papers may share a title when their arXiv ids tell them apart.
    const ids = new Set(group.map((p) => p.paper.arxiv));
    if (!ids.has(undefined) && ids.size === group.length) continue;
    for (const paper of group) {
      report(paper.file, paper.located.value(["title"]), `same paper as ${others(group, paper)} (titles that differ only in case or spacing): keep one file`);
    }
  }
  for (const group of groupBy(
    valid.filter((p) => p.paper.arxiv !== undefined),
    (p) => p.paper.arxiv!,
  )) {
    for (const paper of group) report(paper.file, paper.located.value(["arxiv"]), `same arXiv id as ${others(group, paper)}: one paper, keep one file`);
  }
}

/** Every paper a manifest lists has a file, and that file lists the manifest's date. */
function checkManifestsAgainstPapers(digests: DigestFile[], papers: PaperFile[], papersDir: string, report: Report): void {
  const bySlug = new Map(papers.filter((p) => p.validName).map((p) => [p.stem, p]));
  for (const { file, check } of digests) {
    const manifest = check.manifest;
    if (!manifest) continue;
    manifest.papers.forEach(({ slug }, index) => {
      const paper = bySlug.get(slug);
      if (!paper) {
        report(file, check.located.value(["papers", index, "slug"]), `papers[${index}].slug: no paper file ${join(papersDir, `${slug}.md`)}`);
      } else if (paper.check.valid && !paper.check.valid.paper.digests.includes(manifest.date)) {
        report(paper.file, paper.check.valid.located.value(["digests"]), `digests: lacks ${manifest.date}, yet ${file} lists this paper`);
      }
    });
  }
}

/** Every digest date a paper lists has a manifest, and (when that manifest is readable) it lists the paper. */
function checkPapersAgainstManifests(papers: PaperFile[], digests: DigestFile[], digestsDir: string, report: Report): void {
  const manifestFiles = new Set(digests.map((d) => d.file));
  const byDate = new Map<string, { file: string; slugs: Set<string> }>();
  for (const { file, check } of digests) {
    if (check.manifest) byDate.set(check.manifest.date, { file, slugs: new Set(check.manifest.papers.map((p) => p.slug)) });
  }
  // A few hundred dates among 10,000 papers: each file name is joined once.
  const joined = new Map<string, string>();
  const manifestFileOf = (date: string) => joined.get(date) ?? joined.set(date, join(digestsDir, `${date}.json`)).get(date)!;
  for (const { file, stem, validName, check } of papers) {
    if (!validName || !check.valid) continue;
    const { paper, located } = check.valid;
    /** Index as written (the checked value is sorted and free of repeats), and where it is. */
    const place = (date: string) => {
      const index = (located.doc.toJS() as { digests: unknown[] }).digests.indexOf(date);
      return { index, at: located.value(["digests", index]) };
    };
    for (const date of paper.digests) {
      const manifestFile = manifestFileOf(date);
      const digest = byDate.get(date);
      if (!manifestFiles.has(manifestFile)) {
        const { index, at } = place(date);
        report(file, at, `digests[${index}]: no digest ${date}: ${manifestFile} does not exist`);
      } else if (digest && !digest.slugs.has(stem)) {
        const { index, at } = place(date);
        report(file, at, `digests[${index}]: ${digest.file} does not list this paper`);
      }
    }
  }
}

/** Problem lines, each followed by its `::error` command when `annotations` is set, then a summary. */
export function formatReport(report: ContentReport, options: { annotations: boolean }): string[] {
  const lines = report.problems.flatMap((p) => (options.annotations ? [formatProblem(p), formatAnnotation(p)] : [formatProblem(p)]));
  if (report.problems.length === 0) {
    lines.push(`checked ${count(report.papers, "paper")} and ${count(report.digests, "digest")}: no problems`);
  } else {
    lines.push(`${count(report.problems.length, "problem")} in ${count(new Set(report.problems.map((p) => p.file)).size, "file")}`);
  }
  return lines;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function badName(stem: string): string {
  const suggestion = slugBase(stem).base;
  const hint = suggestion ? `; rename it to ${suggestion}.md` : "";
  return `file name is not a slug (lowercase ASCII letters, digits and single hyphens, then .md)${hint}`;
}

function others<T extends { file: string }>(group: T[], one: T): string {
  return group
    .filter((p) => p !== one)
    .map((p) => p.file)
    .join(", ");
}

/** Groups of two or more items sharing a key, in the items' order. */
function groupBy<T>(items: T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * Regular files (not links, folders or dotfiles) whose names match, in code-unit order; none when
 * the folder is missing or is itself a link.
 */
function fileNames(dir: string, pattern: RegExp): string[] {
  try {
    if (lstatSync(dir).isSymbolicLink()) return [];
    const entries = readdirSync(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && !e.name.startsWith(".") && pattern.test(e.name))
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  } catch (error) {
    // Missing, or a file where the folder should be (reported by the tree check).
    if (["ENOENT", "ENOTDIR"].includes((error as NodeJS.ErrnoException).code ?? "")) return [];
    throw error;
  }
}
