import { parse } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import { citableUrl } from "../../scripts/catalog/public-url.js";
import { bibtexEntry, escapeBibtex } from "../../scripts/exports/bibtex.js";
import { buildCatalog, type CatalogPaper } from "../../scripts/catalog/catalog.js";
import type { PaperRecord } from "../../scripts/content/paper.js";

function catalogPaper(fields: Partial<PaperRecord>): CatalogPaper {
  const record: PaperRecord = { slug: "a-paper", title: "A Paper", digests: ["2026-04-13"], abstract: "Text.", ...fields };
  const paper = buildCatalog([record], []).bySlug.get(record.slug);
  if (!paper) throw new Error("no paper");
  return paper;
}

const NASTY = "50% of {x} & #1 for a_b at $5 ~ 2^3 \\cite{y} <a> -- ``q'' ?` é 中文 }{";

describe("BibTeX", () => {
  it("escapes every character LaTeX would read as markup, keeping braces balanced", () => {
    const escaped = escapeBibtex(NASTY);
    let depth = 0;
    for (const c of escaped) {
      depth += c === "{" ? 1 : c === "}" ? -1 : 0;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    expect(escaped).not.toMatch(/(?<!\\)[%&#_$]/);
    expect(escaped).toContain("\\textbackslash{}cite\\textbraceleft{}y\\textbraceright{}");
  });

  it("reads back, through a maintained BibTeX parser, as the text it was given", async () => {
    const paper = catalogPaper({ title: `Title: ${NASTY}`, abstract: `First ${NASTY}\n\nSecond paragraph.`, organization: "AT&T {Labs}" });
    const { entries, errors } = await parse(bibtexEntry(paper, "https://example.org/papers/a-paper/"));
    expect(errors).toEqual([]);
    const fields = entries[0]?.fields ?? {};
    expect(fields.title).toBe(`Title: ${NASTY}`);
    expect(fields.author).toEqual([{ name: "AT&T {Labs}" }]);
  });

  it("leaves out the abstract and the listing's own facts: the page shows the entry below the abstract", () => {
    const entry = bibtexEntry(catalogPaper({ abstract: "A distinctive sentence.", authors: 3, upvotes: 7, comments: 2 }), "u");
    expect(entry).not.toContain("distinctive");
    expect(entry).not.toMatch(/^\s*(abstract|authorcount|comments|upvotes|digests) =/m);
  });

  it("protects the title's capitals with braces and writes the date as year, month macro and date", () => {
    const entry = bibtexEntry(catalogPaper({ title: "BERT and GPT", published: "2023-09-22", authors: 3, upvotes: 0, comments: 2 }), "u");
    expect(entry).toBe(
      ["@misc{a-paper,", "  title = {{BERT and GPT}},", "  year = {2023},", "  month = sep,", "  date = {2023-09-22},", "  url = {u},", "}", ""].join("\n"),
    );
  });

  it("cites no url for a paper without an arXiv id when the site has no address of its own", () => {
    const paper = catalogPaper({ title: "Local", published: "2023-09-22", authors: 1 });
    expect(bibtexEntry(paper, undefined)).not.toMatch(/^\s*url =/m);
    expect(bibtexEntry(paper, undefined)).toBe(bibtexEntry(paper, "u").replace("  url = {u},\n", ""));
    expect(bibtexEntry(catalogPaper({ title: "On arXiv", arxiv: "2603.01234", authors: 1 }), undefined)).toContain(
      "  url = {https://arxiv.org/abs/2603.01234},",
    );
    expect(citableUrl("/papers/x/", { siteUrl: "", pathPrefix: "/repo/" })).toBeUndefined();
    expect(citableUrl("/papers/x/", { siteUrl: "https://o.github.io/repo", pathPrefix: "/repo/" })).toBe("https://o.github.io/repo/papers/x/");
  });

  it("gives an arXiv paper eprint, archivePrefix and the arXiv page as url, and the authors by name", async () => {
    const paper = catalogPaper({
      title: "Counting Engines",
      arxiv: "2603.01234",
      authors: 3,
      names: ["Ada Lovelace", "Smith, Jr.", "Tom and Jerry"],
      organization: "Babbage Laboratory",
      published: "2026-03-09",
      code: "https://github.com/example/counting-engines",
      project: "https://example.org/p?q={x}",
    });
    const entry = bibtexEntry(paper, "https://example.org/papers/a-paper/");
    expect(entry).toBe(
      [
        "@misc{a-paper,",
        "  title = {{Counting Engines}},",
        "  author = {Ada Lovelace and {Smith, Jr.} and {Tom and Jerry}},",
        "  year = {2026},",
        "  month = mar,",
        "  date = {2026-03-09},",
        "  eprint = {2603.01234},",
        "  archivePrefix = {arXiv},",
        "  url = {https://arxiv.org/abs/2603.01234},",
        "  institution = {Babbage Laboratory},",
        "  code = {https://github.com/example/counting-engines},",
        "  project = {https://example.org/p?q=%7Bx%7D},",
        "}",
        "",
      ].join("\n"),
    );
    const { entries, errors } = await parse(entry);
    expect(errors).toEqual([]);
    const fields = entries[0]?.fields ?? {};
    expect(fields.eprint).toBe("2603.01234");
    expect(fields.url).toBe("https://arxiv.org/abs/2603.01234");
    expect((fields.author as { name?: string; firstName?: string; lastName?: string }[]).length).toBe(3);
  });
});
