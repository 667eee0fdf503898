import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadContent, parseManifestFile, parsePaperFile, splitFrontMatter } from "../scripts/lib/content.js";
import { createMarkdown } from "../scripts/lib/markdown.js";
import { FIXTURE_CONTENT, makeWorkspace, type Workspace } from "./helpers/fixture.js";

const md = createMarkdown();

describe("splitFrontMatter", () => {
  it("splits YAML from the body, whatever the line endings and BOM", () => {
    expect(splitFrontMatter("\uFEFF---\r\ntitle: x\r\n---\r\nBody\r\n")).toEqual({ frontMatter: "title: x", body: "Body\n" });
  });

  it("finds nothing without two fences", () => {
    expect(splitFrontMatter("title: x\n---\nBody")).toBeUndefined();
    expect(splitFrontMatter("---\ntitle: x\nBody")).toBeUndefined();
    expect(splitFrontMatter("---js\n{}\n---\nBody")).toBeUndefined();
  });
});

describe("parsePaperFile", () => {
  it("reads a valid paper, keeping dates as strings and the abstract as plain text", () => {
    const text = "---\ntitle: \"A \\\"quoted\\\" <title>\"\nauthors: 3\npublished: 2023-09-22\ndigests: [2026-04-13]\n---\nFirst \\*para\\*.\n\nSecond.\n";
    const result = parsePaperFile(text, "content/papers/a-quoted-title.md", md);
    expect(result).toEqual({
      ok: true,
      value: {
        slug: "a-quoted-title",
        title: 'A "quoted" <title>',
        authors: 3,
        published: "2023-09-22",
        digests: ["2026-04-13"],
        abstract: "First *para*.\n\nSecond.",
      },
    });
  });

  it.each([
    ["authors: 0", "content/papers/x.md: authors:"],
    ["autors: 3", "content/papers/x.md: autors: unknown key"],
    ["published: 2023-02-30", "content/papers/x.md: published:"],
    ["permalink: /../../escape.html", "content/papers/x.md: permalink: unknown key"],
  ])("names the file and key of a bad field (%s)", (line, prefix) => {
    const result = parsePaperFile(`---\ntitle: X\n${line}\ndigests: [2026-04-13]\n---\nBody\n`, "content/papers/x.md", md);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.some((p) => p.startsWith(prefix))).toBe(true);
  });

  it("reports broken YAML, missing front matter, an empty body and a bad file name", () => {
    const broken = parsePaperFile("---\ntitle: [unclosed\n---\nBody\n", "p/x.md", md);
    expect(!broken.ok && broken.problems[0]).toMatch(/^p\/x\.md: front matter: /);
    const missing = parsePaperFile("Just a body\n", "p/x.md", md);
    expect(!missing.ok && missing.problems[0]).toMatch(/^p\/x\.md: missing YAML front matter/);
    const empty = parsePaperFile("---\ntitle: X\ndigests: [2026-04-13]\n---\n\n", "p/x.md", md);
    expect(!empty.ok && empty.problems[0]).toMatch(/^p\/x\.md: abstract: /);
    const name = parsePaperFile("---\ntitle: X\ndigests: [2026-04-13]\n---\nBody\n", "p/Not A Slug.md", md);
    expect(!name.ok && name.problems[0]).toMatch(/^p\/Not A Slug\.md: file name must be a slug/);
  });

  it("reports every problem of a file at once", () => {
    const result = parsePaperFile("---\ntitle: \"\"\nauthors: -1\ndigests: []\n---\nBody\n", "x.md", md);
    expect(!result.ok && result.problems.length).toBe(3);
  });
});

describe("parseManifestFile", () => {
  it("requires the file name to be the manifest's date", () => {
    const text = JSON.stringify({ date: "2026-04-13", papers: [] });
    expect(parseManifestFile(text, "d/2026-04-13.json").ok).toBe(true);
    const wrong = parseManifestFile(text, "d/2026-04-14.json");
    expect(!wrong.ok && wrong.problems[0]).toMatch(/^d\/2026-04-14\.json: date: /);
  });
});

describe("loadContent", () => {
  let workspace: Workspace | undefined;
  afterEach(async () => {
    await workspace?.remove();
    workspace = undefined;
  });

  it("loads every fixture paper and manifest in file-name order", async () => {
    const content = await loadContent(FIXTURE_CONTENT);
    const files = (await readdir(path.join(FIXTURE_CONTENT, "papers"))).filter((f) => f.endsWith(".md"));
    expect(content.papers.map((p) => `${p.slug}.md`)).toEqual([...files].sort());
    expect(content.manifests.map((m) => m.date)).toEqual(["2026-04-13", "2026-04-14"]);
  });

  it("treats a missing content folder as empty", async () => {
    expect(await loadContent(path.join(FIXTURE_CONTENT, "no-such-folder"))).toEqual({ papers: [], manifests: [] });
  });

  it("throws one ContentError listing the problems of every file", async () => {
    workspace = await makeWorkspace();
    const papers = path.join(workspace.contentDir, "papers");
    await writeFile(path.join(papers, "bad-one.md"), "---\ntitle: X\nauthors: many\ndigests: [2026-04-13]\n---\nBody\n");
    await writeFile(path.join(papers, "bad-two.md"), "no front matter\n");
    await mkdir(path.join(workspace.contentDir, "digests"), { recursive: true });
    await writeFile(path.join(workspace.contentDir, "digests", "2026-04-20.json"), "{ not json");
    const error = await loadContent(workspace.contentDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain(`${path.join(papers, "bad-one.md")}: authors:`);
    expect(problems[1]).toContain(path.join(papers, "bad-two.md"));
    expect(problems[2]).toContain("2026-04-20.json");
    expect((error as Error).message).toContain("3 problems");
  });
});
