/**
 * Day arithmetic and the listing's own date spellings (`Sep 22, 2023`, `May 30`). All through UTC,
 * like scripts/content/dates.ts, so no time zone can shift a day.
 */
import { formatIsoDate, isoParts, isRealDate } from "../../content/dates.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const DAY_MS = 86_400_000;

export function addDays(iso: string, days: number): string {
  const { year, month, day } = isoParts(iso);
  const d = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** `Sep 22, 2023`, or `Sep 22` without the year. */
export function spellDate(iso: string, withYear: boolean): string {
  const { year, month, day } = isoParts(iso);
  return `${MONTHS[month - 1]} ${day}${withYear ? `, ${year}` : ""}`;
}

/**
 * Whether `Mon D` without a year reads back as `iso` under the listing rule (the listing's year, or
 * the year before when that would be after the listing date). A day that does not exist in the
 * listing's year (Feb 29) is never written without its year: readers need not agree on it.
 */
export function readsBackWithoutYear(iso: string, listingDate: string): boolean {
  const { month, day } = isoParts(iso);
  const listingYear = isoParts(listingDate).year;
  if (!isRealDate(listingYear, month, day)) return false;
  const sameYear = formatIsoDate(listingYear, month, day);
  const resolved = sameYear > listingDate ? formatIsoDate(listingYear - 1, month, day) : sameYear;
  return resolved === iso;
}
