import { describe, expect, it } from "vitest";
import { SLUG_PATTERN } from "../../scripts/content/digest.js";
import { assignSlugs, MAX_SLUG_LENGTH, slugBase } from "../../scripts/content/slug.js";
import { titleKey } from "../../scripts/content/title-key.js";

function slugsFor(titles: string[], taken: string[] = []): string[] {
  const map = assignSlugs(titles.map(titleKey), new Set(taken));
  return titles.map((t) => map.get(titleKey(t))!);
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe("titleKey", () => {
  it("ignores composition, whitespace and case", () => {
    expect(titleKey("  Café\t au  LAIT ")).toBe(titleKey("cafe\u0301 au lait"));
    expect(titleKey("Straße")).toBe(titleKey("STRASSE"));
    expect(titleKey("A B")).not.toBe(titleKey("A-B"));
  });
});

describe("slugs", () => {
  it("makes readable ASCII from Latin titles", () => {
    expect(slugsFor(["Dark forces suppress structure growth"])).toEqual(["dark-forces-suppress-structure-growth"]);
    expect(slugsFor(["Équations d’Ørsted: Straße & Łódź — 2ⁿᵈ ﬁx!"])).toEqual(["equations-d-orsted-strasse-lodz-2nd-fix"]);
    expect(slugsFor(["CausaLM: Causal Model Explanation"])).toEqual(["causalm-causal-model-explanation"]);
  });

  it("stays within 80 characters, cut at a word boundary", () => {
    const title = "Interpretable structural model error discovery from sparse assimilation increments using spectral bias-reduced neural networks";
    const [slug] = slugsFor([title]);
    expect(slug!.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(`${slugBase(titleKey(title)).base}-`.startsWith(`${slug}-`)).toBe(true);
    expect(slug).toBe("interpretable-structural-model-error-discovery-from-sparse-assimilation");
    const [long] = slugsFor(["x".repeat(200)]);
    expect(long).toBe("x".repeat(80));
  });

  it("gives titles in other scripts valid, distinct, hashed slugs", () => {
    const titles = [
      "大型语言模型的推理能力研究",
      "大型语言模型的推理能力研究综述",
      "نماذج اللغة الكبيرة",
      "🚀🔥",
      "🚀",
      "Обзор моделей",
      "GPT-4 技术报告",
      "GPT-4",
    ];
    const slugs = slugsFor(titles);
    expect(new Set(slugs).size).toBe(titles.length);
    for (const slug of slugs) {
      expect(slug).toMatch(SLUG_PATTERN);
      expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    }
    expect(slugs[0]).toMatch(/^paper-[0-9a-f]{10}$/);
    expect(slugs[6]).toMatch(/^gpt-4-[0-9a-f]{10}$/);
    // Both claim the base "gpt-4": neither gets it, so neither order can matter.
    expect(slugs[7]).toMatch(/^gpt-4-[0-9a-f]{10}$/);
    expect(slugsFor(["GPT-4"])).toEqual(["gpt-4"]);
  });

  it("resolves collisions the same way whatever the input order", () => {
    const titles = ["Attention Is All You Need", "Attention is all you need!", "Attention: is all you need?", "A Different Paper"];
    const expected = new Map(titles.map((t, i) => [t, slugsFor(titles)[i]]));
    expect(new Set(expected.values()).size).toBe(4);
    expect(expected.get("A Different Paper")).toBe("a-different-paper");
    for (const title of titles.slice(0, 3)) expect(expected.get(title)).toMatch(/^attention-is-all-you-need-[0-9a-f]{10}$/);
    for (const order of permutations(titles)) {
      const slugs = slugsFor(order);
      order.forEach((title, i) => expect(slugs[i]).toBe(expected.get(title)));
    }
  });

  it("never reuses a taken slug and keeps hashed slugs within the limit", () => {
    const [slug] = slugsFor(["Dark forces suppress structure growth"], ["dark-forces-suppress-structure-growth"]);
    expect(slug).toMatch(/^dark-forces-suppress-structure-growth-[0-9a-f]{10}$/);
    const long = `${"word ".repeat(30)}end`;
    const [a, b] = slugsFor([long, `${long}!`]);
    expect(a).not.toBe(b);
    for (const s of [a!, b!]) expect(s.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
  });

  it("cannot escape the output folder", () => {
    const hostile = ["../../etc/passwd", "..", "/", "a/b\\c", "CON", ".hidden", "%2e%2e%2f", "\u0000", " "];
    for (const slug of slugsFor(hostile)) {
      expect(slug).toMatch(SLUG_PATTERN);
      expect(slug).not.toContain("..");
      expect(slug).not.toContain("/");
    }
  });
});
