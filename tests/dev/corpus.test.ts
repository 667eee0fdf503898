import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { generateCorpus, type CorpusOptions, type GeneratedListing } from "../../scripts/dev/corpus/corpus.js";
import { titleKey } from "../../scripts/dev/corpus/titles.js";
import type { Paper } from "../../scripts/content/paper.js";
import { parseListing } from "../../scripts/ingest/formats/text/listing-parser.js";

const seedListing = await readFile(new URL("../../sources/2026-04-13.txt", import.meta.url), "utf8");

function corpus(options: Omit<CorpusOptions, "seedListing">): GeneratedListing[] {
  return [...generateCorpus({ ...options, seedListing })];
}

function digest(listings: GeneratedListing[]): string {
  const hash = createHash("sha256");
  for (const l of listings) hash.update(`${l.date}\0${l.text}\0`);
  return hash.digest("hex");
}

function firstShowings(listings: GeneratedListing[]): Paper[] {
  return listings.flatMap((l) => l.entries.filter((e) => e.first).map((e) => e.paper));
}

function vocabulary(papers: Paper[]): number {
  const words = new Set<string>();
  for (const p of papers) {
    for (const w of `${p.title} ${p.abstract}`.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w) words.add(w);
  }
  return words.size;
}

/** Lines of every file, without line endings. */
function allLines(listings: GeneratedListing[]): string[] {
  return listings.flatMap((l) => l.text.replace(/^\uFEFF/, "").split(/\r?\n/));
}

describe("generateCorpus: determinism and counts", () => {
  it("gives byte-identical listings for the same seed and different ones for another", () => {
    const a = corpus({ papers: 1500, seed: 5 });
    const b = corpus({ papers: 1500, seed: 5 });
    const c = corpus({ papers: 1500, seed: 6 });
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).not.toBe(digest(c));
  });

  it.each([1, 19, 20, 21, 49, 50, 51, 70, 71, 1234])("creates exactly %i papers", (papers) => {
    const listings = corpus({ papers, seed: papers });
    expect(firstShowings(listings)).toHaveLength(papers);
    const sizes = listings.map((l) => l.entries.length);
    if (papers < 20) expect(sizes).toEqual([papers]);
    else expect(sizes.filter((size) => size < 20 || size > 50)).toEqual([]);
  });

  it("dates listings on consecutive days ending on the end date", () => {
    const listings = corpus({ papers: 400, seed: 2, endDate: "2024-03-01" });
    expect(listings.at(-1)!.date).toBe("2024-03-01");
    for (let i = 1; i < listings.length; i++) {
      const gap = Date.parse(listings[i]!.date) - Date.parse(listings[i - 1]!.date);
      expect(gap).toBe(86_400_000);
    }
  });

  it("takes a 32-bit seed and nothing else", () => {
    expect(() => generateCorpus({ papers: 10, seed: 2 ** 32, seedListing }).next()).toThrow(/seed must be/);
    expect(() => generateCorpus({ papers: 10, seed: 1.5, seedListing }).next()).toThrow(/seed must be/);
  });

  it("streams: the first listing of a million-paper corpus comes without generating the rest", () => {
    const first = generateCorpus({ papers: 1_000_000, seed: 1, seedListing }).next();
    expect(first.done).toBe(false);
    expect(first.value!.date < "2024-01-01").toBe(true);
  });
});

