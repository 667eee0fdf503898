/**
 * Honest search in headless Chromium: words no paper has find nothing (Pagefind alone would answer
 * with the longest prefix some page has), the count beside a filter box is what ticking it gives,
 * filters are named and cleared, and excerpts start at a sentence or the match, without the title.
 * At the root with one index, and under a prefix with an index in shards of 7 papers.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { type Content, loadContent } from "../../scripts/check/content.js";
import type { PaperRecord } from "../../scripts/content/paper.js";
import { axeViolations } from "../helpers/axe.js";
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

/** Papers with a word beginning with `start` in the title or abstract. */
function withWordStarting(content: Content, start: string): PaperRecord[] {
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${start}`, "iu");
  return content.papers.filter((p) => pattern.test(p.title) || pattern.test(p.abstract));
}

describe.each([
  ["/", undefined],
  ["/paper-digest/", 7],
] as const)("honest search under %s, search shards of %s papers", (prefix, searchShardPapers) => {
  let workspace: Workspace;
  let server: StaticServer;
  let content: Content;
  let page: Page;

  beforeAll(async () => {
    workspace = await makeWorkspace({ generated: 24 });
    await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir, pathPrefix: prefix, searchShardPapers });
    content = await loadContent(workspace.contentDir);
    server = await serveStatic(workspace.outDir, prefix);
    page = await browser.newPage();
  });

  afterAll(async () => {
    await page.close();
    await server.close();
    await workspace.remove();
  });

  const status = () => page.locator("#search-status").textContent();
  async function waitForStatus(pattern: RegExp): Promise<string> {
    await expect.poll(status, { timeout: 15_000 }).toMatch(pattern);
    return (await status()) ?? "";
  }
  async function waitForCount(count: number): Promise<void> {
    await waitForStatus(new RegExp(`^${count} papers? found`));
  }
  const resultCount = () => page.locator("#search-results > li").count();

  it("finds nothing for words no paper has, and says which", async () => {
    for (const word of ["xyzzyqq", "qwertzuiopx", "zebrax"]) {
      expect(withWordStarting(content, word), word).toEqual([]);
      await page.goto(`${server.url}search/?q=${word}`);
      await waitForStatus(new RegExp(`^0 papers found for “${word}”\\. No paper has the word “${word}”\\.$`));
      expect(await resultCount()).toBe(0);
      const counts = await page.locator("#search-filters .count").allTextContents();
      expect(counts.length).toBeGreaterThan(0);
      expect(new Set(counts)).toEqual(new Set(["(0)"]));
    }
    // One missing word is enough for no paper to have them all.
    await page.goto(`${server.url}search/?q=lattice+xyzzyqq`);
    await waitForStatus(/^0 papers found for “lattice xyzzyqq”\. No paper has the word “xyzzyqq”\.$/);
    expect(await resultCount()).toBe(0);
  });

  it("still finds a word the reader is typing, and words with the same stem", async () => {
    const zebra = withWordStarting(content, "zebra");
    expect(zebra.length).toBeGreaterThan(0);
    await page.goto(`${server.url}search/?q=zebra`);
    await waitForCount(zebra.length);
    const lattice = withWordStarting(content, "lattice");
    await page.goto(`${server.url}search/?q=lattic`);
    await waitForCount(lattice.length);
    await page.goto(`${server.url}search/?q=xylophone`);
    await waitForCount(withWordStarting(content, "xylophon").length);
  });

  it("suggests the real word a typo away, and the suggestion searches for it", async () => {
    const lattice = withWordStarting(content, "lattice");
    await page.goto(`${server.url}search/?q=latticz`);
    await waitForStatus(/^0 papers found for “latticz”\. No paper has the word “latticz”\.$/);
    const suggestion = page.locator("#search-suggestions a", { hasText: /^lattice$/ });
    await expect.poll(() => suggestion.count()).toBe(1);
    await suggestion.click();
    await waitForCount(lattice.length);
    expect(new URL(page.url()).searchParams.get("q")).toBe("lattice");
  });

  /** Every checkbox: its filter, value, count shown and whether it is ticked. */
  async function boxes(): Promise<{ name: string; value: string; count: number; checked: boolean }[]> {
    return page.locator("#search-filters input[type=checkbox]").evaluateAll((inputs) =>
      (inputs as HTMLInputElement[]).map((box) => ({
        name: box.name,
        value: box.value,
        count: Number(/\((\d+)\)/.exec(box.parentElement?.querySelector(".count")?.textContent ?? "")?.[1] ?? NaN),
        checked: box.checked,
      })),
    );
  }

  it("shows beside each unticked box the number of results ticking it gives", async () => {
    const start = "search/?year=2023&digest=2026-04-13";
    const dated = (p: PaperRecord, years: string[]) => years.includes(p.published?.slice(0, 4) ?? "undated");
    const inStart = content.papers.filter((p) => dated(p, ["2023"]) && p.digests.includes("2026-04-13"));
    await page.goto(`${server.url}${start}`);
    await waitForCount(inStart.length);
    const before = await boxes();
    const unticked = before.filter((b) => !b.checked);
    // A further year widens the results: the count is not Pagefind's count within the results (0).
    const y2025 = before.find((b) => b.name === "year" && b.value === "2025");
    expect(y2025?.count).toBe(content.papers.filter((p) => dated(p, ["2023", "2025"]) && p.digests.includes("2026-04-13")).length);
    expect(y2025?.count).toBeGreaterThan(inStart.length);
    // A paper in both digests counts once when a second digest is ticked.
    const d14 = before.find((b) => b.name === "digest" && b.value === "2026-04-14");
    expect(d14?.count).toBe(content.papers.filter((p) => dated(p, ["2023"]) && (p.digests.includes("2026-04-13") || p.digests.includes("2026-04-14"))).length);
    for (const name of ["year", "authors", "digest"]) expect(unticked.filter((b) => b.name === name).length, name).toBeGreaterThan(0);
    for (const box of unticked) {
      await page.goto(`${server.url}${start}`);
      await waitForCount(inStart.length);
      await page.locator(`#search-filters input[name="${box.name}"][value="${box.value}"]`).check();
      await waitForCount(box.count);
      expect(await resultCount(), `${box.name}=${box.value}`).toBe(Math.min(box.count, 20));
    }
  });

  it("names the ticked filters in the status line, and clears them with one button", async () => {
    const lattice = withWordStarting(content, "lattice");
    const few = lattice.filter((p) => p.authors === 1 || (p.authors !== undefined && p.authors >= 2 && p.authors <= 3));
    await page.goto(`${server.url}search/?q=lattice&authors=1&authors=2–3`);
    await waitForStatus(new RegExp(`^${few.length} papers? found for “lattice”, with 1 author or 2–3 authors$`));
    const clear = page.getByRole("button", { name: "Clear filters" });
    await clear.click();
    await waitForStatus(new RegExp(`^${lattice.length} papers found for “lattice”$`));
    expect(new URL(page.url()).search).toBe("?q=lattice");
    expect((await boxes()).some((b) => b.checked)).toBe(false);
    expect(await clear.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-q");
    await page.goBack();
    await waitForCount(few.length);
    expect(await clear.isVisible()).toBe(true);
  });

  it("cuts excerpts from the abstract at a sentence or at the match, never repeating the title", async () => {
    for (const query of ["lattice", "word50", "zanzibarite"]) {
      await page.goto(`${server.url}search/?q=${query}`);
      await waitForStatus(/found/);
      const shown = await page.locator("#search-results > li").evaluateAll((items) =>
        items.map((li) => ({
          href: li.querySelector("a")?.getAttribute("href") ?? "",
          excerpt: li.querySelector("p:last-child")?.textContent ?? "",
          marks: [...li.querySelectorAll("p:last-child mark")].map((m) => m.textContent ?? ""),
        })),
      );
      expect(shown.length).toBeGreaterThan(0);
      for (const result of shown) {
        const paper = content.papers.find((p) => result.href === `${prefix}papers/${p.slug}/`);
        expect(paper, result.href).toBeDefined();
        const abstract = (paper?.abstract ?? "").replace(/\s+/g, " ").trim();
        expect(result.excerpt.startsWith(paper?.title ?? "")).toBe(false);
        const text = result.excerpt.replace(/^… /, "").replace(/ …$/, "");
        const at = abstract.indexOf(text);
        expect(at, `${query}: ${result.excerpt}`).toBeGreaterThanOrEqual(0);
        if (result.excerpt.startsWith("… ")) expect(text.startsWith(result.marks[0] ?? "\u0000"), result.excerpt).toBe(true);
        else expect(at === 0 || /[.!?]["')\]]* $/.test(abstract.slice(0, at)), result.excerpt).toBe(true);
      }
    }
  });

  it("passes axe with results, without results, with suggestions and with filters, on a desktop and on a phone", async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 800 },
    ]) {
      await page.setViewportSize(viewport);
      for (const query of ["?q=lattice&year=2024", "?q=latticz", "?q=xyzzyqq"]) {
        await page.goto(`${server.url}search/${query}`);
        await waitForStatus(/found/);
        const { violations } = await axeViolations(page);
        expect(violations, `${viewport.width} ${query}`).toEqual([]);
      }
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  });
});
