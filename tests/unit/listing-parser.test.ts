import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LineSplitter } from "../../scripts/ingest/lines.js";
import {
  ListingError,
  ListingParser,
  MAX_PAPER_CHARS,
  parseListing,
  type ListedPaper,
  type ListingWarning,
} from "../../scripts/ingest/formats/text/listing-parser.js";
import { looksLikeTitle } from "../../scripts/ingest/formats/text/listing-lines.js";

const SEED_PATH = new URL("../../sources/2026-04-13.txt", import.meta.url);
const seed = readFileSync(SEED_PATH, "utf8");
const D = { date: "2026-04-13" };

function byTitle(papers: ListedPaper[], start: string): ListedPaper {
  const found = papers.find((p) => p.title.startsWith(start));
  if (!found) throw new Error(`no paper titled ${start}`);
  return found;
}

function fatal(text: string, options = D): string {
  try {
    parseListing(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ListingError);
    return (error as Error).message;
  }
  throw new Error("expected a fatal error");
}

describe("the seed listing", () => {
  const listing = parseListing(seed, { fileName: "sources/2026-04-13.txt" });

  it("finds all 34 papers in listed order, without warnings", () => {
    expect(listing.listingDate).toBe("2026-04-13");
    expect(listing.papers).toHaveLength(34);
    expect(listing.warnings).toEqual([]);
    expect(listing.papers[0]!.title).toMatch(/^Interpretable structural model error discovery/);
    expect(listing.papers.at(-1)!.title).toMatch(/^Are We Really Learning the Score Function\?/);
    const lines = listing.papers.map((p) => p.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });

  it("reads every field of a full entry", () => {
    const first = listing.papers[0]!;
    expect(first).toMatchObject({ line: 13, authors: 3, published: "2023-09-22", digests: ["2026-04-13"] });
    expect(first.abstract).toMatch(/^Earth system models suffer/);
    expect(first.abstract).toMatch(/real observations\.$/);
    expect(first.comments).toBeUndefined();
    expect(first.upvotes).toBeUndefined();
    expect(byTitle(listing.papers, "Fluctuations and correlations")).toMatchObject({ authors: 1, published: "2018-07-03" });
    expect(byTitle(listing.papers, "Selection Function of Clusters")).toMatchObject({ authors: 55, published: "2025-02-18" });
    expect(byTitle(listing.papers, "Are We Really Learning")).toMatchObject({ line: 265, authors: 4, published: "2025-08-29" });
  });

  it("reads the number after a date as the comment count", () => {
    const paper = byTitle(listing.papers, "The Principles of Diffusion Models");
    expect(paper).toMatchObject({ authors: 5, published: "2025-10-23", comments: 3 });
    expect(listing.papers.filter((p) => p.comments !== undefined)).toHaveLength(1);
  });

  it("keeps the three entries without metadata apart from the next title", () => {
    const bare = listing.papers.filter((p) => p.authors === undefined && p.published === undefined);
    expect(bare.map((p) => p.title)).toEqual([
      "Chinese vs. World Bank Development Projects: Insights from Earth Observation and Computer Vision on Wealth Gains in Africa, 2002-2013",
      'Debiasing Machine Learning Predictions for Causal Inference Without Additional Ground Truth Data: "One Map, Many Trials" in Satellite-Driven Poverty Analysis',
      "Effect Heterogeneity with Earth Observation in Randomized Controlled Trials: Exploring the Role of Data, Model, and Evaluation Metric Choice",
    ]);
    for (const paper of bare) expect(paper.abstract.split("\n\n")).toHaveLength(1);
    expect(byTitle(listing.papers, "Learning Physical Models")).toMatchObject({ line: 177, authors: 5, published: "2023-02-21" });
    expect(byTitle(listing.papers, "Accuracy on the Curve")).toMatchObject({ line: 213, authors: 5 });
    expect(byTitle(listing.papers, "Improving equilibrium propagation")).toMatchObject({ line: 257, authors: 2 });
  });

  it("dates the listing from the header when neither --date nor the file name does", () => {
    const fromHeader = parseListing(seed);
    expect(fromHeader.listingDate).toBe("2026-04-13");
    expect(fromHeader.papers).toEqual(listing.papers);
    expect(parseListing(seed, { date: "2026-05-01" }).listingDate).toBe("2026-05-01");
  });

  it("parses identically from CRLF, lone CR, a BOM and stray spaces", () => {
    const variants = [
      seed.replace(/\n/g, "\r\n"),
      seed.replace(/\n/g, "\r"),
      `\uFEFF${seed}`,
      seed.replace(/\n/g, "  \n").replace(/ authors/g, "   authors\t"),
    ];
    for (const text of variants) {
      const parsed = parseListing(text, D);
      expect(parsed.papers).toEqual(listing.papers);
      expect(parsed.warnings).toEqual([]);
    }
  });

  it("streams: papers come out line by line, whatever the chunking", () => {
    const papers: ListedPaper[] = [];
    const parser = new ListingParser({ paper: (p) => papers.push(p), warning: () => {} }, { listingDate: "2026-04-13" });
    const splitter = new LineSplitter((line) => parser.push(line));
    const crlf = seed.replace(/\n/g, "\r\n");
    let seenBeforeEnd = 0;
    for (let i = 0; i < crlf.length; i += 7) {
      splitter.push(crlf.slice(i, i + 7));
      seenBeforeEnd = papers.length;
    }
    splitter.end();
    parser.end();
    expect(seenBeforeEnd).toBe(33);
    expect(papers).toEqual(listing.papers);
  });
});

describe("page chrome and the listing date", () => {
  const body = "A Study of Things\nWe study things. They matter.\n• 3 authors\n·\nMar 2, 2026\n";

  it("skips every kind of page chrome before the first paper", () => {
    const chrome = [
      "new",
      "Get trending papers in your email inbox!",
      "Get trending papers in your email inbox once a day!",
      "Subscribe",
      "Daily Papers",
      "byAK and the research community",
      "by AK and the research community",
      "Daily",
      "Weekly",
      "Monthly",
      "Apr 13, 2026",
    ].join("\n\n");
    const parsed = parseListing(`${chrome}\n\n${body}`);
    expect(parsed.listingDate).toBe("2026-04-13");
    expect(parsed.warnings).toEqual([]);
    expect(parsed.papers).toEqual([
      { line: 23, title: "A Study of Things", abstract: "We study things. They matter.", authors: 3, published: "2026-03-02", digests: ["2026-04-13"] },
    ]);
  });

  it("gives a header without a year the smallest year not before the newest dated paper", () => {
    expect(parseListing(`Apr 13\n${body}`).listingDate).toBe("2026-04-13");
    expect(parseListing(`Feb 10\n${body}`).listingDate).toBe("2027-02-10");
    expect(parseListing(`Mar 2\n${body}`).listingDate).toBe("2026-03-02");
  });

  it("prefers --date, then the file name, then the header", () => {
    expect(parseListing(`Apr 13, 2026\n${body}`, { fileName: "x/2026-04-20-copy.txt" }).listingDate).toBe("2026-04-20");
    expect(parseListing(`Apr 13, 2026\n${body}`, { date: "2026-04-21", fileName: "2026-04-20.txt" }).listingDate).toBe("2026-04-21");
    expect(parseListing(`Apr 13, 2026\n${body}`, { fileName: "2026-02-30.txt" }).listingDate).toBe("2026-04-13");
  });

  it("warns when the header disagrees with the given date", () => {
    const parsed = parseListing(`Apr 14\n${body}`, D);
    expect(parsed.warnings).toEqual([{ line: 1, message: 'header date "Apr 14" differs from the listing date 2026-04-13' }]);
  });

  it("asks for --date when nothing dates the listing", () => {
    expect(fatal(body, {} as typeof D)).toMatch(/cannot tell the listing date: no date line in the header; pass --date YYYY-MM-DD/);
    const undated = "Apr 13\nA Title\nAn abstract.\n• 2 authors\n";
    expect(fatal(undated, {} as typeof D)).toMatch(/header date has no year and no paper date has one; pass --date/);
  });
});

describe("metadata variants", () => {
  function one(text: string): { paper: ListedPaper; warnings: ListingWarning[] } {
    const parsed = parseListing(`Title Of Paper\nAbstract text. More text.\n${text}`, D);
    expect(parsed.papers).toHaveLength(1);
    return { paper: parsed.papers[0]!, warnings: parsed.warnings };
  }

  it.each([
    ["  • 3 authors\n·\nSep 22, 2023", { authors: 3, published: "2023-09-22" }],
    ["• 1 author\n·\nSep 22, 2023", { authors: 1, published: "2023-09-22" }],
    ["• 1 authors", { authors: 1 }],
    ["* 12 authors\n·\nSep 22, 2023", { authors: 12, published: "2023-09-22" }],
    ["- 7 authors\nSep 22, 2023", { authors: 7, published: "2023-09-22" }],
    ["• 3 authors · Sep 22, 2023", { authors: 3, published: "2023-09-22" }],
    ["• 3 authors · Sep 22, 2023 14", { authors: 3, published: "2023-09-22", comments: 14 }],
    ["• 3 authors\n· Sep 22, 2023", { authors: 3, published: "2023-09-22" }],
    ["  • Microsoft\n·\nSep 22, 2023", { organization: "Microsoft", published: "2023-09-22" }],
    ["- Google DeepMind\n·\nJan 2, 2024", { organization: "Google DeepMind", published: "2024-01-02" }],
    ["• Allen Institute for AI", { organization: "Allen Institute for AI" }],
    ["• 4 authors\n·\nMay 30", { authors: 4, published: "2025-05-30" }],
    ["• 4 authors\n·\nApr 13", { authors: 4, published: "2026-04-13" }],
    ["• 4 authors\n·\nJan 3", { authors: 4, published: "2026-01-03" }],
    ["• 4 authors\n·\nOct 23, 2025 3", { authors: 4, published: "2025-10-23", comments: 3 }],
    ["• 4 authors\n·\nOct 23 5", { authors: 4, published: "2025-10-23", comments: 5 }],
    ["Sep 22, 2023", { published: "2023-09-22" }],
    ["3 authors", { authors: 3 }],
  ])("%j", (meta, expected) => {
    const { paper, warnings } = one(meta);
    expect(warnings).toEqual([]);
    expect(paper).toEqual({ line: 1, title: "Title Of Paper", abstract: "Abstract text. More text.", digests: ["2026-04-13"], ...expected });
  });

  it("reports an impossible date and keeps the rest", () => {
    const { paper, warnings } = one("• 2 authors\n·\nFeb 30, 2025");
    expect(paper).toMatchObject({ authors: 2 });
    expect(paper.published).toBeUndefined();
    expect(warnings).toEqual([{ line: 5, message: '"Feb 30, 2025" is not a calendar date; date omitted' }]);
  });

  it("reports a published date after the listing date and omits it", () => {
    const { paper, warnings } = one("• 2 authors\n·\nMay 1, 2026");
    expect(paper.published).toBeUndefined();
    expect(warnings).toEqual([{ line: 5, message: "published date 2026-05-01 is after the listing date 2026-04-13; date omitted" }]);
  });

  it("reports a metadata segment it cannot read", () => {
    const { paper, warnings } = one("• 3 authors · yesterday");
    expect(paper.authors).toBe(3);
    expect(warnings).toEqual([{ line: 3, message: 'cannot read metadata "yesterday"; ignored' }]);
  });

  it("keeps a dash-led abstract line as text when no date follows it", () => {
    const parsed = parseListing("A Title\nFirst paragraph.\n- Google DeepMind\nLast one.\n• 2 authors\n", D);
    expect(parsed.papers[0]).toMatchObject({ abstract: "First paragraph.\n\n- Google DeepMind\n\nLast one.", authors: 2 });
  });
});

describe("upvotes", () => {
  it("reads a number or - right before a title as its upvotes", () => {
    const text = "Apr 13\n65\nFirst Paper\nAbstract one.\n• 2 authors\n·\nApr 1, 2026\n-\nSecond Paper\nAbstract two.\n\n7\n\nThird Paper\nAbstract three.\n";
    const parsed = parseListing(text, D);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.papers.map((p) => [p.line, p.title, p.upvotes])).toEqual([
      [2, "First Paper", 65],
      [8, "Second Paper", 0],
      [12, "Third Paper", 7],
    ]);
  });

  it("reports a count with no title after it", () => {
    const parsed = parseListing("A Paper\nAbstract.\n• 2 authors\n12\n• 3 authors\n", D);
    expect(parsed.warnings).toEqual([
      { line: 4, message: 'vote count "12" is not followed by a title; ignored' },
      { line: 5, message: 'metadata "• 3 authors" belongs to no paper; ignored', skipped: true },
    ]);
    const atEnd = parseListing("A Paper\nAbstract.\n9\n", D);
    expect(atEnd.warnings).toEqual([{ line: 3, message: 'vote count "9" is not followed by a title; ignored' }]);
  });
});

