/**
 * Everything the pages need, shaped once from validated papers and digest manifests: digests in
 * listed order, date and author-count archives with counts, previous/next links, excerpts, and the
 * archive lists already cut into pages. One sort and a few linear passes, so page templates never
 * scan all papers. Pure: no clock, no file system, and every order is chosen here explicitly.
 */
import { ARCHIVE_TYPES, AUTHORS_ARCHIVE, type ArchiveGroupOf, type ArchiveType } from "./archives.js";
import { authorBand } from "./bands.js";
import { cleanText } from "./clean-text.js";
import { isoParts } from "../content/dates.js";
import type { DigestManifest } from "../content/digest.js";
import { authorsLabel, formatDay, formatMonth } from "./format.js";
import { abstractToMarkdown } from "../content/markdown.js";
import { routes } from "./routes.js";
import { copyFieldValues, PAPER_FIELDS, type FieldTable } from "../content/fields.js";
import { buildTop, isoWeek, type TopViews } from "./top.js";
import type { FrontMatter, PaperRecord } from "../content/paper.js";

export const PAGE_SIZE = 100;
/** Digests per page of the digest index: a little over a year of daily listings, about 40 KB of HTML. */
export const DIGESTS_PER_INDEX_PAGE = 400;
export const EXCERPT_WORDS = 40;

export interface Link {
  label: string;
  url: string;
}

/** A paper's place in one digest it appeared in. */
export interface DigestPlace {
  date: string;
  label: string;
  url: string;
  previous?: Link;
  next?: Link;
}

/** The front-matter fields the table has the catalog copy (all of them), as the file has them. */
export interface CatalogPaper extends Omit<FrontMatter, "digests"> {
  slug: string;
  url: string;
  /** Ascending, as in the front matter. */
  digests: readonly string[];
  /** The abstract as readers see it: plain text, LaTeX residue cleaned (see clean-text.ts). */
  abstract: string;
  /** The abstract as Markdown, as the file has it: what the paper's page renders. */
  body: string;
  /** The first words of `abstract`. */
  excerpt: string;
  /** `22 September 2023`; absent when undated. */
  dateLabel?: string;
  /** `3 authors`, `1 author` or the organisation; absent when unknown. */
  authorsLabel?: string;
  /** Search filter values. */
  year: string;
  authorBand: string;
  /** Its month archive (or the undated one) and its author-count archive. */
  dateArchive: Link;
  authorArchive: Link;
  /** One entry per digest it appeared in, newest digest first. */
  places: readonly DigestPlace[];
}

export interface DigestGroup {
  date: string;
  label: string;
  url: string;
  count: number;
  papers: readonly CatalogPaper[];
  /** The digest before this one in time, and the one after. */
  older?: Link;
  newer?: Link;
  /** The most upvoted papers of its ISO week, when that week has a top page. */
  top?: Link;
}

export interface MonthGroup {
  year: string;
  /** Two digits. */
  month: string;
  label: string;
  url: string;
  count: number;
}

export interface YearGroup {
  year: string;
  url: string;
  count: number;
  /** Calendar order. */
  months: readonly MonthGroup[];
}

/** One group of an archive type (archives.ts), as its index lists it. */
export interface ArchiveGroup {
  key: string;
  label: string;
  url: string;
  count: number;
}

/** An author count, or `unknown`. */
export type AuthorGroup = ArchiveGroup;

/** One archive type's index: what its index page lists. */
export interface ArchiveIndex {
  kind: string;
  url: string;
  groups: readonly ArchiveGroup[];
}

/** `digest`, `year`, `month`, `undated`, or the kind of an archive type (archives.ts). */
export type ArchiveKind = string;

/** Where a page of a list sits among its pages: what the pager shows. */
export interface PageLinks {
  pageNumber: number;
  totalPages: number;
  url: string;
  firstUrl: string;
  lastUrl: string;
  previousUrl?: string;
  nextUrl?: string;
}

