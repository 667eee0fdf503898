/**
 * What the card formats (Markdown captures, text-browser dumps, link-per-line exports) share once
 * each has recognised its own markup: a card (title, abstract, votes, authors or organisation,
 * date, comments, arXiv id) becomes a paper the way a select-all copy's entry does. Dates are
 * placed by the listing date, the header date dates a listing without one, a card shown twice in a
 * row (trending pages print two variants of each) is one paper, and a card without a title or an
 * abstract, or cut off by the end of the capture (nothing read after its abstract), is reported
 * and never written.
 */
import { isIsoDate } from "../../content/dates.js";
import { titleKey } from "../../content/title-key.js";
import { explicitDate, headerDiffers, parseListedDate, placeDate, type ListedDate, type MonthDay } from "../listing-date.js";
import { cleanLine } from "./text/listing-lines.js";
import { ListingError, type ListedPaper, type ListingEnd, type ListingParserOptions, type ListingSink } from "./text/listing-parser.js";

export interface Card {
  /** The card's first line: its vote count when that comes first, else its title. */
  line: number;
  title?: string;
  paragraphs: string[];
  upvotes?: number;
  authors?: number;
  organization?: string;
  date?: ListedDate;
  dateText?: string;
  dateLine?: number;
  comments?: number;
  arxiv?: string;
  /**
   * Something after the abstract was read (metadata, or page text that is not the abstract's):
   * the card is whole. One still open when the capture ends was cut off inside it.
   */
  closed: boolean;
}

export function newCard(line: number): Card {
  return { line, paragraphs: [], closed: false };
}

/** Whether a card holds anything at all (a lone `·` opens none). */
export function isEmptyCard(card: Card): boolean {
  return (
    card.title === undefined &&
    card.paragraphs.length === 0 &&
    card.upvotes === undefined &&
    card.authors === undefined &&
    card.organization === undefined &&
    card.date === undefined
  );
}

const QUOTE_LIMIT = 60;

export function quote(text: string): string {
  return JSON.stringify(text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text);
}

