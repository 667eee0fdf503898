/**
 * The one shape of a paper, shared by the ingest script, the Eleventy data and the tests, and the
 * runtime check of the front matter contributors edit.
 */
import { z } from "zod";
import { dateToIso, isIsoDate } from "./dates.js";
import { closestMatch } from "./suggest.js";
import { LONE_SURROGATE } from "./unicode.js";

export interface Paper {
  /** As listed (or as a contributor corrected it). */
  title: string;
  /** Number of authors; absent when the listing shows none. */
  authors?: number;
  /** Shown by the listing instead of an author count. */
  organization?: string;
  /** YYYY-MM-DD; absent when the listing shows no date. */
  published?: string;
  comments?: number;
  upvotes?: number;
  /** Every listing date (YYYY-MM-DD) the paper appeared in, ascending, no repeats. */
  digests: string[];
  /** Plain text; paragraphs separated by one blank line. */
  abstract: string;
}

/** A paper together with the file name (without `.md`) it lives in: its permanent URL segment. */
export interface PaperRecord extends Paper {
  slug: string;
}

/** A record as read from its file, with the Markdown body the page renders (a contributor may use Markdown in it). */
export interface PaperSource extends PaperRecord {
  body: string;
}

/** Front-matter keys, in the order files are written. The contract: nothing else is allowed. */
export const FRONT_MATTER_KEYS = [
  "title",
  "authors",
  "organization",
  "published",
  "comments",
  "upvotes",
  "digests",
] as const satisfies readonly (keyof Paper)[];

export type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];
export type FrontMatter = Omit<Paper, "abstract">;

/** A value as a message shows it: text quoted, lists and mappings by their kind. */
function shown(value: unknown): string {
  if (value === null) return "an empty value";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

/** One message per field for every way its value can be wrong, so contributors read what to write. */
function expecting(what: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? "missing; every paper needs one" : `expected ${what}, got ${shown(issue.input)}`);
}

/** Issues that leave a date unread; one without a path ("") means the front matter is no mapping at all. */
const UNREAD_DATES = new Set<PropertyKey>(["", "published", "digests"]);

const CALENDAR_DATE = "a real calendar date as YYYY-MM-DD";

/** YAML turns an unquoted date into a Date; a quoted one stays a string. Both are fine. */
const calendarDate = z.union([z.string(), z.date()], { error: expecting(CALENDAR_DATE) }).transform((value, ctx) => {
  const iso = typeof value === "string" ? value : Number.isNaN(value.getTime()) ? "" : dateToIso(value);
  if (!isIsoDate(iso)) {
    ctx.addIssue({ code: "custom", message: expecting(CALENDAR_DATE)({ input: typeof value === "string" ? value : String(value) }) });
    return z.NEVER;
  }
  return iso;
});

const text = z
  .string({ error: expecting("text") })
  .refine((s) => s.trim().length > 0, { message: "must not be empty" })
  .refine((s) => !LONE_SURROGATE.test(s), { message: "holds a lone UTF-16 surrogate (such as \\ud800), which is not a character" });

function wholeNumber(min: 0 | 1) {
  const error = expecting(`a whole number of ${min === 0 ? "0 or more" : "at least 1"}`);
  return z.int({ error }).min(min, { error });
}