/** One page of the digest index, `/digests/`. */
export interface DigestIndexPage extends PageLinks {
  /** `Digests`, with the page number when there are several pages. */
  title: string;
  /** Newest first. */
  digests: readonly DigestGroup[];
}

/** One page of one list: what the paginated archive template renders. */
export interface ArchivePage extends PageLinks {
  kind: ArchiveKind;
  key: string;
  /** The list's name, e.g. `September 2023`. */
  heading: string;
  /** The heading plus the page number when the list has several pages. */
  title: string;
  /** Where the list belongs: the index it is part of, or the year of a month. */
  parent: Link;
  /** Position of this page's first paper in the whole list, from 1. */
  start: number;
  /** Papers in the whole list, not just on this page. */
  count: number;
  papers: readonly CatalogPaper[];
  digest?: DigestGroup;
  year?: YearGroup;
}

export interface Catalog {
  /** Slug order. */
  papers: readonly CatalogPaper[];
  bySlug: ReadonlyMap<string, CatalogPaper>;
  /** Newest first. */
  digests: readonly DigestGroup[];
  /** The digest index cut into pages: at 100,000 papers one page would list 3,000 digests. */
  digestIndexPages: readonly DigestIndexPage[];
  /** First page of the newest digest: the home page. */
  latest?: ArchivePage;
  /** Newest first. */
  years: readonly YearGroup[];
  undated: Link & { count: number };
  /** The archive types' indexes, in archives.ts order. */
  archives: readonly ArchiveIndex[];
  /** Ascending author count, unknown last: the authors archive's groups. */
  authorGroups: readonly AuthorGroup[];
  archivePages: readonly ArchivePage[];
  /** The most upvoted papers of each week, month and year (top.ts). */
  top: TopViews;
}

export interface CatalogOptions {
  /** The field table whose `catalog` fields are copied onto each paper; the site's own unless a test says otherwise. */
  fields?: FieldTable;
  pageSize?: number;
  digestsPerIndexPage?: number;
  excerptWords?: number;
  topSize?: number;
}

