/**
 * The build reads and writes only inside the project. Symbolic links in the content (a paper file,
 * the papers folder, any folder) are refused with the link named, before anything follows them:
 * links to a FIFO prove it, since opening one for reading would block. Titles, organisations and
 * file or manifest names that look like paths never become paths.
 */
import { execFileSync } from "node:child_process";
import { constants, existsSync, openSync, closeSync } from "node:fs";
import { mkdir, readdir, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { checkContent } from "../../scripts/check/check-content.js";
import { formatProblem } from "../../scripts/check/problem.js";
import { listFiles } from "../../scripts/verify/check-site.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";

const CANARY = "Canary paper from outside the project";
const PAPER = `---\ntitle: "${CANARY}"\ndigests: [2026-04-13]\n---\nThe canary's abstract.\n`;

let workspace: Workspace;
/** A folder beside the project's content, standing for anywhere else on the machine. */
let outside: string;

beforeAll(async () => {
  workspace = await makeWorkspace();
  outside = path.join(workspace.root, "elsewhere");
  await mkdir(outside);
  await writeFile(path.join(outside, "canary.md"), PAPER);
  await writeFile(path.join(outside, "page.njk"), "{{ 7 * 7 }}");
  execFileSync("mkfifo", [path.join(outside, "fifo")]);
  await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir });
});

afterAll(async () => {
  await workspace.remove();
});

/** True when some process holds the FIFO open for reading (opening its write end would then succeed). */
function fifoHasReader(fifo: string): boolean {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENXIO") return false;
    throw error;
  }
}

/** The error a build fails with; the site from before must be left exactly as it was. */
async function buildError(): Promise<Error> {
  const before = await listFiles(workspace.outDir);
  const error = await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir }).then(
    () => new Error("the build succeeded"),
    (e: unknown) => e as Error,
  );
  expect(await listFiles(workspace.outDir)).toEqual(before);
  return error;
}

describe("a symbolic link in the content", () => {
  it.each([
    ["a paper file linking outside", "papers/linked-paper.md", () => path.join(outside, "canary.md")],
    ["a paper file linking to a FIFO outside", "papers/linked-fifo.md", () => path.join(outside, "fifo")],
    ["a folder linking outside", "extra", () => outside],
    ["a paper file linking to another paper", "papers/copy-of-a-paper.md", () => path.join(workspace.contentDir, "papers", "markdown-link-tricks.md")],
  ])("is refused, named, and not followed: %s", async (_, name, target) => {
    const link = path.join(workspace.contentDir, name);
    await symlink(target(), link);
    try {
      const error = await buildError();
      expect(error.message).toContain(`${link}:1:1: is a symbolic link (to ${target()})`);
      expect(fifoHasReader(path.join(outside, "fifo"))).toBe(false);
      const check = await checkContent(workspace.contentDir);
      expect(check.problems.map(formatProblem)).toContain(
        `${link}:1:1: is a symbolic link (to ${target()}); the build does not follow links in content: put the file itself here`,
      );
    } finally {
      await rm(link);
    }
  });

  it("is refused as the papers folder itself", async () => {
    const papers = path.join(workspace.contentDir, "papers");
    const real = path.join(workspace.root, "real-papers");
    execFileSync("mv", [papers, real]);
    await symlink(outside, papers);
    try {
      expect((await buildError()).message).toContain(`${papers}:1:1: is a symbolic link (to ${outside})`);
    } finally {
      await rm(papers);
      execFileSync("mv", [real, papers]);
    }
  });

  it("is refused when it is a FIFO in the content, which a read would hang on", async () => {
    const fifo = path.join(workspace.contentDir, "papers", "a-pipe.md");
    execFileSync("mkfifo", [fifo]);
    try {
      expect((await buildError()).message).toContain(`${fifo}:1:1: is neither a file nor a folder`);
      expect(fifoHasReader(fifo)).toBe(false);
    } finally {
      await rm(fifo);
    }
  });
});

describe("path-like text", () => {
  it("in titles and organisations stays text, and every file is written inside the output folder", async () => {
    const paper = path.join(workspace.contentDir, "papers", "path-like-title.md");
    const manifest = path.join(workspace.contentDir, "digests", "2026-04-13.json");
    const listed = await readFile(manifest, "utf8");
    const title = "../../../../../tmp/escaped-by-title/index";
    await writeFile(paper, `---\ntitle: "${title}"\norganization: "/etc/passwd\\u0000"\ndigests: [2026-04-13]\n---\n..\\\\..\\\\windows\\\\system32\n`);
    const entries = JSON.parse(listed) as { date: string; papers: { slug: string; title: string }[] };
    entries.papers.push({ slug: "path-like-title", title });
    await writeFile(manifest, JSON.stringify(entries));
    try {
      await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir });
      const out = await realpath(workspace.outDir);
      for (const file of await listFiles(workspace.outDir))
        expect((await realpath(path.join(workspace.outDir, file))).startsWith(`${out}${path.sep}`)).toBe(true);
      expect(await readFile(path.join(workspace.outDir, "papers", "path-like-title", "index.html"), "utf8")).toContain(
        "../../../../../tmp/escaped-by-title/index",
      );
      expect(existsSync("/tmp/escaped-by-title")).toBe(false);
      expect((await readdir(workspace.root)).sort()).toEqual(["content", "elsewhere", "site"]);
    } finally {
      await rm(paper);
      await writeFile(manifest, listed);
    }
  });

  it.each([
    ["a paper file name", "papers/x..%2F..%2Fescaped.md", PAPER, /x\.\.%2F\.\.%2Fescaped\.md:1:1: file name is not a slug/],
    // A dotfile is not content to the checker, but the build still refuses it, by name.
    ["a hidden paper file name", "papers/..%2F..%2Fescaped.md", PAPER, /papers\/\.\.%2F\.\.%2Fescaped\.md:1:1: only papers\/<slug>\.md/],
    ["a manifest slug", "digests/2026-04-20.json", '{ "date": "2026-04-20", "papers": [{ "slug": "../../escaped", "title": "X" }] }', /expected a slug/],
  ])("in %s is refused", async (_, name, text, message) => {
    const file = path.join(workspace.contentDir, name);
    await writeFile(file, text);
    try {
      expect((await buildError()).message).toMatch(message);
    } finally {
      await rm(file);
    }
    expect(existsSync(path.join(workspace.root, "escaped.md"))).toBe(false);
  });
});
