/**
 * What one line of a pasted listing can be, decided from the line alone. The parser adds the
 * context (where in a paper it stands, what the next line is); everything here is a pure, cheap
 * function of one string, because it runs on every line of inputs with millions of lines.
 */
import { parseListedDate, type ListedDate } from "../../listing-date.js";

/** C0 controls except tab, DEL and C1: never meaningful in a listing, typically copy-paste debris. */
const CONTROL = /[\u0001-\u0008\u000b-\u001f\u007f-\u009f]/g;
const STRAY_SPACE = /[\t ]{2,}|\t/g;

export interface CleanLine {
  text: string;
  /** How many control characters were removed. */
  removedControls: number;
}

/** Trims a line, removes control characters, and turns tabs and runs of spaces into one space. */
export function cleanLine(raw: string): CleanLine {
  let text = raw;
  let removedControls = 0;
  CONTROL.lastIndex = 0;
  if (CONTROL.test(text)) {
    text = text.replace(CONTROL, () => {
      removedControls++;
      return "";
    });
  }
  text = text.trim();
  // includes() is far cheaper than a regex scan on the long abstract lines that rarely need it.
  if (text.includes("\t") || text.includes("  ")) text = text.replace(STRAY_SPACE, " ");
  return { text, removedControls };
}

const CHROME = new Set([
  "new",
  "get trending papers in your email inbox!",
  "get trending papers in your email inbox once a day!",
  "subscribe",
  "daily papers",
  "daily",
  "weekly",
  "monthly",
]);
const BY_AK = /^by\s*ak\b/i;

/** The Hugging Face page's own text around the listing. */
export function isPageChrome(text: string): boolean {
  return CHROME.has(text.toLowerCase()) || BY_AK.test(text);
}

const UPVOTES = /^(?:\d{1,9}|-)$/;

/** A line holding only a number or `-`: an upvote count (`-` is zero) when a title follows. */
export function parseUpvotes(text: string): number | undefined {
  if (!UPVOTES.test(text)) return undefined;
  return text === "-" ? 0 : Number(text);
}

/** One line of a metadata group: `• 3 authors`, `·`, `Sep 22, 2023 3`, or several of them inline. */
export interface MetaLine {
  authors?: number;
  organization?: string;
  date?: ListedDate;
  /** The text of a date segment, for messages. */
  dateText?: string;
  /** Segments that look like metadata by position but say nothing readable. */
  unreadable: string[];
  /**
   * False for a `*` or `-` bullet followed by free text: that could as well be an abstract line
   * starting with a list marker, so it only counts as metadata when a `·` or date line follows.
   */
  certain: boolean;
}

// `s`: a line may hold U+2028 or U+2029, which `.` would otherwise refuse to match.
const BULLET = /^(?:(•)\s*|([*-])\s+)(.*)$/s;
const AUTHOR_COUNT = /^(\d{1,6})\s+authors?$/i;
const SEPARATOR = "\u00b7";
const MAX_ORGANIZATION_LENGTH = 120;

/**
 * Reads a line as metadata, or returns undefined when it is not metadata-shaped. Segments are split
 * on `·`; a bullet's first segment may be an organisation instead of an author count.
 */
export function parseMetaLine(text: string): MetaLine | undefined {
  const bullet = BULLET.exec(text);
  const body = bullet ? bullet[3]! : text;
  const hasSeparator = body.includes(SEPARATOR);
  // Fast exit for the common case, an ordinary line of prose.
  if (!bullet && !hasSeparator && !AUTHOR_COUNT.test(body) && !parseListedDate(body)) return undefined;

  const line: MetaLine = { unreadable: [], certain: true };
  const segments = hasSeparator ? body.split(SEPARATOR) : [body];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!.trim();
    if (segment === "") continue;
    const count = AUTHOR_COUNT.exec(segment);
    const date = count ? undefined : parseListedDate(segment);
    const nothingYet = line.authors === undefined && line.organization === undefined && !line.date;
    if (count && nothingYet && Number(count[1]) > 0) {
      line.authors = Number(count[1]);
    } else if (date && !line.date) {
      line.date = date;
      line.dateText = segment;
    } else if (i === 0 && bullet && !count && segment.length <= MAX_ORGANIZATION_LENGTH) {
      line.organization = segment;
    } else {
      line.unreadable.push(segment);
    }
  }
  // Without a bullet, a line is metadata only when every part of it reads as metadata.
  if (!bullet) return line.unreadable.length === 0 ? line : undefined;
  if (bullet[1] !== undefined || hasSeparator) return line;
  // A `*` or `-` bullet could as well start a line of prose.
  if (line.unreadable.length > 0) return undefined;
  if (line.organization !== undefined && !line.date) line.certain = false;
  return line;
}

/** A line that is only `·` (or an empty bullet): it continues a metadata group, nothing more. */
export function isBareSeparator(meta: MetaLine): boolean {
  return meta.authors === undefined && meta.organization === undefined && meta.date === undefined && meta.unreadable.length === 0;
}

const MAX_TITLE_LENGTH = 300;
const MAX_TITLE_WORDS = 40;
const ENDS_LIKE_SENTENCE_PART = /[.:;,]$/;
const SENTENCE_BREAK = /[.!?] \p{Lu}/gu;

/**
 * The title/abstract heuristic, used where a line could be either a further abstract paragraph or
 * the title of the next paper (entries without metadata). Titles are short (at most 300 characters
 * and 40 words), hold at most one sentence break (`Title? Subtitle`, `vs. World`), carry no URL and
 * do not end like prose (`.`, `:`, `;`, `,`). Abstract paragraphs almost always fail one of these.
 */
export function looksLikeTitle(text: string): boolean {
  if (text.length === 0 || text.length > MAX_TITLE_LENGTH) return false;
  let words = 1;
  for (let i = text.indexOf(" "); i !== -1; i = text.indexOf(" ", i + 1)) {
    if (++words > MAX_TITLE_WORDS) return false;
  }
  return isTitleShaped(text);
}

/**
 * A title but for its length: shaped like one (no prose ending, no URL, at most one sentence
 * break), whatever its number of characters and words. Where the structure around it says "title"
 * (prose after it, then metadata), such a line is one.
 */
export function isTitleShaped(text: string): boolean {
  if (text.length === 0 || ENDS_LIKE_SENTENCE_PART.test(text) || text.includes("://")) return false;
  SENTENCE_BREAK.lastIndex = 0;
  let breaks = 0;
  while (SENTENCE_BREAK.exec(text)) {
    if (++breaks > 1) return false;
  }
  return true;
}
