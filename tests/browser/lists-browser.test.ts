/**
 * Paper lists and the "Top" views in headless Chromium, on the fixture plus papers with upvote counts
 * (tests/helpers/ranked-content.ts), served under a path prefix: the badges as readers see them, the
 * compact density (with and without JavaScript, remembered across list pages), the top pages reached
 * from the navigation and their feeds as served, and axe-core on each kind of page in each density.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { DENSITY_KEY } from "../../scripts/client/density.js";
import { axeViolations } from "../helpers/axe.js";
import { describe, it, launchBrowser } from "../helpers/browser.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";
import { addRankedPapers, isoWeekOf, rankedPapers } from "../helpers/ranked-content.js";
import { type StaticServer, serveStatic } from "../helpers/static-server.js";

const PREFIX = "/paper-digest/";
const EVERY_FACT = rankedPapers().find((p) => p.slug === "every-fact-paper");
if (!EVERY_FACT?.code || EVERY_FACT.upvotes === undefined) throw new Error("ranked content lacks its every-fact paper");
const DIGEST = `digests/${EVERY_FACT.digest}/`;
const MONTH = `dates/${EVERY_FACT.published?.slice(0, 4)}/${EVERY_FACT.published?.slice(5, 7)}/`;
const WEEK = `top/${isoWeekOf(EVERY_FACT.digest)}/`;

let browser: Browser;
let workspace: Workspace;
let server: StaticServer;

beforeAll(async () => {
  workspace = await makeWorkspace();
  await addRankedPapers(workspace.contentDir);
  await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir, pathPrefix: PREFIX });
  server = await serveStatic(workspace.outDir, PREFIX);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await workspace?.remove();
});

async function withPage(options: Parameters<Browser["newContext"]>[0], run: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, ...options });
  try {
    await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** How many list entries show an excerpt or their facts, and how many entries there are. */
async function shown(page: Page): Promise<{ entries: number; excerpts: number; facts: number; badges: number }> {
  const list = page.locator("main ol.paper-list > li");
  return {
    entries: await list.count(),
    excerpts: await list.locator("> p:not(.meta)").filter({ visible: true }).count(),
    facts: await list.locator(".more").filter({ visible: true }).count(),
    badges: await list.locator(".up, .cm").filter({ visible: true }).count(),
  };
}

describe("list entries", () => {
  it("show the upvote badge, the comments with their word, the facts and the code link, the title link first", async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.url}${DIGEST}`);
      const entry = page.locator("main ol.paper-list > li").filter({ hasText: EVERY_FACT.title });
      expect(await entry.locator("a").first().textContent()).toBe(EVERY_FACT.title);
      expect(
        await entry
          .locator("a")
          .first()
          .evaluate((a) => (a as HTMLAnchorElement).href),
      ).toBe(`${server.url}papers/${EVERY_FACT.slug}/`);
      const badge = entry.locator(".up");
      expect(await badge.innerText()).toBe(`${EVERY_FACT.upvotes} upvotes`);
      // The triangle is drawn, as decoration: the text is the count and its word.
      expect(
        await page
          .locator(".up")
          .first()
          .evaluate((el) => getComputedStyle(el, "::before").content),
      ).toBe('"▲ " / ""');
      const style = await badge.evaluate((el) => ({ background: getComputedStyle(el).backgroundColor, weight: getComputedStyle(el).fontWeight }));
      expect(style.background).not.toBe("rgba(0, 0, 0, 0)");
      expect(Number(style.weight)).toBeGreaterThanOrEqual(700);
      expect(await entry.locator(".cm").innerText()).toBe("1 comment");
      expect(await entry.locator(".more").innerText()).toBe(`1 March 2026 · 1 author · from ${EVERY_FACT.organization} · Code`);
      const code = entry.getByRole("link", { name: "Code" });
      expect([await code.getAttribute("href"), await code.getAttribute("rel")]).toEqual([EVERY_FACT.code, "noopener noreferrer"]);
    });
  });
});

describe("density", () => {
  it("shows everything by default; #compact hides excerpts and facts but keeps titles and badges, without scrolling", async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.url}${DIGEST}`);
      const full = await shown(page);
      expect(full.entries).toBeGreaterThan(10);
      expect(full.excerpts).toBe(full.entries);
      expect(full.facts).toBe(full.entries);
      const fullHeight = await page.locator("main ol.paper-list").evaluate((el) => el.getBoundingClientRect().height);
      await page.getByRole("link", { name: "compact" }).click();
      expect(page.url()).toMatch(/#compact$/);
      const compact = await shown(page);
      expect(compact).toEqual({ entries: full.entries, excerpts: 0, facts: 0, badges: full.badges });
      expect(await page.evaluate(() => scrollY)).toBe(0);
      const compactHeight = await page.locator("main ol.paper-list").evaluate((el) => el.getBoundingClientRect().height);
      expect(compactHeight).toBeLessThan(fullHeight / 2);
      for (const title of await page.locator("main ol.paper-list > li h2 a").all()) expect(await title.isVisible()).toBe(true);
    });
  });

  it("is remembered with JavaScript on every list page (digests, archives, top pages) until the reader picks full", async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.url}${DIGEST}#compact`);
      expect(await page.evaluate((key) => localStorage.getItem(key), DENSITY_KEY)).toBe("compact");
      for (const url of ["", MONTH, WEEK, "authors/1/"]) {
        await page.goto(`${server.url}${url}`);
        const state = await shown(page);
        expect(state.entries, url).toBeGreaterThan(0);
        expect([state.excerpts, state.facts], url).toEqual([0, 0]);
      }
      await page.getByRole("link", { name: "full" }).click();
      expect((await shown(page)).facts).toBeGreaterThan(0);
      await page.goto(`${server.url}${DIGEST}`);
      const state = await shown(page);
      expect([state.excerpts, state.facts]).toEqual([state.entries, state.entries]);
      expect(await page.evaluate((key) => localStorage.getItem(key), DENSITY_KEY)).toBe("full");
    });
  });

  it("is on <html> before the list is parsed, so a compact list never flashes full", async () => {
    await withPage({}, async (page, context) => {
      await context.addInitScript((key) => {
        localStorage.setItem(key, "compact");
        document.addEventListener("readystatechange", () => {
          if (document.readyState === "interactive")
            (window as unknown as { densityAtParse: string | undefined }).densityAtParse = document.documentElement.dataset.density;
        });
      }, DENSITY_KEY);
      await page.goto(`${server.url}${DIGEST}`, { waitUntil: "domcontentloaded" });
      expect(await page.evaluate(() => (window as unknown as { densityAtParse: string | undefined }).densityAtParse)).toBe("compact");
    });
  });

  it("works without JavaScript through the #compact address, and the search results keep their excerpts", async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(`${server.url}${MONTH}#compact`);
      const state = await shown(page);
      expect(state.entries).toBeGreaterThan(0);
      expect([state.excerpts, state.facts]).toEqual([0, 0]);
      await page.goto(`${server.url}${MONTH}`);
      expect((await shown(page)).facts).toBe(state.entries);
    });
    await withPage({}, async (page) => {
      await page.goto(`${server.url}${DIGEST}#compact`);
      await page.goto(`${server.url}search/?q=sparse`);
      await page.locator("#search-results > li").first().waitFor();
      expect(await page.locator("#search-results > li > p:not(.meta)").first().isVisible()).toBe(true);
    });
  });
});

