/**
 * The search page in headless Chromium, against fixture sites served on loopback at the root and
 * under a path prefix. Expected results come from the content, not from the index.
 */
import { readdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { authorBand } from "../../scripts/catalog/bands.js";
import { buildSite } from "../../scripts/build/build-site.js";
import { type Content, loadContent } from "../../scripts/check/content.js";
import { formatDay } from "../../scripts/catalog/format.js";
import type { PaperRecord } from "../../scripts/content/paper.js";
import { isShardFolder } from "../../scripts/search/search-shards.js";
import { describe, it, launchBrowser } from "../helpers/browser.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";
import { type StaticServer, serveStatic } from "../helpers/static-server.js";

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

// Under the prefix the index is built in shards of 7 papers (a large site's layout, see
// scripts/search/search-shards.ts): every search below then merges the answers of several shards.
// Their fragments are bundled two files to a shard, as a full shard bundles them (search-index.ts).
describe.each([
  ["/", undefined],
  ["/paper-digest/", 7],
] as const)("search under %s, search shards of %s papers", (prefix, searchShardPapers) => {
  let workspace: Workspace;
  let server: StaticServer;
  let content: Content;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    workspace = await makeWorkspace({ generated: 24 });
    const searchFragmentFiles = searchShardPapers ? 2 : undefined;
    await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir, pathPrefix: prefix, searchShardPapers, searchFragmentFiles });
    content = await loadContent(workspace.contentDir);
    const shards = readdirSync(workspace.outDir).filter(isShardFolder);
    expect(shards).toHaveLength(searchShardPapers ? Math.ceil(content.papers.length / searchShardPapers) : 1);
    for (const shard of shards) {
      const fragments = readdirSync(`${workspace.outDir}/${shard}/fragment`).length;
      if (searchFragmentFiles) expect(fragments).toBeLessThanOrEqual(searchFragmentFiles);
    }
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
    return page
      .locator("#search-results li h2 a")
      .evaluateAll((links) => links.map((a) => ({ text: a.textContent ?? "", href: a.getAttribute("href") ?? "" })));
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

  async function slugsShown(): Promise<string[]> {
    return (await resultLinks()).map((l) => l.href.slice(`${prefix}papers/`.length, -1));
  }

  function inDigest(date: string): PaperRecord[] {
    return content.papers.filter((p) => p.digests.includes(date));
  }

  it("restores the words, filters and order from the URL it was opened with", async () => {
    const single = matching(content, "lattice").filter((p) => p.authors === 1);
    await page.goto(`${server.url}search/?q=lattice&authors=1&sort=oldest`);
    await waitForStatus(single.length);
    expect(await page.locator("#search-q").inputValue()).toBe("lattice");
    expect(await page.locator("#search-sort").inputValue()).toBe("oldest");
    await expect.poll(() => page.getByRole("checkbox", { name: /^1 author/ }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: /^2–3 authors/ }).isChecked()).toBe(false);
    const oldestFirst = [...single].sort((a, b) => ((a.published ?? "") < (b.published ?? "") ? -1 : 1));
    expect((await slugsShown())[0]).toBe(oldestFirst[0]?.slug);
  });

  it("counts each filter value among the results, numeric values in numeric order", async () => {
    const papers = matching(content, "lattice");
    await page.goto(`${server.url}search/?q=lattice`);
    await waitForStatus(papers.length);
    const labels = await page.locator("#search-filters fieldset").nth(1).locator("label").allTextContents();
    const bands = labels.map((l) => l.replace(/ \(\d+\)$/, "").trim());
    expect(bands).toEqual([...bands].sort((a, b) => (parseInt(a) || Infinity) - (parseInt(b) || Infinity)));
    for (const label of labels) {
      const [, band, count] = /^(\S+) authors? \((\d+)\)$/.exec(label.trim()) ?? /^(Unknown) \((\d+)\)$/.exec(label.trim()) ?? [];
      const expected = papers.filter((p) => (band === "Unknown" ? p.authors === undefined : p.authors !== undefined && authorBand(p.authors) === band)).length;
      expect(Number(count), label).toBe(expected);
    }
  });

  it("adds each filter or order change to the history, and back and forward restore them", async () => {
    const papers = matching(content, "lattice");
    const single = papers.filter((p) => p.authors === 1);
    await page.goto(`${server.url}search/?q=lattice`);
    await waitForStatus(papers.length);
    await page.getByRole("checkbox", { name: /^1 author/ }).check();
    await waitForStatus(single.length);
    await page.locator("#search-sort").selectOption("newest");
    await expect.poll(() => new URL(page.url()).search).toBe("?q=lattice&authors=1&sort=newest");

    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe("?q=lattice&authors=1");
    await waitForStatus(single.length);
    expect(await page.locator("#search-sort").inputValue()).toBe("");
    await page.goBack();
    await expect.poll(() => new URL(page.url()).search).toBe("?q=lattice");
    await waitForStatus(papers.length);
    expect(await page.getByRole("checkbox", { name: /^1 author/ }).isChecked()).toBe(false);
    await page.goForward();
    await waitForStatus(single.length);
    expect(await page.getByRole("checkbox", { name: /^1 author/ }).isChecked()).toBe(true);
    expect(await page.locator("#search-q").inputValue()).toBe("lattice");
  });

  it("orders by upvotes with papers lacking a count last, and by date with undated papers last", async () => {
    const digest = "2026-04-14";
    const papers = inDigest(digest);
    const voted = papers.filter((p) => p.upvotes !== undefined).sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0));
    expect(voted.some((p) => p.upvotes === 0)).toBe(true);
    await page.goto(`${server.url}search/?digest=${digest}&sort=upvotes`);
    await waitForStatus(papers.length);
    const shown = await slugsShown();
    expect(shown.slice(0, voted.length)).toEqual(voted.map((p) => p.slug));
    expect(await page.locator("#search-results .meta").first().textContent()).toMatch(new RegExp(` · ${voted[0]?.upvotes} upvotes$`));

    for (const sort of ["newest", "oldest"] as const) {
      const dated = inDigest("2026-04-13").filter((p) => p.published !== undefined);
      const order = dated.sort((a, b) => ((a.published ?? "") < (b.published ?? "") ? -1 : 1)).map((p) => p.slug);
      await page.goto(`${server.url}search/?digest=2026-04-13&sort=${sort}`);
      await waitForStatus(inDigest("2026-04-13").length);
      const slugs = await slugsShown();
      expect(slugs.slice(0, dated.length), sort).toEqual(sort === "oldest" ? order : [...order].reverse());
      expect(await page.locator("#search-results .meta").last().textContent()).toMatch(/^Date unknown/);
    }
  });

  it("announces the count to screen readers, and its results are reached and opened by keyboard", async () => {
    const paper = only(matching(content, "xylophonic"));
    await page.goto(`${server.url}search/?q=xylophonic`);
    await waitForStatus(1);
    expect(await page.locator("#search-status").getAttribute("aria-live")).toBe("polite");
    await page.locator("#search-q").focus();
    let focused = "";
    for (let i = 0; i < 40 && !focused.startsWith("result:"); i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => {
        const active = document.activeElement;
        return active?.closest("#search-results") ? `result:${active.getAttribute("href")}` : (active?.id ?? "");
      });
    }
    expect(focused).toBe(`result:${prefix}papers/${paper.slug}/`);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === `${prefix}papers/${paper.slug}/`);
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
