/**
 * Reads a saved response of the Hugging Face API `GET /api/daily_papers?date=YYYY-MM-DD`: an array
 * of items, or (older archives) `{"status", "date", "count", "data": [items]}`. JSON has no line
 * structure to stream by, so lines are kept (up to MAX_CHARS: one day is a few hundred KB) and the
 * whole is parsed at `end`; each paper is given the line its item starts on.
 *
 * Item fields used: `title`, `summary`, `numComments`, `publishedAt` (when it was put on the daily
 * list), `organization`; `item.paper`: `id` (the arXiv id), `title`, `summary`, `authors[{name,
 * hidden}]`, `publishedAt` (the arXiv date), `submittedOnDailyAt`, `upvotes` (on the paper, not the
 * item), `organization{name, fullname}`, `withdrawnAt`.
 */
import { normalizeArxivId } from "../../../content/arxiv.js";
import { isIsoDate } from "../../../content/dates.js";
import { isWebAddress } from "../../../content/fields.js";
import { cleanLine } from "../text/listing-lines.js";
import { ListingError, type ListedPaper, type ListingEnd, type ListingParserOptions, type ListingSink, type ListingWarning } from "../text/listing-parser.js";
import { arrayElementOffsets, memberValueOffset, syntaxErrorOffset, valueStart } from "./json-offsets.js";

/** Far above any day's response (a busy day is under 1 MB), far below what would strain memory. */
export const MAX_CHARS = 32 * 1024 * 1024;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;
const BLANK_LINE = /(?:\r\n|\r|\n|\u2028|\u2029)[\t ]*(?:\r\n|\r|\n|\u2028|\u2029)\s*/;

interface Cleaned {
  text: string;
  removedControls: number;
}

/** One line of text from a field that may be hard-wrapped, as the text formats clean a line. */
function oneLine(value: string): Cleaned {
  let removedControls = 0;
  const parts: string[] = [];
  for (const raw of value.split(LINE_BREAK)) {
    const line = cleanLine(raw);
    removedControls += line.removedControls;
    if (line.text !== "") parts.push(line.text);
  }
  return { text: parts.join(" "), removedControls };
}

/** Paragraphs (split at blank lines) each made one line, joined by one blank line as abstracts are stored. */
function paragraphs(value: string): Cleaned {
  let removedControls = 0;
  const out: string[] = [];
  for (const raw of value.split(BLANK_LINE)) {
    const paragraph = oneLine(raw);
    removedControls += paragraph.removedControls;
    if (paragraph.text !== "") out.push(paragraph.text);
  }
  return { text: out.join("\n\n"), removedControls };
}

const TIMESTAMP_DAY = /^(\d{4}-\d{2}-\d{2})(?:T|$)/;

/** The UTC day of an API timestamp (`2024-05-28T17:47:19.000Z`), or undefined. */
function dayOf(value: Json | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  const m = TIMESTAMP_DAY.exec(value);
  return m && isIsoDate(m[1]!) ? m[1] : undefined;
}

function count(value: Json | undefined): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function nonEmpty(value: Json | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  const text = oneLine(value).text;
  return text === "" ? undefined : text;
}

/** What one item says, before the listing date is known. */
interface Entry {
  line: number;
  paper: ListedPaper;
  /** Days the item says it was put on the daily list. */
  listedOn: string | undefined;
  published: string | undefined;
  warnings: ListingWarning[];
}

