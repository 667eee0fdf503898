/**
 * Human-readable labels shared by the catalog and the templates. English only, fixed locale and UTC,
 * so that a build gives the same bytes on every machine whatever its locale or time zone.
 */
import { DateTime } from "luxon";

const LOCALE = "en-GB";

function utcDay(year: number, month: number, day: number): DateTime {
  return DateTime.fromObject({ year, month, day }, { zone: "utc", locale: LOCALE });
}

/** Papers share dates: a catalog of 100,000 papers asks for a few thousand distinct days and months, and luxon is slow. */
const days = new Map<string, string>();
const months = new Map<number, string>();

/** `2023-09-22` → `22 September 2023`. */
export function formatDay(iso: string): string {
  let label = days.get(iso);
  if (label === undefined) {
    const day = DateTime.fromISO(iso, { zone: "utc", locale: LOCALE });
    if (!day.isValid) throw new Error(`not a calendar date: ${iso}`);
    label = day.toFormat("d LLLL yyyy");
    days.set(iso, label);
  }
  return label;
}

/** `2023, 9` → `September 2023`. */
export function formatMonth(year: number, month: number): string {
  const key = year * 100 + month;
  let label = months.get(key);
  if (label === undefined) {
    label = utcDay(year, month, 1).toFormat("LLLL yyyy");
    months.set(key, label);
  }
  return label;
}

/** `1 author`, `55 authors`, the organisation the listing showed instead, or nothing when unknown. */
export function authorsLabel(paper: { authors?: number; organization?: string }): string | undefined {
  if (paper.authors !== undefined) return countLabel(paper.authors, "author");
  return paper.organization;
}

export function countLabel(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
