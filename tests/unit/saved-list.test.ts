/**
 * The reading list's data (scripts/client/saved-list.ts): the slugs a shared URL may name, the list
 * read back from storage anyone on the origin can write, and the one BibTeX file of the export.
 * The page itself is driven in tests/browser/saved-browser.test.ts.
 */
import { parse } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../scripts/catalog/catalog.js";
import { routes } from "../../scripts/catalog/routes.js";
import {
  bibtexFileName,
  joinBibtex,
  mergeLists,
  MOST_SHARED,
  paperSlugOf,
  parseShareHash,
  parseStoredList,
  type SavedPaper,
  shareHash,
  siteBase,
  storageKey,
  withoutPaper,
  withPaper,
} from "../../scripts/client/saved-list.js";
import { SLUG_PATTERN } from "../../scripts/content/digest.js";
import type { PaperRecord } from "../../scripts/content/paper.js";
import { bibtexEntry } from "../../scripts/exports/bibtex.js";

const paper = (slug: string, title = `Title of ${slug}`): SavedPaper => ({ slug, title });

describe("a shared list's URL", () => {
  it("round-trips the slugs through the URL routes.savedList spells", () => {
    const slugs = ["a-paper", "second-paper-2", "x"];
    const url = new URL(routes.savedList(slugs), "https://example.org/prefix/");
    expect(url.pathname).toBe(routes.saved);
    expect(shareHash(slugs)).toBe("#p=a-paper,second-paper-2,x");
    expect(parseShareHash(url.hash)).toEqual(slugs);
    expect(parseShareHash(shareHash([]))).toEqual([]);
  });

  it("drops everything that is not a slug, so nothing else is ever fetched", () => {
    const hostile = [
      "..",
      "../../etc/passwd",
      "%2e%2e",
      "a/b",
      "A-Paper",
      "a--b",
      "-a",
      "a-",
      "a.md",
      "a?x=1",
      "a#b",
      "//evil.example",
      "https:",
      "é",
      "a b",
      "x".repeat(253),
    ];
    const hash = `#p=${["good-one", ...hostile.map(encodeURIComponent), "good-two"].join(",")}`;
    const slugs = parseShareHash(hash);
    expect(slugs).toEqual(["good-one", "good-two"]);
    for (const slug of slugs) expect(slug).toMatch(SLUG_PATTERN);
    // Decoded as a URL fragment is: `%2F` is `/`, which no slug holds.
    expect(parseShareHash("#p=a%2Fb,ok")).toEqual(["ok"]);
  });

  it("names each paper once, in order, ignores other keys, and stops at the limit", () => {
    expect(parseShareHash("#p=b,a,b, c ,a&q=x")).toEqual(["b", "a", "c"]);
    expect(parseShareHash("#q=a")).toEqual([]);
    expect(parseShareHash("")).toEqual([]);
    expect(parseShareHash("#p=")).toEqual([]);
    const many = Array.from({ length: MOST_SHARED + 10 }, (_, i) => `paper-${i}`);
    expect(parseShareHash(shareHash(many))).toEqual(many.slice(0, MOST_SHARED));
  });
});

