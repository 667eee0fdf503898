/**
 * Dates as a listing shows them (`Sep 22, 2023`, `May 30`) and the rules that place them on the
 * calendar. The listing date anchors everything: a date without a year belongs to the listing's
 * year, unless that would put it after the listing, in which case it is from the year before.
 */
import { formatIsoDate, isRealDate, isoParts } from "../content/dates.js";

export interface MonthDay {
  month: number;
  day: number;
  /** Absent when the listing left the year out. */
  year?: number;
}

const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ["jan", "january"],
    ["feb", "february"],
    ["mar", "march"],
    ["apr", "april"],
    ["may", "may"],
    ["jun", "june"],
    ["jul", "july"],
    ["aug", "august"],
    ["sep", "september", "sept"],
    ["oct", "october"],
    ["nov", "november"],
    ["dec", "december"],
  ].flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);

/**
 * `Sep 22`, `Sep 22, 2023`, `September 22 2023`, each optionally followed by a comment count
 * (`Oct 23, 2025 3`). A four-digit number right after the day is a year, anything else a count.
 */
const DATE_TEXT = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:(?:,\s*|\s+)(\d{4}))?(?:,?\s+(\d{1,6}))?$/;

export interface ListedDate extends MonthDay {
  comments?: number;
}

export function parseListedDate(text: string): ListedDate | undefined {
  const m = DATE_TEXT.exec(text);
  if (!m) return undefined;
  const month = MONTHS.get(m[1]!.toLowerCase());
  if (month === undefined) return undefined;
  const out: ListedDate = { month, day: Number(m[2]) };
  if (m[3] !== undefined) out.year = Number(m[3]);
  if (m[4] !== undefined) out.comments = Number(m[4]);
  return out;
}

/** The calendar date of a date that carries its own year; undefined without one or when unreal. */
export function explicitDate(date: MonthDay): string | undefined {
  if (date.year === undefined || !isRealDate(date.year, date.month, date.day)) return undefined;
  return formatIsoDate(date.year, date.month, date.day);
}

/** The calendar date of a listed date, or undefined when it does not exist (Feb 30). */
export function placeDate(date: MonthDay, listingDate: string): string | undefined {
  let year = date.year;
  if (year === undefined) {
    const listing = isoParts(listingDate);
    const afterListing = date.month > listing.month || (date.month === listing.month && date.day > listing.day);
    year = afterListing ? listing.year - 1 : listing.year;
  }
  return isRealDate(year, date.month, date.day) ? formatIsoDate(year, date.month, date.day) : undefined;
}

const FILE_NAME_DATE = /(\d{4})-(\d{2})-(\d{2})/;

/** `daily-papers-2026-04-13.txt` → `2026-04-13`; undefined when the name holds no real date. */
export function listingDateFromFileName(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const m = FILE_NAME_DATE.exec(base);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(year, month, day) ? formatIsoDate(year, month, day) : undefined;
}

/** How far ahead to look for a year in which the header's day exists (Feb 29 needs up to 8). */
const YEAR_SEARCH_LIMIT = 9;

/**
 * The listing date from the header line. A header without a year takes the smallest year that does
 * not put the listing before its newest dated paper: a listing cannot show a paper from its future.
 */
export function listingDateFromHeader(header: MonthDay, newestPublished: string | undefined): string | undefined {
  if (header.year !== undefined) return explicitDate(header);
  if (newestPublished === undefined) return undefined;
  const start = isoParts(newestPublished).year;
  for (let year = start; year < start + YEAR_SEARCH_LIMIT; year++) {
    if (!isRealDate(year, header.month, header.day)) continue;
    const iso = formatIsoDate(year, header.month, header.day);
    if (iso >= newestPublished) return iso;
  }
  return undefined;
}

/** Whether a header date (`Apr 13`, `Apr 13, 2026`) names another day than the listing date. */
export function headerDiffers(header: MonthDay, listingDate: string): boolean {
  const listing = isoParts(listingDate);
  return header.month !== listing.month || header.day !== listing.day || (header.year !== undefined && header.year !== listing.year);
}
