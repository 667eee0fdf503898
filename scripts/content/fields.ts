/**
 * The paper fields, declared once. Each front-matter key is a row of `PAPER_FIELDS`: its kind (how
 * it is checked, written and read back), whether a paper may lack it, what a newer listing does to
 * it, and whether the catalog hands it to the pages. The types, the schema and its fast path, the
 * writer, the reader's shortcut, the merge and the catalog's copy are all made from this table.
 */
import { z } from "zod";
import { LONE_SURROGATE } from "./unicode.js";
import { arxivIdProblem, isArxivId } from "./arxiv.js";
import { dateToIso, isIsoDate } from "./dates.js";

/** How one kind of value is checked, written as YAML, and matched in a file exactly as we wrote it. */
export interface FieldKind<T> {
  /** The definition of a valid value and the one source of messages; its output is the value. */
  schema: z.ZodType<T>;
  /** The schema's verdict on a value in the plain shape ingest writes and reads back, without zod (it costs more than writing a file). */
  isPlain(value: unknown): value is T;
  /** The value as checked front matter holds it: repeats dropped, lists sorted. */
  normalize(value: T): T;
  /** The YAML text of the value, in the file format's style: a plain scalar only where YAML cannot read it as anything else. */
  write(value: T): string;
  /** A regular expression source with one group, loosely matching what `write` makes. */
  pattern: string;
  /** The value back from that group; undefined for text `write` never makes. */
  read(match: string): unknown;
}

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

/** Everything YAML could misread in a double-quoted scalar, or that would break the line. */
const YAML_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
const YAML_UNESCAPE = /\\(x[0-9a-f]{2}|u[0-9a-f]{4}|.)/g;
const NAMED_UNESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", t: "\t", n: "\n", r: "\r" };

