import { describe, expect, it } from "vitest";
import { checkFrontMatter, formatIssue } from "../../scripts/content/paper.js";
import { parsePaperFile, splitFrontMatter } from "../../scripts/content/paper-file.js";
import { closestMatch } from "../../scripts/content/suggest.js";

function messages(data: unknown): string[] {
  const result = checkFrontMatter(data);
  return result.ok ? [] : result.issues.map(formatIssue);
}

const valid = { title: "A Paper", digests: ["2026-04-13"] };

describe("front-matter messages", () => {
  it("say what each field expects and what it got", () => {
    expect(messages({})).toEqual(["title: missing; every paper needs one", "digests: missing; every paper needs one"]);
    expect(messages({ title: 3, authors: "three", organization: "", comments: 1.5, upvotes: -1, digests: "2026-04-13" })).toEqual([
      "title: expected text, got 3",
      'authors: expected a whole number of at least 1, got "three"',
      "organization: must not be empty",
      "comments: expected a whole number of 0 or more, got 1.5",
      "upvotes: expected a whole number of 0 or more, got -1",
      'digests: expected a list of dates such as [2026-04-13], got "2026-04-13"',
    ]);
    expect(messages({ ...valid, title: " ", authors: 0, published: "2023-02-30" })).toEqual([
      "title: must not be empty",
      "authors: expected a whole number of at least 1, got 0",
      'published: expected a real calendar date as YYYY-MM-DD, got "2023-02-30"',
    ]);
    expect(messages({ title: null, digests: [null, 2026, "2026-04-13"] })).toEqual([
      "title: expected text, got an empty value",
      "digests[0]: expected a real calendar date as YYYY-MM-DD, got an empty value",
      "digests[1]: expected a real calendar date as YYYY-MM-DD, got 2026",
    ]);
    expect(messages({ ...valid, digests: [] })).toEqual(["digests: must list at least one digest date"]);
  });

  it("name each unknown key with the known key it is probably a typo of", () => {
    expect(messages({ ...valid, autors: 3, Title: "x", organisation: "y", tags: ["a"] })).toEqual([
      'autors: unknown key; did you mean "authors"?',
      'Title: unknown key; did you mean "title"?',
      'organisation: unknown key; did you mean "organization"?',
      "tags: unknown key; the keys are title, arxiv, authors, names, organization, published, comments, upvotes, code, project, digests",
    ]);
  });

  it("compare published with the newest digest even when another field is wrong", () => {
    expect(messages({ ...valid, published: "2026-05-01", authors: "x", autors: 1 })).toEqual([
      'authors: expected a whole number of at least 1, got "x"',
      'autors: unknown key; did you mean "authors"?',
      "published: 2026-05-01 is after the newest digest it appeared in (2026-04-13)",
    ]);
    expect(messages({ ...valid, published: "2026-04-13" })).toEqual([]);
  });
});

describe("closestMatch", () => {
  const keys = ["title", "authors", "organization", "published", "comments", "upvotes", "digests"];

  it.each([
    ["autors", "authors"],
    ["AUTHORS", "authors"],
    ["tilte", "title"],
    ["publised", "published"],
    ["digest", "digests"],
    ["upvote", "upvotes"],
  ])("%s → %s", (word, match) => expect(closestMatch(word, keys)).toBe(match));

  it.each(["tags", "date", "abstract", "t"])("%s → nothing", (word) => expect(closestMatch(word, keys)).toBeUndefined());
});

describe("paper files", () => {
  it("need an abstract after the front matter", () => {
    expect(parsePaperFile('---\ntitle: "A Paper"\ndigests: [2026-04-13]\n---\n\n  \n')).toEqual({
      ok: false,
      problems: ["the abstract (the text after the front matter) is empty"],
    });
  });

  it("read the same with CRLF line endings, whatever the last key holds", () => {
    for (const last of ['title: "A Paper"', "title: A Paper", "digests: [2026-04-13]", "digests:\n  - 2026-04-13"]) {
      const lf = `---\n${last.startsWith("title") ? "digests: [2026-04-13]" : 'title: "A Paper"'}\n${last}\n---\nThe abstract.\n`;
      const crlf = lf.replace(/\n/g, "\r\n");
      expect(parsePaperFile(crlf)).toEqual({ ...parsePaperFile(lf), body: "The abstract.\r\n" });
      expect(parsePaperFile(lf).ok).toBe(true);
    }
  });

  it("split at the delimiter lines, or say which one is missing", () => {
    expect(splitFrontMatter("---\ntitle: x\n---\nBody\n")).toEqual({ open: "---\n", yaml: "title: x\n", rest: "---\nBody\n" });
    expect(splitFrontMatter("title: x\n---\nBody\n")).toEqual({ problem: "no front matter: the file must start with a line holding only ---" });
    expect(splitFrontMatter("---\ntitle: x\nBody\n")).toEqual({ problem: "front matter is not closed: no --- line after it" });
  });
});
