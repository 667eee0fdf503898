import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { BigramModel } from "../../scripts/dev/corpus/bigram.js";
import { addDays, readsBackWithoutYear, spellDate } from "../../scripts/dev/corpus/calendar.js";
import { mixSeed, Random } from "../../scripts/dev/corpus/random.js";
import { rareTerm } from "../../scripts/dev/corpus/rare-terms.js";
import { MAX_LISTING, MIN_LISTING, planListings } from "../../scripts/dev/corpus/schedule.js";
import { readSeedText } from "../../scripts/dev/corpus/seed-text.js";
import { isPlausibleTitle, titleKey } from "../../scripts/dev/corpus/titles.js";

const seedListing = await readFile(new URL("../../sources/2026-04-13.txt", import.meta.url), "utf8");

describe("Random", () => {
  it("repeats its sequence for a seed and stays in range", () => {
    const a = new Random(mixSeed(7, 1));
    const b = new Random(mixSeed(7, 1));
    const xs = Array.from({ length: 1000 }, () => a.float());
    expect(Array.from({ length: 1000 }, () => b.float())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const ints = Array.from({ length: 1000 }, () => a.int(20, 50));
    expect(Math.min(...ints)).toBe(20);
    expect(Math.max(...ints)).toBe(50);
    expect(mixSeed(7, 1)).not.toBe(mixSeed(7, 2));
  });

  it("draws power-law ranks whose distinct count grows sublinearly", () => {
    const rng = new Random(1);
    const seen = new Set<number>();
    const distinct: number[] = [];
    for (let m = 1; m <= 200_000; m++) {
      seen.add(rng.powerLawRank(1.8, 1000));
      if (m === 20_000 || m === 200_000) distinct.push(seen.size);
    }
    const [d1, d2] = distinct as [number, number];
    expect(d2 / d1).toBeGreaterThan(2.5);
    expect(d2 / d1).toBeLessThan(7);
  });
});

describe("calendar", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2026-04-13", -365)).toBe("2025-04-13");
  });

  it("spells dates like the listing", () => {
    expect(spellDate("2023-09-22", true)).toBe("Sep 22, 2023");
    expect(spellDate("2026-05-03", false)).toBe("May 3");
  });

  it("drops the year only when the listing rule gives the same day back", () => {
    expect(readsBackWithoutYear("2026-04-10", "2026-04-13")).toBe(true);
    expect(readsBackWithoutYear("2026-04-13", "2026-04-13")).toBe(true);
    expect(readsBackWithoutYear("2025-12-30", "2026-01-05")).toBe(true);
    expect(readsBackWithoutYear("2025-04-14", "2026-04-13")).toBe(true);
    expect(readsBackWithoutYear("2025-04-13", "2026-04-13")).toBe(false);
    expect(readsBackWithoutYear("2023-09-22", "2026-04-13")).toBe(false);
    expect(readsBackWithoutYear("2024-02-29", "2024-03-01")).toBe(true);
    expect(readsBackWithoutYear("2024-02-29", "2025-01-10")).toBe(false);
  });
});

describe("planListings", () => {
  it.each([1, 19, 20, 50, 51, 69, 70, 71, 500, 5000])("places %i papers in listings of 20 to 50", (papers) => {
    for (const seed of [1, 2, 3]) {
      const { listings, laterListings } = planListings(papers, new Random(seed));
      expect(listings.reduce((sum, l) => sum + l.fresh, 0)).toBe(papers);
      const sizes = listings.map((l) => l.fresh + l.repeats.length);
      if (papers < MIN_LISTING) expect(sizes).toEqual([papers]);
      else expect(sizes.filter((s) => s < MIN_LISTING || s > MAX_LISTING)).toEqual([]);
      // Every repeat comes after the paper's first listing and matches its planned later listings.
      let firstOrdinal = 0;
      const firstListing: number[] = [];
      listings.forEach((l, index) => {
        for (let i = 0; i < l.fresh; i++) firstListing[firstOrdinal++] = index;
        expect(new Set(l.repeats).size).toBe(l.repeats.length);
        for (const ordinal of l.repeats) {
          expect(firstListing[ordinal]).toBeLessThan(index);
          expect(laterListings.get(ordinal)).toContain(index);
        }
      });
      for (const [ordinal, targets] of laterListings) {
        for (const t of targets) expect(listings[t]!.repeats).toContain(ordinal);
      }
    }
  });

  it("rejects a non-positive count", () => {
    expect(() => planListings(0, new Random(1))).toThrow(/positive integer/);
  });
});

describe("seed text and bigram model", () => {
  it("finds the seed's 34 titles and abstracts", () => {
    const seed = readSeedText(seedListing);
    expect(seed.titles).toHaveLength(34);
    expect(seed.paragraphs).toHaveLength(34);
    expect(seed.titles).toContain("The Principles of Diffusion Models");
  });

  it("writes sentences that end in a period and titles without punctuation", () => {
    const model = new BigramModel(readSeedText(seedListing).paragraphs);
    const rng = new Random(4);
    for (let i = 0; i < 500; i++) {
      const words = model.sentence(rng, 12, () => undefined);
      expect(words.length).toBeLessThanOrEqual(12);
      expect(words.at(-1)).toMatch(/\.$/);
      const phrase = model.phrase(rng, 8);
      for (const word of phrase) expect(word).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}'-]*$/u);
    }
  });
});

describe("rare terms", () => {
  it("maps distinct ranks to distinct terms, mostly", () => {
    const terms = new Set<string>();
    for (let rank = 1; rank <= 20_000; rank++) terms.add(rareTerm(rank));
    // Model names from known families and quantities can coincide; the rest never do.
    expect(terms.size).toBeGreaterThan(18_000);
    expect(rareTerm(12345)).toBe(rareTerm(12345));
  });
});

describe("titles", () => {
  it("refuses lines a listing reader would take for something else", () => {
    for (const line of [
      "12",
      "-",
      "May 30",
      "Sep 22, 2023 3",
      "• 3 authors",
      "- Microsoft",
      "· x",
      "Subscribe",
      "Ends like prose.",
      "x".repeat(241),
      " padded",
    ]) {
      expect(isPlausibleTitle(line), line).toBe(false);
    }
    expect(isPlausibleTitle("Are We Really Learning the Score Function? Reinterpreting Diffusion Models")).toBe(true);
    expect(isPlausibleTitle("多模态大语言模型的高效推理")).toBe(true);
  });

  it("keys titles without case, spacing or punctuation", () => {
    expect(titleKey("CausaLM: Causal  Model")).toBe(titleKey("causalm causal model"));
    expect(titleKey("Модель")).not.toBe(titleKey("Model"));
  });
});
