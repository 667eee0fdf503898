import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectFormat, formatNamed } from "../../scripts/ingest/formats/index.js";
import { HfJsonParser, MAX_CHARS } from "../../scripts/ingest/formats/hf-json/hf-json-parser.js";
import { syntaxErrorOffset } from "../../scripts/ingest/formats/hf-json/json-offsets.js";
import { ListingError, type ListedPaper, type ListingParserOptions, type ListingWarning } from "../../scripts/ingest/formats/text/listing-parser.js";
import { LineSplitter } from "../../scripts/ingest/lines.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/hf-api/${name}`, import.meta.url), "utf8");
const REAL = fixture("2024-05-29.json");
const NEWER = fixture("2026-03-10.json");
const WRAPPED = fixture("wrapped.json");

function parse(text: string, options: ListingParserOptions = {}) {
  const papers: ListedPaper[] = [];
  const warnings: ListingWarning[] = [];
  const parser = new HfJsonParser({ paper: (p) => papers.push(p), warning: (w) => warnings.push(w) }, options);
  const splitter = new LineSplitter((line) => parser.push(line));
  splitter.push(text);
  splitter.end();
  const end = parser.end();
  return { end, papers, warnings };
}

function refusal(text: string, options: ListingParserOptions = {}): { line: number | undefined; message: string } {
  try {
    parse(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ListingError);
    return { line: (error as ListingError).line, message: (error as Error).message };
  }
  throw new Error("expected the response to be refused");
}

describe("a recorded 2024 response", () => {
  const { end, papers, warnings } = parse(REAL);

  it("gives every item as a paper with the line it starts on, its arXiv id and counts (upvotes from item.paper)", () => {
    expect(warnings).toEqual([]);
    expect(end).toEqual({ listingDate: "2024-05-29", header: undefined, newestPublished: "2024-05-28", papers: 8, emitted: true });
    const { abstract: _abstract, ...first } = papers[0]!;
    expect(first).toEqual({
      line: 2,
      title: "Phased Consistency Model",
      digests: ["2024-05-29"],
      authors: 12,
      names: [
        "Fu-Yun Wang",
        "Zhaoyang Huang",
        "Alexander William Bergman",
        "Dazhong Shen",
        "Peng Gao",
        "Michael Lingelbach",
        "Keqiang Sun",
        "Weikang Bian",
        "Guanglu Song",
        "Yu Liu",
        "Hongsheng Li",
        "Xiaogang Wang",
      ],
      published: "2024-05-28",
      comments: 5,
      upvotes: 18,
      arxiv: "2405.18407",
    });
    for (const p of papers) expect(p.names).toHaveLength(p.authors!);
    expect(papers.map(({ abstract: _a, digests: _d, title: _t, names: _n, ...rest }) => rest)).toEqual([
      { line: 2, authors: 12, published: "2024-05-28", comments: 5, upvotes: 18, arxiv: "2405.18407" },
      { line: 176, authors: 3, published: "2024-05-28", comments: 4, upvotes: 11, arxiv: "2405.18047" },
      { line: 215, authors: 5, published: "2024-05-28", comments: 1, upvotes: 9, arxiv: "2405.18426" },
      { line: 291, authors: 10, published: "2024-05-28", comments: 2, upvotes: 7, arxiv: "2405.18386" },
      { line: 410, authors: 4, published: "2024-05-28", comments: 0, upvotes: 6, arxiv: "2405.17991" },
      { line: 481, authors: 15, published: "2024-05-28", comments: 1, upvotes: 6, arxiv: "2405.17976" },
      { line: 625, authors: 4, published: "2024-05-28", comments: 0, upvotes: 5, arxiv: "2405.18377" },
      { line: 678, authors: 7, published: "2024-05-28", comments: 0, upvotes: 1, arxiv: "2405.18424" },
    ]);
    // The line given is the one the item's `{` is on.
    const lines = REAL.split("\n");
    for (const p of papers) expect(lines[p.line - 1]!.trim()).toBe("{");
  });

  it("joins hard-wrapped titles and abstracts into lines, as the text format stores them", () => {
    expect(papers.map((p) => p.title)).toEqual([
      "Phased Consistency Model",
      "2BP: 2-Stage Backpropagation",
      "GFlow: Recovering 4D World from Monocular Video",
      "Instruct-MusicGen: Unlocking Text-to-Music Editing for Music Language Models via Instruction Tuning",
      "VeLoRA: Memory Efficient Training using Rank-1 Sub-Token Projections",
      "Yuan 2.0-M32: Mixture of Experts with Attention Router",
      "LLaMA-NAS: Efficient Neural Architecture Search for Large Language Models",
      "3DitScene: Editing Any Scene via Language-guided Disentangled Gaussian Splatting",
    ]);
    expect(papers[0]!.abstract).toMatch(
      /^The consistency model \(CM\) has recently made significant progress in accelerating the generation of diffusion models\. /,
    );
    expect(papers[0]!.abstract).toMatch(/ More details are available at https:\/\/g-u-n\.github\.io\/projects\/pcm\/\.$/);
    for (const p of papers) {
      expect(p.abstract).not.toMatch(/\n| {2}/);
      expect(p.title).not.toMatch(/\n| {2}/);
    }
  });

  it("is detected as the JSON format, and the file name does not override it", () => {
    expect(detectFormat(REAL.slice(0, 2000), "2024-05-29.json").name).toBe("hf-json");
    expect(detectFormat(REAL, "listing.txt").name).toBe("hf-json");
    expect(formatNamed("hf-json").label).toMatch(/API/);
  });
});