export function excerpt(text: string, words = EXCERPT_WORDS): string {
  // The first words only (and whether there is one more): splitting a whole abstract to keep 40 words cost more than the rest of the catalog.
  const first: string[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    if (first.length === words) return `${first.join(" ")} …`;
    first.push(match[0]);
  }
  return first.join(" ");
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order of every archive list: newest published first, undated last, then by slug. */
function compareForArchive(a: CatalogInput, b: CatalogInput): number {
  if (a.published !== b.published) {
    if (a.published === undefined) return 1;
    if (b.published === undefined) return -1;
    return compareStrings(b.published, a.published);
  }
  return compareStrings(a.slug, b.slug);
}

type MutablePaper = Omit<CatalogPaper, "places"> & { places: DigestPlace[] };

/** Records from content files carry their body; others (tests, tools) get the one ingest would write. */
type CatalogInput = PaperRecord & { body?: string };

/**
 * What a paper's catalog entry makes of its record alone, kept per record object: the dev server's
 * content check hands back the very same record for a file that did not change, so a rebuild
 * derives only the changed papers again, and unchanged entries share their text and nested objects
 * with the last catalog, which makes comparing the two (render-plan.ts) cheap too.
 */
const derived = new WeakMap<FieldTable, WeakMap<CatalogInput, Map<number, Omit<MutablePaper, "places">>>>();

/** The derivation each catalog paper was made from: two papers made from the same one differ at most in their places. */
const derivationOf = new WeakMap<CatalogPaper, object>();

/** True when `a` and `b` hold the very same values but perhaps for `places` (a rebuild's unchanged file): only those need comparing. */
export function sameDerivation(a: CatalogPaper, b: CatalogPaper): boolean {
  const derivation = derivationOf.get(a);
  return derivation !== undefined && derivation === derivationOf.get(b);
}

function toCatalogPaper(record: CatalogInput, fields: FieldTable, excerptWords: number): MutablePaper {
  let byRecord = derived.get(fields);
  if (!byRecord) derived.set(fields, (byRecord = new WeakMap()));
  let byWords = byRecord.get(record);
  if (!byWords) byRecord.set(record, (byWords = new Map()));
  let own = byWords.get(excerptWords);
  // Frozen once, with all it holds, so that a rebuild freezes only each paper's new places (see deepFreeze).
  if (!own) byWords.set(excerptWords, (own = deepFreeze(derive(record, fields, excerptWords))));
  const paper: MutablePaper = { ...own, places: [] };
  derivationOf.set(paper, own);
  return paper;
}

function derive(record: CatalogInput, fields: FieldTable, excerptWords: number): Omit<MutablePaper, "places"> {
  const abstract = cleanText(record.abstract);
  const paper: Omit<MutablePaper, "places"> = {
    slug: record.slug,
    ...(copyFieldValues(record, fields) as Pick<CatalogPaper, "title" | "digests">),
    url: routes.paper(record.slug),
    abstract,
    body: record.body ?? abstractToMarkdown(record.abstract),
    excerpt: excerpt(abstract, excerptWords),
    year: "undated",
    authorBand: authorBand(record.authors),
    dateArchive: { label: "Undated", url: routes.undated },
    authorArchive: groupLink(AUTHORS_ARCHIVE, AUTHORS_ARCHIVE.groupOf(record)),
  };
  const label = authorsLabel(record);
  if (label !== undefined) paper.authorsLabel = label;
  if (record.published !== undefined) {
    const { year, month } = isoParts(record.published);
    const yyyy = String(year).padStart(4, "0");
    const mm = String(month).padStart(2, "0");
    paper.dateLabel = formatDay(record.published);
    paper.year = yyyy;
    paper.dateArchive = { label: formatMonth(year, month), url: routes.month(yyyy, mm) };
  }
  return paper;
}

function groupLink(type: ArchiveType, group: ArchiveGroupOf): Link {
  return { label: group.label, url: type.url(group.key) };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A digest's papers: first as its manifest lists them (entries for papers that no longer name the
 * digest are skipped), then any other paper naming the digest, by slug.
 */
function orderDigest(members: readonly CatalogPaper[], manifest: DigestManifest | undefined): CatalogPaper[] {
  const bySlug = new Map(members.map((p) => [p.slug, p]));
  const ordered: CatalogPaper[] = [];
  for (const entry of manifest?.papers ?? []) {
    const paper = bySlug.get(entry.slug);
    if (paper) {
      ordered.push(paper);
      bySlug.delete(entry.slug);
    }
  }
  const rest = [...bySlug.values()].sort((a, b) => compareStrings(a.slug, b.slug));
  return ordered.concat(rest);
}

interface ListSpec {
  kind: ArchiveKind;
  key: string;
  heading: string;
  parent: Link;
  url: string;
  papers: readonly CatalogPaper[];
  digest?: DigestGroup;
  year?: YearGroup;
}

/** `items` cut into pages of `pageSize` at `listUrl`, each with its links; an empty list still has its (empty) first page. */
function pagesOf<T>(items: readonly T[], listUrl: string, pageSize: number): { links: PageLinks; items: readonly T[] }[] {
  const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
  return Array.from({ length: totalPages }, (_, i) => {
    const pageNumber = i + 1;
    const links: PageLinks = { pageNumber, totalPages, url: routes.page(listUrl, pageNumber), firstUrl: listUrl, lastUrl: routes.page(listUrl, totalPages) };
    if (pageNumber > 1) links.previousUrl = routes.page(listUrl, pageNumber - 1);
    if (pageNumber < totalPages) links.nextUrl = routes.page(listUrl, pageNumber + 1);
    return { links, items: items.slice(i * pageSize, pageNumber * pageSize) };
  });
}

/** The heading, with the page number when the list has several pages. */
function pageTitle(heading: string, { pageNumber, totalPages }: PageLinks): string {
  return totalPages === 1 ? heading : `${heading}, page ${pageNumber} of ${totalPages}`;
}

/** Cuts one list into pages. */
function paginate(spec: ListSpec, pageSize: number): ArchivePage[] {
  const { papers, ...rest } = spec;
  return pagesOf(papers, spec.url, pageSize).map(({ links, items }) => ({
    ...rest,
    ...links,
    title: pageTitle(spec.heading, links),
    start: (links.pageNumber - 1) * pageSize + 1,
    count: spec.year?.count ?? papers.length,
    papers: items,
  }));
}

/**
 * Frozen data is shared, not copied, by Eleventy's data cascade; templates cannot alter it either.
 * Each object is frozen before its children are visited, so an object met again (the catalog
 * shares papers between lists, and has cycles) is already frozen and skipped.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (value instanceof Map) for (const child of value.values()) deepFreeze(child);
  else for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}

export function buildCatalog(records: readonly CatalogInput[], manifests: readonly DigestManifest[], options: CatalogOptions = {}): Catalog {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const digestsPerIndexPage = options.digestsPerIndexPage ?? DIGESTS_PER_INDEX_PAGE;
  const excerptWords = options.excerptWords ?? EXCERPT_WORDS;
  const fields = options.fields ?? PAPER_FIELDS;
  for (const size of [pageSize, digestsPerIndexPage])
    if (!Number.isInteger(size) || size < 1) throw new Error(`page size must be a positive integer, got ${size}`);

  const papers = [...records].sort(compareForArchive).map((r) => toCatalogPaper(r, fields, excerptWords));
  const bySlug = new Map<string, MutablePaper>();
  for (const paper of papers) {
    if (bySlug.has(paper.slug)) throw new Error(`two papers share the slug ${paper.slug}`);
    bySlug.set(paper.slug, paper);
  }

  // Papers arrive in archive order, so every group below is already in archive order.
  const byMonth = new Map<string, MutablePaper[]>();
  const byYear = new Map<string, MutablePaper[]>();
  const byDigest = new Map<string, MutablePaper[]>();
  const undated: MutablePaper[] = [];
  const byArchive = ARCHIVE_TYPES.map((type) => ({
    type,
    groups: new Map((type.always ?? []).map((group) => [group.key, { group, papers: [] as MutablePaper[] }])),
  }));
  for (const paper of papers) {
    if (paper.published === undefined) undated.push(paper);
    else {
      pushTo(byYear, paper.year, paper);
      pushTo(byMonth, paper.published.slice(0, 7), paper);
    }
    for (const date of paper.digests) pushTo(byDigest, date, paper);
    for (const { type, groups } of byArchive) {
      const group = type.groupOf(paper);
      const members = groups.get(group.key);
      if (members) members.papers.push(paper);
      else groups.set(group.key, { group, papers: [paper] });
    }
  }

  const manifestByDate = new Map(manifests.map((m) => [m.date, m]));
  const digestDates = [...byDigest.keys()].sort((a, b) => compareStrings(b, a));
  const digests: DigestGroup[] = digestDates.map((date) => {
    const ordered = orderDigest(byDigest.get(date) ?? [], manifestByDate.get(date));
    return { date, label: formatDay(date), url: routes.digest(date), count: ordered.length, papers: ordered };
  });
  digests.forEach((digest, i) => {
    const older = digests[i + 1];
    const newer = digests[i - 1];
    if (older) digest.older = { label: older.label, url: older.url };
    if (newer) digest.newer = { label: newer.label, url: newer.url };
    digest.papers.forEach((paper, j) => {
      const place: DigestPlace = { date: digest.date, label: digest.label, url: digest.url };
      const previous = digest.papers[j - 1];
      const next = digest.papers[j + 1];
      if (previous) place.previous = { label: previous.title, url: previous.url };
      if (next) place.next = { label: next.title, url: next.url };
      bySlug.get(paper.slug)?.places.push(place);
    });
  });
  // Complete now; their derived values are frozen already, so the catalog's freeze below skips them
  // instead of walking every field of 10,000 papers on each rebuild.
  for (const paper of papers) {
    deepFreeze(paper.places);
    Object.freeze(paper);
  }

  const months: MonthGroup[] = [...byMonth.keys()].sort(compareStrings).map((key) => {
    const { year, month } = isoParts(`${key}-01`);
    return {
      year: key.slice(0, 4),
      month: key.slice(5, 7),
      label: formatMonth(year, month),
      url: routes.month(key.slice(0, 4), key.slice(5, 7)),
      count: byMonth.get(key)?.length ?? 0,
    };
  });
  const monthsByYear = new Map<string, MonthGroup[]>();
  for (const month of months) pushTo(monthsByYear, month.year, month);
  const years: YearGroup[] = [...byYear.keys()]
    .sort((a, b) => compareStrings(b, a))
    .map((year) => ({ year, url: routes.year(year), count: byYear.get(year)?.length ?? 0, months: monthsByYear.get(year) ?? [] }));

  const archiveLists = byArchive.map(({ type, groups }) => {
    const ordered = [...groups.values()].sort((a, b) => type.compare(a.group.key, b.group.key));
    const index: ArchiveIndex = {
      kind: type.kind,
      url: type.index.url,
      groups: ordered.map(({ group, papers }) => ({ key: group.key, label: group.label, url: type.url(group.key), count: papers.length })),
    };
    const lists = ordered.map(({ group, papers }) => ({
      kind: type.kind,
      key: group.key,
      heading: type.heading(group),
      parent: type.index,
      url: type.url(group.key),
      papers,
    }));
    return { index, lists };
  });
  const archives = archiveLists.map(({ index }) => index);

  const digestsIndex: Link = { label: "All digests", url: routes.digests };
  const datesIndex: Link = { label: "All dates", url: routes.dates };
  const lists: ListSpec[] = [
    ...digests.map((digest) => ({
      kind: "digest" as const,
      key: digest.date,
      heading: `Digest of ${digest.label}`,
      parent: digestsIndex,
      url: digest.url,
      papers: digest.papers,
      digest,
    })),
    // A year page is its months' summary (chart, links, counts), one page and no paper list: listing
    // its papers would repeat every month page (about 30 MB at 100,000 papers).
    ...years.map((year) => ({
      kind: "year" as const,
      key: year.year,
      heading: `Published in ${year.year}`,
      parent: datesIndex,
      url: year.url,
      papers: [],
      year,
    })),
    ...months.map((month) => ({
      kind: "month" as const,
      key: `${month.year}/${month.month}`,
      heading: `Published in ${month.label}`,
      parent: { label: month.year, url: routes.year(month.year) },
      url: month.url,
      papers: byMonth.get(`${month.year}-${month.month}`) ?? [],
    })),
    { kind: "undated", key: "undated", heading: "Papers without a date", parent: datesIndex, url: routes.undated, papers: undated },
    ...archiveLists.flatMap(({ lists }) => lists),
  ];
  const archivePages = lists.flatMap((list) => paginate(list, pageSize));

  const top = buildTop(papers, options.topSize);
  const topWeeks = new Map(top.weeks.map((page) => [page.key, page]));
  for (const digest of digests) {
    const week = topWeeks.get(isoWeek(digest.date));
    if (week) digest.top = { label: week.label, url: week.url };
  }

  const catalog: Catalog = {
    papers: [...papers].sort((a, b) => compareStrings(a.slug, b.slug)),
    bySlug,
    digests,
    digestIndexPages: pagesOf(digests, routes.digests, digestsPerIndexPage).map(({ links, items }) => ({
      ...links,
      title: pageTitle("Digests", links),
      digests: items,
    })),
    years,
    undated: { label: "Undated", url: routes.undated, count: undated.length },
    archives,
    authorGroups: archives.find((index) => index.kind === AUTHORS_ARCHIVE.kind)?.groups ?? [],
    archivePages,
    top,
  };
  const latest = archivePages.find((page) => page.kind === "digest");
  if (latest) catalog.latest = latest;
  return deepFreeze(catalog);
}
