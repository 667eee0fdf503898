/**
 * Reads a plain-text copy of a paper listing, one line at a time. Papers come out as soon as they
 * are complete, so memory stays flat however long the listing is.
 *
 * Shape of a listing: page chrome and the listing date, then per paper an optional upvote line
 * (a number or `-`), a title line, one or more abstract lines (each line one paragraph; blank lines
 * carry no meaning) and an optional metadata group (`• 3 authors`, `·`, `Sep 22, 2023 3`). Where a
 * paper has no metadata, the next paper's title is told from a further abstract paragraph by
 * `looksLikeTitle` on the line itself and on the line after it: a title is title-like and is
 * followed by a line that is not, and after an abstract it does not start with a lowercase letter.
 * Structure beats length: between papers, a line shaped like a title but too long for one is a
 * title when prose and then metadata follow it, and a title followed by one line and metadata has
 * that line as its abstract, however short. Decisions look one non-blank line ahead, a second one
 * to tell whether that line is a `- Org` bullet that a `·` or date line makes metadata, and, for
 * such a long title, on over the prose after it to the line that ends it.
 */
import { isIsoDate } from "../../../content/dates.js";
import { explicitDate, headerDiffers, listingDateFromFileName, listingDateFromHeader, parseListedDate, placeDate, type MonthDay } from "../../listing-date.js";
import { cleanLine, isBareSeparator, isPageChrome, isTitleShaped, looksLikeTitle, parseMetaLine, parseUpvotes, type MetaLine } from "./listing-lines.js";
import { LineSplitter } from "../../lines.js";
import type { Paper } from "../../../content/paper.js";

export interface ListedPaper extends Paper {
  /** 1-based line of the paper's first line (its upvote line, or else its title). */
  line: number;
}

export interface ListingWarning {
  line: number;
  message: string;
  /**
   * Set when text of the listing that is, or may be, part of a paper is in no paper (a title with
   * no abstract, prose with no title, metadata with no paper): ingest then fails unless skips are
   * allowed. Absent for notes that lose no paper's text (page chrome, control characters, a date
   * left out).
   */
  skipped?: true;
}

export interface ListingSink {
  paper(paper: ListedPaper): void;
  warning(warning: ListingWarning): void;
}

export interface ListingParserOptions {
  /** YYYY-MM-DD. When absent, a header date with a year is adopted; see `ListingEnd.emitted`. */
  listingDate?: string;
  /** Where `listingDate` comes from: a format whose listing states its own date prefers that to the file name's. */
  listingDateFrom?: "option" | "file name";
}

export interface ListingEnd {
  listingDate: string | undefined;
  /** The date line of the page header (`Apr 13`, `Apr 13, 2026`). */
  header: MonthDay | undefined;
  /** Newest paper date that carried its own year: the lower bound for a header without one. */
  newestPublished: string | undefined;
  papers: number;
  /**
   * False when the listing date was still unknown when the first paper started: papers and
   * warnings were then only counted, and a second pass with the listing date has to produce them.
   */
  emitted: boolean;
}

/**
 * Input that cannot be a listing at all: the message is one line, fit for a command's output;
 * `line` is where the problem is, when it is on one line.
 */