export function yamlString(value: string): string {
  const escaped = value.replace(YAML_ESCAPE, (c) => {
    const named = NAMED_ESCAPES[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}

/** The value of a scalar `yamlString` wrote; undefined for an escape it never writes. */
export function unquote(quoted: string): string | undefined {
  let known = true;
  const value = quoted.slice(1, -1).replace(YAML_UNESCAPE, (_, escape: string) => {
    if (escape.length > 1) return String.fromCharCode(parseInt(escape.slice(1), 16));
    const named = NAMED_UNESCAPES[escape];
    if (named === undefined) known = false;
    return named ?? "";
  });
  return known ? value : undefined;
}

const same = <T>(value: T): T => value;

/** Non-empty text, always written double-quoted: `2401.10000` or `yes` must not come back as a number or a boolean. */
export function text(): FieldKind<string> {
  return {
    schema: z
      .string({ error: expecting("text") })
      .refine((s) => s.trim().length > 0, { message: "must not be empty" })
      .refine((s) => !LONE_SURROGATE.test(s), { message: "holds a lone UTF-16 surrogate (such as \\ud800), which is not a character" }),
    isPlain: (value): value is string => typeof value === "string" && value.trim().length > 0 && !LONE_SURROGATE.test(value),
    normalize: same,
    write: yamlString,
    pattern: '("[^\\n]*")',
    read: unquote,
  };
}

/** A whole number of at least `min`, written plain. */
export function count(min: 0 | 1): FieldKind<number> {
  const error = expecting(`a whole number of ${min === 0 ? "0 or more" : "at least 1"}`);
  return {
    schema: z.int({ error }).min(min, { error }),
    isPlain: (value): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= min,
    normalize: same,
    write: String,
    pattern: "(\\d+)",
    read: Number,
  };
}

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

function isDateText(value: unknown): value is string {
  return typeof value === "string" && isIsoDate(value);
}

/** A calendar day as YYYY-MM-DD, written plain (YAML reads it as a date, which the schema brings back to a day). */
export function date(): FieldKind<string> {
  return { schema: calendarDate, isPlain: isDateText, normalize: same, write: String, pattern: "([\\d-]+)", read: same };
}

/** At least one calendar day, held ascending without repeats, written as a flow list. */
export function dates(): FieldKind<string[]> {
  return {
    schema: z.array(calendarDate, { error: expecting("a list of dates such as [2026-04-13]") }).min(1, { error: "must list at least one digest date" }),
    isPlain(value): value is string[] {
      if (!Array.isArray(value) || value.length === 0) return false;
      // By index: `every` skips the holes of a sparse list, which the schema refuses.
      for (let i = 0; i < value.length; i++) if (!isDateText(value[i])) return false;
      return true;
    },
    normalize: (value) => [...new Set(value)].sort(),
    write: (value) => `[${value.join(", ")}]`,
    pattern: "\\[([\\d, -]+)\\]",
    read: (match) => match.split(", "),
  };
}

/** An arXiv id without its version (`2405.18407`), written quoted: unquoted, YAML would read it as a number. */
export function arxivId(): FieldKind<string> {
  return {
    schema: z.string({ error: expecting('an arXiv id such as "2405.18407"') }).superRefine((value, ctx) => {
      const problem = arxivIdProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
    isPlain: (value): value is string => typeof value === "string" && isArxivId(value),
    normalize: same,
    write: yamlString,
    pattern: '("[^\\n]*")',
    read: unquote,
  };
}

const WEB_ADDRESS = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/;

export function isWebAddress(value: unknown): value is string {
  if (typeof value !== "string" || !WEB_ADDRESS.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** An http(s) address, written quoted; pages link to it (with rel="noopener noreferrer"). */
export function webAddress(): FieldKind<string> {
  return {
    schema: z.string({ error: expecting("an address starting with https://") }).refine(isWebAddress, {
      error: (issue) => `expected an address starting with https://, got ${shown(issue.input)}`,
    }),
    isPlain: isWebAddress,
    normalize: same,
    write: yamlString,
    pattern: '("[^\\n]*")',
    read: unquote,
  };
}

const QUOTED_ITEM = /"(?:[^"\\\n]|\\.)*"/g;

/** A non-empty list of non-empty texts in listed order, written as a flow list of quoted items. */
export function texts(): FieldKind<string[]> {
  const item = text();
  return {
    schema: z.array(item.schema, { error: expecting('a list such as ["Ada Lovelace", "Alan Turing"]') }).min(1, { error: "must list at least one name" }),
    isPlain(value): value is string[] {
      if (!Array.isArray(value) || value.length === 0) return false;
      for (let i = 0; i < value.length; i++) if (!item.isPlain(value[i])) return false;
      return true;
    },
    normalize: same,
    write: (value) => `[${value.map(yamlString).join(", ")}]`,
    pattern: '\\[("[^\\n]*")\\]',
    read(match) {
      const items = match.match(QUOTED_ITEM) ?? [];
      const values = items.map(unquote);
      // Anything between the items but ", " is a layout `write` does not make: read the general way.
      if (values.some((v) => v === undefined) || items.join(", ") !== match) return undefined;
      return values;
    },
  };
}

export interface FieldSpec<T = unknown> {
  kind: FieldKind<T>;
  /** A paper may lack it (the listing did not show it). */
  optional: boolean;
  /**
   * What merging a newer listing into an existing file does: `keep` never changes it (a contributor
   * may have corrected it), `fill` adds it when the file lacks it, `union` adds the values the file
   * lacks, `observe` fills it and, for a count that grows after listing, lets a newer listing replace
   * the value ingest wrote (digest manifests record each listing's values; see ingest.ts).
   */
  merge: "keep" | "fill" | "union" | "observe";
  /** The catalog copies it onto the paper the pages render. */
  catalog: boolean;
  /** A date the value may not be later than: the newest value of this list field. */
  notAfterNewest?: string;
  /** A count field that, when present too, must equal this list's length. */
  lengthIs?: string;
}

/** A table of fields, in the order files are written. */
export type FieldTable = Readonly<Record<string, FieldSpec<unknown>>>;

type ValueOf<S> = S extends FieldSpec<infer T> ? T : never;
type OptionalKeys<F extends FieldTable> = { [K in keyof F]: F[K]["optional"] extends true ? K : never }[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The front matter a table describes: required keys, then optional ones. */
export type FieldValues<F extends FieldTable> = Simplify<
  { [K in Exclude<keyof F, OptionalKeys<F>>]: ValueOf<F[K]> } & { [K in OptionalKeys<F>]?: ValueOf<F[K]> }
>;

/** The values of `record` for the fields the table has the catalog copy, in table order, lists copied. */
export function copyFieldValues(record: object, fields: FieldTable): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(fields)) {
    const value = (record as Record<string, unknown>)[key];
    if (spec.catalog && value !== undefined) copy[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  return copy;
}

export function field<T, const O extends boolean>(
  kind: FieldKind<T>,
  spec: { optional: O; merge: FieldSpec["merge"]; catalog?: boolean; notAfterNewest?: string; lengthIs?: string },
) {
  return { kind, catalog: true, ...spec } as FieldSpec<T> & { optional: O };
}

/** The contract of a paper file's front matter. Nothing else is allowed in it. */
export const PAPER_FIELDS = {
  /** As listed (or as a contributor corrected it). */
  title: field(text(), { optional: false, merge: "keep" }),
  /** The arXiv id: the paper's identity across listings and titles, and its links to arXiv and elsewhere. */
  arxiv: field(arxivId(), { optional: true, merge: "fill" }),
  /** Number of authors; absent when the listing shows none. */
  authors: field(count(1), { optional: true, merge: "fill" }),
  /** The authors' names in listed order, when the source gives them. */
  names: field(texts(), { optional: true, merge: "fill", lengthIs: "authors" }),
  /** Shown by the listing instead of an author count. */
  organization: field(text(), { optional: true, merge: "fill" }),
  /** Absent when the listing shows no date. */
  published: field(date(), { optional: true, merge: "fill", notAfterNewest: "digests" }),
  comments: field(count(0), { optional: true, merge: "observe" }),
  upvotes: field(count(0), { optional: true, merge: "observe" }),
  /** The paper's code repository. */
  code: field(webAddress(), { optional: true, merge: "fill" }),
  /** The paper's project page. */
  project: field(webAddress(), { optional: true, merge: "fill" }),
  /** Every listing date the paper appeared in. */
  digests: field(dates(), { optional: false, merge: "union" }),
} as const satisfies FieldTable;

/** The fields a listing observes (counts that grow): what digest manifests record of each paper. */
export const OBSERVED_KEYS = (Object.keys(PAPER_FIELDS) as (keyof typeof PAPER_FIELDS)[]).filter((key) => PAPER_FIELDS[key].merge === "observe") as ("comments" | "upvotes")[];