describe("titles without metadata and multi-paragraph abstracts", () => {
  it("keeps short and long further paragraphs in one abstract", () => {
    const text = [
      "Learning Things Quickly",
      "We present a method. It works.",
      "",
      "In a second paragraph we show more results; they are good.",
      "",
      "Code and data are released.",
      "• 3 authors",
      "·",
      "Mar 1, 2026",
    ].join("\n");
    const [paper] = parseListing(text, D).papers;
    expect(paper!.abstract.split("\n\n")).toEqual([
      "We present a method. It works.",
      "In a second paragraph we show more results; they are good.",
      "Code and data are released.",
    ]);
  });

  it("starts a new paper at a title-like line followed by prose", () => {
    const text = [
      "First Paper Without Metadata",
      "An abstract paragraph. It ends with a period.",
      "A second paragraph, also prose.",
      "Second Paper: A Title With A Colon",
      "Its abstract. Still prose.",
      "Third Paper?",
      "Another abstract here.",
      "• 2 authors",
    ].join("\n");
    const parsed = parseListing(text, D);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.papers.map((p) => [p.line, p.title, p.abstract.split("\n\n").length, p.authors])).toEqual([
      [1, "First Paper Without Metadata", 2, undefined],
      [4, "Second Paper: A Title With A Colon", 1, undefined],
      [6, "Third Paper?", 1, 2],
    ]);
  });

  it("treats a title-like line followed by metadata as a final paragraph", () => {
    const parsed = parseListing("A Title\nProse here.\nProject page and code\n• 2 authors\n", D);
    expect(parsed.papers).toHaveLength(1);
    expect(parsed.papers[0]!.abstract).toBe("Prose here.\n\nProject page and code");
  });

  it("applies the title heuristic", () => {
    for (const title of seed.split("\n").filter((_, i, lines) => lines[i + 2]?.includes(" authors"))) {
      expect(looksLikeTitle(title.trim())).toBe(false);
    }
    for (const paper of parseListing(seed, D).papers) expect(looksLikeTitle(paper.title)).toBe(true);
    expect(looksLikeTitle("Are We Really Learning the Score Function? Reinterpreting Diffusion Models")).toBe(true);
    expect(looksLikeTitle("Chinese vs. World Bank Development Projects: Insights, 2002-2013")).toBe(true);
    expect(looksLikeTitle("We test it. It works. It scales")).toBe(false);
    expect(looksLikeTitle("Code at https://github.com/x/y")).toBe(false);
    expect(looksLikeTitle("Results are shown below:")).toBe(false);
    expect(looksLikeTitle("word ".repeat(41).trim())).toBe(false);
    expect(looksLikeTitle("x".repeat(301))).toBe(false);
  });
});

