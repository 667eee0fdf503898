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

/**
 * Papers per shard from `SEARCH_SHARD_PAPERS` (`npm run build`, `npm start`): smaller shards take
 * less memory to index, and `npm start` re-indexes only the shards an edit changed. Unset or empty
 * is the default.
 */
export function shardPapersFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^[1-9]\d*$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new Error(`SEARCH_SHARD_PAPERS must be a whole number of papers above 0, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}

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

/** The characters of a slug (digest.ts `SLUG_PATTERN`), in code-unit order: the order slugs sort in. */
const SLUG_CHARS = "-0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * Folder names `prefix` + one character of `chars` + `tail`, as wax glob alternatives (the glob
 * syntax of Pagefind's `--glob`): the hyphen alone, the rest as one class of ranges.
 */
function oneOf(prefix: string, chars: string, tail: string): string[] {
  const alternatives = chars.startsWith("-") ? [`${prefix}-${tail}`] : [];
  const runs = (chars.match(/[0-9]+|[a-z]+/g) ?? []).map((run) => (run.length === 1 ? run : `${run[0]}-${run.at(-1)}`));
  if (runs.length === 1 && runs[0]!.length === 1) alternatives.push(`${prefix}${runs[0]}${tail}`);
  else if (runs.length > 0) alternatives.push(`${prefix}[${runs.join("")}]${tail}`);
  return alternatives;
}

/** Slug characters strictly between `low` and `high`; either end open where not given. */
const charsBetween = (low: string | undefined, high: string | undefined) =>
  SLUG_CHARS.slice(low === undefined ? 0 : SLUG_CHARS.indexOf(low) + 1, high === undefined ? undefined : SLUG_CHARS.indexOf(high));

/** Names `prefix` + t for every t ≥ `low`. */
function atLeast(prefix: string, low: string): string[] {
  const alternatives = [`${prefix}${low}*`];
  for (let i = 0; i < low.length; i++) alternatives.push(...oneOf(prefix + low.slice(0, i), charsBetween(low[i], undefined), "*"));
  return alternatives;
}

/** Names `prefix` + t for every t < `high`, t empty included. */
function below(prefix: string, high: string): string[] {
  const alternatives: string[] = [];
  for (let i = 0; i < high.length; i++) {
    const start = prefix + high.slice(0, i);
    if (start !== "") alternatives.push(start);
    alternatives.push(...oneOf(start, charsBetween(undefined, high[i]), "*"));
  }
  return alternatives;
}

/**
 * A glob, relative to the site, for the paper pages whose slug s has `from` ≤ s < `to` in code-unit
 * order (no bound where one is not given): a shard's pages, for Pagefind to read where they are
 * written instead of from copies. Its length grows with the slugs', not with the number of papers.
 */
export function shardGlob(from: string | undefined, to: string | undefined): string {
  for (const bound of [from, to]) {
    if (bound !== undefined && !/^[a-z0-9-]+$/.test(bound)) throw new Error(`not a slug: ${JSON.stringify(bound)}`);
  }
  const low = from ?? "";
  let names: string[];
  if (to === undefined) {
    names = atLeast("", low);
  } else {
    let k = 0;
    while (k < low.length && k < to.length && low[k] === to[k]) k++;
    if (k === to.length || (k < low.length && low[k]! > to[k]!)) throw new Error(`empty slug range: ${JSON.stringify(low)} to ${JSON.stringify(to)}`);
    const common = low.slice(0, k);
    names =
      k === low.length
        ? below(common, to.slice(k))
        : [...atLeast(common + low[k], low.slice(k + 1)), ...oneOf(common, charsBetween(low[k], to[k]), "*"), ...below(common + to[k], to.slice(k + 1))];
  }
  return names.length === 1 ? `papers/${names[0]}/index.html` : `papers/{${names.join(",")}}/index.html`;
}
