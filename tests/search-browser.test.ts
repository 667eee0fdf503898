/**
 * The search page in headless Chromium, against fixture sites served on loopback at the root and
 * under a path prefix. Expected results come from the content, not from the index.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../scripts/lib/build-site.js";
import { type Content, loadContent } from "../scripts/lib/content.js";
import { formatDay } from "../scripts/lib/format.js";
import type { PaperRecord } from "../scripts/lib/paper.js";
import { launchBrowser } from "./helpers/browser.js";
import { makeWorkspace, type Workspace } from "./helpers/fixture.js";
import { type StaticServer, serveStatic } from "./helpers/static-server.js";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

function matching(content: Content, word: string): PaperRecord[] {
  const pattern = new RegExp(`\\b${word}\\b`, "i");
  return content.papers.filter((p) => pattern.test(p.title) || pattern.test(p.abstract));
}

function only<T>(list: readonly T[]): T {
  expect(list).toHaveLength(1);
  return list[0] as T;
}

describe.each(["/", "/paper-digest/"])("search under %s", (prefix) => {
  let workspace: Workspace;
  let server: StaticServer;
  let content: Content;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    workspace = await makeWorkspace({ generated: 24 });
    await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir, pathPrefix: prefix });
    content = await loadContent(workspace.contentDir);
    server = await serveStatic(workspace.outDir, prefix);
    page = await browser.newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await page.close();
    await server.close();
    await workspace.remove();
    expect(dialogs).toEqual([]);
  });

  async function resultLinks(): Promise<{ text: string; href: string }[]> {
    return page.locator("#search-results li h2 a").evaluateAll((links) =>
      links.map((a) => ({ text: a.textContent ?? "", href: a.getAttribute("href") ?? "" })),
    );
  }

  async function waitForStatus(count: number): Promise<void> {
    await expect.poll(() => page.locator("#search-status").textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^${count} papers? found`));
  }

  it("runs the search in the URL and shows hostile titles as text", async () => {
    const paper = only(matching(content, "quokkasaurus"));
    await page.goto(`${server.url}search/?q=quokkasaurus`);
    await waitForStatus(1);
    expect(await resultLinks()).toEqual([{ text: paper.title, href: `${prefix}papers/${paper.slug}/` }]);
    expect(await page.locator("#search-results script, #search-results img").count()).toBe(0);
    expect(await page.locator("#search-results mark").first().textContent()).toMatch(/quokkasaurus/i);
  });

  it("searches as the reader types, and keeps the query in the URL", async () => {
    const paper = only(matching(content, "zanzibarite"));
    await page.goto(`${server.url}search/`);
    await page.locator("#search-q").pressSequentially("zanzibarite");
    await waitForStatus(1);
    expect(await resultLinks()).toEqual([{ text: paper.title, href: `${prefix}papers/${paper.slug}/` }]);
    expect(new URL(page.url()).searchParams.get("q")).toBe("zanzibarite");
  });

  it("filters by author count and sorts by date", async () => {
    const papers = matching(content, "lattice");
    const single = papers.filter((p) => p.authors === 1);
    expect(single.length).toBeGreaterThan(0);
    await page.goto(`${server.url}search/?q=lattice`);
    await waitForStatus(papers.length);
    await page.getByRole("checkbox", { name: /^1 author/ }).check();
    await waitForStatus(single.length);
    expect(new URL(page.url()).searchParams.getAll("authors")).toEqual(["1"]);
    expect((await resultLinks()).map((l) => l.href).sort()).toEqual(single.map((p) => `${prefix}papers/${p.slug}/`).sort());

    await page.getByRole("checkbox", { name: /^1 author/ }).uncheck();
    await page.locator("#search-sort").selectOption("oldest");
    await waitForStatus(papers.length);
    const oldest = papers.map((p) => p.published ?? "9999").sort()[0] ?? "";
    await expect.poll(() => page.locator("#search-results .meta").first().textContent()).toMatch(new RegExp(`^${formatDay(oldest)} `));
    expect(new URL(page.url()).searchParams.get("sort")).toBe("oldest");
  });

  it("shows results in batches, with a button for more", async () => {
    const papers = matching(content, "lattice");
    await page.goto(`${server.url}search/?q=lattice`);
    await waitForStatus(papers.length);
    const first = (await resultLinks()).length;
    expect(first).toBeLessThan(papers.length);
    const more = page.getByRole("button", { name: "Show more results" });
    while (await more.isVisible()) {
      const shown = (await resultLinks()).length;
      await more.click();
      await expect.poll(async () => (await resultLinks()).length).toBeGreaterThan(shown);
    }
    expect((await resultLinks()).length).toBe(papers.length);
    expect(new Set((await resultLinks()).map((l) => l.href)).size).toBe(papers.length);
  });

  it("is reached from the search box of any page, and leads to the paper", async () => {
    const paper = only(matching(content, "xylophonic"));
    await page.goto(server.url);
    await page.locator("#site-search-q").fill("xylophonic");
    await page.locator("#site-search-q").press("Enter");
    await page.waitForURL(/\/search\/\?q=xylophonic$/);
    expect(new URL(page.url()).pathname).toBe(`${prefix}search/`);
    await waitForStatus(1);
    await page.locator("#search-results a").first().click();
    await page.waitForURL((url) => url.pathname === `${prefix}papers/${paper.slug}/`);
    expect(await page.locator("h1").textContent()).toBe(paper.title);
  });
});
