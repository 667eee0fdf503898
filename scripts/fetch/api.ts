/**
 * The Hugging Face daily papers API as this project calls it: one URL per page of a day. The API
 * pages with `p` (the page, from 0) and `limit` (papers per page, at most 100); asking for 100 means
 * nearly every day is one request.
 */
export const DEFAULT_API_URL = "https://huggingface.co/api/daily_papers";

export const PAGE_SIZE = 100;

/** `HF_API_URL`, checked: the daily papers endpoint (tests point it at a local server). */
export function apiUrl(value: string | undefined): string {
  if (value === undefined || value === "") return DEFAULT_API_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`HF_API_URL ${JSON.stringify(value)} is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`HF_API_URL ${JSON.stringify(value)}: expected an http(s) URL`);
  return url.href;
}

/** The URL of one page of a day's list; the first page carries no `p`, as the API's own links do. */
export function pageUrl(base: string, day: string, page: number, limit: number = PAGE_SIZE): string {
  const url = new URL(base);
  url.searchParams.set("date", day);
  if (page > 0) url.searchParams.set("p", String(page));
  url.searchParams.set("limit", String(limit));
  return url.href;
}
