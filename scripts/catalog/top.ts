/**
 * The "Top" views: the most upvoted papers of each ISO week, month and year. A paper belongs to the
 * periods of the day a digest first listed it, as on Hugging Face's own weekly and monthly views:
 * upvotes are counted while a paper is listed, so ranking by publication date would set a 2023 paper
 * against 2026's votes. Only papers with an upvote count are ranked; a period none of whose papers has
 * one has no page. Pure: the periods come from the digest dates, never from a clock.
 */
import { DateTime } from "luxon";
import type { CatalogPaper, Link } from "./catalog.js";
import { formatDay, formatMonth } from "./format.js";
import { routes } from "./routes.js";

/** Papers per period: a page of about 10 KB, however many papers a year holds. */
export const TOP_SIZE = 20;

export type TopPeriod = "week" | "month" | "year";
export const TOP_PERIODS: readonly TopPeriod[] = ["week", "month", "year"];

export interface TopPage {
  /** `top-week`, `top-month` or `top-year`: what feedsFor and the templates tell apart. */
  kind: `top-${TopPeriod}`;
  period: TopPeriod;
  /** `2026-W15`, `2026-04` or `2026`. */
  key: string;
  /** `Week 15 of 2026`, `April 2026`, `2026`. */
  label: string;
  /** `6 April 2026 to 12 April 2026`, for a week only. */
  span?: string;
  heading: string;
  title: string;
  url: string;
  parent: Link;
  /** Papers shown: the top `TOP_SIZE`, or fewer. */
  count: number;
  /** Papers first listed in the period with an upvote count: those the ranking chose from. */
  ranked: number;
  /** Most upvotes first; ties by slug. */
  papers: readonly CatalogPaper[];
  /** The period before and after this one that has a page, of the same kind. */
  older?: Link;
  newer?: Link;
}

export interface TopViews {
  /** Papers per period, at most. */
  size: number;
  /** Each kind newest first. */
  weeks: readonly TopPage[];
  months: readonly TopPage[];
  years: readonly TopPage[];
  /** All of them: what the template paginates. */
  pages: readonly TopPage[];
}

/** The ISO week of a day (`2026-W15`); luxon is slow and days repeat, so each day is worked out once. */
const weeks = new Map<string, string>();
export function isoWeek(day: string): string {
  let week = weeks.get(day);
  if (week === undefined) {
    const date = DateTime.fromISO(day, { zone: "utc" });
    if (!date.isValid) throw new Error(`not a calendar date: ${day}`);
    week = `${String(date.weekYear).padStart(4, "0")}-W${String(date.weekNumber).padStart(2, "0")}`;
    weeks.set(day, week);
  }
  return week;
}

/** Monday to Sunday of an ISO week, in words. */
function weekSpan(key: string): string {
  const monday = DateTime.fromObject({ weekYear: Number(key.slice(0, 4)), weekNumber: Number(key.slice(6)), weekday: 1 }, { zone: "utc" });
  return `${formatDay(monday.toISODate() ?? "")} to ${formatDay(monday.plus({ days: 6 }).toISODate() ?? "")}`;
}

function compareForTop(a: CatalogPaper, b: CatalogPaper): number {
  return (b.upvotes ?? 0) - (a.upvotes ?? 0) || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
}

const INDEX: Link = { label: "Most upvoted", url: routes.top };

function describePeriod(period: TopPeriod, key: string): Pick<TopPage, "label" | "span" | "heading" | "url"> {
  if (period === "week") {
    const label = `Week ${Number(key.slice(6))} of ${key.slice(0, 4)}`;
    return { label, span: weekSpan(key), heading: `Most upvoted papers of week ${Number(key.slice(6))}, ${key.slice(0, 4)}`, url: routes.topWeek(key) };
  }
  if (period === "month") {
    const label = formatMonth(Number(key.slice(0, 4)), Number(key.slice(5, 7)));
    return { label, heading: `Most upvoted papers of ${label}`, url: routes.topMonth(key.slice(0, 4), key.slice(5, 7)) };
  }
  return { label: key, heading: `Most upvoted papers of ${key}`, url: routes.topYear(key) };
}

function periodOf(period: TopPeriod, day: string): string {
  return period === "week" ? isoWeek(day) : period === "month" ? day.slice(0, 7) : day.slice(0, 4);
}

/** The top views of `papers` (each with its digest dates, ascending), `size` papers per period. */
export function buildTop(papers: readonly CatalogPaper[], size = TOP_SIZE): TopViews {
  if (!Number.isInteger(size) || size < 1) throw new Error(`top size must be a positive integer, got ${size}`);
  const ranked = papers.filter((p) => p.upvotes !== undefined && p.digests.length > 0);
  const [weeks, months, years] = TOP_PERIODS.map((period) => {
    const groups = new Map<string, CatalogPaper[]>();
    for (const paper of ranked) {
      const key = periodOf(period, paper.digests[0] as string);
      const group = groups.get(key);
      if (group) group.push(paper);
      else groups.set(key, [paper]);
    }
    // Keys of one kind sort as text in time order: zero-padded years, months and week numbers.
    const pages: TopPage[] = [...groups.keys()]
      .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
      .map((key) => {
        const members = groups.get(key) ?? [];
        const top = [...members].sort(compareForTop).slice(0, size);
        const described = describePeriod(period, key);
        return {
          kind: `top-${period}`,
          period,
          key,
          ...described,
          title: described.heading,
          parent: INDEX,
          count: top.length,
          ranked: members.length,
          papers: top,
        };
      });
    pages.forEach((page, i) => {
      const older = pages[i + 1];
      const newer = pages[i - 1];
      if (older) page.older = { label: older.label, url: older.url };
      if (newer) page.newer = { label: newer.label, url: newer.url };
    });
    return pages;
  }) as [TopPage[], TopPage[], TopPage[]];
  return { size, weeks, months, years, pages: [...weeks, ...months, ...years] };
}
