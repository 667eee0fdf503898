import { describe, expect, it } from "vitest";
import { beginsWith, editDistance, foldWord, matchedWords, nearestWords, queryWords } from "../../scripts/client/search-honest.js";
import { excerptParts, titleWordCount } from "../../scripts/client/search-excerpt.js";

describe("honest search words", () => {
  it("folds case and diacritics, drops punctuation around words and repeats, and leaves quoted queries to Pagefind", () => {
    expect(foldWord("Édouard")).toBe("edouard");
    expect(queryWords("  Diffusion (models) diffusion, GPT-4 ")).toEqual(["diffusion", "models", "gpt-4"]);
    expect(queryWords('"diffusion models"')).toEqual([]);
    expect(queryWords(" -- ")).toEqual([]);
  });

  it("finds a word at the start of a page's word or of one of its parts, never inside one", () => {
    expect(beginsWith("Zebrafish", "zebra")).toBe(true);
    expect(beginsWith("self-attention", "atten")).toBe(true);
    expect(beginsWith("ResNet", "net")).toBe(true);
    expect(beginsWith("SZe", "zebra")).toBe(false);
    expect(beginsWith("X", "xylophone")).toBe(false);
    expect(beginsWith("attention", "tent")).toBe(false);
  });

  it("reads the matched words at Pagefind's locations", () => {
    expect(matchedWords("Title here. The (zebrafish) swim", [3, 4, 9])).toEqual(["zebrafish", "swim"]);
  });

  it("suggests real words a typo away, nearest first", () => {
    expect(editDistance("modelz", "model")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(nearestWords("modelz", ["Models", "model", "modular", "model"])).toEqual(["model", "models"]);
    expect(nearestWords("xylophone", ["X", "xy"])).toEqual([]);
    expect(nearestWords("ab", ["abc", "ab"])).toEqual(["abc"]);
  });
});

describe("excerpts", () => {
  const title = "Lattice Methods: A Survey";
  const content = `Lattice Methods: A Survey. We study old things. Then lattice methods come in a long sentence that goes on. More text follows here.`;

  it("skip the title the page's text opens with", () => {
    expect(titleWordCount(content.split(" "), title)).toBe(4);
    expect(titleWordCount(content.split(" "), "Another Title")).toBe(0);
    const text = excerptParts(content, title, [0, 1])
      .map((p) => p.text)
      .join("");
    expect(text.startsWith("We study old things.")).toBe(true);
  });

  it("start at the sentence of the first match in the abstract, with the matches marked", () => {
    const parts = excerptParts(content, title, [0, 9, 1, 10]);
    expect(parts.map((p) => p.text).join("")).toBe("Then lattice methods come in a long sentence that goes on. More text follows here.");
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(["lattice", "methods"]);
  });

  it("start at the match itself, after an ellipsis, when its sentence began long before", () => {
    const long = `${title}. ${Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ")} target here.`;
    const parts = excerptParts(long, title, [4 + 30], 10);
    expect(parts[0]).toEqual({ text: "… ", mark: false });
    expect(parts[1]).toEqual({ text: "w30", mark: true });
    expect(parts[parts.length - 1]?.text.endsWith(" …")).toBe(true);
  });
});