describe("a newer response, with the optional fields", () => {
  it("gives exact records: hidden authors left out, the organisation's full name, a withdrawn paper reported", () => {
    const { end, papers, warnings } = parse(NEWER);
    expect(end.listingDate).toBe("2026-03-10");
    expect(papers).toEqual([
      {
        line: 2,
        title: "Counting Engines: Analytical Machines for Sparse Attention",
        digests: ["2026-03-10"],
        abstract: "We study engines that count. They are analytical.\n\nA second paragraph follows after a blank line.",
        authors: 3,
        names: ["Ada Lovelace", "Alan Turing", "Grace Hopper"],
        organization: "Babbage Laboratory",
        code: "https://github.com/example/counting-engines",
        project: "https://example.org/counting-engines",
        published: "2026-03-09",
        comments: 3,
        upvotes: 120,
        arxiv: "2603.01234",
      },
      {
        line: 33,
        title: "A Withdrawn Result",
        digests: ["2026-03-10"],
        abstract: "This result did not hold up.",
        authors: 1,
        names: ["Only Author"],
        published: "2026-03-08",
        comments: 0,
        upvotes: 0,
        arxiv: "2603.00999",
      },
      {
        line: 50,
        title: "Bare Minimum",
        digests: ["2026-03-10"],
        abstract: "An item with none of the optional fields.",
        published: "2026-03-10",
        comments: 1,
        upvotes: 7,
        arxiv: "2603.05678",
      },
    ]);
    expect(warnings).toEqual([{ line: 33, message: '"A Withdrawn Result" was withdrawn (2026-03-12T09:00:00.000Z); ingested as listed' }]);
  });

  it("keeps the AI summary out of the abstract", () => {
    const { papers } = parse(NEWER);
    expect(papers[0]!.abstract).not.toContain("Counting engines make sparse attention cheaper");
  });
});

