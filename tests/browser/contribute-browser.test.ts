/**
 * "Edit this page" and "Report a problem" in headless Chromium: site.js makes them at the end of
 * every paper page from the configured repository and branch, pointing at the paper's own Markdown
 * file and the repository's issue form; no page's HTML carries them, no other page gets them, and
 * a site without a repository, or a reader without JavaScript, has none.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { PAPER_ISSUE_FORM } from "../../scripts/catalog/contribute.js";
import { listFiles } from "../../scripts/verify/check-site.js";
import { describe, it, launchBrowser } from "../helpers/browser.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";
import { type WatchedPage, watchPage } from "../helpers/page-watch.js";
import { type StaticServer, serveStatic } from "../helpers/static-server.js";

const PREFIX = "/digest/";
const REPOSITORY = "https://github.com/acme/digest";
const ENV = ["SITE_REPOSITORY", "SITE_URL", "SITE_BRANCH"] as const;

interface Site {
  workspace: Workspace;
  server: StaticServer;
  files: Set<string>;
  slugs: string[];
}

let browser: Browser;
const sites: Site[] = [];
const watched: WatchedPage[] = [];

async function buildWith(env: Partial<Record<(typeof ENV)[number], string>>): Promise<Site> {
  Object.assign(process.env, env);
  try {
    const workspace = await makeWorkspace();
    await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir, pathPrefix: PREFIX });
    const slugs = (await readdir(path.join(workspace.contentDir, "papers"))).map((f) => f.replace(/\.md$/, "")).sort();
    const site = { workspace, server: await serveStatic(workspace.outDir, PREFIX), files: new Set(await listFiles(workspace.outDir)), slugs };
    sites.push(site);
    return site;
  } finally {
    for (const name of ENV) delete process.env[name];
  }
}

let configured: Site;
let bare: Site;

beforeAll(async () => {
  browser = await launchBrowser();
  configured = await buildWith({ SITE_REPOSITORY: REPOSITORY, SITE_URL: "https://acme.github.io/digest", SITE_BRANCH: "trunk" });
  bare = await buildWith({});
}, 240_000);

afterAll(async () => {
  for (const w of watched) await w.close();
  await browser?.close();
  for (const site of sites) {
    await site.server.close();
    await site.workspace.remove();
  }
});

async function open(site: Site, url: string, javaScriptEnabled = true): Promise<WatchedPage> {
  const w = await watchPage(browser, { base: site.server.url, files: site.files, context: { javaScriptEnabled } });
  watched.push(w);
  await w.page.goto(new URL(url, site.server.url).href);
  return w;
}

interface Section {
  last: boolean;
  heading: string;
  links: { text: string; href: string; rel: string }[];
}

/** The contribution section as the reader gets it, or null. */
async function contribution(w: WatchedPage): Promise<Section | null> {
  await w.page.waitForLoadState("load");
  return w.page.evaluate(() => {
    const section = document.querySelector("main > section.contribute");
    if (!section) return null;
    return {
      last: section === document.querySelector("main")?.lastElementChild,
      heading: section.querySelector("h2")?.textContent ?? "",
      links: [...section.querySelectorAll("a")].map((a) => ({ text: a.textContent ?? "", href: a.href, rel: a.rel })),
    };
  });
}

describe("contribution links on paper pages", () => {
  it("open each paper's own file in GitHub's editor and the paper issue form titled with its slug", async () => {
    expect(configured.slugs.length).toBeGreaterThan(3);
    const w = await open(configured, "./");
    for (const slug of configured.slugs) {
      await w.page.goto(new URL(`papers/${slug}/`, configured.server.url).href);
      const section = await contribution(w);
      expect(section, slug).not.toBeNull();
      expect(section!.last).toBe(true);
      expect(section!.heading).toBe("Something wrong?");
      const [edit, report, ...rest] = section!.links;
      expect(rest).toEqual([]);
      expect(edit).toEqual({ text: "Edit this page", href: `${REPOSITORY}/edit/trunk/content/papers/${slug}.md`, rel: "noopener noreferrer" });
      expect(report!.text).toBe("Report a problem");
      const url = new URL(report!.href);
      expect(`${url.origin}${url.pathname}`).toBe(`${REPOSITORY}/issues/new`);
      expect(url.searchParams.get("template")).toBe(PAPER_ISSUE_FORM);
      expect(url.searchParams.get("title")).toBe(slug);
    }
    expect(await w.take()).toEqual([]);
  });

  it("are in no page's HTML, and on no page but a paper's", async () => {
    for (const file of configured.files) {
      if (!file.endsWith(".html")) continue;
      expect(await readFile(path.join(configured.workspace.outDir, file), "utf8"), file).not.toContain("Edit this page");
    }
    for (const url of ["./", "digests/", "search/", "saved/"]) {
      expect(await contribution(await open(configured, url)), url).toBeNull();
    }
  });

  it("are absent without JavaScript, and on a site with no repository", async () => {
    expect(await contribution(await open(configured, `papers/${configured.slugs[0]}/`, false))).toBeNull();
    const w = await open(bare, "./");
    for (const slug of bare.slugs) {
      await w.page.goto(new URL(`papers/${slug}/`, bare.server.url).href);
      expect(await contribution(w), slug).toBeNull();
      expect(await w.page.locator(".save-line button").count(), "site.js ran").toBe(1);
    }
    expect(await w.take()).toEqual([]);
  });
});
