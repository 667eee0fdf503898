import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { createMarkdown, markdownToPlainText, writtenAbstract } from "../../scripts/content/markdown.js";
import type { Paper } from "../../scripts/content/paper.js";
import { checkBody, mergePaperFile, parsePaperFile, serializePaper } from "../../scripts/content/paper-file.js";
import { yamlEngine } from "../../scripts/content/yaml-engine.js";

const full: Paper = {
  title: "Dark forces suppress structure growth",
  authors: 4,
  published: "2025-09-30",
  comments: 3,
  upvotes: 65,
  digests: ["2026-04-13", "2026-04-14"],
  abstract: "No experimental test precludes it.\n\nA second paragraph.",
};

function parsed(text: string): Paper {
  const result = parsePaperFile(text);
  if (!result.ok) throw new Error(result.problems.join("; "));
  return result.paper;
}

describe("serializePaper", () => {
  it("writes exactly the contract", () => {
    expect(serializePaper({ ...full, organization: "Microsoft" })).toBe(
      [
        "---",
        'title: "Dark forces suppress structure growth"',
        "authors: 4",
        'organization: "Microsoft"',
        "published: 2025-09-30",
        "comments: 3",
        "upvotes: 65",
        "digests: [2026-04-13, 2026-04-14]",
        "---",
        "No experimental test precludes it.",
        "",
        "A second paragraph.",
        "",
      ].join("\n"),
    );
    expect(serializePaper({ title: "T", digests: ["2026-04-13"], abstract: "A." })).toBe('---\ntitle: "T"\ndigests: [2026-04-13]\n---\nA.\n');
  });

  it("refuses a paper the schema would reject", () => {
    expect(() => serializePaper({ ...full, published: "2026-05-01" })).toThrow(/published: 2026-05-01 is after the newest digest/);
    expect(() => serializePaper({ ...full, authors: 0 })).toThrow(/authors/);
  });

  it("keeps dates as strings through the shared YAML engine", () => {
    const data = matter(serializePaper(full), { engines: { yaml: yamlEngine } }).data;
    expect(data).toEqual({ title: full.title, authors: 4, published: "2025-09-30", comments: 3, upvotes: 65, digests: ["2026-04-13", "2026-04-14"] });
    expect(yamlEngine("")).toEqual({});
    expect(() => yamlEngine("just a string")).toThrow(/mapping/);
    expect(() => yamlEngine("a: 1\na: 2")).toThrow();
  });
});

describe("round trip", () => {
  const hostile = [
    "<script>alert(1)</script>",
    "{{ 7 * 7 }} {% raw %}",
    "---",
    "--- a line that looks like a delimiter",
    "[x](javascript:alert(1)) ![i](x) <http://a>",
    "back\\slashes \\\\ and \\n and \\x41",
    "quotes \" ' ` and : # - ? | > & * ! % @",
    "controls \u0001\u0007\u001b\u007f\u0085\u009f \u2028 \u2029 \ufeff tab\there",
    "# heading 1. item - item > quote = setext",
    "emoji 🚀 and 中文 and عربي",
  ];

  it.each(hostile)("title and abstract %j", (text) => {
    const abstract = text.trim();
    const paper: Paper = { title: text, organization: text, digests: ["2026-04-13"], abstract: `${abstract}\n\n${abstract}` };
    const file = serializePaper(paper);
    expect(parsed(file)).toEqual(paper);
    const body = matter(file, { engines: { yaml: yamlEngine } }).content;
    expect(markdownToPlainText(createMarkdown(), body)).toBe(paper.abstract);
    // Read without markdown-it, as the check reads a body ingest wrote.
    expect(writtenAbstract(body)).toBe(paper.abstract);
    expect(file.split("\n").filter((line) => /^---\s*$/.test(line))).toHaveLength(2);
  });

  it("reads a contributor's own Markdown with markdown-it", () => {
    const body = "*Emphasis* and [a link](https://example.org/), 1\\. \\\\\n";
    expect(writtenAbstract(body)).toBeUndefined();
    expect(checkBody(body)).toEqual({ ok: true, abstract: "Emphasis and a link, 1. \\" });
    expect(writtenAbstract("two\n\n\nblank lines\n")).toBeUndefined();
    expect(checkBody("two\n\n\nblank lines\n")).toEqual({ ok: true, abstract: "two\n\nblank lines" });
  });

  it("handles a 100 KB line", () => {
    const line = "lorem ipsum {{ x }} <b> ".repeat(4300).trim();
    expect(line.length).toBeGreaterThan(100_000);
    const paper: Paper = { title: line, digests: ["2026-04-13"], abstract: line };
    expect(parsed(serializePaper(paper))).toEqual(paper);
  });

  it("reports broken files instead of throwing", () => {
    const missing = parsePaperFile("no front matter");
    expect(missing.ok).toBe(false);
    // What the content check says of it too: no front matter, rather than a paper without keys.
    expect(!missing.ok && missing.problems).toEqual(["no front matter: the file must start with a line holding only ---"]);
    const bad = parsePaperFile('---\ntitle: "unclosed\n---\nx\n');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems[0]).toMatch(/^front matter is not valid YAML/);
  });
});

