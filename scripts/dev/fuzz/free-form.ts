/**
 * Listings with no structure at all: any mix of titles, prose, well- and ill-formed metadata, vote
 * counts, chrome, dates, raw code points (controls and stray line breaks included), very long and
 * blank lines. Nothing can be expected of the papers found; what must hold is that the parser
 * either reads it or stops with one of its documented errors, and that nothing is lost.
 */
import fc from "fast-check";
import type { ListingOptions } from "../../ingest/formats/text/listing-parser.js";
import { PAGE_CHROME } from "./doc-rules.js";
import { HOSTILE_TOKENS, joinWords, word } from "./text.js";

const ODD_METADATA = [
  "• 0 authors",
  "• 3 authors · yesterday",
  "• 3 authors · Sep 22, 2023 · 5 authors",
  "Feb 30, 2025",
  "Feb 29",
  "Feb 29, 2023",
  "·",
  "· ·",
  "•",
  "* ",
  "- ",
  "Sep 22, 2023 1234567",
  "Jan 1, 0999",
  "Dec 31, 9999",
  "Apr 14, 2026",
  "Apr 13, 2026 3",
  "Sept. 3 2024, 12",
  "• 1 author",
  "1 authors",
  "• 999999 authors",
  "• 1000000 authors",
  `• ${"Org ".repeat(40)}`,
  "- Google DeepMind",
  "* Microsoft",
  "• Microsoft · Mar 3",
  "3 authors · Mar 3, 2026 · extra",
  "January 1",
  "mAy 30",
];

const line: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.array(word, { minLength: 1, maxLength: 12 }).map(joinWords), weight: 6 },
  {
    arbitrary: fc.tuple(fc.array(word, { minLength: 1, maxLength: 40 }), fc.constantFrom(".", ":", ";", ",", "")).map(([w, end]) => joinWords(w) + end),
    weight: 6,
  },
  { arbitrary: fc.constantFrom(...ODD_METADATA), weight: 3 },
  { arbitrary: fc.tuple(fc.constantFrom("•", "*", "-", "", "  •"), fc.integer({ min: 0, max: 60 })).map(([b, n]) => `${b} ${n} authors`), weight: 2 },
  { arbitrary: fc.oneof(fc.integer({ min: 0, max: 2_000_000_000 }).map(String), fc.constant("-")), weight: 2 },
  { arbitrary: fc.constantFrom(...PAGE_CHROME, "Apr 13", "Apr 13, 2026"), weight: 1 },
  { arbitrary: fc.constantFrom(...HOSTILE_TOKENS), weight: 1 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: "binary-ascii", maxLength: 30 }), weight: 1 },
  { arbitrary: fc.constantFrom("", " ", "\t", "\u3000", "\u00a0", "\u0007", "\u200b", "\ufeff"), weight: 3 },
  { arbitrary: fc.constantFrom("binary\u0000data", "\u0000"), weight: 1 },
  { arbitrary: fc.tuple(word, fc.integer({ min: 1000, max: 20_000 })).map(([w, n]) => `${w} `.repeat(n).trim()), weight: 1 },
);

export interface FreeFormCase {
  text: string;
  options: ListingOptions;
}

export const freeFormListing: fc.Arbitrary<FreeFormCase> = fc
  .record({
    lines: fc.array(line, { maxLength: 40 }),
    eols: fc.array(fc.constantFrom("\n", "\r\n", "\r"), { minLength: 40, maxLength: 40 }),
    bom: fc.boolean(),
    date: fc.option(fc.constantFrom("2026-04-13", "2024-02-29", "1999-12-31"), { freq: 5, nil: undefined }),
  })
  .map(({ lines, eols, bom, date }) => ({
    text: (bom ? "\uFEFF" : "") + lines.map((l, i) => l + eols[i]!).join(""),
    options: date === undefined ? {} : { date },
  }));
