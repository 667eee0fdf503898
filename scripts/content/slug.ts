/**
 * File names (and so URLs) for papers. A slug is lowercase ASCII letters, digits and single hyphens
 * (`SLUG_PATTERN` in digest.ts), so it can never hold `/`, `..` or anything else that leaves the output folder.
 * Readable when the title is Latin script; a short hash of the title key keeps other scripts and
 * colliding titles distinct. Slugs of existing files are never recomputed: they are permalinks.
 */
import { createHash } from "node:crypto";

export const MAX_SLUG_LENGTH = 80;

/** Latin letters that Unicode decomposition leaves alone. */
const TRANSLITERATION: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  þ: "th",
  ł: "l",
  ı: "i",
};
const TRANSLITERABLE = new RegExp(`[${Object.keys(TRANSLITERATION).join("")}]`, "g");
const MARKS = /\p{M}+/gu;
const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;
/**
 * Names Windows reserves for devices, with or without an extension: `con.md` cannot be checked out
 * there, and a site folder `papers/con/` cannot be created. Such a base gets a hash like a taken one.
 */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com\d|lpt\d)$/;
/** Letters and digits that would vanish from the ASCII slug: their meaning needs the hash. */
const NON_ASCII_WORD = /[\p{L}\p{N}]/u;

export interface SlugBase {
  /** The readable part, possibly empty (an all-Chinese or emoji title). */
  base: string;
  /** True when the base alone would drop letters of the title. */
  lossy: boolean;
}

const ASCII = /^[\x00-\x7f]*$/;

export function slugBase(title: string): SlugBase {
  // Most titles are ASCII, which decomposition and transliteration leave as they are.
  if (ASCII.test(title)) return { base: cutAtWord(asciiSlug(title.toLowerCase()), MAX_SLUG_LENGTH), lossy: false };
  const folded = title
    .normalize("NFKD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(TRANSLITERABLE, (c) => TRANSLITERATION[c] ?? c);
  const dropped = folded.replace(/[\x00-\x7f]+/g, "");
  return { base: cutAtWord(asciiSlug(folded), MAX_SLUG_LENGTH), lossy: NON_ASCII_WORD.test(dropped) };
}

function asciiSlug(folded: string): string {
  return folded.replace(NOT_ALPHANUMERIC, "-").replace(/^-+|-+$/g, "");
}

/** Shortens at a hyphen when one is close enough, so words stay whole. */
function cutAtWord(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const boundary = slug.lastIndexOf("-", max);
  return (boundary > 0 ? slug.slice(0, boundary) : slug.slice(0, max)).replace(/-+$/, "");
}

function titleHash(key: string, length: number): string {
  return createHash("sha256").update(key).digest("hex").slice(0, length);
}

/** Hash lengths to try, shortest first; 10 hex digits (40 bits) make a repeat practically impossible. */
const HASH_LENGTHS = [10, 16, 64] as const;

function withHash(base: string, hash: string): string {
  const room = MAX_SLUG_LENGTH - hash.length - 1;
  return `${cutAtWord(base, room) || "paper"}-${hash}`;
}

/**
 * Slugs for new papers, given by key: a title key, or another key (an arXiv id's) with `titleOf`
 * giving the title key the readable part comes from. A key gets its plain readable base when no file or
 * other new paper claims it and the base is not lossy; otherwise every claimant gets the base plus
 * a hash of its own key. The outcome depends only on the set of keys and the taken slugs, never
 * on the order the keys come in.
 */
export function assignSlugs(keys: Iterable<string>, taken: ReadonlySet<string>, titleOf: (key: string) => string = (key) => key): Map<string, string> {
  const unique = [...new Set(keys)];
  const bases = unique.map((key) => slugBase(titleOf(key)));
  // Counted first, so that a group of one needs no array of its own: with 100,000 keys that is most of the time.
  const claimants = new Map<string, number>();
  for (const { base } of bases) claimants.set(base, (claimants.get(base) ?? 0) + 1);
  const out = new Map<string, string>();
  /** Slugs given out here, which a hashed slug must not repeat. */
  const handedOut = new Set<string>();
  const needHash: number[] = [];
  for (const [i, { base, lossy }] of bases.entries()) {
    if (claimants.get(base) === 1 && base !== "" && !lossy && !taken.has(base) && !WINDOWS_DEVICE.test(base)) {
      out.set(unique[i]!, base);
      handedOut.add(base);
    } else {
      needHash.push(i);
    }
  }
  for (const i of needHash.sort((a, b) => compareText(unique[a]!, unique[b]!))) {
    const key = unique[i]!;
    const slug = HASH_LENGTHS.map((n) => withHash(bases[i]!.base, titleHash(key, n))).find((s) => !taken.has(s) && !handedOut.has(s));
    // Only a full SHA-256 collision could exhaust the list.
    if (slug === undefined) throw new Error(`no free slug for title ${JSON.stringify(key)}`);
    out.set(key, slug);
    handedOut.add(slug);
  }
  return out;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