describe("mergePaperFile", () => {
  const base: Paper = { title: "A Paper", authors: 3, digests: ["2026-04-13"], abstract: "The abstract." };
  const listedLater: Paper = { ...base, authors: 5, published: "2025-01-02", upvotes: 9, digests: ["2026-04-20"] };

  it("returns the very same text when nothing is new", () => {
    const edited = serializePaper(base).replace("authors: 3", "authors: 4   # counted by hand");
    const result = mergePaperFile(edited, { ...base, authors: 7 });
    expect(result).toEqual({ status: "unchanged", text: edited });
  });

  it("adds missing fields and new digest dates in place, nothing else", () => {
    const result = mergePaperFile(serializePaper(base), listedLater);
    expect(result).toEqual({
      status: "updated",
      text: '---\ntitle: "A Paper"\nauthors: 3\npublished: 2025-01-02\nupvotes: 9\ndigests: [2026-04-13, 2026-04-20]\n---\nThe abstract.\n',
    });
  });

  it("keeps a contributor's values, comments, layout and body", () => {
    const contributor = [
      "---",
      "# Checked against the PDF, 2026-04-15",
      "title: 'A Paper, corrected'   # was: A Paper",
      "authors: 4",
      "",
      "digests:",
      "  - 2026-04-13 # first listing",
      "  - 2026-04-27",
      "---",
      "The abstract, *reworded* by a contributor.",
      "",
      "<!-- note -->",
      "",
    ].join("\n");
    const result = mergePaperFile(contributor, { ...listedLater, digests: ["2026-04-20", "2026-05-01", "2026-04-13"] });
    expect(result.status).toBe("updated");
    const text = (result as { text: string }).text;
    expect(text).toBe(
      contributor
        .replace("authors: 4\n", "authors: 4\npublished: 2025-01-02\nupvotes: 9\n")
        .replace("  - 2026-04-27\n", "  - 2026-04-20\n  - 2026-04-27\n  - 2026-05-01\n"),
    );
    expect(parsed(text)).toMatchObject({ title: "A Paper, corrected", authors: 4, digests: ["2026-04-13", "2026-04-20", "2026-04-27", "2026-05-01"] });
    expect(mergePaperFile(text, listedLater)).toEqual({ status: "unchanged", text });
  });

  it("keeps CRLF line endings and a flow list's spacing", () => {
    const crlf = '---\r\ntitle: "A Paper"\r\ndigests: [ 2026-04-13 ]  # seen\r\n---\r\nThe abstract.\r\n';
    const result = mergePaperFile(crlf, { ...base, digests: ["2026-04-01"] });
    expect(result).toEqual({
      status: "updated",
      text: crlf.replace('title: "A Paper"\r\n', 'title: "A Paper"\r\nauthors: 3\r\n').replace("[ 2026-04-13 ]", "[ 2026-04-01, 2026-04-13 ]"),
    });
  });

  it("falls back to the YAML Document for layouts it cannot insert into", () => {
    const flow = '---\n{ title: "A Paper", digests: [2026-04-13] } # one line\n---\nThe abstract.\n';
    const result = mergePaperFile(flow, listedLater);
    expect(result.status).toBe("updated");
    const text = (result as { text: string }).text;
    expect(text).toContain("# one line");
    expect(parsed(text)).toMatchObject({ title: "A Paper", authors: 5, published: "2025-01-02", upvotes: 9, digests: ["2026-04-13", "2026-04-20"] });
  });

  it("leaves an invalid file alone and says why", () => {
    const broken = '---\ntitle: "A Paper"\nauthors: many\ndigests: [2026-04-13]\n---\nx\n';
    const result = mergePaperFile(broken, listedLater);
    expect(result.status).toBe("invalid");
    expect(result.status === "invalid" && result.problems[0]).toMatch(/^authors: /);
  });
});
