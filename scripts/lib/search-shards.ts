/**
 * The search index is built in shards of at most this many papers, each its own Pagefind bundle:
 * Pagefind holds a whole index in memory while it builds it, and one index of 100,000 papers took
 * more than 12 GB here (docs/performance.md). Papers go to shards in slug order, the order of
 * `catalog.papers` and of the folders under `papers/`, so the pages (which say how many shards
 * there are) and the indexer agree without telling each other. The search page merges the shards'
 * answers (scripts/client/search-merge.ts). A site of up to this many papers has one shard, at
 * `pagefind/`, exactly where Pagefind puts a single index.
 */
export const SEARCH_SHARD_PAPERS = 10_000;

export function shardCount(papers: number, perShard = SEARCH_SHARD_PAPERS): number {
  if (!Number.isSafeInteger(perShard) || perShard < 1) throw new Error(`papers per search shard must be a positive integer, got ${perShard}`);
  return Math.max(1, Math.ceil(papers / perShard));
}

/** Folder of shard `index` in the site: `pagefind`, then `pagefind-1`, `pagefind-2`, … */
export function shardFolder(index: number): string {
  return index === 0 ? "pagefind" : `pagefind-${index}`;
}

/** Whether a folder at the top of the site is a search shard's. */
export function isShardFolder(name: string): boolean {
  return /^pagefind(?:-[1-9]\d*)?$/.test(name);
}

/** `items` cut into the shards' lists, in order. */
export function intoShards<T>(items: readonly T[], perShard = SEARCH_SHARD_PAPERS): T[][] {
  const count = shardCount(items.length, perShard);
  return Array.from({ length: count }, (_, i) => items.slice(i * perShard, (i + 1) * perShard));
}