export class ListingError extends Error {
  override name = "ListingError";
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

interface Item {
  line: number;
  text: string;
  removedControls: number;
  meta: MetaLine | undefined;
  upvotes: number | undefined;
  titleLike?: boolean;
  titleShaped?: boolean;
  /** The next non-blank line, once it has been read. */
  next?: Item;
  /** Reports on the blank lines after this one, kept back so warnings come out in line order. */
  blankLineWarnings?: ListingWarning[];
}

interface Draft {
  line: number;
  title: string;
  paragraphs: string[];
  upvotes?: number;
  authors?: number;
  organization?: string;
  published?: string;
  comments?: number;
  /** Which slots of the metadata group are filled: a second author count or date starts no group. */
  hasPeople: boolean;
  hasDate: boolean;
  /** Characters of the title and abstract so far, held against MAX_PAPER_CHARS. */
  chars: number;
}

type State = "header" | "between" | "title" | "abstract" | "meta" | "skip";

const QUOTE_LIMIT = 60;
/**
 * No paper is this long (title and abstract): arXiv caps an abstract at 1,920 characters. Text
 * this long that reads as one paper is not a listing, and holding it would take memory without bound.
 */
export const MAX_PAPER_CHARS = 1024 * 1024;
/** How far, in lines, a title too long to be title-like looks for the metadata that makes it one. */
const STRUCTURE_LOOKAHEAD = 64;
const LOWERCASE_START = /^\p{Ll}/u;

function quote(text: string): string {
  return JSON.stringify(text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text);
}

function controlMessage(count: number): string {
  return `removed ${count} control character(s)`;
}

function titleLike(item: Item): boolean {
  item.titleLike ??= looksLikeTitle(item.text);
  return item.titleLike;
}

/** A line between papers that prose and then metadata would make a title (see `endsInMetadata`). */
function mayBeLongTitle(item: Item): boolean {
  if (item.meta !== undefined || item.upvotes !== undefined || titleLike(item)) return false;
  item.titleShaped ??= isTitleShaped(item.text);
  return item.titleShaped;
}

function isSeparatorOrDate(meta: MetaLine | undefined): boolean {
  return meta !== undefined && (meta.date !== undefined || isBareSeparator(meta));
}

/** Metadata in this position: certain by itself, or a `- Org` bullet that a `·` or date follows. */
function isMeta(item: Item, next: Item | undefined): boolean {
  return item.meta !== undefined && (item.meta.certain || isSeparatorOrDate(next?.meta));
}

/** A bullet-led line is never a title, even when no metadata reading of it fits. */
function canBeTitle(item: Item): boolean {
  return item.meta === undefined && item.upvotes === undefined && titleLike(item);
}

/** A line that can only be prose: what must follow a title. */
function isParagraph(item: Item | undefined): boolean {
  return item !== undefined && item.upvotes === undefined && !isMeta(item, item.next) && !titleLike(item);
}

/** Whether the prose from `first` on, as far as it has been read and the lookahead goes, ends in metadata. */
function endsInMetadata(first: Item): boolean {
  let item: Item | undefined = first;
  for (let seen = 0; item && seen <= STRUCTURE_LOOKAHEAD; item = item.next, seen++) {
    if (!isParagraph(item)) return isMeta(item, item.next);
  }
  return false;
}

export class ListingParser {
  private listingDate: string | undefined;
  private emitting: boolean;
  /** Warnings held back until the listing date is known, so that the first pass can adopt it. */
  private heldWarnings: ListingWarning[] = [];
  private lineNumber = 0;
  private nonBlankLines = 0;
  /** Lines read but not yet placed, oldest first: one is placed once the two after it are known (see `ready`). */
  private held: Item[] = [];
  /** Characters of the held lines' text. */
  private heldChars = 0;
  private state: State = "header";
  private draft: Draft | undefined;
  private pendingUpvotes: { line: number; value: number; text: string } | undefined;
  /**
   * Reports on lines after a pending vote count: whether the count is reported too shows only when
   * the line after it is placed, and its report has to come first.
   */
  private afterUpvotes: ListingWarning[] = [];
  private header: MonthDay | undefined;
  private newestPublished: string | undefined;
  private paperCount = 0;

  constructor(
    private readonly sink: ListingSink,
    options: ListingParserOptions = {},
  ) {
    if (options.listingDate !== undefined && !isIsoDate(options.listingDate)) {
      throw new ListingError(`not a calendar date as YYYY-MM-DD: ${options.listingDate}`);
    }
    this.listingDate = options.listingDate;
    this.emitting = options.listingDate !== undefined;
  }

  push(rawLine: string): void {
    const line = ++this.lineNumber;
    if (rawLine.includes("\0")) throw new ListingError("binary input: NUL byte", line);
    const raw = line === 1 && rawLine.startsWith("\uFEFF") ? rawLine.slice(1) : rawLine;
    const { text, removedControls } = cleanLine(raw);
    if (text === "") {
      if (removedControls === 0) return;
      const warning = { line, message: controlMessage(removedControls) };
      const last = this.held.at(-1);
      if (last) (last.blankLineWarnings ??= []).push(warning);
      else this.warn(warning.line, warning.message);
      return;
    }
    this.nonBlankLines++;
    const item: Item = { line, text, removedControls, meta: parseMetaLine(text), upvotes: parseUpvotes(text) };
    const last = this.held.at(-1);
    if (last) last.next = item;
    this.held.push(item);
    this.heldChars += text.length;
    while (this.ready()) this.advanceHeld();
  }

