/**
 * A search result's excerpt, cut from the page's text and Pagefind's match locations rather than
 * taken from Pagefind: its excerpt starts wherever the densest 30 words start (often mid-sentence)
 * and, as the title opens every paper page's text, often repeats the title shown just above. This
 * one skips the title, and starts at the sentence holding the first match, or at the match itself
 * when that sentence began long before. Parts are plain text; the page builds elements from them.
 */
import { pageWords } from "./search-honest.js";

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

const EXCERPT_WORDS = 30;
/** How far back from a match a sentence may start and still be shown whole. */
const SENTENCE_REACH = 12;
const ELLIPSIS = "…";

function bare(word: string): string {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").toLowerCase();
}

function endsSentence(word: string | undefined): boolean {
  return word !== undefined && /[.!?]["'’”)\]]*$/.test(word);
}

/** How many words the title takes at the start of the text: 0 when the text does not open with it. */
export function titleWordCount(words: readonly string[], title: string | undefined): number {
  const titleWords = (title ?? "").split(/\s+/).filter((w) => w.length > 0);
  if (titleWords.length === 0 || titleWords.length > words.length) return 0;
  return titleWords.every((w, i) => bare(w) === bare(words[i] ?? "")) ? titleWords.length : 0;
}

export function excerptParts(content: string, title: string | undefined, locations: readonly number[], length = EXCERPT_WORDS): ExcerptPart[] {
  const words = pageWords(content);
  const bodyStart = titleWordCount(words, title);
  const first = [...locations].filter((l) => l >= bodyStart && l < words.length).sort((a, b) => a - b)[0];
  let start = bodyStart;
  let clipped = false;
  if (first !== undefined) {
    start = first;
    while (start > bodyStart && start > first - SENTENCE_REACH && !endsSentence(words[start - 1])) start--;
    if (start > bodyStart && !endsSentence(words[start - 1])) {
      start = first;
      clipped = true;
    }
  }
  let end = Math.min(words.length, start + length);
  // End at a sentence when one ends in the last part of the window.
  for (let i = end - 1; i >= start + Math.floor(length * 0.6) && end < words.length; i--) {
    if (endsSentence(words[i])) {
      end = i + 1;
      break;
    }
  }
  const marked = new Set(locations);
  const parts: ExcerptPart[] = [];
  const push = (text: string, mark: boolean) => {
    const last = parts[parts.length - 1];
    if (last && !last.mark && !mark) last.text += text;
    else parts.push({ text, mark });
  };
  if (clipped) push(`${ELLIPSIS} `, false);
  for (let i = start; i < end; i++) {
    const word = words[i] ?? "";
    if (word.length === 0) continue;
    if (i > start) push(" ", false);
    push(word, marked.has(i));
  }
  if (end < words.length) push(` ${ELLIPSIS}`, false);
  return parts;
}
