/**
 * A word-bigram chain over the seed abstracts. Walking it reproduces the seed's word frequencies and
 * local phrasing (so a search index sees realistic term statistics), while the random branching
 * makes every abstract different. Tokens are whitespace-separated words with their punctuation.
 */
import type { Random } from "./random.js";

/** Words ending in a period that do not end a sentence. */
const ABBREVIATIONS = new Set(["e.g.", "i.e.", "al.", "vs.", "cf.", "Fig.", "Eq.", "resp."]);
/** Words a title should not end on, and that a rare term must not replace. */
export const FUNCTION_WORDS = new Set(
  "a an the of for and or nor but in on at to with via from by as into onto over under between than that this these those which while is are was were be been can may not we our it its their such".split(
    " ",
  ),
);
/** A replaceable word: plain lower-case letters, at least five, inside optional punctuation. */
const REPLACEABLE = /^([("'`]?)([a-z]{5,})([.,;:)"']*)$/;

const BRACKETS = [
  ["(", ")"],
  ["[", "]"],
  ["{", "}"],
] as const;

/** Drops brackets and quotes that a word opens or closes without the other half. */
function balance(token: string): string {
  if (!/[()[\]{}"]/.test(token)) return token;
  let out = token;
  for (const [open, close] of BRACKETS) {
    if (out.split(open).length !== out.split(close).length) out = out.replaceAll(open, "").replaceAll(close, "");
  }
  if (out.split('"').length % 2 === 0) out = out.replaceAll('"', "");
  return out;
}

export class BigramModel {
  private readonly words: string[] = [];
  private readonly ids = new Map<string, number>();
  /** Successors of word i are successors[offsets[i] .. offsets[i + 1]), repeated by frequency. */
  private readonly offsets: Uint32Array;
  private readonly successors: Uint32Array;
  private readonly starts: number[] = [];
  private readonly contentWords: number[] = [];
  private readonly terminal: Uint8Array;
  /** For replaceable words: [before, after] punctuation around the word; undefined otherwise. */
  private readonly frames: ([string, string] | undefined)[] = [];

  constructor(paragraphs: readonly string[]) {
    const pairs: [number, number][] = [];
    for (const paragraph of paragraphs) {
      const tokens = paragraph
        .split(/\s+/)
        .map(balance)
        .filter((t) => t !== "");
      let previous: number | undefined;
      for (const token of tokens) {
        const id = this.intern(token);
        if (previous === undefined || (this.endsSentence(this.words[previous] ?? "") && /^[A-Z]/.test(token))) {
          this.starts.push(id);
        }
        if (previous !== undefined) pairs.push([previous, id]);
        previous = id;
      }
    }
    const count = this.words.length;
    this.terminal = new Uint8Array(count);
    this.offsets = new Uint32Array(count + 1);
    for (const [from] of pairs) this.offsets[from + 1]! += 1;
    for (let i = 0; i < count; i++) this.offsets[i + 1]! += this.offsets[i]!;
    this.successors = new Uint32Array(pairs.length);
    const fill = this.offsets.slice(0, count);
    for (const [from, to] of pairs) this.successors[fill[from]!++] = to;
    for (let i = 0; i < count; i++) {
      const word = this.words[i]!;
      if (this.endsSentence(word)) this.terminal[i] = 1;
      const m = REPLACEABLE.exec(word);
      this.frames.push(m && !FUNCTION_WORDS.has(m[2]!) ? [m[1]!, m[3]!] : undefined);
      if (/^[a-z]{4,}$/.test(word) && !FUNCTION_WORDS.has(word)) this.contentWords.push(i);
    }
  }

  private intern(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(token, id);
      this.words.push(token);
    }
    return id;
  }

  private endsSentence(word: string): boolean {
    return word.endsWith(".") && !ABBREVIATIONS.has(word);
  }

  private next(rng: Random, id: number): number | undefined {
    const from = this.offsets[id]!;
    const to = this.offsets[id + 1]!;
    return from === to ? undefined : this.successors[from + Math.floor(rng.float() * (to - from))];
  }

  /**
   * One sentence of about `maxWords` words or fewer, ending in a period. `replace` may swap a
   * replaceable word for another term (keeping its punctuation); the chain continues from the
   * original word, so the sentence stays locally fluent.
   */
  sentence(rng: Random, maxWords: number, replace: () => string | undefined): string[] {
    const out: string[] = [];
    let id: number | undefined = rng.pick(this.starts);
    while (id !== undefined) {
      const frame = this.frames[id];
      const term = frame ? replace() : undefined;
      out.push(term === undefined ? this.words[id]! : frame![0] + term + frame![1]);
      if (this.terminal[id] === 1 && out.length >= 4) return out;
      if (out.length >= maxWords) break;
      id = this.next(rng, id);
    }
    // Cut short: end on a content word, not on "the" or a dangling comma.
    let last = "";
    while (last === "" && out.length > 0) {
      last = balance(out.pop()!.replace(/[^\p{L}\p{N}%]+$/u, ""));
      if (FUNCTION_WORDS.has(last.toLowerCase()) && out.length > 2) last = "";
    }
    out.push(`${last === "" ? "results" : last}.`);
    return out;
  }

  /**
   * A run of bare words (punctuation stripped) for a title, starting anywhere inside a sentence and
   * stopping where the sentence ends.
   */
  phrase(rng: Random, maxWords: number): string[] {
    const out: string[] = [];
    let id: number | undefined = rng.pick(this.contentWords);
    while (id !== undefined && out.length < maxWords) {
      const word = this.words[id]!;
      const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      if (/^[\p{L}\p{N}][\p{L}\p{N}'-]*$/u.test(bare)) out.push(bare);
      if (this.terminal[id] === 1 || /[,;:]$/.test(word)) break;
      id = this.next(rng, id);
    }
    return out;
  }
}