export const frontMatterSchema = z
  .strictObject({
    title: text,
    authors: wholeNumber(1).optional(),
    organization: text.optional(),
    published: calendarDate.optional(),
    comments: wholeNumber(0).optional(),
    upvotes: wholeNumber(0).optional(),
    digests: z.array(calendarDate, { error: expecting("a list of dates such as [2026-04-13]") }).min(1, { error: "must list at least one digest date" }),
  })
  .superRefine(
    (fm, ctx) => {
      const newest = [...fm.digests].sort().at(-1);
      if (fm.published && newest && fm.published > newest) {
        ctx.addIssue({
          code: "custom",
          path: ["published"],
          message: `${fm.published} is after the newest digest it appeared in (${newest})`,
        });
      }
    },
    // Compare whenever both dates were read, so one run reports this beside other fields' problems.
    { when: (payload) => payload.issues.every((issue) => issue.code === "unrecognized_keys" || !UNREAD_DATES.has(issue.path?.[0] ?? "")) },
  )
  .transform((fm): FrontMatter => {
    const out: FrontMatter = { title: fm.title, digests: [...new Set(fm.digests)].sort() };
    if (fm.authors !== undefined) out.authors = fm.authors;
    if (fm.organization !== undefined) out.organization = fm.organization;
    if (fm.published !== undefined) out.published = fm.published;
    if (fm.comments !== undefined) out.comments = fm.comments;
    if (fm.upvotes !== undefined) out.upvotes = fm.upvotes;
    return out;
  });

export type FrontMatterIssue = { path: (string | number)[]; message: string };

export type FrontMatterResult = { ok: true; value: FrontMatter } | { ok: false; issues: FrontMatterIssue[] };

function unknownKey(key: string): string {
  const match = closestMatch(key, FRONT_MATTER_KEYS);
  return match ? `unknown key; did you mean "${match}"?` : `unknown key; the keys are ${FRONT_MATTER_KEYS.join(", ")}`;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(FRONT_MATTER_KEYS);

function isText(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0 && !LONE_SURROGATE.test(value);
}

function isCount(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= min;
}

function isDateText(value: unknown): value is string {
  return typeof value === "string" && isIsoDate(value);
}

/**
 * The schema's result for valid front matter in the shape ingest writes and reads back (a plain
 * object, dates as strings), reached by hand because zod costs more than the rest of writing a
 * paper file. Anything else, valid or not, gives undefined and goes to the schema, which stays the
 * definition of what is valid and the one source of messages; tests hold the two to agreeing.
 */
function plainFrontMatter(data: unknown): FrontMatter | undefined {
  if (typeof data !== "object" || data === null || Object.getPrototypeOf(data) !== Object.prototype) return undefined;
  for (const key in data) if (!KNOWN_KEYS.has(key)) return undefined;
  const { title, authors, organization, published, comments, upvotes, digests } = data as Record<string, unknown>;
  if (!isText(title) || !Array.isArray(digests) || digests.length === 0) return undefined;
  let newest = "";
  for (let i = 0; i < digests.length; i++) {
    const digest: unknown = digests[i];
    if (!isDateText(digest)) return undefined;
    if (digest > newest) newest = digest;
  }
  if (authors !== undefined && !isCount(authors, 1)) return undefined;
  if (organization !== undefined && !isText(organization)) return undefined;
  if (published !== undefined && !(isDateText(published) && published <= newest)) return undefined;
  if (comments !== undefined && !isCount(comments, 0)) return undefined;
  if (upvotes !== undefined && !isCount(upvotes, 0)) return undefined;
  const out: FrontMatter = { title, digests: [...new Set(digests as string[])].sort() };
  if (authors !== undefined) out.authors = authors;
  if (organization !== undefined) out.organization = organization;
  if (published !== undefined) out.published = published;
  if (comments !== undefined) out.comments = comments;
  if (upvotes !== undefined) out.upvotes = upvotes;
  return out;
}

/**
 * Runtime check of parsed front matter. Never throws; reports every problem it finds, an unknown
 * key as an issue of its own (path: the key) with the known key it is probably a typo of.
 */
export function checkFrontMatter(data: unknown): FrontMatterResult {
  const plain = plainFrontMatter(data);
  if (plain) return { ok: true, value: plain };
  const result = frontMatterSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    issues: result.error.issues.flatMap((issue): FrontMatterIssue[] => {
      const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
      if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ path: [...path, key], message: unknownKey(key) }));
      return [{ path, message: issue.message }];
    }),
  };
}

/** `digests[1]: message`, or the message alone for the front matter as a whole. */
export function formatIssue(issue: FrontMatterIssue): string {
  const path = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
  return path ? `${path}: ${issue.message}` : issue.message;
}