/** What the API's item shapes reduce to; `at` names the item in messages. */
function readItem(item: Json, line: number, at: string): Entry {
  if (!isObject(item)) throw new ListingError(`${at} is not an object: not a Daily Papers API item`, line);
  const paper = item.paper;
  if (!isObject(paper)) throw new ListingError(`${at} has no "paper" object: not a Daily Papers API item`, line);
  const warnings: ListingWarning[] = [];
  const rawTitle = typeof item.title === "string" ? item.title : paper.title;
  const rawSummary = typeof item.summary === "string" ? item.summary : paper.summary;
  if (typeof rawTitle !== "string") throw new ListingError(`${at} has no title`, line);
  if (typeof rawSummary !== "string") throw new ListingError(`${at} has no summary (the abstract)`, line);
  const title = oneLine(rawTitle);
  const abstract = paragraphs(rawSummary);
  if (title.text === "") throw new ListingError(`${at} has an empty title`, line);
  if (abstract.text === "") throw new ListingError(`${at} has an empty summary (the abstract)`, line);
  const removed = title.removedControls + abstract.removedControls;
  if (removed > 0) warnings.push({ line, message: `removed ${removed} control character(s)` });

  const out: ListedPaper = { line, title: title.text, digests: [], abstract: abstract.text };
  if (paper.id !== undefined) {
    const id = typeof paper.id === "string" ? normalizeArxivId(paper.id) : undefined;
    if (id === undefined) warnings.push({ line, message: `paper.id ${JSON.stringify(paper.id)} is not an arXiv id; id omitted` });
    else out.arxiv = id;
  }
  if (Array.isArray(paper.authors)) {
    // Hidden authors are entries Hugging Face does not show on the paper's page.
    const shown = paper.authors.filter((a) => !(isObject(a) && a.hidden === true));
    if (shown.length > 0) out.authors = shown.length;
    const names = shown.map((a) => (isObject(a) ? nonEmpty(a.name) : undefined));
    // Names only when every shown author has one, so that their number is the author count.
    if (names.length > 0 && names.every((n) => n !== undefined)) out.names = names as string[];
  }
  const organization = [item.organization, paper.organization].find(isObject);
  const orgName = organization && (nonEmpty(organization.fullname) ?? nonEmpty(organization.name));
  if (orgName !== undefined) out.organization = orgName;
  const comments = count(item.numComments);
  if (comments !== undefined) out.comments = comments;
  const upvotes = count(paper.upvotes);
  if (upvotes !== undefined) out.upvotes = upvotes;
  for (const [key, value] of [["code", paper.githubRepo], ["project", paper.projectPage]] as const) {
    if (value === undefined || value === null || value === "") continue;
    if (isWebAddress(value)) out[key] = value;
    else warnings.push({ line, message: `${key === "code" ? "githubRepo" : "projectPage"} ${JSON.stringify(value)} is not a web address; omitted` });
  }
  if (typeof paper.withdrawnAt === "string") {
    warnings.push({ line, message: `${JSON.stringify(title.text)} was withdrawn (${paper.withdrawnAt}); ingested as listed` });
  }
  return {
    line,
    paper: out,
    listedOn: dayOf(item.publishedAt) ?? dayOf(paper.submittedOnDailyAt),
    published: dayOf(paper.publishedAt),
    warnings,
  };
}

export class HfJsonParser {
  private readonly lines: string[] = [];
  private chars = 0;

  constructor(
    private readonly sink: ListingSink,
    private readonly options: ListingParserOptions = {},
  ) {
    if (options.listingDate !== undefined && !isIsoDate(options.listingDate)) {
      throw new ListingError(`not a calendar date as YYYY-MM-DD: ${options.listingDate}`);
    }
  }

  push(line: string): void {
    if (line.includes("\0")) throw new ListingError(`binary input: NUL byte on line ${this.lines.length + 1}`);
    this.chars += line.length + 1;
    if (this.chars > MAX_CHARS) {
      throw new ListingError(`larger than ${MAX_CHARS / 1024 / 1024} MiB: not one day's Daily Papers API response`, this.lines.length + 1);
    }
    this.lines.push(line);
  }