describe("structure beats length", () => {
  // 612 characters, as in the issue: longer than any title-like line may be.
  const long = `A Very Long Title: ${"about many things ".repeat(40)}`.slice(0, 611) + "s";
  const abstract = "Its abstract, one paragraph of prose.";

  it("reads a title of any length followed by its abstract and metadata as a paper", () => {
    expect(long).toHaveLength(612);
    expect(looksLikeTitle(long)).toBe(false);
    const parsed = parseListing(`Apr 13\nGood Paper\nAbstract.\n• 2 authors\n\n${long}\n\n${abstract}\n\n• 3 authors\n·\nMar 3, 2026\n`, D);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.papers.map((p) => p.title)).toEqual(["Good Paper", long]);
    expect(parsed.papers[1]).toMatchObject({ line: 6, abstract, authors: 3, published: "2026-03-03" });
  });

  it("does so for the first paper, with a vote count, with several paragraphs, and before a `- Org` bullet", () => {
    const words = `Title of ${"many words ".repeat(25)}at most 300 characters`;
    const parsed = parseListing(
      `new\nApr 13\n12\n${long}\nFirst paragraph.\nSecond paragraph.\n• 2 authors\n${words}\n${abstract}\n- Some Lab\n·\nMar 3, 2026\n`,
      D,
    );
    expect(parsed.warnings).toEqual([]);
    expect(parsed.papers).toMatchObject([
      { line: 3, title: long, upvotes: 12, abstract: "First paragraph.\n\nSecond paragraph.", authors: 2 },
      { line: 8, title: words, abstract, organization: "Some Lab", published: "2026-03-03" },
    ]);
  });

  it("reads a title, one short line and metadata as a paper whose abstract is that line", () => {
    const parsed = parseListing("A Paper\nProse.\n• 2 authors\nShort Abstract Paper\nx\n• 1 author\nNext Paper\n42%\n• 3 authors · Mar 3, 2026\n", D);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.papers).toMatchObject([
      { title: "A Paper" },
      { line: 4, title: "Short Abstract Paper", abstract: "x", authors: 1 },
      { line: 7, abstract: "42%", published: "2026-03-03" },
    ]);
  });

  it("leaves prose shaped like prose to the title rules: a lost title stays a reported skip", () => {
    const parsed = parseListing(`A Paper\nProse.\n• 2 authors\nFirst paragraph of a paper whose title was lost.\n${abstract}\n• 3 authors\n`, D);
    expect(parsed.papers).toHaveLength(1);
    expect(parsed.warnings.map((w) => [w.line, w.skipped])).toEqual([
      [4, true],
      [5, true],
    ]);
  });

  it("still reports long text with no abstract, or prose that no metadata ends, as skipped", () => {
    const noAbstract = parseListing(`A Paper\nProse.\n• 2 authors\n${long}\n• 3 authors\n·\nMar 3, 2026\n`, D);
    expect(noAbstract.papers).toHaveLength(1);
    expect(noAbstract.warnings).toEqual([
      { line: 4, message: `text ${JSON.stringify(`${long.slice(0, 60)}…`)} has no title; entry and its metadata skipped`, skipped: true },
    ]);
    const noMeta = parseListing(`A Paper\nProse.\n• 2 authors\n${long}\n${abstract}\n`, D);
    expect(noMeta.papers).toHaveLength(1);
    expect(noMeta.warnings.map((w) => [w.line, w.skipped])).toEqual([
      [4, true],
      [5, true],
    ]);
  });

  it("looks for the metadata at most 64 lines ahead", () => {
    const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of the abstract.`).join("\n");
    const within = parseListing(`${long}\n${paragraphs(63)}\n• 3 authors\n`, D);
    expect(within.papers).toHaveLength(1);
    expect(within.papers[0]!.abstract.split("\n\n")).toHaveLength(63);
    const beyond = parseListing(`A Paper\nProse.\n• 2 authors\n${long}\n${paragraphs(70)}\n• 3 authors\n`, D);
    expect(beyond.papers.map((p) => p.title)).toEqual(["A Paper"]);
    expect(beyond.warnings).toHaveLength(71);
    expect(beyond.warnings.every((w) => w.skipped)).toBe(true);
  });
});

describe("limits", () => {
  it("refuses a paper longer than MAX_PAPER_CHARS, naming its line", () => {
    const line = "A paragraph of the abstract that goes on. ".repeat(100);
    const count = Math.ceil(MAX_PAPER_CHARS / line.length);
    const text = `Apr 13\nA Paper\nProse.\n• 2 authors\nHuge Paper\n${Array.from({ length: count }, () => line).join("\n")}\n`;
    expect(() => parseListing(text, D)).toThrow(new ListingError("paper longer than 1,048,576 characters (title and abstract): no paper is that long", 5));
    // One line that long is refused the same way.
    expect(() => parseListing(`Huge Title\n${"x".repeat(MAX_PAPER_CHARS)}.\n`, D)).toThrow(/^paper longer than/);
  });
});

describe("warnings with line numbers", () => {
  it("reports a title with no abstract and skips its metadata", () => {
    const parsed = parseListing("Apr 13\nGood Paper\nAbstract.\n• 2 authors\nLonely Title\n• 3 authors\n·\nMar 3, 2026\nNext Paper\nProse.\n", D);
    expect(parsed.papers.map((p) => p.title)).toEqual(["Good Paper", "Next Paper"]);
    expect(parsed.warnings).toEqual([{ line: 5, message: 'title "Lonely Title" has no abstract; entry and its metadata skipped', skipped: true }]);
  });

  it("reports stray metadata before any paper and a second metadata group", () => {
    const parsed = parseListing("• 3 authors\n·\nMar 3, 2026\nPaper\nProse.\n• 2 authors\n·\nMar 1, 2026\nMar 2, 2026\n", D);
    expect(parsed.warnings).toEqual([
      { line: 1, message: 'metadata "• 3 authors" belongs to no paper; ignored', skipped: true },
      { line: 9, message: 'metadata "Mar 2, 2026" belongs to no paper; ignored', skipped: true },
    ]);
    expect(parsed.papers[0]).toMatchObject({ published: "2026-03-01", authors: 2 });
  });

  it("reports unknown lines in odd places", () => {
    const parsed = parseListing("Hugging Face\nPapers\nA Paper\nProse.\n• 2 authors\nSubscribe\nLoad more\nMore papers\n", D);
    expect(parsed.papers).toHaveLength(1);
    expect(parsed.warnings).toEqual([
      { line: 1, message: 'unrecognised line "Hugging Face" before the first paper ignored' },
      { line: 2, message: 'unrecognised line "Papers" before the first paper ignored' },
      { line: 6, message: 'page text "Subscribe" between papers ignored' },
      { line: 7, message: 'line "Load more" is followed by no abstract; ignored', skipped: true },
      { line: 8, message: 'line "More papers" is followed by no abstract; ignored', skipped: true },
    ]);
  });

  it("reports prose with no title after a finished paper", () => {
    const parsed = parseListing("A Paper\nProse.\n• 2 authors\nA paragraph that lost its title. It is prose.\n", D);
    expect(parsed.warnings).toEqual([{ line: 4, message: 'text "A paragraph that lost its title. It is prose." has no title; ignored', skipped: true }]);
  });

  it("strips control characters and says where", () => {
    const parsed = parseListing("A \u0007Paper\u0000".replace("\u0000", "") + "\nPro\u001bse\u0085.\n\u0002\n• 2 authors\n", D);
    expect(parsed.papers[0]).toMatchObject({ title: "A Paper", abstract: "Prose." });
    expect(parsed.warnings).toEqual([
      { line: 1, message: "removed 1 control character(s)" },
      { line: 2, message: "removed 2 control character(s)" },
      { line: 3, message: "removed 1 control character(s)" },
    ]);
  });

  it("reports prose with no title before metadata and skips both", () => {
    const parsed = parseListing("A Paper\nProse.\n• 2 authors\nOrphaned prose. It had a title once.\n• 4 authors\n·\nMar 3, 2026\n", D);
    expect(parsed.papers).toHaveLength(1);
    expect(parsed.warnings).toEqual([
      { line: 4, message: 'text "Orphaned prose. It had a title once." has no title; entry and its metadata skipped', skipped: true },
    ]);
  });

  it("reports a header date that is not a calendar date", () => {
    const parsed = parseListing("Feb 30, 2026\nA Paper\nProse.\n", { fileName: "2026-03-01.txt" });
    expect(parsed.warnings).toEqual([{ line: 1, message: 'header date "Feb 30, 2026" differs from the listing date 2026-03-01' }]);
    expect(fatal("Feb 30, 2026\nA Paper\nProse.\n", {} as typeof D)).toMatch(
      /cannot tell the listing date: the header date is not a calendar date; pass --date/,
    );
    expect(fatal("Feb 30\nA Paper\nProse.\n• 2 authors · Jan 1, 2026\n", {} as typeof D)).toMatch(/the header date is not a calendar date/);
  });

  it("keeps lowercase-led wrapped prose in the abstract", () => {
    const parsed = parseListing("A Paper\nA first sentence.\nProse that wraps onto the next\nline of prose without a break\nand ends here.\n", D);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.papers).toHaveLength(1);
    expect(parsed.papers[0]!.abstract.split("\n\n")).toHaveLength(4);
  });

  it("reports a second header date line", () => {
    const parsed = parseListing("Apr 13\nApr 12\nA Paper\nProse.\n", D);
    expect(parsed.warnings).toEqual([{ line: 2, message: 'second listing date line "Apr 12" ignored' }]);
  });
});

describe("fatal input", () => {
  it("rejects empty, blank, binary and paper-less input with one line", () => {
    expect(fatal("")).toBe("empty listing: no text in it");
    expect(fatal(" \n\r\n\t\n")).toBe("empty listing: no text in it");
    expect(fatal("A Title\nabc\0def\n")).toBe("binary input: NUL byte");
    expect(() => parseListing("A Title\nabc\0def\n", D)).toThrow(new ListingError("binary input: NUL byte", 2));
    expect(fatal("new\nSubscribe\nApr 13\n")).toBe("no papers found: a paper is a title line followed by its abstract");
    expect(fatal("• 3 authors\n·\nMar 3, 2026\n")).toMatch(/^no papers found/);
    for (const message of [fatal(""), fatal("x\0"), fatal("new\n")]) expect(message).not.toContain("\n");
  });

  it("rejects a malformed --date", () => {
    expect(fatal("A Title\nProse.\n", { date: "2026-02-30" })).toBe("not a calendar date as YYYY-MM-DD: 2026-02-30");
  });
});
