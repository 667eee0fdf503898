/**
 * A site anyone can serve: `npm run build` run under umask 077 (what a careful user or a CI image
 * may have) still publishes `site/` with every folder 0755 and every file 0644, so that a web server
 * running as another user can read it.
 */
import { spawnSync } from "node:child_process";
import { lstatSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const BUILD = path.join(ROOT, "scripts", "build.ts");

/** Every entry under `dir` with its permission bits, as "path mode" lines, and a count per kind. */
function modes(dir: string): { wrong: string[]; folders: number; files: number } {
  const out = { wrong: [] as string[], folders: 0, files: 0 };
  const visit = (at: string) => {
    const stat = lstatSync(at);
    const mode = stat.mode & 0o7777;
    if (stat.isDirectory()) {
      out.folders++;
      if (mode !== 0o755) out.wrong.push(`${path.relative(dir, at) || "."}/ ${mode.toString(8)}`);
      for (const name of readdirSync(at)) visit(path.join(at, name));
    } else {
      out.files++;
      if (!stat.isFile() || mode !== 0o644) out.wrong.push(`${path.relative(dir, at)} ${stat.isFile() ? mode.toString(8) : "not a regular file"}`);
    }
  };
  visit(dir);
  return out;
}

describe("npm run build under umask 077", () => {
  let workspace: Workspace;
  beforeAll(async () => {
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it("publishes folders 0755 and files 0644", () => {
    // Without the test runner's `--import tsx`, which would be looked up from the workspace.
    const { NODE_OPTIONS: _, PATH_PREFIX: __, ...env } = process.env;
    const build = spawnSync("sh", ["-c", 'umask 077 && "$0" "$1" && : > umask-probe', TSX, BUILD], { cwd: workspace.root, env, encoding: "utf8" });
    // Eleventy's "[11ty] Benchmark" notes for slow steps go to stderr on a loaded machine: not a problem.
    expect(build.stderr.replace(/^\[11ty\] Benchmark .*\n/gm, "")).toBe("");
    expect(build.status).toBe(0);
    const site = modes(path.join(workspace.root, "site"));
    expect(site.wrong).toEqual([]);
    // Pages, search shards and copied assets were all looked at.
    expect(site.folders).toBeGreaterThan(10);
    expect(site.files).toBeGreaterThan(50);
    // The umask did apply: a file the same shell made after the build follows it.
    expect(lstatSync(path.join(workspace.root, "umask-probe")).mode & 0o777).toBe(0o600);
  }, 180_000);
});
