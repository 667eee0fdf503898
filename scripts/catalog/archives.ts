/**
 * The archives that group every paper by one value of its record, each with an index page listing
 * its groups: one row per archive type. The catalog makes each row's groups, their paginated
 * archive pages (layouts/pages/archive.njk renders them all) and the index's place in the sitemap;
 * the index page itself is a template in layouts/pages/ that lists `catalog.archives`' groups.
 */
import type { PaperRecord } from "../content/paper.js";
import { countLabel } from "./format.js";
import { routes } from "./routes.js";

/** What an archive type may group by: a paper's front matter and slug. */
export type ArchivedPaper = Omit<PaperRecord, "digests" | "abstract"> & { readonly digests: readonly string[] };

export interface ArchiveGroupOf {
  key: string;
  label: string;
}

export interface ArchiveType {
  /** The archive pages' `kind`. */
  kind: string;
  /** The index page, as its archive pages link back to it. */
  index: { label: string; url: string };
  /** The group a paper is in: every paper is in one group of every archive type. */
  groupOf(paper: ArchivedPaper): ArchiveGroupOf;
  /** Groups listed even when no paper is in them. */
  always?: readonly ArchiveGroupOf[];
  /** The order of the index and of the archive pages, by group key. */
  compare(a: string, b: string): number;
  url(key: string): string;
  heading(group: ArchiveGroupOf): string;
}

const UNKNOWN_AUTHORS: ArchiveGroupOf = { key: "unknown", label: "Unknown author count" };

/** By number of authors, ascending, unknown last. */
export const AUTHORS_ARCHIVE: ArchiveType = {
  kind: "authors",
  index: { label: "All author counts", url: routes.authors },
  groupOf: (paper) => (paper.authors === undefined ? UNKNOWN_AUTHORS : { key: String(paper.authors), label: countLabel(paper.authors, "author") }),
  always: [UNKNOWN_AUTHORS],
  compare: (a, b) => (a === "unknown" ? 1 : 0) - (b === "unknown" ? 1 : 0) || Number(a) - Number(b),
  url: routes.authorCount,
  heading: (group) => (group.key === "unknown" ? "Papers with an unknown author count" : `Papers with ${group.label}`),
};

/** In the order their lists follow the date archives. */
export const ARCHIVE_TYPES: readonly ArchiveType[] = [AUTHORS_ARCHIVE];
