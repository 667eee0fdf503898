/**
 * The XSS corpus (tests/fixtures/xss-payloads.ts) in titles, organisations and abstracts, written as
 * ingest writes content and as a contributor might hand-edit it, built into a site and visited in
 * headless Chromium: every page, search results for a word all of them share, and every feed or
 * export the site has. The browser context bypasses the Content-Security-Policy, so that escaping
 * alone is on trial (the policy is the second line, tested in whole-site.test.ts). On each page:
 * no dialog and no call of alert/confirm/prompt/print or `window.__xss`, no element the templates do
 * not write, no handler, inline style, inline script or script URL anywhere, no request but for the
 * site's own files, and titles and organisations shown as the very text they are. In the files
 * themselves, no payload appears unescaped in HTML or XML. Prints its figures.
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { CLIENT_SOURCES } from "../../scripts/eleventy/client-bundle.js";
import { walkMarkup } from "../../scripts/verify/html-walk.js";
import { listFiles } from "../../scripts/verify/check-site.js";
import { XSS_PAYLOADS } from "../fixtures/xss-payloads.js";
import { describe, it, launchBrowser } from "../helpers/browser.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";
import { type WatchedPage, watchPage } from "../helpers/page-watch.js";
import { type StaticServer, serveStatic } from "../helpers/static-server.js";
import { type HostilePaper, SEARCH_WORD, writeHostileContent } from "../helpers/xss-content.js";

/** What markdown-it (raw HTML and images off) can write into an abstract. */
const MARKDOWN_ELEMENTS = [
  "p",
  "a",
  "em",
  "strong",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "br",
  "s",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
];
/** Files whose type the browser shows as a document (and so could run script in). */
const BROWSABLE = new Set([".xml", ".atom", ".rss", ".svg", ".json", ".txt", ".webmanifest"]);
/** Files whose markup must escape every payload: `<` in them is markup. */
const MARKUP = new Set([".html", ".xml", ".atom", ".rss", ".svg"]);
const SPECIAL = /[<>"'&]/;

/** Replaces the dialogs and leaves a trap on `window.__xss`, so that any payload that runs says so. */
const HOOKS = `(() => {
  const calls = (window.__xssCalls = []);
  for (const name of ["alert", "confirm", "prompt", "print"]) window[name] = (...args) => { calls.push(name + "(" + args.join(",") + ")"); };
  Object.defineProperty(window, "__xss", { set(value) { calls.push("__xss=" + value); }, get() { return undefined; } });
})();`;

interface DomReport {
  problems: string[];
  calls: string[];
  /** Payload tags (`[ingest-07]`) in the document's text. */
  tags: string[];
}

/**
 * Runs in the page: everything a payload that turned into markup would leave behind. `allowed`
 * is the element names of an HTML page; feeds and exports (XML, JSON, text) have no such list.
 */
function inspectDom(allowed: string[] | null): DomReport {
  // Defined in here: this function runs in the page, where nothing from the test's module exists.
  const isJson = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };
  const problems: string[] = [];
  const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "srcdoc"]);
  for (const element of document.querySelectorAll("*")) {
    const tag = element.localName;
    if (allowed && !allowed.includes(tag)) problems.push(`<${tag}>, which no template writes`);
    for (const { name, value } of element.attributes) {
      if (name.startsWith("on")) problems.push(`<${tag} ${name}>`);
      // Only in a page: the browser's own viewer styles what it shows of a text file.
      if (name === "style" && allowed) problems.push(`<${tag} style="${value}">`);
      const url = value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
      if (urlAttributes.has(name) && /^(javascript|vbscript|data|file):/.test(url)) problems.push(`<${tag} ${name}="${value}">`);
    }
    const siteScript = element instanceof HTMLScriptElement && element.src !== "" && new URL(element.src).origin === location.origin;
    // A JSON-LD block in the head is data the browser never runs; it must still be JSON, whole.
    const dataBlock =
      element instanceof HTMLScriptElement &&
      element.type === "application/ld+json" &&
      element.src === "" &&
      element.closest("head") !== null &&
      isJson(element.text);
    if (tag === "script" && !siteScript && !dataBlock) problems.push("a script that is not one of the site's files");
    // An SVG chart's <title> is its accessible name, not the document's.
    const svgTitle = tag === "title" && element.closest("svg") !== null;
    if (allowed && ["meta", "link", "title", "script", "base", "style"].includes(tag) && !svgTitle && !element.closest("head"))
      problems.push(`<${tag}> outside <head>`);
  }
  const calls = (window as unknown as { __xssCalls?: string[] }).__xssCalls ?? [];
  const tags = [...new Set((document.documentElement.textContent ?? "").match(/\[(?:ingest|hand)-\d\d\]/g) ?? [])];
  return { problems, calls: [...calls], tags };
}

let browser: Browser;
let workspace: Workspace;
let papers: HostilePaper[];
let files: string[];
let server: StaticServer;
let watched: WatchedPage;
let allowedElements: string[];
const figures = { pages: 0, documents: 0, pairs: 0, requests: 0, escapedFiles: 0, searchResults: 0 };

/**
 * The element names our code writes: those in a build of the ordinary fixture (the templates), those
 * the browser scripts create, and Markdown's. Derived, so that pages and scripts added later count.
 */