describe("generateCorpus: a few thousand papers", () => {
  let listings: GeneratedListing[];
  let papers: Paper[];
  let lines: string[];
  const rate = (part: number, whole: number) => part / whole;

  beforeAll(() => {
    // Ends in January so that dates without a year cross into the year before.
    listings = corpus({ papers: 3000, seed: 11, endDate: "2026-01-20" });
    papers = firstShowings(listings);
    lines = allLines(listings);
  });

  it("reads back exactly through the real parser, without a warning", () => {
    for (const listing of listings) {
      const expected = listing.entries.map((e) => ({ ...e.paper, digests: [listing.date] }));
      const parsed = parseListing(listing.text, { date: listing.date });
      expect(parsed.warnings).toEqual([]);
      expect(parsed.papers.map(({ line: _line, ...paper }) => paper)).toEqual(expected);
    }
  });

  it("holds 20 to 50 papers per listing", () => {
    const sizes = listings.map((l) => l.entries.length);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
  });

  it("shows a few percent of papers again in later listings, with every showing in digests", () => {
    const repeats = listings.flatMap((l) => l.entries.filter((e) => !e.first).map((e) => ({ date: l.date, paper: e.paper })));
    expect(rate(repeats.length, papers.length)).toBeGreaterThan(0.01);
    expect(rate(repeats.length, papers.length)).toBeLessThan(0.08);
    for (const { date, paper } of repeats) {
      expect(paper.digests).toContain(date);
      expect(paper.digests[0]! < date).toBe(true);
    }
    const titlesOn = new Map(listings.map((l) => [l.date, new Set(l.entries.map((e) => e.paper.title))]));
    for (const paper of papers) {
      expect([...paper.digests].sort()).toEqual(paper.digests);
      expect(new Set(paper.digests).size).toBe(paper.digests.length);
      for (const date of paper.digests) expect(titlesOn.get(date)?.has(paper.title)).toBe(true);
    }
    expect(papers.filter((p) => p.digests.length > 2).length).toBeGreaterThan(0);
  });

  it("gives every paper its own title, shaped like a title", () => {
    expect(new Set(papers.map((p) => titleKey(p.title))).size).toBe(papers.length);
    for (const { title } of papers) {
      expect(title).not.toMatch(/[.]$/);
      expect(title.length).toBeLessThanOrEqual(240);
      expect(title.split(/\s+/).length >= 3 || /\p{Script=Han}/u.test(title)).toBe(true);
    }
  });

  it("writes abstracts as prose of realistic length, some in several paragraphs", () => {
    const words = papers.map((p) => p.abstract.split(/\s+/).length).sort((a, b) => a - b);
    expect(words[0]).toBeGreaterThanOrEqual(60);
    expect(words.at(-1)).toBeLessThanOrEqual(420);
    expect(words[Math.floor(words.length / 2)]).toBeGreaterThan(140);
    expect(words[Math.floor(words.length / 2)]).toBeLessThan(210);
    for (const p of papers) for (const paragraph of p.abstract.split("\n\n")) expect(paragraph).toMatch(/\.$/);
    const multi = papers.filter((p) => p.abstract.includes("\n\n")).length;
    expect(rate(multi, papers.length)).toBeGreaterThan(0.05);
    expect(rate(multi, papers.length)).toBeLessThan(0.18);
  });

  it("never dates a paper after the listing that first shows it", () => {
    for (const p of papers) if (p.published !== undefined) expect(p.published <= p.digests[0]!).toBe(true);
  });

  it("varies metadata like real listings", () => {
    const dated = papers.filter((p) => p.published !== undefined);
    expect(rate(papers.length - dated.length, papers.length)).toBeGreaterThan(0.015);
    expect(rate(papers.length - dated.length, papers.length)).toBeLessThan(0.08);
    expect(rate(dated.filter((p) => p.organization !== undefined).length, dated.length)).toBeGreaterThan(0.02);
    expect(rate(dated.filter((p) => p.organization !== undefined).length, dated.length)).toBeLessThan(0.12);
    expect(rate(dated.filter((p) => p.comments !== undefined).length, dated.length)).toBeGreaterThan(0.03);
    expect(rate(dated.filter((p) => p.comments !== undefined).length, dated.length)).toBeLessThan(0.15);
    // Metadata comes whole or not at all.
    for (const p of papers) expect(p.published === undefined).toBe(p.authors === undefined && p.organization === undefined);
    const authors = dated.flatMap((p) => (p.authors === undefined ? [] : [p.authors])).sort((a, b) => a - b);
    expect(authors[Math.floor(authors.length / 2)]).toBeGreaterThanOrEqual(3);
    expect(authors[Math.floor(authors.length / 2)]).toBeLessThanOrEqual(6);
    expect(authors.at(-1)).toBeGreaterThan(40);
  });

  it("shows every metadata spelling the parser accepts", () => {
    const count = (re: RegExp) => lines.filter((line) => re.test(line)).length;
    expect(count(/^ {2}• \d+ authors$/)).toBeGreaterThan(count(/^ {2}[*-] /));
    expect(count(/^ {2}\* /)).toBeGreaterThan(0);
    expect(count(/^ {2}- /)).toBeGreaterThan(0);
    expect(count(/^ {2}[•*-] 1 author\s*$/)).toBeGreaterThan(0);
    expect(count(/^ {2}[•*-] 1 authors\s*$/)).toBeGreaterThan(0);
    expect(count(/^ {2}[•*-] [A-Z]/)).toBeGreaterThan(0);
    expect(count(/^ {2}[•*-] .+ · [A-Z][a-z]{2} \d/)).toBeGreaterThan(0);
    expect(count(/^·\s*$/)).toBeGreaterThan(0);
    const withYear = count(/^[A-Z][a-z]{2} \d{1,2}, \d{4}( \d+)?\s*$/);
    const withoutYear = count(/^[A-Z][a-z]{2} \d{1,2}( \d+)?\s*$/) - listings.length;
    expect(withoutYear).toBeGreaterThan(0.2 * (withYear + withoutYear));
    expect(count(/^[A-Z][a-z]{2} \d{1,2}(, \d{4})? \d+\s*$/)).toBeGreaterThan(0);
    // A year-less December date in a January listing means the year before.
    const crossYear = listings.filter((l) => l.date.startsWith("2026-01") && /^Dec \d{1,2}( \d+)?\s*$/m.test(l.text.replaceAll("\r", "")));
    expect(crossYear.length).toBeGreaterThan(0);
  });

  it("shows upvote lines in some listings, `-` for none", () => {
    const withVotes = listings.filter((l) => l.entries.some((e) => e.paper.upvotes !== undefined)).length;
    expect(rate(withVotes, listings.length)).toBeGreaterThan(0.1);
    expect(rate(withVotes, listings.length)).toBeLessThan(0.5);
    expect(lines.filter((line) => /^-\s*$/.test(line)).length).toBeGreaterThan(0);
    expect(lines.filter((line) => /^\d+\s*$/.test(line)).length).toBeGreaterThan(0);
  });

  it("has titles in other scripts and with emoji, at a small rate", () => {
    const titles = papers.map((p) => p.title);
    const scripts = [/\p{Script=Han}/u, /\p{Script=Arabic}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u, /\p{Extended_Pictographic}/u];
    for (const re of scripts) expect(titles.filter((t) => re.test(t)).length).toBeGreaterThan(1);
    const other = titles.filter((t) => scripts.some((re) => re.test(t))).length;
    expect(rate(other, titles.length)).toBeLessThan(0.05);
  });

  it("varies files: CRLF, byte-order marks, trailing spaces, page chrome, the date line", () => {
    const crlf = listings.filter((l) => l.text.includes("\r\n")).length;
    expect(crlf).toBeGreaterThan(0);
    expect(rate(crlf, listings.length)).toBeLessThan(0.3);
    for (const l of listings) expect(l.text.includes("\r\n") ? !/[^\r]\n/.test(l.text) : !l.text.includes("\r")).toBe(true);
    expect(listings.filter((l) => l.text.startsWith("\uFEFF")).length).toBeGreaterThan(0);
    expect(lines.filter((line) => / $/.test(line)).length).toBeGreaterThan(0);
    expect(lines).toContain("by AK and the research community");
    expect(lines).toContain("byAK and the research community");
    expect(lines).toContain("Get trending papers in your email inbox once a day!");
    expect(lines).toContain("Weekly");
    const dateLines = listings.map((l) =>
      l.text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .find((line) => /^[A-Z][a-z]{2} \d/.test(line)),
    );
    expect(dateLines.filter((line) => /^[A-Z][a-z]{2} \d{1,2}, \d{4}$/.test(line ?? "")).length).toBeGreaterThan(0);
    expect(dateLines.filter((line) => /^[A-Z][a-z]{2} \d{1,2}$/.test(line ?? "")).length).toBeGreaterThan(0);
  });
});

