/**
 * Listings are copied from a page that rendered LaTeX with its backslashes stripped, so abstracts
 * carry residue such as `350{,}757`, `51\%`, `{<}` or ``` ``easy'' ```. The Markdown files keep it
 * (they are the listing as ingested); readers get the cleaned text: on paper pages through the
 * markdown-it plugin below, and in excerpts, feeds, exports and the search index through
 * `cleanText`, the same rules.
 *
 * Only residue with one reading is rewritten. `sim0.3`, `leq`, `{10}`, `{small II}` and
 * `{rm F{small LARES}}` could mean several things and stay as they are.
 */
import type { MarkdownIt } from "markdown-it";

type Rule = readonly [pattern: RegExp, replacement: string];

const RULES: readonly Rule[] = [
  // A thousands separator in LaTeX math: 350{,}757.
  [/\{,\}/g, ","],
  // An escaped percent sign: 51\%.
  [/\\%/g, "%"],
  // Relations and a minus sign braced to fix their spacing: {<}, {>}, {-}.
  [/\{([<>-])\}/g, "$1"],
  // TeX quotes: ``naturally-occurring'' (on one line, not starting or ending with a space).
  [/``([^`'\s](?:[^`\n]*?[^`'\s])?)''/g, "“$1”"],
  // Upright text in math, {rm HOD}: nothing nested, so {rm F{small LARES}} is left alone.
  [/\{rm ([^{}\\\n]+)\}/g, "$1"],
];

/** URLs keep every character: `{,}` or `\%` in an address would be part of the address. */
const URL = /\b(?:https?|ftp):\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/g;

function cleanPlain(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

export function cleanText(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(URL)) {
    out += cleanPlain(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + cleanPlain(text.slice(last));
}

/**
 * Cleans the text tokens a reader sees; code spans, code blocks and link targets are not text tokens
 * and stay as written. Runs last, after markdown-it has joined escaped characters into their text.
 */
export function cleanTextPlugin(md: MarkdownIt): void {
  md.core.ruler.push("clean_latex_residue", (state) => {
    for (const block of state.tokens) {
      if (block.type !== "inline") continue;
      for (const token of block.children ?? []) {
        if (token.type === "text") token.content = cleanText(token.content);
      }
    }
  });
}
