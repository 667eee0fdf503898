import { describe, expect, it } from "vitest";
import { cleanText, cleanTextPlugin } from "../../scripts/catalog/clean-text.js";
import { abstractToMarkdown, createMarkdown, markdownToPlainText } from "../../scripts/content/markdown.js";

const reader = createMarkdown().use(cleanTextPlugin);

/** What a reader sees of a listed abstract: stored as the ingest stores it, rendered as the site renders it. */
function rendered(listed: string): string {
  return markdownToPlainText(reader, abstractToMarkdown(listed));
}

describe("LaTeX residue", () => {
  it.each([
    ["a thousands separator", "We collected 350{,}757 coin flips", "We collected 350,757 coin flips"],
    ["an escaped percent sign", "about 51\\% of them, 95\\% CI", "about 51% of them, 95% CI"],
    ["a braced less-than", "|Params(M)|{<}Delta", "|Params(M)|<Delta"],
    ["a braced greater-than", "x{>}0", "x>0"],
    ["a braced minus", "Params(M){-}Params(m)", "Params(M)-Params(m)"],
    ["TeX quotes", "remain valid after ``naturally-occurring'' model changes", "remain valid after “naturally-occurring” model changes"],
    ["TeX quotes around an apostrophe", "the ``don't care'' terms", "the “don't care” terms"],
    ["upright text", "a term C_{rm HOD} and A_{rm mod}", "a term C_HOD and A_mod"],
    [
      "a Greek letter glued to a relation and a number",
      "the network is lazy (alphagg1) or learns features (alphall1)",
      "the network is lazy (alpha ≫ 1) or learns features (alpha ≪ 1)",
    ],
    [
      "glued capitals, decimals and negative numbers",
      "when Deltaleq-0.5, epsilonapprox0.01, Omegagtrsim2 and musim3",
      "when Delta ≤ -0.5, epsilon ≈ 0.01, Omega ≳ 2 and mu ∼ 3",
    ],
    ["a relation between a variable and a number", "feedback strengths for z leq 1, and x geq 0.5.", "feedback strengths for z ≤ 1, and x ≥ 0.5."],
    ["a chain of relations, and Greek operands", "for 0 leq t leq 1 and alpha neq beta when N gg 1", "for 0 ≤ t ≤ 1 and alpha ≠ beta when N ≫ 1"],
    ["an author's macro before a lost thin space", "we augment the \\rdmpr,catalog by the SPT data", "we augment the rdmpr catalog by the SPT data"],
    ["an author's macro before a comma", "the \\rdmpr, algorithm (\\spt, data)", "the rdmpr, algorithm (spt, data)"],
  ])("fixes %s", (_name, listed, cleaned) => {
    expect(cleanText(listed)).toBe(cleaned);
    expect(rendered(listed)).toBe(cleaned);
  });

  it.each([
    ["set notation", "the sets {a, b} and {1,2} and {,x}"],
    ["nested or unknown commands", "({rm F{small LARES}}) and [N{small II}] and {beta} and {10}"],
    ["residue with several readings", "sim0.3 and LambdaCDM and k < 3~hrm Mpc^{-1} and alpha1 and x sim 3"],
    ["English words that start with a Greek letter's name", "the alphabet, beta-testing, a legend, Alpha Go, etalon, Pixel2, Nu2, mugg2 and pill3"],
    ["glued names that could be words or identifiers", "null0 and chill1, mull2, nugg3, pigg4, alphagg1x, xalphagg1 and betall"],
    ["relation names between words, not operands", "a sim card, the approx value, I approx and a leq bound, leqslant 1 and x leqq 1 and 3 leq"],
    ["relation names glued to their operands", "kleq1, z leq1 and zleq 1 and x.leq 1"],
    ["backslashes that are not a macro before a thin space", "C:\\Users, and \\n, and a\\bc,d and \\x, and \\LaTeX and word\\rdmpr,x"],
    ["ordinary quotes and backticks", "a ``quote and '' apart, `code`, ``'' and `` spaced ''"],
    ["a URL", "see https://example.org/a{,}b/c\\%20d{-}e?q={rm x} and www.example.com/{<}"],
    ["plain percent signs and braces", "20% of {x} in 100%"],
  ])("leaves %s alone", (_name, text) => {
    expect(cleanText(text)).toBe(text);
    expect(rendered(text)).toBe(text);
  });

  it("cleans every occurrence, and text on both sides of a URL", () => {
    expect(cleanText("1{,}000 and 2{,}000 at http://x.org/{,} then 3{,}000")).toBe("1,000 and 2,000 at http://x.org/{,} then 3,000");
  });

  it("leaves code spans, code blocks and link targets of a contributor's Markdown alone", () => {
    const html = reader.render("Text 51\\\\% and `51\\% {,}` and [a{,}b](https://x.org/{,}).\n\n    50{,}000 in a code block\n");
    expect(html).toContain("Text 51% and <code>51\\% {,}</code>");
    expect(html).toContain('<a href="https://x.org/%7B,%7D">a,b</a>');
    expect(html).toContain("<pre><code>50{,}000 in a code block");
  });

  it("never touches the Markdown the files hold", () => {
    const markdown = abstractToMarkdown("51\\% and 350{,}757");
    expect(markdown).toBe("51\\\\% and 350{,}757");
    expect(markdownToPlainText(createMarkdown(), markdown)).toBe("51\\% and 350{,}757");
  });
});