const ARXIV_PATH = /\/papers\/(\d{4}\.\d{4,5})(?:v\d+)?(?=$|[?#/])/;

/** The arXiv id (no version) of a Hugging Face paper link: `/papers/<id>`, or a login link whose `next` is one. */
export function arxivFromUrl(url: string): string | undefined {
  if (!/^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\//i.test(url)) return undefined;
  const direct = ARXIV_PATH.exec(url.replace(/^https?:\/\/[^/]+/, ""));
  if (direct && !/^https?:\/\/[^/]+\/papers\/date\//.test(url)) return direct[1];
  const next = /[?&]next=([^&#]+)/.exec(url);
  if (!next) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(next[1]!);
  } catch {
    return undefined;
  }
  return ARXIV_PATH.exec(path)?.[1];
}

/** A Hugging Face organisation's page (`https://huggingface.co/google`): one path segment, not a site section. */
const SITE_SECTIONS = new Set([
  "models",
  "datasets",
  "spaces",
  "docs",
  "papers",
  "login",
  "join",
  "pricing",
  "enterprise",
  "storage",
  "posts",
  "blog",
  "learn",
  "collections",
  "settings",
  "new",
]);
export function isOrganizationUrl(url: string): boolean {
  const m = /^https?:\/\/(?:www\.)?huggingface\.co\/([A-Za-z0-9][\w.-]*)\/?$/.exec(url);
  return m !== null && !SITE_SECTIONS.has(m[1]!.toLowerCase());
}

/** The Hugging Face site's navigation and footer words, which captures keep around the cards. */
const SITE_CHROME = new Set([
  "hugging face",
  "models",
  "datasets",
  "spaces",
  "buckets",
  "buckets new",
  "docs",
  "enterprise",
  "pricing",
  "log in",
  "login",
  "sign up",
  "posts",
  "upvote",
  "submitted by",
  "trending papers",
  "content truncated",
  "[content truncated]",
  "daily papers - hugging face",
  "system theme",
  "company",
  "tos",
  "privacy",
  "about",
  "jobs",
  "careers",
  "website",
  "resources",
  "learn",
  "discord",
  "forum",
  "github",
  "status",
  "previous",
  "next",
]);

export function isSiteChrome(text: string): boolean {
  return SITE_CHROME.has(text.trim().toLowerCase());
}

/** A line of nothing but links (`[Previous](…) [Next](…)`), separated by spaces, `|` or `·`. */
const LINKS_ONLY = /^(?:\[[^\]]*\]\([^)\s]*\)[\s|·]*)+$/;
export function isLinksOnly(text: string): boolean {
  return LINKS_ONLY.test(text);
}

const COMMENTS_URL = /#community$/;
export function isCommentsUrl(url: string): boolean {
  return COMMENTS_URL.test(url);
}

const AUTHORS = /^(\d{1,6})\s+authors?$/i;

/** `3 authors`, `1 author` (bullets and brackets already taken off). */
export function parseAuthorCount(text: string): number | undefined {
  const m = AUTHORS.exec(text.trim());
  const n = m ? Number(m[1]) : 0;
  return n > 0 ? n : undefined;
}

const PUBLISHED_ON = /^(?:·\s*)?(?:published on\s+)?/i;

/** A card's date text: `May 29`, `Feb 27, 2025`, `· Published on Dec 28, 2024`, `Oct 23, 2025 1`. */
export function parseCardDate(text: string): ListedDate | undefined {
  const body = text.replace(PUBLISHED_ON, "").trim();
  return body === "" ? undefined : parseListedDate(body);
}

/** A header's date line: a date alone, no comment count. */
export function parseHeaderDate(text: string): ListedDate | undefined {
  const date = parseListedDate(text);
  return date && date.comments === undefined ? date : undefined;
}

/** Backslash escapes of ASCII punctuation as Markdown writers put them (`\_`, `\[`, `\\`); `\` before a space is a wrapped line. */
const ESCAPE = /\\([!-/:-@[-`{-~]| )/g;
export function unescapeMarkdown(text: string): string {
  return text.includes("\\") ? text.replace(ESCAPE, "$1") : text;
}

/** Tabs and runs of spaces made one space, and trimmed, as cleanLine does for a line (other spaces are text). */
export function collapse(text: string): string {
  return text.replace(/[\t ]{2,}|\t/g, " ").trim();
}

export interface CleanInput {
  text: string;
  /** The raw line started with whitespace. */
  indented: boolean;
}

/**
 * The line bookkeeping every format needs: line numbers, a byte-order mark, NUL bytes (binary
 * input), control characters (removed, with a warning) and the count of non-blank lines.
 */
export class CardListing {
  private listingDate: string | undefined;
  private emitting: boolean;
  private heldWarnings: { line: number; message: string; skipped?: true }[] = [];
  private header: MonthDay | undefined;
  private newestPublished: string | undefined;
  private paperCount = 0;
  private nonBlank = 0;
  private lineNumber = 0;
  /** The last whole card, held back one card so that a second variant of it merges into it. */
  private last: Card | undefined;

  constructor(
    private readonly sink: ListingSink,
    options: ListingParserOptions,
    /** What a paper looks like in this format, for the "no papers" message. */
    private readonly shape: string,
  ) {
    if (options.listingDate !== undefined && !isIsoDate(options.listingDate)) {
      throw new ListingError(`not a calendar date as YYYY-MM-DD: ${options.listingDate}`);
    }
    this.listingDate = options.listingDate;
    this.emitting = options.listingDate !== undefined;
  }

  /** Numbers and cleans one raw line; undefined for a blank one. */
  read(rawLine: string): { line: number; text: string; indented: boolean } | { line: number; text: ""; indented: false } {
    const line = ++this.lineNumber;
    if (rawLine.includes("\0")) throw new ListingError(`binary input: NUL byte on line ${line}`);
    const raw = line === 1 && rawLine.startsWith("\uFEFF") ? rawLine.slice(1) : rawLine;
    const { text, removedControls } = cleanLine(raw);
    if (removedControls > 0) this.warn(line, `removed ${removedControls} control character(s)`);
    if (text === "") return { line, text: "", indented: false };
    this.nonBlank++;
    return { line, text, indented: /^\s/.test(raw) };
  }

  warn(line: number, message: string, skipped = false): void {
    const warning = skipped ? { line, message, skipped: true as const } : { line, message };
    if (this.emitting) this.sink.warning(warning);
    else if (this.paperCount === 0 && !this.last) this.heldWarnings.push(warning);
  }

  /** Text between cards: the site's own words and lines of links are ignored, anything else is reported. */
  strayText(line: number, text: string): void {
    if (!isSiteChrome(text) && !isLinksOnly(text)) this.warn(line, `text ${quote(text)} between papers ignored`);
  }

  headerDate(line: number, text: string, date: MonthDay): void {
    if (this.header) {
      this.warn(line, `second listing date line ${quote(text)} ignored`);
      return;
    }
    this.header = date;
    if (this.listingDate === undefined) {
      const adopted = explicitDate(date);
      if (!adopted) return;
      this.listingDate = adopted;
      this.emitting = true;
      for (const w of this.heldWarnings) this.sink.warning(w);
      this.heldWarnings = [];
      return;
    }
    if (headerDiffers(date, this.listingDate)) {
      this.warn(line, `header date ${quote(text)} differs from the listing date ${this.listingDate}`);
    }
  }

  get hasHeader(): boolean {
    return this.header !== undefined;
  }

  /** A card the format has finished reading; `cut` when the capture ended (or says it was truncated) inside it. */
  card(card: Card, cut = false): void {
    if (isEmptyCard(card)) return;
    if (card.title !== undefined) card.title = collapse(card.title);
    card.paragraphs = card.paragraphs.map(collapse).filter((p) => p !== "");
    const last = this.last;
    if (last && sameCard(last, card)) {
      mergeCard(last, card);
      return;
    }
    if (cut) {
      const what = card.title ? `entry ${quote(card.title)}` : "an entry";
      this.warn(card.line, `${what} is cut off: the capture ends inside it; skipped`, true);
      return;
    }
    if (card.title === undefined || card.title === "") {
      const what = card.paragraphs[0] ?? card.dateText ?? "metadata";
      this.warn(card.line, `entry ${quote(what)} has no title; skipped`, true);
      return;
    }
    if (card.paragraphs.length === 0) {
      this.warn(card.line, `title ${quote(card.title)} has no abstract; entry skipped`, true);
      return;
    }
    if (card.date) {
      const explicit = explicitDate(card.date);
      if (explicit && (this.newestPublished === undefined || explicit > this.newestPublished)) this.newestPublished = explicit;
    }
    if (last) this.emit(last);
    if (this.paperCount === 0 && !this.emitting) this.heldWarnings = [];
    this.last = card;
  }

  end(): ListingEnd {
    if (this.last) this.emit(this.last);
    this.last = undefined;
    if (this.nonBlank === 0) throw new ListingError("empty listing: no text in it");
    if (this.paperCount === 0) throw new ListingError(`no papers found: ${this.shape}`);
    return { listingDate: this.listingDate, header: this.header, newestPublished: this.newestPublished, papers: this.paperCount, emitted: this.emitting };
  }

  private emit(card: Card): void {
    this.paperCount++;
    if (!this.emitting) return;
    const paper: ListedPaper = { line: card.line, title: card.title!, digests: [this.listingDate!], abstract: card.paragraphs.join("\n\n") };
    if (card.authors !== undefined) paper.authors = card.authors;
    if (card.organization !== undefined) paper.organization = card.organization;
    if (card.date) {
      const published = placeDate(card.date, this.listingDate!);
      const line = card.dateLine ?? card.line;
      if (published === undefined) this.warn(line, `${quote(card.dateText ?? "")} is not a calendar date; date omitted`);
      else if (published > this.listingDate!) this.warn(line, `published date ${published} is after the listing date ${this.listingDate}; date omitted`);
      else paper.published = published;
    }
    if (card.comments !== undefined) paper.comments = card.comments;
    if (card.upvotes !== undefined) paper.upvotes = card.upvotes;
    if (card.arxiv !== undefined) paper.arxiv = card.arxiv;
    this.sink.paper(paper);
  }
}

function sameCard(a: Card, b: Card): boolean {
  if (a.arxiv !== undefined && b.arxiv !== undefined) return a.arxiv === b.arxiv;
  return a.title !== undefined && b.title !== undefined && titleKey(a.title) === titleKey(b.title);
}

/** A second variant of a card fills in what the first lacks; the first's values win. */
function mergeCard(into: Card, from: Card): void {
  if (into.paragraphs.length === 0) into.paragraphs = from.paragraphs;
  into.upvotes ??= from.upvotes;
  if (into.authors === undefined && into.organization === undefined) {
    if (from.authors !== undefined) into.authors = from.authors;
    if (from.organization !== undefined) into.organization = from.organization;
  }
  if (!into.date && from.date) {
    into.date = from.date;
    if (from.dateText !== undefined) into.dateText = from.dateText;
    if (from.dateLine !== undefined) into.dateLine = from.dateLine;
  }
  into.comments ??= from.comments;
  into.arxiv ??= from.arxiv;
}
