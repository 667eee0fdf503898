/**
 * Counting a format's own evidence in a listing's head, for `detect`: each format scores what only
 * its captures show, so that the surest format wins and the select-all text format (0.1) is the
 * fallback. Pure and cheap: a few regex scans over at most 64 KiB.
 */

/** How many times `pattern` (global, multiline) matches in `head`, counting up to `cap`. */
export function count(head: string, pattern: RegExp, cap = 50): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (n < cap && pattern.exec(head)) n++;
  return n;
}

/** Non-blank lines in `head`, up to `cap`. */
export function nonBlankLines(head: string, cap = 100_000): number {
  return count(head, /^[^\S\n]*\S.*$/gm, cap);
}

/** Links to Hugging Face paper pages (`/papers/<id>`), in any notation. */
export const PAPER_LINK = /huggingface\.co\/papers\/\d{4}\.\d{4,5}/g;
