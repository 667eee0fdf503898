/**
 * Nunjucks compiles each template once per build, not once per page it makes: a paginated page
 * whose body or permalink is a template would be compiled for every paper (scripts/eleventy/pages.ts).
 * The count is read off nunjucks itself, around two renders that differ only in their number of papers.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderInProcess } from "../../scripts/build/render.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";

type Compile = (this: unknown, ...args: unknown[]) => unknown;
const nunjucks = createRequire(path.resolve("node_modules/@11ty/eleventy/package.json"))("nunjucks") as {
  Template: { prototype: { _compile: Compile } };
};

async function render(workspace: Workspace): Promise<{ files: number; compiles: number }> {
  const original = nunjucks.Template.prototype._compile;
  let compiles = 0;
  nunjucks.Template.prototype._compile = function (...args) {
    compiles++;
    return original.apply(this, args);
  };
  try {
    const files = await renderInProcess(workspace.contentDir, workspace.outDir);
    return { files, compiles };
  } finally {
    nunjucks.Template.prototype._compile = original;
  }
}

const workspaces: Workspace[] = [];
let small: { files: number; compiles: number };
let large: { files: number; compiles: number };

beforeAll(async () => {
  workspaces.push(await makeWorkspace({ generated: 10 }), await makeWorkspace({ generated: 130 }));
  small = await render(workspaces[0]!);
  large = await render(workspaces[1]!);
}, 120_000);

afterAll(async () => {
  await Promise.all(workspaces.map((w) => w.remove()));
});

describe("template compiles", () => {
  it("do not grow with the number of pages", () => {
    expect(large.files - small.files).toBeGreaterThanOrEqual(120);
    expect(small.compiles).toBeGreaterThan(0);
    expect(large.compiles).toBe(small.compiles);
  });

  it("stay below the number of pages a small site has", () => {
    expect(small.compiles).toBeLessThan(small.files);
  });
});
