/**
 * Listings are copied from a page that rendered LaTeX with its backslashes stripped, so abstracts
 * carry residue such as `350{,}757`, `51\%`, `{<}` or ``` ``easy'' ```. The Markdown files keep it
 * (they are the listing as ingested); readers get the cleaned text: on paper pages through the
 * markdown-it plugin below, and in excerpts, feeds, exports and the search index through
 * `cleanText`, the same rules.
 *
 * Only residue with one reading is rewritten. `sim0.3`, `{10}`, `{small II}` and
 * `{rm F{small LARES}}` could mean several things and stay as they are; a relation's name becomes
 * its symbol only between two operands (`z leq 1`) or glued to a Greek letter's name and a number
 * (`alphagg1`), where no English word can be meant.
 */
import type { MarkdownIt } from "markdown-it";

/**
 * A rule, and text every match of it contains: an abstract without it is not scanned with the
 * pattern, whose alternatives are tried at every position (most abstracts have no residue).
 */
type Rule = readonly [pattern: RegExp, replacement: string | ((match: string, ...groups: string[]) => string), needs?: RegExp];

/** LaTeX's relations by command name; `sim` only glued (`a sim card` is English), never between spaced words. */
const RELATIONS: Readonly<Record<string, string>> = {
  gg: "≫",
  ll: "≪",
  leq: "≤",
  geq: "≥",
  neq: "≠",
  approx: "≈",
  lesssim: "≲",
  gtrsim: "≳",
  propto: "∝",
  equiv: "≡",
  sim: "∼",
};
/** Longest first, so that `lesssim` is not read as `le` + … */
const RELATION_NAMES = Object.keys(RELATIONS).sort((a, b) => b.length - a.length);
const SPACED_RELATIONS = RELATION_NAMES.filter((name) => name !== "sim");
/** The names of LaTeX's Greek letters: lowercase, and the capitals LaTeX has (there is no `\Alpha`). */
const GREEK =
  "alpha|beta|gamma|delta|varepsilon|epsilon|zeta|eta|vartheta|theta|iota|kappa|lambda|mu|nu|xi|varpi|pi|varrho|rho|varsigma|sigma|tau|upsilon|varphi|phi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega";
/** Glued names that begin English words (`null`, `pill`, `chill`, `mull`, `nugget`, `mugger`, `piggy`): never read as a letter and a relation. */
const ENGLISH_STARTS = new Set(["null", "pill", "chill", "mull", "nugg", "mugg", "pigg"]);
const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
/** A relation's operand between spaces: a number, a one-letter variable, or a Greek letter's name. */
const OPERAND = `(?:${NUMBER}|[A-Za-z]|(?:${GREEK}))`;

function relation(name: string): string {
  return RELATIONS[name] ?? name;
}

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
  // A Greek letter's name glued to a relation and a number, alphagg1 (\alpha\gg1): the name stays, the relation becomes its symbol.
  [
    new RegExp(`\\b(${GREEK})(${RELATION_NAMES.join("|")})(${NUMBER})\\b`, "g"),
    (match, letter = "", name = "", number = "") => (ENGLISH_STARTS.has(`${letter}${name}`.toLowerCase()) ? match : `${letter} ${relation(name)} ${number}`),
    new RegExp(`(?:${RELATION_NAMES.join("|")})-?\\d`),
  ],
  // A relation's name between two operands, z leq 1 (\leq with its backslash lost).
  [
    new RegExp(`(?<![\\w.\\\\])(${OPERAND}) (${SPACED_RELATIONS.join("|")}) (?=${OPERAND}(?!\\w))`, "g"),
    (_match, left = "", name = "") => `${left} ${relation(name)} `,
    new RegExp(` (?:${SPACED_RELATIONS.join("|")}) `),
  ],
  // An author's macro before a thin space whose backslash was lost, \rdmpr\, → \rdmpr,: the name stays (nothing
  // says what it stood for) without its backslash; a comma glued to a letter was the space, any other comma is kept.
  [/(^|[\s([])\\([A-Za-z]{2,}),(?=[A-Za-z])/g, "$1$2 ", /\\/],
  [/(^|[\s([])\\([A-Za-z]{2,}),(?=\s|$)/g, "$1$2,", /\\/],
];

/** URLs keep every character: `{,}` or `\%` in an address would be part of the address. */
const URL = /\b(?:https?|ftp):\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/g;

function cleanPlain(text: string): string {
  let out = text;
  for (const [pattern, replacement, needs] of RULES)
    if (needs === undefined || needs.test(out)) out = out.replace(pattern, replacement as (match: string, ...groups: string[]) => string);
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
