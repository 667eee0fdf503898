/**
 * The capture formats (Markdown captures, text-browser dumps with reference links, link-per-line
 * exports) on their fixtures, with every field of every record and the line of every skipped
 * entry; detection and refusal across formats; the guard against garbage; the summary line.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parsePaperFile } from "../../scripts/content/paper-file.js";
import { detectFormat, FORMATS, formatNamed } from "../../scripts/ingest/formats/index.js";
import type { ListedPaper, ListingWarning } from "../../scripts/ingest/formats/source-format.js";
import { IngestError, ingestFiles } from "../../scripts/ingest/ingest.js";
import { readHead, readListingFile } from "../../scripts/ingest/listing-file.js";
import { garbageReason } from "../../scripts/ingest/paper-guard.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = join(ROOT, "tests/fixtures/formats");
const dir = mkdtempSync(join(tmpdir(), "formats-"));
let runs = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Expected {
  format: string;
  listingDate: string;
  papers: ListedPaper[];
  warnings: ListingWarning[];
}

const fixtures = readdirSync(FIXTURES)
  .sort()
  .flatMap((format) =>
    readdirSync(join(FIXTURES, format))
      .filter((name) => !name.endsWith(".json"))
      .sort()
      .map((name) => {
        const path = join(FIXTURES, format, name);
        const expected = JSON.parse(readFileSync(path.replace(/\.[a-z]+$/, ".expected.json"), "utf8")) as Expected;
        return { format, name, path, expected };
      }),
  );

function read(path: string, options: { date?: string; format?: string } = {}) {
  const papers: ListedPaper[] = [];
  const warnings: ListingWarning[] = [];
  const format = options.format === undefined ? undefined : formatNamed(options.format);
  const end = readListingFile(path, options.date, { paper: (p) => papers.push(p), warning: (w) => warnings.push(w) }, format);
  return { listingDate: end.listingDate, papers, warnings };
}

/** A copy of `path` in the work folder, its text changed by `change`, under `name` (the original's by default). */
function variant(path: string, change: (text: string) => string, name = basename(path)): string {
  const folder = join(dir, `variant-${++runs}`);
  const copy = join(folder, name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(copy, change(readFileSync(path, "utf8")));
  return copy;
}

function outputs() {
  const out = join(dir, `out-${++runs}`);
  return { outDir: join(out, "papers"), digestsDir: join(out, "digests") };
}

function filesIn(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

const withoutLine = ({ line: _line, ...paper }: ListedPaper) => paper;

describe("capture formats", () => {
  it("has fixtures for each card format, each format with a cut-off entry", () => {
    expect([...new Set(fixtures.map((f) => f.format))]).toEqual(["linklines", "markdown", "refs"]);
    for (const format of ["linklines", "markdown", "refs"]) {
      const cut = fixtures.filter((f) => f.format === format).flatMap((f) => f.expected.warnings.filter((w) => w.skipped && w.message.includes("is cut off")));
      expect(cut.length, format).toBeGreaterThan(0);
    }
    expect(FORMATS.map((f) => f.name)).toEqual(["text", "markdown", "refs", "linklines", "hf-json"]);
  });

  it.each(fixtures.map((f) => [`${f.format}/${f.name}`, f] as const))("reads %s exactly: every field, the arXiv id, the skipped lines", (_name, f) => {
    expect(detectFormat(readHead(f.path), f.path).name).toBe(f.expected.format);
    expect(f.expected.format).toBe(f.format);
    expect(read(f.path)).toEqual({ listingDate: f.expected.listingDate, papers: f.expected.papers, warnings: f.expected.warnings });
  });

  it.each(fixtures.map((f) => [`${f.format}/${f.name}`, f] as const))("does not depend on the spacing of %s", (_name, f) => {
    const same = (path: string) => {
      const got = read(path, { format: f.format });
      expect(got.papers.map(withoutLine)).toEqual(f.expected.papers.map(withoutLine));
      expect(got.warnings.map((w) => w.message)).toEqual(f.expected.warnings.map((w) => w.message));
      return got;
    };
    // Line numbers stay where lines stay.
    expect(same(variant(f.path, (t) => t.replace(/\n/g, "\r\n"))).papers).toEqual(f.expected.papers);
    expect(same(variant(f.path, (t) => t.replace(/([^\n])\n/g, "$1  \n"))).papers).toEqual(f.expected.papers);
    same(variant(f.path, (t) => t.replace(/\n\n/g, "\n\n\n")));
    if (f.format !== "markdown") same(variant(f.path, (t) => t.replace(/^(?=\S)/gm, "   ")));
  });

  it("dates a listing by --date, else the file name, else the header (Oct 2, Jun 27, Mar 25, Jun 29)", () => {
    const dates = Object.fromEntries(fixtures.map((f) => [f.name, f.expected.listingDate]));
    expect(dates).toEqual({
      "2026-03-25-notebook-export.md": "2026-03-25",
      "trending-capture.md": "2025-10-02",
      "reader-capture.md": "2025-06-27",
      "cut-dump.txt": "2025-06-29",
      "daily-papers-dump.txt": "2024-03-08",
    });
    const markdown = fixtures.find((f) => f.name === "trending-capture.md")!;
    // The header's Oct 2 has no year: the file name's date gives it one.
    const named = variant(markdown.path, (t) => t, "2026-10-02.md");
    expect(read(named).listingDate).toBe("2026-10-02");
    const forced = read(named, { date: "2026-10-03" });
    expect(forced.listingDate).toBe("2026-10-03");
    expect(forced.warnings[0]).toEqual({ line: 22, message: 'header date "Oct 2" differs from the listing date 2026-10-03' });
  });

  it("merges a card printed twice in a row into one paper, the first showing's values first", () => {
    const refs = fixtures.find((f) => f.name === "daily-papers-dump.txt")!;
    const twice = refs.expected.papers.filter((p) => p.title === "A Card Shown Twice");
    // Authors from the first variant, the comment count only the second shows.
    expect(twice).toEqual([expect.objectContaining({ upvotes: 12, authors: 4, comments: 2, arxiv: "2403.03002" })]);
    const markdown = fixtures.find((f) => f.name === "trending-capture.md")!;
    expect(markdown.expected.papers.filter((p) => p.arxiv === "2403.01774")).toEqual([expect.objectContaining({ upvotes: 12, authors: 9, comments: 2 })]);
  });
});

describe("ingesting captures", () => {
  it("writes each capture's papers and reports its skipped entries with file:line in the summary", async () => {
    for (const f of fixtures) {
      const printed: string[] = [];
      const out = outputs();
      // A cut-off entry fails the run unless skips are allowed (issue 12); allowed, it is reported, never written.
      const skipped = f.expected.warnings.filter((w) => w.skipped).map((w) => w.line);
      if (skipped.length > 0) await expect(ingestFiles({ files: [f.path], ...outputs() }, () => {})).rejects.toThrow(/could not be placed/);
      const [summary] = await ingestFiles({ files: [f.path], ...out, allowSkips: true }, (line) => printed.push(line));
      expect(summary).toMatchObject({
        format: f.format,
        date: f.expected.listingDate,
        papers: f.expected.papers.length,
        new: f.expected.papers.length,
        skipped: skipped.length,
        skippedLines: skipped,
      });
      for (const w of f.expected.warnings) expect(printed).toContain(`${f.path}:${w.line}: ${w.message}`);
      const lines = skipped.length === 0 ? "" : skipped.length === 1 ? ` (line ${skipped[0]})` : ` (lines ${skipped.join(", ")})`;
      expect(printed.at(-1)).toContain(
        `${f.path} (${f.expected.listingDate}, ${f.format}): ${f.expected.papers.length} papers; ${f.expected.papers.length} new, 0 updated, 0 unchanged files; ${skipped.length} skipped${lines};`,
      );
      const titles = filesIn(out.outDir).map((name) => {
        const file = parsePaperFile(readFileSync(join(out.outDir, name), "utf8"));
        if (!file.ok) throw new Error(`${name} does not read back`);
        return file.paper.title;
      });
      expect(titles.sort()).toEqual(f.expected.papers.map((p) => p.title).sort());
    }
  });

  it("refuses every capture read as another format, and the select-all seed read as a card format: nothing written", async () => {
    const inputs = [...fixtures.map((f) => ({ path: f.path, format: f.format })), { path: join(ROOT, "sources/2026-04-13.txt"), format: "text" }];
    for (const input of inputs) {
      for (const format of FORMATS.map((f) => f.name).filter((name) => name !== input.format)) {
        const out = outputs();
        const attempt = ingestFiles({ files: [input.path], format, date: "2026-04-13", ...out }, () => {});
        await expect(attempt, `${basename(input.path)} as ${format}`).rejects.toThrow(IngestError);
        await expect(attempt).rejects.toThrow(/no papers found|refusing to write|cannot tell the listing date|not JSON|not valid JSON|could not be placed/);
        expect(filesIn(out.outDir), `${basename(input.path)} as ${format}`).toEqual([]);
        expect(filesIn(out.digestsDir)).toEqual([]);
      }
    }
  });

  it("merges a paper a capture lists twice far apart into one file, with a warning", async () => {
    const markdown = fixtures.find((f) => f.name === "trending-capture.md")!;
    const card =
      "\n[5](https://huggingface.co/login?next=%2Fpapers%2F2606.00683)\n\n### [Compact Cores for Faithful Answers](https://huggingface.co/papers/2606.00683)\n\n[Another variant.](https://huggingface.co/papers/2606.00683)\n\n- 8 authors\n\n·\n\nMay 29\n";
    const path = variant(markdown.path, (t) => t.replace("<a id=", `${card}\n<a id=`));
    const printed: string[] = [];
    const out = outputs();
    const [summary] = await ingestFiles({ files: [path], ...out, allowSkips: true }, (line) => printed.push(line));
    expect(summary!.papers).toBe(4);
    expect(printed.some((l) => l.includes('"Compact Cores for Faithful Answers" is listed again (first on line 24); merged'))).toBe(true);
  });
});

describe("the guard against garbage", () => {
  it.each([
    ["Models", "its title is the page's own text"],
    ["Submitted by", "its title is the page's own text"],
    ["[-] 74", "its title is a lone bracket, mark or number"],
    ["[", "its title is a lone bracket, mark or number"],
    ["65", "its title is a lone bracket, mark or number"],
    ['<a id="source-section-3"></a>', "its title is markup"],
    ["### [A Title](https://huggingface.co/papers/2405.18407)", "its title is markup"],
    ["[A Title][36]", "its title is markup"],
    ["https://huggingface.co/papers/2405.18407", "its title is a URL"],
  ])("refuses a paper titled %j: %s", (title, reason) => {
    expect(garbageReason({ title, abstract: "An abstract." })).toBe(reason);
  });

  it("refuses an empty abstract and lets real titles through, brackets and markup characters included", () => {
    expect(garbageReason({ title: "A Title", abstract: "  " })).toBe("its abstract is empty");
    for (const title of [
      "[CLS] Tokens Are All You Need",
      "<script>alert(1)</script>",
      "Scaling to 10^6 Tokens: a Study",
      "GPT-4 Technical Report",
      "π0: A Vision-Language-Action Flow Model",
    ]) {
      expect(garbageReason({ title, abstract: "An abstract." }), title).toBeUndefined();
    }
  });

  it("stops a run that would write garbage, naming the line, before anything is written", async () => {
    const path = join(dir, "2026-04-13-garbage.txt");
    writeFileSync(path, "Daily Papers\n\nA Real Paper\nIts abstract. Prose.\n• 3 authors · Apr 1\n\nModels\nHugging Face hosts models.\n");
    const out = outputs();
    await expect(ingestFiles({ files: [path], ...out }, () => {})).rejects.toThrow(
      `${path}:7: refusing to write "Models": its title is the page's own text; this does not look like a Daily Papers listing read as a select-all text copy`,
    );
    expect(filesIn(out.outDir)).toEqual([]);
  });

  it("refuses text that is no listing in any format, automatic or forced, and writes nothing", async () => {
    const line = fc.oneof(
      fc.constantFrom(
        "### Heading",
        "[",
        "][3]",
        "[-] 74",
        " [-] -",
        "·",
        "Models",
        "https://huggingface.co/papers/2401.00001",
        "https://example.org/",
        '<a id="x"></a>',
        "- 3 authors",
        "[12](https://huggingface.co/login?next=%2Fpapers%2F2401.00001)",
        "[Content truncated]",
        "",
        "",
        "",
      ),
      fc
        .array(fc.constantFrom("data", "model", "the", "of", "{", "}", '"key":', "1,", "#", "*", "=", "<div>"), { minLength: 1, maxLength: 12 })
        .map((w) => w.join(" ")),
    );
    const names = [...FORMATS.map((f) => f.name), undefined];
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 40 }), fc.constantFrom(...names), async (lines, format) => {
        const path = join(dir, "notes.txt");
        writeFileSync(path, lines.join("\n"));
        const out = outputs();
        try {
          await ingestFiles({ files: [path], date: "2026-04-13", ...out, ...(format === undefined ? {} : { format }) }, () => {});
        } catch (error) {
          if (!(error instanceof IngestError)) throw error;
          expect(error.message).not.toContain("\n");
          expect(filesIn(out.outDir)).toEqual([]);
          return;
        }
        // Read as a listing after all: then every paper written is a real one.
        for (const name of filesIn(out.outDir)) {
          const file = parsePaperFile(readFileSync(join(out.outDir, name), "utf8"));
          expect(file.ok && garbageReason(file.paper)).toBe(undefined);
        }
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it("exits 1 with one line when a capture is forced into the wrong format", () => {
    const refs = fixtures.find((f) => f.name === "daily-papers-dump.txt")!;
    const out = outputs();
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "scripts/ingest.ts", refs.path, "--format", "markdown", "--out", out.outDir, "--digests", out.digestsDir],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`error: ${refs.path}: no papers found: a paper is a ### title (or a vote link) followed by its abstract\n`);
    expect(filesIn(out.outDir)).toEqual([]);
  });
});