  /**
   * Whether the oldest held line can be placed: once the two lines after it are known, and, for a
   * line that may have to be told a title by the structure after it (see `expectTitle`), once the
   * prose after it has ended, with one more line, or the lookahead is used up.
   */
  private ready(): boolean {
    if (this.held.length <= 2) return false;
    const first = this.held[0]!;
    if (this.state === "title" || this.state === "abstract" || !mayBeLongTitle(first) || !isParagraph(first.next)) return true;
    if (this.held.length > STRUCTURE_LOOKAHEAD + 2 || this.heldChars > MAX_PAPER_CHARS) return true;
    for (let i = 1; i < this.held.length - 1; i++) if (!isParagraph(this.held[i]!)) return true;
    return false;
  }

  end(): ListingEnd {
    while (this.held.length > 0) this.advanceHeld();
    if (this.draft) this.finishPaper();
    if (this.pendingUpvotes) this.strayUpvotes();
    if (this.nonBlankLines === 0) throw new ListingError("empty listing: no text in it");
    if (this.paperCount === 0) {
      throw new ListingError("no papers found: a paper is a title line followed by its abstract");
    }
    return {
      listingDate: this.listingDate,
      header: this.header,
      newestPublished: this.newestPublished,
      papers: this.paperCount,
      emitted: this.emitting,
    };
  }

  private warn(line: number, message: string, skipped = false): void {
    const warning: ListingWarning = skipped ? { line, message, skipped } : { line, message };
    if (this.pendingUpvotes) this.afterUpvotes.push(warning);
    else if (this.emitting) this.sink.warning(warning);
    else if (this.paperCount === 0 && !this.draft) this.heldWarnings.push(warning);
  }

  /** Reports text that may be a paper's and is in none. */
  private skip(line: number, message: string): void {
    this.warn(line, message, true);
  }

  private advanceHeld(): void {
    const item = this.held.shift()!;
    this.heldChars -= item.text.length;
    this.advance(item, item.next);
    for (const w of item.blankLineWarnings ?? []) this.warn(w.line, w.message, w.skipped);
  }

  private advance(item: Item, next: Item | undefined): void {
    if (item.removedControls > 0) this.warn(item.line, controlMessage(item.removedControls));
    const pending = this.pendingUpvotes;
    this.dispatch(item, next);
    if (pending && this.pendingUpvotes === pending) this.strayUpvotes();
  }

  private dispatch(item: Item, next: Item | undefined): void {
    switch (this.state) {
      case "header":
        return this.inHeader(item, next);
      case "between":
        return this.expectTitle(item, next);
      case "title":
        // A title is only accepted when a paragraph follows it: this is that paragraph.
        this.addParagraph(item);
        this.state = "abstract";
        return;
      case "abstract":
        return this.inAbstract(item, next);
      case "meta":
        return this.inMeta(item, next);
      case "skip":
        if (isMeta(item, next)) return;
        this.state = "between";
        return this.expectTitle(item, next);
    }
  }

  private inHeader(item: Item, next: Item | undefined): void {
    if (isPageChrome(item.text)) return;
    const date = item.upvotes === undefined ? parseListedDate(item.text) : undefined;
    if (date && date.comments === undefined) return this.headerDate(item, date);
    this.expectTitle(item, next);
  }

  private headerDate(item: Item, date: MonthDay): void {
    if (this.header) {
      this.warn(item.line, `second listing date line ${quote(item.text)} ignored`);
      return;
    }
    this.header = date;
    if (this.listingDate === undefined) {
      // Without a year (or a real day) the date waits for the end of the first pass.
      const adopted = explicitDate(date);
      if (adopted) {
        this.listingDate = adopted;
        this.emitting = true;
        for (const w of this.heldWarnings) this.sink.warning(w);
        this.heldWarnings = [];
      }
      return;
    }
    if (headerDiffers(date, this.listingDate)) {
      this.warn(item.line, `header date ${quote(item.text)} differs from the listing date ${this.listingDate}`);
    }
  }

