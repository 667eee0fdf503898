/**
 * A site built for a sub-path (a GitHub Pages project site): every internal URL stays under the
 * prefix, written relative to its page when that is shorter, except on the 404 page, which is
 * served at any missing address.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";
import { linkTargets, listedSlugs, urlOf, walkFiles } from "../helpers/html.js";

const PREFIX = "/paper-digest/";

let workspace: Workspace;
let files: string[];
let pages: Map<string, string>;

beforeAll(async () => {
  workspace = await makeWorkspace({ generated: 120 });
  await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir, pathPrefix: PREFIX });
  files = await walkFiles(workspace.outDir);
  pages = new Map();
  for (const file of files.filter((f) => f.endsWith(".html"))) {
    pages.set(urlOf(file), await readFile(path.join(workspace.outDir, file), "utf8"));
  }
});

afterAll(async () => {
  await workspace.remove();
});

describe(`a site built for ${PREFIX}`, () => {
  it("keeps every internal link, stylesheet, script and form under the prefix, and each resolves to a built file", () => {
    let relative = 0;
    let links = 0;
    for (const [url, html] of pages) {
      for (const link of linkTargets(html).filter((t) => !/^(https?:|#)/.test(t))) {
        links++;
        if (!link.startsWith("/")) relative++;
        const target = new URL(link, `http://site${PREFIX}${url.slice(1)}`).pathname;
        expect(target.startsWith(PREFIX), `${link} on ${url}`).toBe(true);
        const rest = target.slice(PREFIX.length);
        const file = rest === "" || rest.endsWith("/") ? `${rest}index.html` : rest;
        expect(files, `${link} on ${url}`).toContain(file.split("/").join(path.sep));
      }
    }
    expect(links).toBeGreaterThan(pages.size);
    // Most links are shorter relative to their page than with the prefix.
    expect(relative / links).toBeGreaterThan(0.5);
    for (const link of linkTargets(page("/404.html")).filter((t) => !/^(https?:|#)/.test(t))) expect(link.startsWith(PREFIX), link).toBe(true);
    const paper = [...pages.keys()].find((u) => u.startsWith("/papers/"))!;
    expect(page(paper)).toContain('<a class="site-name" href="../../">');
  });

  it("writes attributes without a value as its templates do, though the prefix plugin re-serialises every page", () => {
    expect(page("/")).toContain(`<script src="assets/site.js" defer></script>`);
    for (const [url, html] of pages) expect(html.match(/ (defer|hidden|data-pagefind-[a-z]+)=""/g), url).toBeNull();
  });

  it("keeps its paper lists and pagination under the prefix", () => {
    expect(listedSlugs(page("/dates/2024/05/page/2/"), PREFIX).length).toBeGreaterThan(0);
    expect(page("/dates/2024/05/")).toContain(`href="page/2/" rel="next"`);
    expect(page("/search/")).toContain(`<script type="module" src="../assets/search.js"></script>`);
    expect(page("/404.html")).toContain(`action="${PREFIX}search/"`);
  });
});

function page(url: string): string {
  const html = pages.get(url);
  if (html === undefined) throw new Error(`no page at ${url}`);
  return html;
}
