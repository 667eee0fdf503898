/**
 * The reading list in headless Chromium, on the fixture site served under a path prefix with its
 * Content-Security-Policy in force: Save on two paper pages, /saved/ lists them, the BibTeX download
 * parses, the share link restores the list in a fresh browser (add, replace), Remove, the pages
 * without JavaScript, hostile titles as text, and axe-core. Every page is watched for CSP
 * violations, console errors and requests for anything but the site's own files.
 */
import { readFile } from "node:fs/promises";
import { parse } from "@retorquere/bibtex-parser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { type Content, loadContent } from "../../scripts/check/content.js";
import { storageKey } from "../../scripts/client/saved-list.js";
import type { PaperRecord } from "../../scripts/content/paper.js";
import { formatDay } from "../../scripts/catalog/format.js";
import { listFiles } from "../../scripts/verify/check-site.js";
import { axeViolations } from "../helpers/axe.js";
import { describe, it, launchBrowser } from "../helpers/browser.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";
import { type WatchedPage, watchPage } from "../helpers/page-watch.js";
import { type StaticServer, serveStatic } from "../helpers/static-server.js";

const PREFIX = "/paper-digest/";
/** A hostile title (markup and a script in it) and an ordinary dated one. */
const HOSTILE = "script-alert-1-script";
const DATED = "interpretable-structural-model-error-discovery";
const THIRD = "scaling-laws-for-industrial-retrieval";

let browser: Browser;
let workspace: Workspace;
let server: StaticServer;
let content: Content;
let files: Set<string>;
const watched: WatchedPage[] = [];

beforeAll(async () => {
  workspace = await makeWorkspace();
  await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir, pathPrefix: PREFIX });
  content = await loadContent(workspace.contentDir);
  files = new Set(await listFiles(workspace.outDir));
  server = await serveStatic(workspace.outDir, PREFIX);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const w of watched) await w.close();
  await browser.close();
  await server.close();
  await workspace.remove();
});

/** A fresh browser context (its own storage), watched; `javaScriptEnabled: false` for the no-JS pages. */
async function freshBrowser(javaScriptEnabled = true): Promise<WatchedPage> {
  const w = await watchPage(browser, { base: server.url, files, context: { javaScriptEnabled, acceptDownloads: true } });
  watched.push(w);
  return w;
}

function paperOf(slug: string): PaperRecord {
  const paper = content.papers.find((p) => p.slug === slug);
  if (!paper) throw new Error(`no fixture paper ${slug}`);
  return paper;
}

const paperUrl = (slug: string) => `${server.url}papers/${slug}/`;
const saveButton = (page: Page) => page.locator(".save-line button");

async function savedLinks(page: Page, list = "#saved-list"): Promise<{ text: string; href: string }[]> {
  return page.locator(`${list} li h2 a`).evaluateAll((links) => links.map((a) => ({ text: a.textContent ?? "", href: a.getAttribute("href") ?? "" })));
}

const listed = (...slugs: string[]) => slugs.map((slug) => ({ text: paperOf(slug).title, href: `${PREFIX}papers/${slug}/` }));

async function save(page: Page, slug: string): Promise<void> {
  await page.goto(paperUrl(slug));
  const button = saveButton(page);
  await expect.poll(() => button.isVisible()).toBe(true);
  expect(await button.getAttribute("aria-pressed")).toBe("false");
  expect(await button.textContent()).toBe("Save");
  await button.click();
  expect(await button.getAttribute("aria-pressed")).toBe("true");
  expect(await button.textContent()).toBe("Saved");
}

async function openSaved(page: Page, hash = ""): Promise<void> {
  await page.goto(`${server.url}saved/${hash}`);
  await expect.poll(() => page.locator("#saved-status").textContent()).not.toBe("");
}