  /** Between papers: an upvote line, a title (with its abstract after it), or something to report. */
  private expectTitle(item: Item, next: Item | undefined): void {
    if (this.state === "between" && isPageChrome(item.text)) {
      this.warn(item.line, `page text ${quote(item.text)} between papers ignored`);
      return;
    }
    if (item.upvotes !== undefined) {
      if (next && next.upvotes === undefined && !next.meta) {
        this.pendingUpvotes = { line: item.line, value: item.upvotes, text: item.text };
      } else {
        this.warn(item.line, `vote count ${quote(item.text)} is not followed by a title; ignored`);
      }
      return;
    }
    if (isMeta(item, next)) {
      this.skip(item.line, `metadata ${quote(item.text)} belongs to no paper; ignored`);
      this.state = "skip";
      return;
    }
    // A title-like line followed by prose; or a line too long to be title-like, followed by prose that metadata ends.
    if (isParagraph(next) && (canBeTitle(item) || (mayBeLongTitle(item) && endsInMetadata(next!)))) return this.startPaper(item);
    // A title, one line, metadata: that line is the abstract, however short or title-like (`x`, `42%`).
    if (canBeTitle(item) && next && next.meta === undefined && next.upvotes === undefined && next.next && isMeta(next.next, next.next.next)) {
      return this.startPaper(item);
    }
    if (next?.meta) {
      const what = titleLike(item) ? `title ${quote(item.text)} has no abstract` : `text ${quote(item.text)} has no title`;
      this.skip(item.line, `${what}; entry and its metadata skipped`);
      this.state = "skip";
      return;
    }
    if (!titleLike(item)) {
      this.skip(item.line, `text ${quote(item.text)} has no title; ignored`);
    } else if (this.state === "header") {
      // Before the first paper, page text the chrome list does not know: no paper's.
      this.warn(item.line, `unrecognised line ${quote(item.text)} before the first paper ignored`);
    } else {
      this.skip(item.line, `line ${quote(item.text)} is followed by no abstract; ignored`);
    }
  }

  private inAbstract(item: Item, next: Item | undefined): void {
    if (isMeta(item, next)) {
      this.state = "meta";
      return this.addMeta(item);
    }
    if (item.upvotes !== undefined) {
      if (next && next.upvotes === undefined && !next.meta) {
        this.finishPaper();
        this.state = "between";
        this.pendingUpvotes = { line: item.line, value: item.upvotes, text: item.text };
      } else {
        this.warn(item.line, `vote count ${quote(item.text)} is not followed by a title; ignored`);
      }
      return;
    }
    // Prose wrapped over lines goes on in lowercase; a title does not start that way.
    if (canBeTitle(item) && !LOWERCASE_START.test(item.text) && isParagraph(next)) {
      this.finishPaper();
      return this.startPaper(item);
    }
    this.addParagraph(item);
  }

  private inMeta(item: Item, next: Item | undefined): void {
    const draft = this.draft!;
    const meta = item.meta;
    if (meta && isMeta(item, next)) {
      const people = meta.authors !== undefined || meta.organization !== undefined;
      const fits = !(people && (draft.hasPeople || draft.hasDate)) && !(meta.date && draft.hasDate);
      if (fits) return this.addMeta(item);
    }
    this.finishPaper();
    this.state = "between";
    this.dispatch(item, next);
  }

  private startPaper(item: Item): void {
    const draft: Draft = { line: item.line, title: item.text, paragraphs: [], hasPeople: false, hasDate: false, chars: item.text.length };
    if (this.pendingUpvotes) {
      draft.line = this.pendingUpvotes.line;
      draft.upvotes = this.pendingUpvotes.value;
      this.pendingUpvotes = undefined;
      this.flushAfterUpvotes();
    }
    if (!this.emitting) this.heldWarnings = [];
    this.draft = draft;
    this.state = "title";
    this.checkLength(draft);
  }

  private addParagraph(item: Item): void {
    const draft = this.draft!;
    draft.paragraphs.push(item.text);
    draft.chars += item.text.length;
    this.checkLength(draft);
  }

  private checkLength(draft: Draft): void {
    if (draft.chars <= MAX_PAPER_CHARS) return;
    throw new ListingError(`paper longer than ${MAX_PAPER_CHARS.toLocaleString("en-US")} characters (title and abstract): no paper is that long`, draft.line);
  }