  end(): ListingEnd {
    const text = this.lines.join("\n");
    const lineOf = lineLocator(this.lines);
    const start = valueStart(text);
    if (start === text.length) throw new ListingError("empty listing: no text in it");
    let data: Json;
    try {
      data = JSON.parse(text.slice(start)) as Json;
    } catch (error) {
      throw jsonError(error as Error, text, start, lineOf);
    }
    let items: Json[];
    let itemsAt: number;
    let stated: string | undefined;
    if (Array.isArray(data)) {
      items = data;
      itemsAt = start;
    } else if (isObject(data) && Array.isArray(data.data)) {
      items = data.data;
      itemsAt = memberValueOffset(text, start, "data")!;
      if (data.date !== undefined) {
        stated = dayOf(data.date);
        if (stated === undefined) throw new ListingError(`"date" ${JSON.stringify(data.date)} is not a calendar date`, lineOf(memberValueOffset(text, start, "date")!));
      }
    } else {
      throw new ListingError(
        `not a Daily Papers API response: expected a list of items or an object with a "data" list, got ${describe(data)}`,
        lineOf(start),
      );
    }
    if (items.length === 0) throw new ListingError("no papers found: the response lists no items", lineOf(itemsAt));
    const offsets = arrayElementOffsets(text, itemsAt);
    const entries = items.map((item, i) => readItem(item, lineOf(offsets[i]!), `item ${i + 1}`));

    const listingDate = this.listingDate(stated, entries, lineOf(start));
    const warnings: ListingWarning[] = [];
    if (stated !== undefined && stated !== listingDate) {
      warnings.push({ line: lineOf(memberValueOffset(text, start, "date")!), message: `the response's date ${stated} differs from the listing date ${listingDate}` });
    }
    let newestPublished: string | undefined;
    for (const entry of entries) {
      const published = entry.published;
      if (published === undefined) continue;
      if (newestPublished === undefined || published > newestPublished) newestPublished = published;
      if (published > listingDate) {
        entry.warnings.push({ line: entry.line, message: `published date ${published} is after the listing date ${listingDate}; date omitted` });
      } else {
        entry.paper.published = published;
      }
    }
    for (const w of warnings) this.sink.warning(w);
    for (const entry of entries) {
      for (const w of entry.warnings) this.sink.warning(w);
      entry.paper.digests = [listingDate];
      this.sink.paper(entry.paper);
    }
    return { listingDate, header: undefined, newestPublished, papers: entries.length, emitted: true };
  }

  /** `--date`, else the response's own date, else the file name's, else the day every item was listed on. */
  private listingDate(stated: string | undefined, entries: Entry[], line: number): string {
    const given = this.options.listingDate;
    if (given !== undefined && this.options.listingDateFrom !== "file name") return given;
    if (stated !== undefined) return stated;
    if (given !== undefined) return given;
    const days = [...new Set(entries.map((e) => e.listedOn))];
    if (days.length === 1 && days[0] !== undefined) return days[0];
    const fix = "pass --date YYYY-MM-DD or put the date in the file name";
    const known = days.filter((d) => d !== undefined).sort();
    throw new ListingError(
      known.length > 1
        ? `cannot tell the listing date: the items were listed on ${known.length} different days (${known[0]} to ${known.at(-1)}); ${fix}`
        : `cannot tell the listing date: the response has no "date" and not every item says when it was listed; ${fix}`,
      line,
    );
  }
}

function describe(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return `an object with keys ${Object.keys(value).slice(0, 5).map((k) => JSON.stringify(k)).join(", ") || "none"}`;
  return typeof value === "string" ? "a string" : `a ${typeof value}`;
}

/** Line (1-based) of an offset into the lines joined by `\n`. */
function lineLocator(lines: readonly string[]): (offset: number) => number {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** JSON.parse's refusal as a listing error on the line where the text stops being JSON. */
function jsonError(error: Error, text: string, start: number, lineOf: (offset: number) => number): ListingError {
  const first = text[start];
  const body = text.slice(start);
  const found = syntaxErrorOffset(body);
  const offset = start + (found < 0 ? 0 : found);
  const line = lineOf(Math.min(offset, Math.max(text.length - 1, 0)));
  if (first === "<") return new ListingError("not JSON: it looks like HTML (save the API response, not the page)", line);
  if (first !== "[" && first !== "{") return new ListingError("not JSON: a Daily Papers API response starts with [ or {", line);
  if (offset >= text.length) return new ListingError("not valid JSON: it ends before the JSON does (cut off?)", line);
  // JSON.parse's own words, without the copy of the input some of them quote.
  const reason = error.message.replace(/, (?:\.\.\.)?".*$/s, "").replace(/ in JSON at position \d+.*$/s, "");
  return new ListingError(`not valid JSON at column ${offset - lineStart(text, offset) + 1}: ${reason}`, line);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}
