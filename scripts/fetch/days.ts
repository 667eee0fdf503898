/**
 * Which days a fetch asks for, as `YYYY-MM-DD` strings in UTC. The clock is read by the caller and
 * handed in, so that every rule here can be tested at any moment.
 */
import { dateToIso, isIsoDate } from "../content/dates.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export class FetchUsageError extends Error {}

export function utcDay(now: Date): string {
  return dateToIso(now);
}

function addDays(day: string, n: number): string {
  return dateToIso(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

function checkedDay(option: string, value: string, today: string): string {
  if (!isIsoDate(value)) throw new FetchUsageError(`${option} ${JSON.stringify(value)}: expected a real date as YYYY-MM-DD`);
  if (value > today) throw new FetchUsageError(`${option} ${value} is after today (${today}, UTC)`);
  return value;
}

/**
 * The days to fetch, oldest first: `date` alone; every day from `since` through today; by default
 * yesterday and today (the Daily Papers day turns in UTC, and yesterday's list still grows for a while).
 */
export function daysToFetch(options: { date?: string; since?: string }, now: Date): string[] {
  const today = utcDay(now);
  if (options.date !== undefined && options.since !== undefined) throw new FetchUsageError("--date and --since cannot be combined");
  if (options.date !== undefined) return [checkedDay("--date", options.date, today)];
  if (options.since === undefined) return [addDays(today, -1), today];
  const days: string[] = [];
  for (let day = checkedDay("--since", options.since, today); day <= today; day = addDays(day, 1)) days.push(day);
  return days;
}
