/**
 * Two builds of the same content, written at different times into different folders, are byte for
 * byte the same: nothing depends on clocks, file times or directory order.
 */
import { readFile, utimes } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildSite } from "../scripts/lib/build-site.js";
import { makeWorkspace, type Workspace } from "./helpers/fixture.js";
import { walkFiles } from "./helpers/html.js";

let first: Workspace;
let second: Workspace;

beforeAll(async () => {
  first = await makeWorkspace({ generated: 110 });
  second = await makeWorkspace({ generated: 110 });
  const past = new Date(Date.UTC(2001, 0, 1));
  for (const file of await walkFiles(second.contentDir)) await utimes(path.join(second.contentDir, file), past, past);
  await buildSite({ contentDir: first.contentDir, outDir: first.outDir });
  await buildSite({ contentDir: second.contentDir, outDir: second.outDir });
});

afterAll(async () => {
  await first.remove();
  await second.remove();
});

it("gives byte-identical sites, search index included", async () => {
  const files = await walkFiles(first.outDir);
  expect(await walkFiles(second.outDir)).toEqual(files);
  expect(files.some((f) => f.startsWith(`pagefind${path.sep}`))).toBe(true);
  for (const file of files) {
    const [a, b] = await Promise.all([readFile(path.join(first.outDir, file)), readFile(path.join(second.outDir, file))]);
    expect(a.equals(b), file).toBe(true);
  }
});
