/**
 * Look and feel in headless Chromium: the theme toggle (remembered, applied before the first paint),
 * `/` to search from any page, the print stylesheet, and pages that still work without JavaScript.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { THEME_KEY } from "../../scripts/client/theme-choice.js";
import { describe, it, launchBrowser } from "../helpers/browser.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";
import { type StaticServer, serveStatic } from "../helpers/static-server.js";

const PREFIX = "/paper-digest/";
const PAPER = "papers/interpretable-structural-model-error-discovery/";
const LIGHT_BG = "rgb(255, 255, 255)";
const DARK_BG = "rgb(21, 23, 27)";

let browser: Browser;
let workspace: Workspace;
let server: StaticServer;

beforeAll(async () => {
  workspace = await makeWorkspace();
  await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir, pathPrefix: PREFIX });
  server = await serveStatic(workspace.outDir, PREFIX);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await server.close();
  await workspace.remove();
});

async function withContext(options: Parameters<Browser["newContext"]>[0], run: (context: BrowserContext) => Promise<void>): Promise<void> {
  const context = await browser.newContext(options);
  try {
    await run(context);
  } finally {
    await context.close();
  }
}

function background(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
}

const toggle = (page: Page) => page.getByRole("button", { name: "Dark theme" });

describe("theme", () => {
  it("follows the system setting until the reader chooses", async () => {
    for (const [colorScheme, bg, pressed] of [
      ["light", LIGHT_BG, "false"],
      ["dark", DARK_BG, "true"],
    ] as const) {
      await withContext({ colorScheme }, async (context) => {
        const page = await context.newPage();
        await page.goto(`${server.url}${PAPER}`);
        expect(await background(page)).toBe(bg);
        expect(await toggle(page).getAttribute("aria-pressed")).toBe(pressed);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
      });
    }
  });

  it("switches with the toggle, by keyboard, and remembers the choice on every page", async () => {
    await withContext({ colorScheme: "light" }, async (context) => {
      const page = await context.newPage();
      await page.goto(`${server.url}${PAPER}`);
      await toggle(page).focus();
      await page.keyboard.press("Enter");
      expect(await toggle(page).getAttribute("aria-pressed")).toBe("true");
      expect(await background(page)).toBe(DARK_BG);
      expect(await page.evaluate((key) => localStorage.getItem(key), THEME_KEY)).toBe("dark");
      await page.goto(`${server.url}dates/`);
      expect(await background(page)).toBe(DARK_BG);
      await toggle(page).click();
      expect(await background(page)).toBe(LIGHT_BG);
      await page.goto(`${server.url}search/`);
      expect(await background(page)).toBe(LIGHT_BG);
      expect(await toggle(page).getAttribute("aria-pressed")).toBe("false");
    });
  });

  it("is on <html> before the body is parsed, so the page never paints in the other theme", async () => {
    await withContext({ colorScheme: "light" }, async (context) => {
      await context.addInitScript((key) => {
        localStorage.setItem(key, "dark");
        const seen: { bodyExisted: boolean; theme: string | undefined }[] = [];
        (window as unknown as { themeSeen: typeof seen }).themeSeen = seen;
        new MutationObserver(() => seen.push({ bodyExisted: document.body !== null, theme: document.documentElement.dataset.theme })).observe(document, {
          attributes: true,
          subtree: true,
          attributeFilter: ["data-theme"],
        });
        document.addEventListener("DOMContentLoaded", () => {
          seen.push({ bodyExisted: true, theme: getComputedStyle(document.documentElement).backgroundColor });
        });
      }, THEME_KEY);
      const page = await context.newPage();
      await page.goto(`${server.url}${PAPER}`, { waitUntil: "domcontentloaded" });
      const seen = await page.evaluate(() => (window as unknown as { themeSeen: unknown[] }).themeSeen);
      expect(seen[0]).toEqual({ bodyExisted: false, theme: "dark" });
      expect(seen.at(-1)).toEqual({ bodyExisted: true, theme: DARK_BG });
    });
  });

  it("hides the toggle when JavaScript is off, and the page follows the system setting", async () => {
    await withContext({ javaScriptEnabled: false, colorScheme: "dark" }, async (context) => {
      const page = await context.newPage();
      await page.goto(`${server.url}${PAPER}`);
      expect(await page.locator(".theme-toggle").isHidden()).toBe(true);
      expect(await page.locator("h1").isVisible()).toBe(true);
      expect(await background(page)).toBe(DARK_BG);
    });
  });
});

describe("the / key", () => {
  it("focuses the search box from any page, and types normally inside a field", async () => {
    await withContext({}, async (context) => {
      const page = await context.newPage();
      for (const [url, box] of [
        [PAPER, "site-search-q"],
        ["dates/2023/", "site-search-q"],
        ["search/", "search-q"],
      ] as const) {
        await page.goto(`${server.url}${url}`);
        await page.keyboard.press("/");
        expect(await page.evaluate(() => document.activeElement?.id), url).toBe(box);
        await page.keyboard.type("a/b");
        expect(await page.locator(`#${box}`).inputValue()).toBe("a/b");
      }
    });
  });
});

describe("print", () => {
  it("prints a paper page without navigation, search or links out", async () => {
    await withContext({ colorScheme: "dark" }, async (context) => {
      const page = await context.newPage();
      await page.goto(`${server.url}${PAPER}`);
      await page.emulateMedia({ media: "print" });
      for (const hidden of [".site-header", ".elsewhere", ".cite", ".neighbours"]) expect(await page.locator(hidden).isHidden(), hidden).toBe(true);
      expect(await page.locator(".abstract").isVisible()).toBe(true);
      expect(await background(page)).toBe(LIGHT_BG);
    });
  });
});
