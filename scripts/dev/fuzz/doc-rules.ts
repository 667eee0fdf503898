/**
 * The listing rules of docs/ingest.md, read independently of the parser, for the fuzz model. Where
 * the document leaves room (what a "sentence break" is, which lines "look like metadata"), these
 * checks are deliberately stricter than the parser, so that text the model calls a title is a
 * title under any fair reading, and text it calls prose is prose.
 */
import { codePoints } from "./text.js";

const CHROME = [
  "new",
  "Get trending papers in your email inbox!",
  "Get trending papers in your email inbox once a day!",
  "Subscribe",
  "Daily Papers",
  "byAK and the research community",
  "by AK and the research community",
  "Daily",
  "Weekly",
  "Monthly",
];
export const PAGE_CHROME: readonly string[] = CHROME;
const CHROME_KEYS = new Set(CHROME.map((c) => c.toLowerCase()));

/**
 * Anything that could be read as another kind of line: a bullet, an interpunct, something that
 * starts like a date (`May 30`), an author count, a vote count, page chrome.
 */
export function mightBeOtherLine(text: string): boolean {
  return (
    /^[•*+-]/.test(text) ||
    text.includes("\u00b7") ||
    /^[A-Za-z]{3,9}\.?\s+\d/.test(text) ||
    /^\d+\s+authors?\b/i.test(text) ||
    /^(?:\d+|-)$/.test(text) ||
    CHROME_KEYS.has(text.toLowerCase()) ||
    /^by\s*ak/i.test(text)
  );
}

/**
 * A title by the document: at most 300 characters (counted here as code points, at most half the
 * limit, so that UTF-16 counting agrees) and 40 words, at most one sentence break (here: at most one
 * `.`, `!` or `?` followed by whitespace, whatever comes next), no URL, not ending in `.:;,`.
 */
export function isClearTitle(text: string): boolean {
  return (
    codePoints(text) <= 150 &&
    text.split(" ").length <= 40 &&
    (text.match(/[.!?]\s/gu)?.length ?? 0) <= 1 &&
    !text.includes("://") &&
    !/[.:;,]$/.test(text) &&
    !mightBeOtherLine(text)
  );
}

/**
 * A title too long to be title-like (over 40 words) yet shaped like one: no sentence break at all,
 * no URL, no prose ending. The document makes it a title when prose and then metadata follow it.
 */
export function isClearLongTitle(text: string): boolean {
  return text.split(" ").length > 40 && !/[.!?]\s/u.test(text) && !text.includes("://") && !/[.:;,]$/.test(text) && !mightBeOtherLine(text);
}

/** Prose by the document: ends like a sentence part, or holds a URL, or is over 300 characters or 40 words. */
export function isClearProse(text: string): boolean {
  if (mightBeOtherLine(text)) return false;
  return /[.:;,]$/.test(text) || text.includes("://") || codePoints(text) > 300 || text.split(" ").length > 40;
}

/** "After an abstract it also does not start with a lowercase letter." */
export function startsLowercase(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

export function ymd(iso: string): Ymd {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

function iso(date: Ymd): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

function isRealDay(date: Ymd): boolean {
  const probe = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return probe.getUTCFullYear() === date.year && probe.getUTCMonth() === date.month - 1 && probe.getUTCDate() === date.day;
}

export function addDays(isoDate: string, days: number): string {
  const d = ymd(isoDate);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return iso({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/** "May 30: the year is the listing's, or the year before when that would put the date after the listing date." */
export function yearlessDate(month: number, day: number, listingDate: string): string | undefined {
  const listing = ymd(listingDate);
  const after = month > listing.month || (month === listing.month && day > listing.day);
  const date = { year: after ? listing.year - 1 : listing.year, month, day };
  return isRealDay(date) ? iso(date) : undefined;
}

/** "The header's `Mon D` with the smallest year that is not before the newest dated paper." */
export function headerListingDate(month: number, day: number, newestWithYear: string | undefined): string | undefined {
  if (newestWithYear === undefined) return undefined;
  for (let year = ymd(newestWithYear).year; year < ymd(newestWithYear).year + 9; year++) {
    const date = { year, month, day };
    if (isRealDay(date) && iso(date) >= newestWithYear) return iso(date);
  }
  return undefined;
}

export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
