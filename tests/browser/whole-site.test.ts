/**
 * The whole-site checks, on the fixture content and on the real content, each built as it is
 * deployed (under a path prefix, with a site URL and a repository): no broken link or anchor in
 * any file, the page policy and html-validate on every page, every page loaded in Chromium under
 * its Content-Security-Policy without a violation, an error or a stray request, search working
 * under that policy, and no axe-core violation on the pages the issue names. Prints its figures.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { loadContent } from "../../scripts/check/content.js";
import { checkSite, figuresOf, listFiles, type SiteReport } from "../../scripts/verify/check-site.js";
import { formatHtmlProblem } from "../../scripts/verify/validate-html.js";
import { formatBrokenLink } from "../../scripts/verify/links.js";
import { axeViolations } from "../helpers/axe.js";
import { describe, it, launchBrowser } from "../helpers/browser.js";
import { makeWorkspace } from "../helpers/fixture.js";
import { type WatchedPage, watchPage } from "../helpers/page-watch.js";
import { type StaticServer, serveStatic } from "../helpers/static-server.js";

const PREFIX = "/paper-digest/";
const DEPLOYED = { SITE_URL: "https://example.org/paper-digest", SITE_REPOSITORY: "https://github.com/example/paper-digest" };
const REAL_CONTENT = "content";

interface Workspace {
  contentDir: string;
  outDir: string;
  remove(): Promise<void>;
}

const sites: { name: string; prepare(): Promise<Workspace> }[] = [{ name: "fixture site", prepare: () => makeWorkspace({ generated: 110 }) }];
if (existsSync(path.join(REAL_CONTENT, "papers"))) {
  sites.push({
    name: "real site",
    prepare: async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), "paper-digest-whole-"));
      return { contentDir: REAL_CONTENT, outDir: path.join(root, "site"), remove: () => rm(root, { recursive: true, force: true }) };
    },
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  Object.assign(process.env, DEPLOYED);
});
afterAll(async () => {
  await browser.close();
  for (const name of Object.keys(DEPLOYED)) delete process.env[name];
});

describe.each(sites)("$name", ({ name, prepare }) => {
  let workspace: Workspace;
  let report: SiteReport;
  let files: string[];
  let server: StaticServer;
  let watched: WatchedPage;
  let searchWord: string;
  const figures: string[] = [];

  beforeAll(async () => {
    workspace = await prepare();
    await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir, pathPrefix: PREFIX });
    report = await checkSite({ dir: workspace.outDir, pathPrefix: PREFIX, siteUrl: DEPLOYED.SITE_URL });
    figures.push(figuresOf(report));
    files = await listFiles(workspace.outDir);
    server = await serveStatic(workspace.outDir, PREFIX);
    watched = await watchPage(browser, { base: server.url, files: new Set(files) });
    // The longest word of the first paper's title: a search that must find at least that paper.
    const [first] = (await loadContent(workspace.contentDir)).papers;
    searchWord = [...(first?.title ?? "").matchAll(/\p{L}{4,}/gu)].map((m) => m[0]).sort((a, b) => b.length - a.length)[0] ?? "";
  });

  afterAll(async () => {
    await watched.close();
    await server.close();
    await workspace.remove();
    console.log(`figures: whole-site ${name}: ${figures.join("; ")}`);
  });

  it("has no broken link or anchor in any page, feed or export", () => {
    expect(report.links.broken.map(formatBrokenLink)).toEqual([]);
    expect(report.links.internal).toBeGreaterThan(files.length);
    expect(report.links.fragments).toBeGreaterThan(0);
  });

  it("keeps the page policy on every page, as published", () => {
    expect(report.policy.problems).toEqual([]);
    expect(report.policy.pages).toBe(files.filter((f) => f.endsWith(".html")).length);
  });

  it("passes html-validate on every page", () => {
    expect(report.html.problems.map(formatHtmlProblem)).toEqual([]);
    expect(report.html.pages).toBe(report.policy.pages);
  });

  it("loads every page in Chromium under its CSP with no violation, error or request elsewhere", { timeout: 600_000 }, async () => {
    const pages = files.filter((f) => f.endsWith(".html"));
    const problems: string[] = [];
    for (const file of pages) {
      const url = `${server.url}${file.replace(/(^|\/)index\.html$/, "$1")}`;
      const response = await watched.page.goto(url, { waitUntil: "load" });
      const status = response?.status() ?? 0;
      // 404.html is served with its status only for unknown paths; by its own name it is a file.
      if (status !== 200) problems.push(`${url}: HTTP ${status}`);
      problems.push(...(await watched.take()).map((p) => `${url}: ${p}`));
    }
    figures.push(`${pages.length} pages loaded in Chromium, ${problems.length} problems`);
    expect(problems).toEqual([]);
  });

  it("searches under the CSP, index and worker included", async () => {
    await watched.page.goto(`${server.url}search/?q=${encodeURIComponent(searchWord)}`);
    await expect.poll(() => watched.page.locator("#search-status").textContent(), { timeout: 20_000 }).toMatch(/^\d+ papers? found/);
    expect(await watched.page.locator("#search-results li").count()).toBeGreaterThan(0);
    expect(watched.requests.some((u) => u.endsWith("/pagefind/pagefind-worker.js"))).toBe(true);
    expect(await watched.take()).toEqual([]);
  });

  it("has no axe-core violation on the home page, a paper, each index, an archive page and search results", async () => {
    const archive = files.find((f) => /^dates\/\d{4}\/\d{2}\/index\.html$/.test(f))?.replace(/index\.html$/, "");
    const paper = files.find((f) => f.startsWith("papers/") && f.endsWith("/index.html"))?.replace(/index\.html$/, "");
    const urls = ["", paper, "digests/", "dates/", "authors/", archive, `search/?q=${encodeURIComponent(searchWord)}`];
    let rules = 0;
    const violations: string[] = [];
    for (const url of urls) {
      expect(url, "a page to check").toBeDefined();
      await watched.page.goto(`${server.url}${url}`);
      if (url?.startsWith("search/")) await expect.poll(() => watched.page.locator("#search-results li").count(), { timeout: 20_000 }).toBeGreaterThan(0);
      const result = await axeViolations(watched.page);
      rules = Math.max(rules, result.rules);
      violations.push(...result.violations.map((v) => `${url}: ${v.rule} (${v.impact}): ${v.help}: ${v.targets.join(", ")}`));
    }
    expect(await watched.take()).toEqual([]);
    figures.push(`axe-core (${rules} rules) on ${urls.length} pages: ${violations.length} violations`);
    expect(violations).toEqual([]);
  });
});
