/**
 * One list of results from several Pagefind indexes ("shards", see scripts/search/search-shards.ts).
 * A large site's index is built in shards so that building it fits in memory; the search page asks
 * every shard and merges what they answer here. Best-match order merges by score, which Pagefind
 * gives before any result is loaded (as its own `mergeIndex` does). A sorted order is a k-way merge
 * of the shards' sorted lists by each result's sort value: that is in the result's data, so the
 * merge loads the first result of each shard ahead, and one more each time a shard's head is taken.
 * With one shard nothing is loaded ahead. No DOM here: the tests drive it directly.
 */
import type { SortKey } from "../search/search-sort.js";
import { SORT_ORDERS, sortValues } from "../search/search-sort.js";
import { FILTERS, type FilterName, type SortOrder } from "./search-state.js";

export interface ResultData {
  url: string;
  /** The page's indexed text, and where in it (in words) the search matched. */
  content: string;
  locations: number[];
  meta: Record<string, string | undefined>;
}

export interface ShardResult {
  score: number;
  data(): Promise<ResultData>;
}

export type FilterCounts = Record<string, Record<string, number> | undefined>;

/** The sort value Pagefind ordered a result by, rebuilt from the meta its paper page gives (`date`, an ISO day, and `upvotes`). */
export function sortValueOf(data: ResultData, key: SortKey): string {
  const { date, upvotes } = data.meta;
  return sortValues({ published: date, upvotes: upvotes === undefined ? undefined : Number(upvotes) })[key];
}

/** Counts per filter value, summed over shards. */
export function mergeCounts(all: readonly FilterCounts[]): FilterCounts {
  const merged: FilterCounts = {};
  for (const counts of all) {
    for (const [name, values] of Object.entries(counts)) {
      const target = (merged[name] ??= {});
      for (const [value, count] of Object.entries(values ?? {})) target[value] = (target[value] ?? 0) + count;
    }
  }
  return merged;
}

/**
 * What ticking each box would give. Values of one filter combine with "or" and filters with "and"
 * (search-state.ts), so ticking a value of a filter nothing is ticked in yet narrows the results to
 * the current results with that value: Pagefind's own count. Ticking one more value of a filter
 * that has ticked values widens them instead: the current results, plus the papers with that value
 * among the results without this filter (`without[name]`), less those counted twice (a paper can be
 * in several digests). A ticked box shows how many of the current results it holds.
 */
export function tickCounts(
  selected: Readonly<Record<FilterName, readonly string[]>>,
  total: number,
  current: FilterCounts,
  without: Partial<Record<FilterName, FilterCounts>>,
): FilterCounts {
  const counts: FilterCounts = {};
  for (const name of FILTERS) {
    const values = new Set([...Object.keys(current[name] ?? {}), ...Object.keys(without[name]?.[name] ?? {})]);
    const target: Record<string, number> = {};
    for (const value of values) {
      const here = current[name]?.[value] ?? 0;
      const widened = selected[name].length > 0 && !selected[name].includes(value);
      target[value] = widened ? total + (without[name]?.[name]?.[value] ?? 0) - here : here;
    }
    counts[name] = target;
  }
  return counts;
}

interface Cursor {
  results: readonly ShardResult[];
  next: number;
  head?: Promise<ResultData>;
}

export class MergedResults {
  readonly total: number;
  private readonly cursors: Cursor[];
  /** Best match: one list, already in order. */
  private readonly ranked: ShardResult[] | undefined;
  private taken = 0;

  constructor(
    shards: readonly (readonly ShardResult[])[],
    private readonly order: SortOrder,
  ) {
    this.total = shards.reduce((sum, results) => sum + results.length, 0);
    this.cursors = shards.map((results) => ({ results, next: 0 }));
    if (order === "relevance" || shards.length === 1) {
      // Stable: equal scores keep shard order, then each shard's own order.
      this.ranked = shards.flat();
      if (order === "relevance" && shards.length > 1) this.ranked.sort((a, b) => b.score - a.score);
    }
  }

  get remaining(): number {
    return this.total - this.taken;
  }

  /** The data of the next `count` results, in order. */
  async take(count: number): Promise<ResultData[]> {
    if (this.ranked) {
      const batch = this.ranked.slice(this.taken, this.taken + count);
      this.taken += batch.length;
      return Promise.all(batch.map((result) => result.data()));
    }
    const { key, direction } = SORT_ORDERS[this.order as Exclude<SortOrder, "relevance">];
    const taken: ResultData[] = [];
    while (taken.length < count && this.remaining > 0) {
      const open = this.cursors.filter((c) => c.next < c.results.length);
      const heads = await Promise.all(open.map((c) => (c.head ??= c.results[c.next]!.data())));
      let best = 0;
      for (let i = 1; i < open.length; i++) {
        const a = sortValueOf(heads[i]!, key);
        const b = sortValueOf(heads[best]!, key);
        if (direction === "asc" ? a < b : a > b) best = i;
      }
      const cursor = open[best]!;
      taken.push(heads[best]!);
      cursor.next++;
      cursor.head = undefined;
      this.taken++;
    }
    return taken;
  }
}
