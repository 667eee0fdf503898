import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError, loadContent } from "../../scripts/check/content.js";
import { formatProblem } from "../../scripts/check/problem.js";
import { FIXTURE_CONTENT, makeWorkspace, type Workspace } from "../helpers/fixture.js";

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
    expect(content.manifests.map((m) => m.date)).toEqual(["2026-04-10", "2026-04-13", "2026-04-14"]);
  });

  it("treats a missing content folder as empty", async () => {
    expect(await loadContent(path.join(FIXTURE_CONTENT, "no-such-folder"))).toEqual({ papers: [], manifests: [] });
  });

  it("throws one ContentError listing the problems of every file, as npm run check words them", async () => {
    workspace = await makeWorkspace();
    const papers = path.join(workspace.contentDir, "papers");
    await writeFile(path.join(papers, "bad-one.md"), "---\ntitle: X\nauthors: many\ndigests: [2026-04-13]\n---\nBody\n");
    const manifest = path.join(workspace.contentDir, "digests", "2026-04-13.json");
    const listed = JSON.parse(await readFile(manifest, "utf8")) as { papers: { slug: string; title: string }[] };
    listed.papers.push({ slug: "bad-one", title: "X" });
    await writeFile(manifest, JSON.stringify(listed));
    await writeFile(path.join(papers, "bad-two.md"), "no front matter\n");
    await mkdir(path.join(workspace.contentDir, "digests"), { recursive: true });
    await writeFile(path.join(workspace.contentDir, "digests", "2026-04-20.json"), "{ not json");
    const error = await loadContent(workspace.contentDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems.map(formatProblem);
    expect(problems).toHaveLength(3);
    // Sorted as npm run check sorts them: by file, then position.
    expect(problems[0]).toMatch(/2026-04-20\.json:1:3: not valid JSON/);
    expect(problems[1]).toBe(`${path.join(papers, "bad-one.md")}:3:10: authors: expected a whole number of at least 1, got "many"`);
    expect(problems[2]).toMatch(new RegExp(`^${path.join(papers, "bad-two.md")}:1:1: `));
    expect((error as Error).message).toContain("3 problems");
  });
});
