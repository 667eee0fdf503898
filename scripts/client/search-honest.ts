/**
 * Honest search: Pagefind answers a word that no page contains with the pages of the longest prefix
 * of it that some page does contain ("xyzzyqq" finds "X (formerly Twitter)"). The search page asks
 * Pagefind, per index shard and word, whether the word itself is there: an exact search (`"word"`,
 * same stem) or a matched word that begins with it (the reader is still typing). A word found by
 * neither is missing from that shard, which then contributes no results. No DOM here.
 */

/** Lower case without diacritics, as Pagefind compares words (unless told to keep diacritics). */
export function foldWord(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/**
 * The words of a query that the check looks at: folded, with surrounding punctuation removed.
 * None for a quoted query, which Pagefind already searches exactly, without prefixes.
 */
export function queryWords(query: string): string[] {
  if (/^\s*".+"\s*$/.test(query)) return [];
  const words = query
    .split(/\s+/)
    .map((w) => foldWord(w).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => w.length > 0);
  return [...new Set(words)];
}

/** Pagefind's own word boundaries in a page's text: its `locations` count words split this way. */
export function pageWords(content: string): string[] {
  return content.split(/[^\S\uFEFF]+/);
}

/**
 * True when a word of the page begins with the query word, or one of its parts does: Pagefind also
 * indexes the parts of hyphenated and camel-case words ("self-attention", "SZe").
 */
export function beginsWith(pageWord: string, word: string): boolean {
  const starts = [0];
  for (let i = 1; i < pageWord.length; i++) {
    const before = pageWord[i - 1]!;
    const here = pageWord[i]!;
    if (!/[\p{L}\p{N}]/u.test(before) || (/\p{Ll}/u.test(before) && /\p{Lu}/u.test(here))) starts.push(i);
  }
  return starts.some((start) => foldWord(pageWord.slice(start)).startsWith(word));
}

/** The page's words at Pagefind's match locations, without surrounding punctuation. */
export function matchedWords(content: string, locations: readonly number[]): string[] {
  const words = pageWords(content);
  return locations.map((l) => (words[l] ?? "").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter((w) => w.length > 0);
}

/** Levenshtein distance, for ranking suggestions (short words: the quadratic table is fine). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Real words near a missing one, from the words Pagefind matched in its place: at most `limit`,
 * nearest first, and only those a typo away (a third of the word's letters, at least one).
 */
export function nearestWords(missing: string, candidates: readonly string[], limit = 3): string[] {
  const allowed = Math.max(1, Math.floor(missing.length / 3));
  const scored = new Map<string, number>();
  for (const candidate of candidates) {
    const word = foldWord(candidate);
    if (word === missing || word.length < 2 || scored.has(word)) continue;
    const distance = editDistance(missing, word);
    if (distance <= allowed) scored.set(word, distance);
  }
  return [...scored]
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([word]) => word);
}