describe("the stored list", () => {
  it("reads back what was written", () => {
    const list: SavedPaper[] = [
      { slug: "a", title: "A", date: "2024-05-01", dateLabel: "1 May 2024", bibtex: "@misc{a,\n}" },
      { slug: "b", title: "<img src=x onerror=alert(1)>" },
    ];
    expect(parseStoredList(JSON.stringify(list))).toEqual(list);
  });

  it("keeps only well-formed papers, each once, from whatever another page of the origin left there", () => {
    const stored = JSON.stringify([
      { slug: "good", title: "Good" },
      { slug: "../x", title: "Path" },
      { slug: "no-title" },
      { slug: "blank-title", title: "   " },
      { slug: 5, title: "Number" },
      null,
      "text",
      { slug: "good", title: "Repeat" },
      { slug: "bad-date", title: "T", date: "yesterday", dateLabel: "Yesterday", bibtex: 42 },
    ]);
    expect(parseStoredList(stored)).toEqual([
      { slug: "good", title: "Good" },
      { slug: "bad-date", title: "T" },
    ]);
    for (const text of [null, "", "{", "{}", '"x"', "42", "null"]) expect(parseStoredList(text)).toEqual([]);
  });

  it("keeps one list per site when sites under several path prefixes share an origin", () => {
    expect(storageKey("")).not.toBe(storageKey("/paper-digest"));
    expect(siteBase("https://user.github.io/paper-digest/assets/site.js", "site.js")).toBe("/paper-digest");
    expect(siteBase("http://127.0.0.1:8080/assets/saved.js", "saved.js")).toBe("");
    expect(siteBase("http://127.0.0.1:8080/elsewhere/saved.js", "saved.js")).toBe("");
  });

  it("knows a paper page by its path, under the path prefix, and no other page", () => {
    expect(paperSlugOf(routes.paper("a-paper"), "")).toBe("a-paper");
    expect(paperSlugOf(`/paper-digest${routes.paper("a-paper-2")}`, "/paper-digest")).toBe("a-paper-2");
    for (const [path, base] of [
      [routes.paper("a-paper"), "/paper-digest"],
      ["/papers/", ""],
      ["/papers//", ""],
      ["/papers/a/b/", ""],
      ["/papers/A-Paper/", ""],
      ["/papers/a-paper", ""],
      [routes.saved, ""],
      [routes.search, ""],
    ] as const)
      expect(paperSlugOf(path, base), path).toBeUndefined();
  });

  it("adds at the end, refreshes a paper saved again in place, removes by slug, and merges a shared list after the local one", () => {
    const list = withPaper(withPaper([], paper("a")), paper("b"));
    expect(list.map((p) => p.slug)).toEqual(["a", "b"]);
    expect(withPaper(list, paper("a", "New title"))).toEqual([paper("a", "New title"), paper("b")]);
    expect(withoutPaper(list, "a")).toEqual([paper("b")]);
    expect(withoutPaper(list, "zzz")).toEqual(list);
    expect(mergeLists(list, [paper("c"), paper("a", "Shared title"), paper("d")]).map((p) => p.title)).toEqual([
      "Title of a",
      "Title of b",
      "Title of c",
      "Title of d",
    ]);
  });
});

describe("the BibTeX export", () => {
  function entryFor(fields: Partial<PaperRecord> & { slug: string }): string {
    const record: PaperRecord = { title: "A Paper", digests: ["2026-04-13"], abstract: "Text.", ...fields };
    const catalogPaper = buildCatalog([record], []).bySlug.get(record.slug);
    if (!catalogPaper) throw new Error("no paper");
    return bibtexEntry(catalogPaper, `https://example.org/papers/${record.slug}/`);
  }

  it("joins the papers' entries into one file a BibTeX parser reads whole, in list order", async () => {
    const entries = [
      entryFor({ slug: "first-paper", title: "First {paper} & 50% of it", names: ["Ada Lovelace", "Alan Turing"], published: "2024-05-01" }),
      entryFor({ slug: "second-paper", title: "Second", arxiv: "2405.18407" }),
      entryFor({ slug: "third-paper", title: "Third", organization: "AT&T" }),
    ];
    const file = joinBibtex(entries.map((e, i) => (i === 1 ? `\n\n${e}\n` : e)));
    expect(file.endsWith("}\n")).toBe(true);
    expect(file).not.toMatch(/\n\n\n/);
    const { entries: read, errors } = await parse(file);
    expect(errors).toEqual([]);
    expect(read.map((e) => e.key)).toEqual(["first-paper", "second-paper", "third-paper"]);
    expect(read[0]?.fields.title).toBe("First {paper} & 50% of it");
    expect(read[1]?.fields.eprint).toBe("2405.18407");
  });

  it("is empty without entries, and names the file by its count, not a clock", () => {
    expect(joinBibtex([])).toBe("");
    expect(joinBibtex(["", "  \n"])).toBe("");
    expect(bibtexFileName(3)).toBe("saved-papers-3.bib");
  });
});