describe("the wrapped variant", () => {
  it("reads the items under data, dated by the wrapper; a version suffix is dropped from the id", () => {
    const { end, papers, warnings } = parse(WRAPPED);
    expect(warnings).toEqual([]);
    expect(end.listingDate).toBe("2024-05-30");
    expect(papers).toEqual([
      {
        line: 6,
        title: "Wrapped Listings Still Count",
        digests: ["2024-05-30"],
        abstract: "An older archive wraps the items in an object.",
        authors: 2,
        names: ["First Person", "Second Person"],
        published: "2024-05-29",
        comments: 2,
        upvotes: 15,
        arxiv: "2405.19327",
      },
      {
        line: 19,
        title: "Versioned Ids Lose Their Suffix",
        digests: ["2024-05-30"],
        abstract: "The stored id has no version.",
        authors: 1,
        names: ["Third Person"],
        published: "2024-05-28",
        comments: 0,
        upvotes: 4,
        arxiv: "2405.19000",
      },
    ]);
    expect(detectFormat(WRAPPED, "wrapped.json").name).toBe("hf-json");
  });

  it("takes --date over the wrapper's date (with a warning), and the wrapper's date over the file name's", () => {
    const given = parse(WRAPPED, { listingDate: "2024-06-01", listingDateFrom: "option" });
    expect(given.end.listingDate).toBe("2024-06-01");
    expect(given.warnings).toEqual([{ line: 3, message: "the response's date 2024-05-30 differs from the listing date 2024-06-01" }]);
    const named = parse(WRAPPED, { listingDate: "2024-06-01", listingDateFrom: "file name" });
    expect(named.end.listingDate).toBe("2024-05-30");
    expect(named.warnings).toEqual([]);
  });
});

describe("the listing date without --date or a wrapper", () => {
  const item = (listed: string, id: string) =>
    `{"paper":{"id":"${id}","title":"T ${id}","summary":"S.","upvotes":1,"publishedAt":"2024-01-01T00:00:00.000Z"},"publishedAt":"${listed}"}`;

  it("is the file name's, else the day every item was listed on", () => {
    const text = `[${item("2024-02-03T01:00:00Z", "2402.00001")},\n${item("2024-02-03T23:00:00Z", "2402.00002")}]`;
    expect(parse(text).end.listingDate).toBe("2024-02-03");
    expect(parse(text, { listingDate: "2024-02-04", listingDateFrom: "file name" }).end.listingDate).toBe("2024-02-04");
  });

  it("is refused when the items disagree and nothing else dates the listing", () => {
    const text = `[${item("2024-02-03T01:00:00Z", "2402.00001")},\n${item("2024-02-05T01:00:00Z", "2402.00002")}]`;
    expect(refusal(text)).toEqual({
      line: 1,
      message:
        "cannot tell the listing date: the items were listed on 2 different days (2024-02-03 to 2024-02-05); pass --date YYYY-MM-DD or put the date in the file name",
    });
  });
});

