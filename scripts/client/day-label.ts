/**
 * `2023-09-22` → `22 September 2023`, as the site labels a day (scripts/catalog/format.ts, with
 * luxon): the search page gets a result's date as its ISO day, which is also its sort value.
 */
const LABEL = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function dayLabel(iso: string): string {
  const day = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? iso : LABEL.format(day);
}