describe("top pages", () => {
  it("are reached from the navigation, list their periods, and show the most upvoted papers first", async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.url}`);
      await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Top" }).click();
      await page.waitForURL(`${server.url}top/`);
      expect(await page.locator('a[aria-current="page"]').textContent()).toBe("Top");
      await page.getByRole("link", { name: `Week ${Number(WEEK.slice(-3, -1))} of ${WEEK.slice(4, 8)}` }).click();
      await page.waitForURL(`${server.url}${WEEK}`);
      await page.locator("main ol.paper-list").waitFor();
      const counts = await page.locator("main ol.paper-list > li .up").allInnerTexts();
      expect(counts).toHaveLength(20);
      const values = counts.map((text) => Number(/(\d+) upvotes?$/.exec(text)?.[1]));
      expect(values).toEqual([...values].sort((a, b) => b - a));
      expect(values[0]).toBe(EVERY_FACT.upvotes);
    });
  });

  it("serve their feeds as Atom, linked from the page", async () => {
    await withPage({}, async (page) => {
      await page.goto(`${server.url}${WEEK}`);
      const href = await page
        .locator('link[rel="alternate"][type="application/atom+xml"]')
        .first()
        .evaluate((link) => (link as HTMLLinkElement).href);
      expect(href).toBe(`${server.url}feeds/top/week.xml`);
      const response = await page.request.get(`${server.url}feeds/top/week.xml`);
      expect(response.status()).toBe(200);
      const text = await response.text();
      expect(text).toMatch(/^<\?xml[^>]*>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
      expect(text).toContain(`<link rel="alternate" type="text/html" href="${PREFIX}papers/${EVERY_FACT.slug}/"/>`);
    });
  });
});

describe("accessibility", () => {
  it("has no axe-core violation on the top pages, a digest, an archive and the home page, full and compact", async () => {
    const urls = ["top/", WEEK, `top/${EVERY_FACT.digest.slice(0, 4)}/`, DIGEST, MONTH, ""];
    const found: string[] = [];
    for (const density of ["full", "compact"]) {
      await withPage({}, async (page) => {
        for (const url of urls) {
          await page.goto(`${server.url}${url}#${density}`);
          const { violations } = await axeViolations(page);
          found.push(...violations.map((v) => `${url || "/"} (${density}): ${v.rule} ${v.targets.join(", ")}`));
        }
      });
    }
    expect(found).toEqual([]);
  });
});