describe("refusals, with the line", () => {
  it.each([
    ["HTML", "<!doctype html>\n<html><body>Daily Papers</body></html>\n", 1, "not JSON: it looks like HTML (save the API response, not the page)"],
    ["plain text", "Daily Papers\nApr 13\n", 1, "not JSON: a Daily Papers API response starts with [ or {"],
    ["a cut-off response", REAL.slice(0, 5000), REAL.slice(0, 5000).split("\n").length, "not valid JSON: it ends before the JSON does (cut off?)"],
    ["a syntax error", '[\n  {"paper": {"id": "2405.18407", "title": x}}\n]', 2, "not valid JSON at column 43: Unexpected token 'x'"],
    ["a trailing comma", '[\n  {"paper": {}},\n]', 3, "not valid JSON at column 1: Unexpected token ']'"],
    [
      "an object of another API",
      '{\n  "models": []\n}',
      1,
      'not a Daily Papers API response: expected a list of items or an object with a "data" list, got an object with keys "models"',
    ],
    ["a number", "42", 1, 'not a Daily Papers API response: expected a list of items or an object with a "data" list, got a number'],
    ["an empty list", "[\n]\n", 1, "no papers found: the response lists no items"],
    ["a list of strings", '[\n  "2405.18407"\n]', 2, "item 1 is not an object: not a Daily Papers API item"],
    [
      "an item without paper",
      '[\n  {"title": "x"},\n  {"paper": {"title": "y", "summary": "z"}}\n]',
      2,
      'item 1 has no "paper" object: not a Daily Papers API item',
    ],
    [
      "an item without an abstract",
      '[\n  {"paper": {"title": "T", "summary": "S"}},\n  {"paper": {"title": "T2"}}\n]',
      3,
      "item 2 has no summary (the abstract)",
    ],
    ["an empty title", '[{"paper": {"title": " \\n ", "summary": "S"}}]', 1, "item 1 has an empty title"],
    [
      "a bad wrapper date",
      '{\n  "date": "yesterday",\n  "data": [{"paper": {"title": "T", "summary": "S"}}]\n}',
      2,
      '"date" "yesterday" is not a calendar date',
    ],
  ])("%s", (_what, text, line, message) => {
    expect(refusal(text, { listingDate: "2024-05-29" })).toEqual({ line, message });
  });

  it("refuses an empty file, NUL bytes and more text than one day's response can hold", () => {
    expect(refusal("  \n\n").message).toBe("empty listing: no text in it");
    expect(refusal('[{"a": "\0"}]').message).toBe("binary input: NUL byte on line 1");
    const parser = new HfJsonParser({ paper: () => {}, warning: () => {} }, {});
    const line = "x".repeat(1024 * 1024);
    expect(() => {
      for (let i = 0; i <= MAX_CHARS / line.length; i++) parser.push(line);
    }).toThrow(/larger than 32 MiB/);
  });

  it("warns of a code or project address that is none and leaves it out", () => {
    const { papers, warnings } = parse('[{"paper": {"title": "T", "summary": "S", "githubRepo": "javascript:alert(1)", "projectPage": null}}]', {
      listingDate: "2024-05-29",
    });
    expect(papers[0]!.code).toBeUndefined();
    expect(papers[0]!.project).toBeUndefined();
    expect(warnings).toEqual([{ line: 1, message: 'githubRepo "javascript:alert(1)" is not a web address; omitted' }]);
  });

  it("warns of an id that is no arXiv id and leaves it out", () => {
    const { papers, warnings } = parse('[{"paper": {"id": "not-an-id", "title": "T", "summary": "S"}}]', { listingDate: "2024-05-29" });
    expect(papers[0]!.arxiv).toBeUndefined();
    expect(warnings).toEqual([{ line: 1, message: 'paper.id "not-an-id" is not an arXiv id; id omitted' }]);
  });
});

describe("detection", () => {
  it("scores JSON heads with Daily Papers keys high, other JSON low but above the text fallback, and text zero", () => {
    const json = formatNamed("hf-json");
    expect(json.detect(REAL.slice(0, 4000), "x.json")).toBeGreaterThan(0.9);
    expect(json.detect('{"models": [1, 2]}', "x.json")).toBe(0.3);
    expect(json.detect("[Phased Consistency Model](https://huggingface.co/papers/2405.18407)", "x.md")).toBe(0);
    expect(json.detect("Daily Papers\nby AK\n", "x.txt")).toBe(0);
    expect(json.detect("<html>", "x.html")).toBe(0);
    // Any JSON goes to this format, whose refusal says what it lacks, not to the text parser.
    expect(detectFormat('{"models": []}', "x.json").name).toBe("hf-json");
  });
});

describe("syntaxErrorOffset", () => {
  it.each([
    ['[{"a":1,}]', 8],
    ['[{"a" 1}]', 6],
    ["[1 2]", 3],
    ['["a\nb"]', 3],
    ['[{"a":1}', 8],
    ["[1]]", 3],
    ['{"a":tru}', 5],
    ['["abc', 5],
    ["[1,]", 3],
    ["[]", -1],
    ['[{},{"a":[1,{"b":null,"c":"\\u00e9\\n"}]}]', -1],
  ])("%j at %i", (text, offset) => {
    expect(syntaxErrorOffset(text)).toBe(offset);
    // Agrees with JSON.parse on what is JSON.
    expect(offset === -1).toBe(
      (() => {
        try {
          JSON.parse(text);
          return true;
        } catch {
          return false;
        }
      })(),
    );
  });
});