describe("the reading list", () => {
  let reader: WatchedPage;
  let shareUrl: string;

  beforeAll(async () => {
    reader = await freshBrowser();
  });

  it("saves from two paper pages, by mouse and keyboard, and remembers it on reload", async () => {
    const { page } = reader;
    await save(page, HOSTILE);
    await page.reload();
    expect(await saveButton(page).getAttribute("aria-pressed")).toBe("true");
    await page.goto(paperUrl(DATED));
    await saveButton(page).focus();
    await page.keyboard.press("Enter");
    expect(await saveButton(page).getAttribute("aria-pressed")).toBe("true");
    // The name a screen reader hears, and the page it belongs to.
    expect(await page.getByRole("button", { name: "Saved", pressed: true }).count()).toBe(1);
    expect(await reader.take()).toEqual([]);
  });

  it("lists the saved papers on /saved/, titles as text linked to their pages, with their dates", async () => {
    const { page } = reader;
    await openSaved(page);
    expect(await page.locator("#saved-status").textContent()).toBe("2 papers saved in this browser.");
    expect(await savedLinks(page)).toEqual(listed(HOSTILE, DATED));
    const dated = paperOf(DATED);
    expect(dated.published).toBeDefined();
    const time = page.locator("#saved-list li").nth(1).locator("time");
    expect(await time.getAttribute("datetime")).toBe(dated.published);
    expect(await time.textContent()).toBe(formatDay(dated.published ?? ""));
    expect(await page.locator("#saved-list script, #saved-list img").count()).toBe(0);
    expect(await reader.take()).toEqual([]);
  });

  it("downloads the list's BibTeX as one file that a BibTeX parser reads whole", async () => {
    const { page } = reader;
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download BibTeX" }).click()]);
    expect(download.suggestedFilename()).toBe("saved-papers-2.bib");
    const text = await readFile(await download.path(), "utf8");
    const { entries, errors } = await parse(text);
    expect(errors).toEqual([]);
    expect(entries.map((e) => e.key)).toEqual([HOSTILE, DATED]);
    expect(entries.map((e) => e.fields.title)).toEqual([paperOf(HOSTILE).title, paperOf(DATED).title]);
    // Each entry as its paper page shows it.
    await page.goto(paperUrl(DATED));
    expect(text).toContain((await page.locator("section.cite pre.bibtex").textContent())?.trim());
    await openSaved(page);
    expect(await reader.take()).toEqual([]);
  });

  it("fetches the BibTeX of a stored paper that lacks it from the paper's page", async () => {
    const other = await freshBrowser();
    await openSaved(other.page);
    await other.page.evaluate(
      ([key, value]) => localStorage.setItem(key!, value!),
      [storageKey(PREFIX.slice(0, -1)), JSON.stringify([{ slug: THIRD, title: "Stored without its entry" }])],
    );
    await openSaved(other.page);
    expect(await savedLinks(other.page)).toEqual([{ text: "Stored without its entry", href: `${PREFIX}papers/${THIRD}/` }]);
    const [download] = await Promise.all([other.page.waitForEvent("download"), other.page.getByRole("button", { name: "Download BibTeX" }).click()]);
    const { entries, errors } = await parse(await readFile(await download.path(), "utf8"));
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.key, e.fields.title])).toEqual([[THIRD, paperOf(THIRD).title]]);
    // Kept, with the page's title now: the next export asks nothing.
    await openSaved(other.page);
    expect(await savedLinks(other.page)).toEqual(listed(THIRD));
    expect(await other.take()).toEqual([]);
  });

  it("makes a link under the path prefix that restores the list in a fresh browser", async () => {
    shareUrl = await reader.page.locator("#saved-share").inputValue();
    expect(shareUrl).toBe(`${server.url}saved/#p=${HOSTILE},${DATED}`);

    const other = await freshBrowser();
    await openSaved(other.page, new URL(shareUrl).hash);
    expect(await other.page.locator("#saved-status").textContent()).toMatch(/^No papers saved yet/);
    const shared = other.page.locator("#saved-shared");
    await expect.poll(() => other.page.locator("#saved-shared-status").textContent()).toBe("The link lists 2 papers, 2 of them not in your list.");
    expect(await shared.isVisible()).toBe(true);
    expect(await savedLinks(other.page, "#saved-shared-list")).toEqual(listed(HOSTILE, DATED));
    expect((await axeViolations(other.page)).violations).toEqual([]);
    await other.page.getByRole("button", { name: "Add to my list" }).click();
    expect(await shared.isHidden()).toBe(true);
    expect(await savedLinks(other.page)).toEqual(listed(HOSTILE, DATED));
    expect(new URL(other.page.url()).hash).toBe("");
    // Saved there too: the paper page says so.
    await other.page.goto(paperUrl(HOSTILE));
    expect(await saveButton(other.page).getAttribute("aria-pressed")).toBe("true");
    expect(await other.take()).toEqual([]);
  });

  it("adds a shared list after the local one, or replaces the local one", async () => {
    const other = await freshBrowser();
    await save(other.page, THIRD);
    await openSaved(other.page, `#p=${DATED},${THIRD}`);
    await expect.poll(() => other.page.locator("#saved-shared-status").textContent()).toBe("The link lists 2 papers, 1 of them not in your list.");
    await other.page.getByRole("button", { name: "Add to my list" }).click();
    expect(await savedLinks(other.page)).toEqual(listed(THIRD, DATED));

    await openSaved(other.page, `#p=${HOSTILE}`);
    await expect.poll(() => other.page.locator("#saved-shared-status").textContent()).toMatch(/^The link lists 1 paper,/);
    await other.page.getByRole("button", { name: "Replace my list" }).click();
    expect(await savedLinks(other.page)).toEqual(listed(HOSTILE));

    await openSaved(other.page, `#p=${DATED}`);
    await expect.poll(() => other.page.locator("#saved-shared-status").textContent()).toMatch(/^The link lists 1 paper,/);
    await other.page.getByRole("button", { name: "Ignore" }).click();
    expect(await savedLinks(other.page)).toEqual(listed(HOSTILE));
    expect(await other.take()).toEqual([]);
  });

  it("fetches nothing but the site's paper pages for the slugs a link names, and says which it could not find", async () => {
    const other = await freshBrowser();
    const hostile = ["..", "..%2F..%2Findex.html", "%2F%2Fevil.example", "https%3A%2F%2Fevil.example%2F", "A-B", "no-such-paper"];
    const since = other.requests.length;
    await openSaved(other.page, `#p=${[...hostile, DATED].join(",")}`);
    await expect
      .poll(() => other.page.locator("#saved-shared-status").textContent())
      .toBe("The link lists 1 paper, 1 of them not in your list. 1 paper could not be found on this site.");
    // Beyond the page and its own files, exactly the two paper pages: `..` and the rest were never asked for.
    const own = new Set([`${server.url}saved/`, ...[...files].filter((f) => f.startsWith("assets/")).map((f) => `${server.url}${f}`)]);
    const fetched = [...new Set(other.requests.slice(since))].filter((url) => !own.has(url));
    expect(fetched.sort()).toEqual([paperUrl(DATED), paperUrl("no-such-paper")].sort());
    // The one 404 is that missing paper (noted by the watcher three ways), and nothing else went wrong.
    const problems = await other.take();
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toContain(paperUrl("no-such-paper"));
  });

  it("removes a paper from /saved/, and its page no longer shows it saved", async () => {
    const { page } = reader;
    await openSaved(page);
    await page.getByRole("button", { name: `Remove: ${paperOf(HOSTILE).title}` }).click();
    expect(await savedLinks(page)).toEqual(listed(DATED));
    // Focus moves to the entry that took the removed one's place.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(`Remove: ${paperOf(DATED).title}`);
    expect(await page.locator("#saved-share").inputValue()).toBe(`${server.url}saved/#p=${DATED}`);
    await page.goto(paperUrl(HOSTILE));
    expect(await saveButton(page).getAttribute("aria-pressed")).toBe("false");
    await page.goto(paperUrl(DATED));
    await saveButton(page).click();
    await openSaved(page);
    expect(await page.locator("#saved-status").textContent()).toMatch(/^No papers saved yet/);
    expect(await page.locator("#saved-export").isHidden()).toBe(true);
    expect(await reader.take()).toEqual([]);
  });

  it("keeps a list per site when another site on the same origin has one", async () => {
    const { page } = reader;
    await page.evaluate(
      ([key, value]) => localStorage.setItem(key!, value!),
      [storageKey(""), JSON.stringify([{ slug: THIRD, title: "Another site's paper" }])],
    );
    await openSaved(page);
    expect(await savedLinks(page)).toEqual([]);
  });

  it("has no axe-core violation on /saved/ with papers, or on a paper page", async () => {
    const { page } = reader;
    await save(page, DATED);
    expect((await axeViolations(page)).violations).toEqual([]);
    await openSaved(page);
    expect(await page.locator("#saved-list li").count()).toBe(1);
    expect((await axeViolations(page)).violations).toEqual([]);
    expect(await reader.take()).toEqual([]);
  });
});

describe("without JavaScript", () => {
  it("shows no Save button, and /saved/ says it needs JavaScript", async () => {
    const { page, take } = await freshBrowser(false);
    await page.goto(paperUrl(DATED));
    expect(await page.locator(".save-line, .save-line button").count()).toBe(0);
    expect(await page.locator("h1").textContent()).toBe(paperOf(DATED).title);
    await page.goto(`${server.url}saved/`);
    expect(await page.locator("#saved").isHidden()).toBe(true);
    expect(await page.getByText(/needs JavaScript/).isVisible()).toBe(true);
    expect(await take()).toEqual([]);
  });
});
