/**
 * The first screen of a phone and keyboard triage, in headless Chromium. On a 390×800 screen the
 * search box and the first result of a search, and the first two papers of a digest, are inside the
 * viewport as the page opens; `j`/`k`/`o`/Enter/`/` move through lists without trapping focus.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { type Content, loadContent } from "../../scripts/check/content.js";
import { axeViolations } from "../helpers/axe.js";
import { describe, it, launchBrowser } from "../helpers/browser.js";
import { GENERATED_DIGEST, makeWorkspace, type Workspace } from "../helpers/fixture.js";
import { type StaticServer, serveStatic } from "../helpers/static-server.js";

const PHONE = { width: 390, height: 800 };

describe("the first screen of a phone, and keyboard triage", () => {
  let browser: Browser;
  let workspace: Workspace;
  let server: StaticServer;
  let content: Content;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    workspace = await makeWorkspace({ generated: 24 });
    await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir, pathPrefix: "/" });
    content = await loadContent(workspace.contentDir);
    server = await serveStatic(workspace.outDir, "/");
    page = await browser.newPage();
  });

  afterAll(async () => {
    await page?.close();
    await server?.close();
    await workspace?.remove();
    await browser?.close();
  });

  /** Where an element is drawn, as the page opened (no scrolling). */
  async function box(selector: string): Promise<{ top: number; bottom: number; left: number; right: number }> {
    const found = await page.locator(selector).first().boundingBox();
    expect(found, selector).not.toBeNull();
    const { x, y, width, height } = found!;
    return { top: y, bottom: y + height, left: x, right: x + width };
  }

  async function expectOnFirstScreen(selector: string): Promise<void> {
    const drawn = await box(selector);
    expect(await page.evaluate(() => [scrollX, scrollY])).toEqual([0, 0]);
    expect(drawn.top, selector).toBeGreaterThanOrEqual(0);
    expect(drawn.left, selector).toBeGreaterThanOrEqual(0);
    expect(drawn.bottom, selector).toBeLessThanOrEqual(PHONE.height);
    expect(drawn.right, selector).toBeLessThanOrEqual(PHONE.width);
  }

  async function waitForResults(): Promise<void> {
    await expect.poll(() => page.locator("#search-status").textContent(), { timeout: 15_000 }).toMatch(/^\d+ papers? found/);
  }

  it("shows the search box and the first result on a phone's first screen", async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}search/?q=lattice`);
    await waitForResults();
    await page.screenshot();
    await expectOnFirstScreen("#search-q");
    await expectOnFirstScreen("#search-results > li");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it("shows the search box and the first two papers of a digest on a phone's first screen", async () => {
    await page.setViewportSize(PHONE);
    const digests = [...new Set(content.papers.flatMap((p) => p.digests))];
    expect(digests).toContain(GENERATED_DIGEST);
    for (const digest of digests) {
      await page.goto(`${server.url}digests/${digest}/`);
      if ((await page.locator("ol.paper-list > li").count()) < 2) continue;
      await page.screenshot();
      const header = await box(".site-header");
      // Two short rows (178 px before): sections wrapping onto a third row would still pass.
      expect(header.bottom, digest).toBeLessThanOrEqual(110);
      await expectOnFirstScreen("#site-search-q");
      await expectOnFirstScreen("ol.paper-list > li:nth-child(1)");
      await expectOnFirstScreen("ol.paper-list > li:nth-child(2)");
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      const { violations } = await axeViolations(page);
      expect(violations, digest).toEqual([]);
    }
  });

  const focusedHref = () => page.evaluate(() => (document.activeElement instanceof HTMLAnchorElement ? document.activeElement.getAttribute("href") : null));
  const titleHrefs = () => page.locator("ol.paper-list > li h2 a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));

  it("moves through a digest's papers with j and k, focusing each title link, and opens one with o", async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${server.url}digests/${GENERATED_DIGEST}/`);
    const hrefs = await titleHrefs();
    expect(hrefs.length).toBeGreaterThan(3);
    await page.keyboard.press("j");
    expect(await focusedHref()).toBe(hrefs[0]);
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    expect(await focusedHref()).toBe(hrefs[2]);
    await page.keyboard.press("k");
    expect(await focusedHref()).toBe(hrefs[1]);
    // What a screen reader announces: the focused link, named by the paper's title.
    const title = await page.locator("ol.paper-list > li:nth-child(2) h2 a").textContent();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(title);
    await page.keyboard.press("k");
    await page.keyboard.press("k");
    expect(await focusedHref()).toBe(hrefs[0]);
    // Modifier keys belong to the browser.
    await page.keyboard.press("Alt+j");
    expect(await focusedHref()).toBe(hrefs[0]);
    await page.keyboard.press("j");
    await page.keyboard.press("o");
    await page.waitForURL((url) => url.pathname === hrefs[1]);
  });

  it("never traps focus: Tab and Shift+Tab leave a list item focused with j", async () => {
    await page.goto(`${server.url}digests/${GENERATED_DIGEST}/`);
    const hrefs = await titleHrefs();
    await page.keyboard.press("j");
    await page.keyboard.press("Tab");
    const after = await page.evaluate(
      () => document.activeElement?.closest("li")?.querySelector("h2 a")?.getAttribute("href") ?? document.activeElement?.tagName,
    );
    expect(after).not.toBe(hrefs[0]);
    await page.keyboard.press("Shift+Tab");
    expect(await focusedHref()).toBe(hrefs[0]);
    await page.keyboard.press("Shift+Tab");
    expect(await focusedHref()).not.toBe(hrefs[0]);
  });

  it("goes to the search box with /, and leaves letters typed there alone", async () => {
    await page.goto(`${server.url}digests/${GENERATED_DIGEST}/`);
    await page.keyboard.press("j");
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("site-search-q");
    await page.keyboard.type("jko/");
    expect(await page.locator("#site-search-q").inputValue()).toBe("jko/");
    expect(new URL(page.url()).pathname).toBe(`/digests/${GENERATED_DIGEST}/`);
  });

  it("moves through search results with j and k, and opens one with Enter", async () => {
    await page.goto(`${server.url}search/?q=lattice`);
    await waitForResults();
    await page.locator("main h1").click();
    const hrefs = await page.locator("#search-results > li h2 a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs.length).toBeGreaterThan(2);
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    expect(await focusedHref()).toBe(hrefs[1]);
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-q");
    // Typing in the search box is typing, not triage.
    await page.keyboard.press("j");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-q");
    await page.locator("main h1").click();
    await page.keyboard.press("j");
    expect(await focusedHref()).toBe(hrefs[0]);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === hrefs[0]);
  });
});
