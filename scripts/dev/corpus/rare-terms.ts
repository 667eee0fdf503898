/**
 * The open-ended part of the vocabulary. A 34-paper seed has under 3,000 distinct words, but a real
 * archive keeps meeting new ones (method names, acronyms, model names, compounds, quantities), and
 * the search index grows with them. Each rank maps to one fixed term, and ranks are drawn from a
 * power law, so a few terms recur everywhere and the count of distinct terms grows with corpus size.
 */
import { mixSeed, type Random } from "./random.js";

const SYLLABLES = [
  "ba",
  "be",
  "bi",
  "bo",
  "da",
  "de",
  "di",
  "do",
  "fa",
  "fe",
  "ga",
  "go",
  "ka",
  "ke",
  "ki",
  "ko",
  "la",
  "le",
  "li",
  "lo",
  "lu",
  "ma",
  "me",
  "mi",
  "mo",
  "na",
  "ne",
  "ni",
  "no",
  "pa",
  "pe",
  "pi",
  "ra",
  "re",
  "ri",
  "ro",
  "sa",
  "se",
  "si",
  "so",
  "ta",
  "te",
  "ti",
  "to",
  "va",
  "ve",
  "vi",
  "zo",
] as const;
const WORD_ENDINGS = ["n", "r", "l", "x", "s", "nic", "ral", "tion", "sis", "tor", "mer", "lon", "rix", "dal"] as const;
const METHOD_ENDINGS = ["Net", "Former", "GPT", "LM", "Diff", "Bench", "Gen", "VLA", "Seg", "Agent", "RL", "Coder", "Fusion", "Mamba"] as const;
const COMPOUND_TAILS = ["aware", "guided", "based", "free", "conditioned", "consistent", "augmented", "driven", "invariant", "efficient"] as const;
const MODEL_FAMILIES = ["Qwen", "Llama", "Mistral", "Gemma", "Phi", "DeepSeek", "InternVL", "GLM", "Yi", "Falcon", "OLMo", "Pythia"] as const;
const MODEL_VERSIONS = ["", "2", "2.5", "3", "3.1", "4", "-V2", "-R1"] as const;
const MODEL_SIZES = ["0.5B", "1.5B", "3B", "7B", "8B", "13B", "14B", "32B", "70B", "72B", "125M", "350M"] as const;
const MODEL_TAGS = ["", "", "", "-Instruct", "-Chat", "-Base", "-VL", "-Coder"] as const;
const UNITS = ["%", "×", " ms", " dB", "K", "M", " GPU-hours", " FPS", " BLEU", " mAP"] as const;

function at<T>(items: readonly T[], n: number): T {
  return items[n % items.length] as T;
}

/**
 * Two symbols picked by hash, then the digits of n (n ≥ 1) in a base of `alphabet.length`. The hashed
 * lead makes neighbouring ranks look unrelated; distinct n still give distinct strings, because the
 * lead has a fixed length and equal lengths imply equal digits.
 */
function spell(n: number, alphabet: readonly string[]): string {
  const base = alphabet.length;
  const h = mixSeed(n, 0x1ead);
  let out = "";
  for (let rest = n; rest > 0; rest = Math.floor(rest / base)) out = at(alphabet, rest) + out;
  return at(alphabet, h) + at(alphabet, h >>> 16) + out;
}

const LETTERS = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));

/** A pronounceable lower-case pseudo-word without its ending. */
function core(n: number): string {
  return spell(n, SYLLABLES);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The term a rank stands for; its kind and details come from a hash, so neighbouring ranks differ. */
export function rareTerm(rank: number): string {
  const h = mixSeed(rank, 0x7e57);
  const kind = h % 100;
  const word = core(rank) + at(WORD_ENDINGS, h >>> 3);
  if (kind < 40) return word;
  if (kind < 55) return capitalize(core(rank)) + at(METHOD_ENDINGS, h >>> 8);
  if (kind < 67) return spell(rank, LETTERS);
  if (kind < 77) {
    const family = (h >>> 7) % 3 === 0 ? at(MODEL_FAMILIES, h >>> 9) : capitalize(core(rank));
    return family + at(MODEL_VERSIONS, h >>> 13) + "-" + at(MODEL_SIZES, h >>> 17) + at(MODEL_TAGS, h >>> 21);
  }
  if (kind < 90) return `${word}-${at(COMPOUND_TAILS, h >>> 8)}`;
  const value = (h >>> 8) % 1000;
  return `${Math.floor(value / 10)}.${value % 10}${at(UNITS, h >>> 20)}`;
}

/**
 * Draws a term. Tuned so that distinct words (with the seed's ~3,000) reach about 11k at 1k papers,
 * 36k at 10k and 130k at 100k, in line with Heaps' law fits for scientific abstracts.
 */
export function drawRareTerm(rng: Random): string {
  return rareTerm(rng.powerLawRank(1.8, 1000) + 1);
}
