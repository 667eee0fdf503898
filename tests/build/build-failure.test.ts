/**
 * Invalid or hostile content makes the build fail with the file named, runs nothing, writes nothing
 * outside the project, and leaves the previously built site exactly as it was.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { type ContentError, isContentError } from "../../scripts/check/content.js";
import { formatProblem } from "../../scripts/check/problem.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";
import { walkFiles } from "../helpers/html.js";

let workspace: Workspace;
let before: Map<string, string>;

async function fingerprint(dir: string): Promise<Map<string, string>> {
  const files = await walkFiles(dir);
  const hashes = await Promise.all(
    files.map(async (f) =>
      createHash("sha256")
        .update(await readFile(path.join(dir, f)))
        .digest("hex"),
    ),
  );
  return new Map(files.map((f, i) => [f, hashes[i] ?? ""]));
}

beforeAll(async () => {
  workspace = await makeWorkspace();
  await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir });
  before = await fingerprint(workspace.outDir);
});

afterAll(async () => {
  await workspace.remove();
});

const MARKER = "content-ran-code";

/** Lists papers in the 2026-04-13 digest, as ingest would; returns a function that puts it back. */
async function listInDigest(slugs: string[]): Promise<() => Promise<void>> {
  const file = path.join(workspace.contentDir, "digests", "2026-04-13.json");
  const original = await readFile(file, "utf8");
  const manifest = JSON.parse(original) as { papers: { slug: string; title: string }[] };
  manifest.papers.push(...slugs.map((slug) => ({ slug, title: "X" })));
  await writeFile(file, JSON.stringify(manifest));
  return () => writeFile(file, original);
}

describe("a build from bad content", () => {
  it.each([
    ["an invalid field", "papers/bad-authors.md", "---\ntitle: X\nauthors: -3\ndigests: [2026-04-13]\n---\nBody\n", /bad-authors\.md:3:10: authors: /],
    [
      "a key outside the contract",
      "papers/sneaky-permalink.md",
      "---\ntitle: X\npermalink: ../../../escaped.html\ndigests: [2026-04-13]\n---\nBody\n",
      /sneaky-permalink\.md:3:1: .*permalink/,
    ],
    [
      "JavaScript front matter in a paper",
      "papers/runs-code.md",
      `---js\nprocess.getBuiltinModule("node:fs").writeFileSync("${MARKER}", "x");\nconst title = "X";\n---\nBody\n`,
      /runs-code\.md:1:1: /,
    ],
    [
      "JavaScript front matter in a stray file",
      "notes.md",
      `---js\nprocess.getBuiltinModule("node:fs").writeFileSync("${MARKER}", "x");\nconst title = "X";\n---\nBody\n`,
      /notes\.md:1:1: only papers\/<slug>\.md and digests\/<date>\.json belong in the content folder/,
    ],
    ["a stray page", "about.md", "---\ntitle: About\n---\nBody\n", /about\.md:1:1: only papers\/<slug>\.md/],
    ["a stray template", "about.njk", "---\npermalink: /index.html\n---\nGone\n", /about\.njk:1:1: only papers\/<slug>\.md/],
    [
      "a paper in a subfolder",
      "papers/more/hidden.md",
      "---\ntitle: X\ndigests: [2026-04-13]\n---\nBody\n",
      /papers\/more\/hidden\.md:1:1: only papers\/<slug>\.md/,
    ],
    [
      "a manifest named for another date",
      "digests/2026-04-20.json",
      '{ "date": "2026-04-21", "papers": [] }',
      /2026-04-20\.json:1:11: date: 2026-04-21 is not the date in the file name/,
    ],
  ])("fails on %s, naming the file, and keeps the old site", async (_, file, text, message) => {
    const target = path.join(workspace.contentDir, file);
    const folder = path.dirname(target);
    const newFolder = !existsSync(folder);
    await mkdir(folder, { recursive: true });
    await writeFile(target, text);
    try {
      const error = await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      if (file.startsWith("papers/")) expect(isContentError(error)).toBe(true);
    } finally {
      await rm(newFolder ? folder : target, { recursive: true });
    }
    expect(await fingerprint(workspace.outDir)).toEqual(before);
    expect((await readdir(workspace.root)).sort()).toEqual(["content", "site"]);
    for (const dir of [workspace.root, path.dirname(workspace.root), process.cwd()]) {
      expect(existsSync(path.join(dir, "escaped.html"))).toBe(false);
      expect(existsSync(path.join(dir, MARKER))).toBe(false);
    }
  });

  it("reports every bad file at once", async () => {
    const bad = ["papers/one-bad.md", "papers/two-bad.md"].map((f) => path.join(workspace.contentDir, f));
    await Promise.all(bad.map((f) => writeFile(f, "---\ntitle: X\nupvotes: lots\ndigests: [2026-04-13]\n---\nBody\n")));
    const unlist = await listInDigest(["one-bad", "two-bad"]);
    try {
      const error = await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir }).catch((e: unknown) => e);
      expect(isContentError(error)).toBe(true);
      expect((error as ContentError).problems.map(formatProblem)).toEqual([
        expect.stringMatching(/one-bad\.md:3:10: upvotes: /),
        expect.stringMatching(/two-bad\.md:3:10: upvotes: /),
      ]);
    } finally {
      await Promise.all(bad.map((f) => rm(f)));
      await unlist();
    }
  });

  it("replaces the old site once content is fixed", async () => {
    const paper = path.join(workspace.contentDir, "papers", "a-fresh-paper.md");
    await writeFile(paper, "---\ntitle: A fresh paper\ndigests: [2026-04-13]\n---\nNew.\n");
    const unlist = await listInDigest(["a-fresh-paper"]);
    try {
      await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir });
      expect(existsSync(path.join(workspace.outDir, "papers", "a-fresh-paper", "index.html"))).toBe(true);
      expect((await readdir(workspace.root)).sort()).toEqual(["content", "site"]);
    } finally {
      await rm(paper);
      await unlist();
    }
  });
});