  private addMeta(item: Item): void {
    const draft = this.draft!;
    const meta = item.meta!;
    if (meta.unreadable.length > 0) {
      this.warn(item.line, `cannot read metadata ${quote(meta.unreadable.join(" · "))}; ignored`);
    }
    if (meta.authors !== undefined) draft.authors = meta.authors;
    if (meta.organization !== undefined) draft.organization = meta.organization;
    draft.hasPeople ||= meta.authors !== undefined || meta.organization !== undefined;
    const date = meta.date;
    if (!date) return;
    draft.hasDate = true;
    if (date.comments !== undefined) draft.comments = date.comments;
    const explicit = explicitDate(date);
    if (explicit && (this.newestPublished === undefined || explicit > this.newestPublished)) this.newestPublished = explicit;
    if (this.listingDate === undefined) return;
    const published = placeDate(date, this.listingDate);
    if (published === undefined) {
      this.warn(item.line, `${quote(meta.dateText ?? item.text)} is not a calendar date; date omitted`);
    } else if (published > this.listingDate) {
      this.warn(item.line, `published date ${published} is after the listing date ${this.listingDate}; date omitted`);
    } else {
      draft.published = published;
    }
  }

  private finishPaper(): void {
    const draft = this.draft!;
    this.draft = undefined;
    this.paperCount++;
    if (!this.emitting) return;
    const paper: ListedPaper = {
      line: draft.line,
      title: draft.title,
      digests: [this.listingDate!],
      abstract: draft.paragraphs.join("\n\n"),
    };
    if (draft.authors !== undefined) paper.authors = draft.authors;
    if (draft.organization !== undefined) paper.organization = draft.organization;
    if (draft.published !== undefined) paper.published = draft.published;
    if (draft.comments !== undefined) paper.comments = draft.comments;
    if (draft.upvotes !== undefined) paper.upvotes = draft.upvotes;
    this.sink.paper(paper);
  }

  private strayUpvotes(): void {
    const pending = this.pendingUpvotes!;
    this.pendingUpvotes = undefined;
    this.warn(pending.line, `vote count ${quote(pending.text)} is not followed by a title; ignored`);
    this.flushAfterUpvotes();
  }

  private flushAfterUpvotes(): void {
    const held = this.afterUpvotes;
    this.afterUpvotes = [];
    for (const w of held) this.warn(w.line, w.message, w.skipped);
  }
}

/**
 * The listing date once a first pass has seen the whole listing: the header's day in the smallest
 * year not before the newest dated paper. Throws when nothing gives it.
 */
export function listingDateAfterScan(end: ListingEnd): string {
  if (end.listingDate) return end.listingDate;
  const fix = "pass --date YYYY-MM-DD or put the date in the file name";
  if (!end.header) throw new ListingError(`cannot tell the listing date: no date line in the header; ${fix}`);
  const date = listingDateFromHeader(end.header, end.newestPublished);
  if (date) return date;
  throw new ListingError(
    end.header.year === undefined && end.newestPublished === undefined
      ? `cannot tell the listing date: the header date has no year and no paper date has one; ${fix}`
      : `cannot tell the listing date: the header date is not a calendar date; ${fix}`,
  );
}

export interface ListingOptions {
  /** `--date`: wins over everything else. */
  date?: string;
  /** Used for a YYYY-MM-DD in the name when no date is given. */
  fileName?: string;
}

export interface ParsedListing {
  listingDate: string;
  papers: ListedPaper[];
  warnings: ListingWarning[];
}

/** The known listing date before reading: `--date`, else a date in the file name. */
export function listingDateBeforeReading(options: ListingOptions): string | undefined {
  return options.date ?? (options.fileName === undefined ? undefined : listingDateFromFileName(options.fileName));
}

/** A whole listing held in memory: the streaming parser, run twice when only the header dates it. */
export function parseListing(text: string, options: ListingOptions = {}): ParsedListing {
  const run = (listingDate: string | undefined) => {
    const result: ParsedListing = { listingDate: "", papers: [], warnings: [] };
    const parser = new ListingParser(
      { paper: (p) => result.papers.push(p), warning: (w) => result.warnings.push(w) },
      listingDate === undefined ? {} : { listingDate },
    );
    const splitter = new LineSplitter((line) => parser.push(line));
    splitter.push(text);
    splitter.end();
    return { result, end: parser.end() };
  };
  const first = run(listingDateBeforeReading(options));
  const { result, end } = first.end.emitted ? first : run(listingDateAfterScan(first.end));
  result.listingDate = end.listingDate!;
  return result;
}