async function siteElements(): Promise<string[]> {
  const names = new Set(MARKDOWN_ELEMENTS);
  const control = await makeWorkspace();
  try {
    await buildSite({ contentDir: control.contentDir, outDir: control.outDir });
    for (const file of (await listFiles(control.outDir)).filter((f) => f.endsWith(".html"))) {
      walkMarkup(await readFile(path.join(control.outDir, file), "utf8"), { tag: ({ name }) => names.add(name) });
    }
  } finally {
    await control.remove();
  }
  for (const file of (await listFiles(CLIENT_SOURCES)).filter((f) => f.endsWith(".ts"))) {
    for (const match of (await readFile(path.join(CLIENT_SOURCES, file), "utf8")).matchAll(/createElement(?:NS)?\([^)]*?["'`]([a-z][a-z0-9-]*)["'`]\)/g))
      names.add(match[1] ?? "");
  }
  return [...names].sort();
}

beforeAll(async () => {
  allowedElements = await siteElements();
  workspace = await makeWorkspace();
  // Only the corpus: the ordinary fixture papers would only dilute the pages.
  await Promise.all(["papers", "digests"].map((d) => rm(path.join(workspace.contentDir, d), { recursive: true })));
  papers = await writeHostileContent(workspace.contentDir);
  await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir });
  files = await listFiles(workspace.outDir);
  server = await serveStatic(workspace.outDir);
  browser = await launchBrowser();
  watched = await watchPage(browser, { base: server.url, files: new Set(files), initScripts: [HOOKS], context: { bypassCSP: true } });
});

afterAll(async () => {
  await watched.close();
  await browser.close();
  await server.close();
  await workspace.remove();
  console.log(
    `figures: xss: ${XSS_PAYLOADS.length} payloads, each in a title, an organisation and an abstract, ingested and hand-edited (${papers.length} papers); ` +
      `${figures.pages} pages and ${figures.documents} feeds or exports visited in Chromium (CSP bypassed), ${figures.pairs} payload × page pairs shown, ` +
      `${figures.searchResults} search results, ${figures.requests} requests, all to the site's own files; ${figures.escapedFiles} files checked for unescaped payloads; 0 ran`,
  );
});

async function inspect(url: string, allowed: string[] | null = allowedElements): Promise<DomReport> {
  const report = await watched.page.evaluate(inspectDom, allowed);
  const noticed = await watched.take();
  return { ...report, problems: [...new Set([...report.problems, ...noticed])].map((p) => `${url}: ${p}`) };
}

function expectClean(report: DomReport): void {
  expect(report.calls, "scripts that ran").toEqual([]);
  expect(report.problems).toEqual([]);
}

describe("the XSS corpus", () => {
  it("has at least 50 payloads, every kind the issue names", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(XSS_PAYLOADS.map((p) => p.kind)).size).toBeGreaterThanOrEqual(10);
  });

  it("never appears unescaped in the HTML or XML the site is made of", async () => {
    const risky = papers.filter((p) => SPECIAL.test(p.payload));
    for (const file of files.filter((f) => MARKUP.has(path.extname(f)) && !f.startsWith("pagefind/"))) {
      const text = await readFile(path.join(workspace.outDir, file), "utf8");
      for (const paper of risky) expect(text.includes(paper.title), `${file} holds ${paper.tag} as markup`).toBe(false);
      figures.escapedFiles++;
    }
  });

  it("runs nothing and injects nothing on any page, and shows every title and organisation as text", async () => {
    const bySlug = new Map(papers.map((p) => [p.slug, p]));
    for (const file of files.filter((f) => f.endsWith(".html"))) {
      const url = `${server.url}${file.replace(/(^|\/)index\.html$/, "$1")}`;
      await watched.page.goto(url, { waitUntil: "load" });
      const report = await inspect(url);
      expectClean(report);
      figures.pages++;
      figures.pairs += report.tags.length;
      const paper = bySlug.get(/^papers\/([^/]+)\/index\.html$/.exec(file)?.[1] ?? "");
      if (paper) {
        expect(await watched.page.locator("h1").textContent()).toBe(paper.title);
        expect(await watched.page.title()).toMatch(new RegExp(`^${paper.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} · `));
        expect(await watched.page.locator(".byline").textContent()).toBe(paper.organization);
        if (paper.tag.startsWith("ingest-")) expect(await watched.page.locator(".abstract").textContent()).toContain(paper.payload);
      }
    }
    expect(figures.pages).toBeGreaterThan(papers.length);
  }, 600_000);

  it("runs nothing and injects nothing in search results that list every payload", async () => {
    await watched.page.goto(`${server.url}search/?q=${SEARCH_WORD}`);
    await expect
      .poll(() => watched.page.locator("#search-status").textContent(), { timeout: 30_000 })
      .toBe(`${papers.length} papers found for “${SEARCH_WORD}”`);
    const more = watched.page.locator("#search-more");
    while (await more.isVisible()) {
      const shown = await watched.page.locator("#search-results li").count();
      await more.click();
      await expect.poll(() => watched.page.locator("#search-results li").count()).toBeGreaterThan(shown);
    }
    const titles = await watched.page.locator("#search-results li h2 a").allTextContents();
    expect(titles.sort()).toEqual(papers.map((p) => p.title).sort());
    const report = await inspect("search results");
    expectClean(report);
    figures.searchResults = titles.length;
    figures.pairs += report.tags.length;
  });

  it("runs nothing in the feeds and exports, as served", async () => {
    const documents = files.filter((f) => BROWSABLE.has(path.extname(f)) && !f.startsWith("pagefind/") && !f.startsWith("assets/"));
    for (const file of documents) {
      await watched.page.goto(`${server.url}${file}`, { waitUntil: "load" });
      expectClean(await inspect(file, null));
      figures.documents++;
    }
    figures.requests = watched.requests.length;
    expect(watched.requests.every((u) => u.startsWith(server.url))).toBe(true);
  });
});