describe("generateCorpus: vocabulary", () => {
  it("grows with corpus size like real text, far past the seed's words", () => {
    const small = vocabulary(firstShowings(corpus({ papers: 1000, seed: 3 })));
    const large = vocabulary(firstShowings(corpus({ papers: 10_000, seed: 3 })));
    expect(small).toBeGreaterThan(6000);
    expect(large).toBeGreaterThan(2.5 * small);
  });
});

describe("generate-corpus CLI", () => {
  const run = promisify(execFile);
  const cli = new URL("../../scripts/dev/generate-corpus.ts", import.meta.url).pathname;

  it("writes one file per listing, the truth as JSON lines, and a summary", async () => {
    const dir = await mkdtemp(join(tmpdir(), "corpus-"));
    try {
      const out = join(dir, "listings");
      const truth = join(dir, "truth.jsonl");
      const { stdout } = await run(process.execPath, ["--import", "tsx", cli, "--papers", "300", "--seed", "9", "--out", out, "--truth", truth]);
      const expected = corpus({ papers: 300, seed: 9 });
      expect(stdout).toMatch(
        new RegExp(
          `^corpus: 300 papers in ${expected.length} listings \\(\\d{4}-\\d{2}-\\d{2} to 2026-04-13\\), \\d+ repeated entries, [\\d.]+ MB, [\\d.]+ s -> `,
        ),
      );
      expect((await readdir(out)).sort()).toEqual(expected.map((l) => `${l.date}.txt`));
      for (const l of expected) expect(await readFile(join(out, `${l.date}.txt`), "utf8")).toBe(l.text);
      const records = (await readFile(truth, "utf8"))
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as Paper);
      expect(records).toEqual(firstShowings(expected));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a folder that already holds listings", async () => {
    const dir = await mkdtemp(join(tmpdir(), "corpus-"));
    try {
      await writeFile(join(dir, "2020-01-01.txt"), "old");
      await expect(run(process.execPath, ["--import", "tsx", cli, "--papers", "10", "--out", dir])).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining("already holds .txt files"),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
