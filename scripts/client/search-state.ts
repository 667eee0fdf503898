/**
 * What a search is (words, filters, order) and how it lives in the page's URL, so that a search can
 * be shared and restored. No DOM here: the search page's script and the tests both use it.
 */
import { compareBands } from "../catalog/bands.js";
import { SORT_ORDERS } from "../search/search-sort.js";

export const FILTERS = ["year", "authors", "digest"] as const;
export type FilterName = (typeof FILTERS)[number];

export const SORTS = ["relevance", "newest", "oldest", "upvotes"] as const;
export type SortOrder = (typeof SORTS)[number];

export interface SearchState {
  query: string;
  filters: Record<FilterName, string[]>;
  sort: SortOrder;
}

function isSort(value: string): value is SortOrder {
  return (SORTS as readonly string[]).includes(value);
}

/** `?q=diffusion&year=2023&year=2024&sort=newest` → state. Unknown parameters are ignored. */
export function parseSearchState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const sort = params.get("sort") ?? "";
  const filters = {} as Record<FilterName, string[]>;
  for (const name of FILTERS) filters[name] = [...new Set(params.getAll(name).filter((v) => v.length > 0))];
  return { query: (params.get("q") ?? "").trim(), filters, sort: isSort(sort) ? sort : "relevance" };
}

/** State → query string (with `?`, or empty), parameters in a fixed order so URLs compare equal. */
export function serializeSearchState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.query) params.set("q", state.query);
  for (const name of FILTERS) for (const value of state.filters[name]) params.append(name, value);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function hasCriteria(state: SearchState): boolean {
  return state.query.length > 0 || FILTERS.some((name) => state.filters[name].length > 0);
}

export interface PagefindSearchOptions {
  filters: Partial<Record<FilterName, { any: string[] }>>;
  sort?: Record<string, "asc" | "desc">;
}

export function pagefindOptions(state: SearchState): PagefindSearchOptions {
  const options: PagefindSearchOptions = { filters: {} };
  for (const name of FILTERS) {
    if (state.filters[name].length > 0) options.filters[name] = { any: [...state.filters[name]] };
  }
  if (state.sort !== "relevance") {
    const { key, direction } = SORT_ORDERS[state.sort];
    options.sort = { [key]: direction };
  }
  return options;
}

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Filter values in the order a reader expects: years and digests newest first (undated last),
 * author-count bands numerically. Pagefind itself would sort them as strings.
 */
export function orderFilterValues(name: FilterName, values: readonly string[]): string[] {
  if (name === "authors") return [...values].sort(compareBands);
  const undated = values.filter((v) => !/^\d/.test(v));
  const dated = values.filter((v) => /^\d/.test(v));
  return [...dated.sort((a, b) => byString(b, a)), ...undated.sort(byString)];
}

export function filterLabel(name: FilterName, value: string): string {
  if (name === "authors") {
    if (value === "unknown") return "Unknown";
    return value === "1" ? "1 author" : `${value} authors`;
  }
  if (name === "year" && value === "undated") return "No date";
  return value;
}

export function hasFilters(state: SearchState): boolean {
  return FILTERS.some((name) => state.filters[name].length > 0);
}

/** "2023 or 2025", "2023, 2024 or 2025". */
function either(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? "") : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

/** The active filters in words, for the status line: "published in 2023 or 2025, with 1 author". */
export function filterSummary(state: SearchState): string {
  const phrases: string[] = [];
  const years = orderFilterValues("year", state.filters.year);
  if (years.length > 0) {
    const dated = years.filter((v) => v !== "undated");
    const inYears = dated.length > 0 ? `published in ${either(dated)}` : "";
    phrases.push(years.includes("undated") ? (inYears ? `${inYears} or without a date` : "without a date") : inYears);
  }
  const bands = orderFilterValues("authors", state.filters.authors);
  if (bands.length > 0) phrases.push(`with ${either(bands.map((v) => (v === "unknown" ? "an unknown number of authors" : filterLabel("authors", v))))}`);
  const digests = orderFilterValues("digest", state.filters.digest);
  if (digests.length > 0) phrases.push(`in the ${either(digests)} ${digests.length === 1 ? "digest" : "digests"}`);
  return phrases.join(", ");
}

/** "No paper has the word “xyzzyqq”." or "… the words “a” or “b”." */
export function missingText(words: readonly string[]): string {
  const quoted = words.map((w) => `“${w}”`);
  return words.length === 1 ? `No paper has the word ${quoted[0]}.` : `No paper has the words ${either(quoted)}.`;
}

export function statusText(count: number, state: SearchState, missing: readonly string[] = []): string {
  const papers = `${count} ${count === 1 ? "paper" : "papers"}`;
  const filters = filterSummary(state);
  const found = `${papers} found${state.query ? ` for “${state.query}”` : ""}${filters ? `, ${filters}` : ""}`;
  return missing.length > 0 ? `${found}. ${missingText(missing)}` : found;
}
