/**
 * `npm run build` ingests sources/ first and treats a listing's skipped entries as `npm run ingest`
 * does: the build fails with each entry's file:line and leaves content and site alone, unless
 * ALLOW_SKIPS=1.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const BUILD = path.join(ROOT, "scripts", "build.ts");
const LISTING = "Apr 14, 2026\nA Listed Paper\nIts abstract, in prose.\n• 2 authors\n·\nApr 1, 2026\nLonely Title\n• 3 authors\n";

function build(cwd: string, allowSkips?: string) {
  // Without the test runner's `--import tsx`, which would be looked up from the workspace.
  const { NODE_OPTIONS: _, PATH_PREFIX: __, ALLOW_SKIPS: ___, ...env } = process.env;
  const run = spawnSync(TSX, [BUILD], { cwd, env: allowSkips === undefined ? env : { ...env, ALLOW_SKIPS: allowSkips }, encoding: "utf8" });
  // Eleventy's "[11ty] Benchmark" notes for slow steps go to stderr on a loaded machine: not a problem.
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.replace(/^\[11ty\] Benchmark .*\n/gm, "") };
}

describe("npm run build with a listing that has a skipped entry", () => {
  let workspace: Workspace;
  let papersBefore: string[];
  beforeAll(async () => {
    workspace = await makeWorkspace();
    mkdirSync(path.join(workspace.root, "sources"));
    writeFileSync(path.join(workspace.root, "sources", "2026-04-14.txt"), LISTING);
    papersBefore = readdirSync(path.join(workspace.contentDir, "papers")).sort();
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it("fails with file:line, writing no content and no site", () => {
    const result = build(workspace.root);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('sources/2026-04-14.txt:7: title "Lonely Title" has no abstract; entry and its metadata skipped\n');
    expect(result.stderr).toBe(
      "Build failed: 1 entry in 1 listing could not be placed (above); nothing was written\nFix the listing, or build with ALLOW_SKIPS=1 to leave them out.\n",
    );
    expect(readdirSync(path.join(workspace.contentDir, "papers")).sort()).toEqual(papersBefore);
    expect(existsSync(path.join(workspace.root, "site"))).toBe(false);
  });

  it("refuses an ALLOW_SKIPS it cannot read", () => {
    const result = build(workspace.root, "yes please");
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('Build failed: ALLOW_SKIPS must be 1 or 0, not "yes please"\n');
  });

  it("builds without the entry with ALLOW_SKIPS=1, still reporting it", () => {
    const result = build(workspace.root, "1");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('sources/2026-04-14.txt:7: title "Lonely Title" has no abstract; entry and its metadata skipped\n');
    expect(readdirSync(path.join(workspace.contentDir, "papers"))).toContain("a-listed-paper.md");
    expect(existsSync(path.join(workspace.root, "site", "papers", "a-listed-paper", "index.html"))).toBe(true);
  });
});
