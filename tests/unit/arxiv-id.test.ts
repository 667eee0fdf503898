import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkContent, formatReport } from "../../scripts/check/check-content.js";
import { checkPaperText } from "../../scripts/check/check-paper.js";
import { arxivIdProblem, arxivLinks, normalizeArxivId } from "../../scripts/content/arxiv.js";
import { parsePaperFile, readOurFrontMatter, serializePaper } from "../../scripts/content/paper-file.js";

const temp = mkdtempSync(join(tmpdir(), "arxiv-id-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const full = {
  title: "Counting Engines",
  arxiv: "2603.01234",
  authors: 2,
  names: ["Ada Lovelace", 'Alan "Prof" Turing'],
  organization: "Babbage Laboratory",
  upvotes: 120,
  code: "https://github.com/example/counting-engines",
  project: "https://example.org/counting-engines",
  digests: ["2026-03-10"],
  abstract: "We study engines that count.",
};

describe("arXiv ids", () => {
  it("are new-style or old-style ids without a version", () => {
    expect(arxivIdProblem("2405.18407")).toBeUndefined();
    expect(arxivIdProblem("0704.0001")).toBeUndefined();
    expect(arxivIdProblem("hep-th/9901001")).toBeUndefined();
    expect(arxivIdProblem("2405.18407v2")).toBe('write the arXiv id without its version suffix: "2405.18407"');
    expect(arxivIdProblem("2413.00001")).toBe('expected an arXiv id such as "2405.18407", got "2413.00001"');
    expect(arxivIdProblem("https://arxiv.org/abs/2405.18407")).toMatch(/^expected an arXiv id/);
    expect(normalizeArxivId(" 2405.18407v3 ")).toBe("2405.18407");
    expect(arxivLinks("2405.18407")).toEqual({
      abstract: "https://arxiv.org/abs/2405.18407",
      pdf: "https://arxiv.org/pdf/2405.18407",
      huggingFace: "https://huggingface.co/papers/2405.18407",
      semanticScholar: "https://www.semanticscholar.org/arxiv/2405.18407",
    });
  });
});

describe("the new front-matter fields", () => {
  const written = serializePaper(full);

  it("are written in table order, the id and addresses quoted, names as a flow list", () => {
    expect(written).toBe(
      [
        "---",
        'title: "Counting Engines"',
        'arxiv: "2603.01234"',
        "authors: 2",
        'names: ["Ada Lovelace", "Alan \\"Prof\\" Turing"]',
        'organization: "Babbage Laboratory"',
        "upvotes: 120",
        'code: "https://github.com/example/counting-engines"',
        'project: "https://example.org/counting-engines"',
        "digests: [2026-03-10]",
        "---",
        "We study engines that count.",
        "",
      ].join("\n"),
    );
  });

  it("read back the same by the shortcut and by the YAML reader", () => {
    const { abstract: _abstract, ...frontMatter } = full;
    expect(readOurFrontMatter(written)?.frontMatter).toEqual(frontMatter);
    const touched = written.replace("upvotes: 120", "upvotes: 120 # counted");
    expect(readOurFrontMatter(touched)).toBeUndefined();
    const parsed = parsePaperFile(touched);
    expect(parsed.ok && parsed.paper).toEqual(full);
    // Hand-written in another layout, an unquoted id would be a number: the check says so.
    const unquoted = parsePaperFile(written.replace('arxiv: "2603.01234"', "arxiv: 2603.01234"));
    expect(unquoted.ok ? [] : unquoted.problems).toEqual(['arxiv: expected an arXiv id such as "2405.18407", got 2603.01234']);
  });

  it.each([
    ['arxiv: "2603.01234"', 'arxiv: "2603.01234v2"', 3, 8, 'arxiv: write the arXiv id without its version suffix: "2603.01234"'],
    ['arxiv: "2603.01234"', 'arxiv: "arXiv:2603.01234"', 3, 8, 'arxiv: expected an arXiv id such as "2405.18407", got "arXiv:2603.01234"'],
    ["authors: 2", "authors: 3", 5, 8, "names: lists 2 but authors is 3: the two must agree"],
    ['names: ["Ada Lovelace", "Alan \\"Prof\\" Turing"]', "names: []", 5, 8, "names: must list at least one name"],
    [
      'code: "https://github.com/example/counting-engines"',
      'code: "github.com/example"',
      8,
      7,
      'code: expected an address starting with https://, got "github.com/example"',
    ],
    [
      'project: "https://example.org/counting-engines"',
      'project: "javascript:alert(1)"',
      9,
      10,
      'project: expected an address starting with https://, got "javascript:alert(1)"',
    ],
  ])("refuse %s written as %s, at its line and column", (from, to, line, column, message) => {
    const text = written.replace(from, to);
    expect(text).not.toBe(written);
    expect(checkPaperText(text).problems).toEqual([{ line, column, message }]);
  });
});

describe("the content check", () => {
  function folder(name: string, papers: Record<string, Record<string, unknown>>): { papersDir: string; digestsDir: string } {
    const papersDir = join(temp, name, "papers");
    const digestsDir = join(temp, name, "digests");
    mkdirSync(papersDir, { recursive: true });
    mkdirSync(digestsDir, { recursive: true });
    const entries = Object.entries(papers).map(([slug, p]) => ({ slug, title: p.title as string }));
    writeFileSync(join(digestsDir, "2026-03-10.json"), JSON.stringify({ date: "2026-03-10", papers: entries }));
    for (const [slug, p] of Object.entries(papers)) {
      writeFileSync(join(papersDir, `${slug}.md`), serializePaper({ digests: ["2026-03-10"], abstract: "Text.", ...p } as never));
    }
    return { papersDir, digestsDir };
  }

  it("refuses two files with one arXiv id, at each id", async () => {
    const dirs = folder("same-id", {
      one: { title: "One", arxiv: "2603.01234" },
      two: { title: "Two", arxiv: "2603.01234" },
      three: { title: "Three", arxiv: "2603.00001" },
    });
    const [one, two] = ["one.md", "two.md"].map((n) => join(dirs.papersDir, n));
    expect(formatReport(checkContent(join(temp, "same-id")), { annotations: false })).toEqual([
      `${one}:3:8: same arXiv id as ${two}: one paper, keep one file`,
      `${two}:3:8: same arXiv id as ${one}: one paper, keep one file`,
      "2 problems in 2 files",
    ]);
  });

  it("lets two papers share a title when their ids differ, not when one lacks an id", async () => {
    const apart = folder("same-title", { a: { title: "Attention", arxiv: "2603.01234" }, b: { title: "attention", arxiv: "2603.05678" } });
    expect(checkContent(join(temp, "same-title")).problems).toEqual([]);
    const unsure = folder("same-title-no-id", { a: { title: "Attention", arxiv: "2603.01234" }, b: { title: "attention" } });
    expect(formatReport(checkContent(join(temp, "same-title-no-id")), { annotations: false }).at(-1)).toBe("2 problems in 2 files");
  });
});
