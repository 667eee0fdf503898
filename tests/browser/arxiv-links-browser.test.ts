/**
 * A site built from a select-all text listing and Daily Papers API responses, in headless
 * Chromium: papers with an arXiv id link straight to their pages, show their authors' names, code
 * and project page, and are found by an author's name; papers without one keep a title search.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { ingestFiles } from "../../scripts/ingest/ingest.js";
import { checkSite, problemsOf } from "../../scripts/verify/check-site.js";
import { axeViolations } from "../helpers/axe.js";
import { describe, it, launchBrowser } from "../helpers/browser.js";
import { type StaticServer, serveStatic } from "../helpers/static-server.js";

const PREFIX = "/paper-digest/";
/** One capture of each card format (tests/fixtures/formats/), beside the text listing and the API responses. */
const CAPTURES = [
  "tests/fixtures/formats/markdown/trending-capture",
  "tests/fixtures/formats/refs/daily-papers-dump",
  "tests/fixtures/formats/linklines/2026-03-25-notebook-export",
];
let browser: Browser;
let root: string;
let server: StaticServer;
let page: Page;
let outDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  root = await mkdtemp(path.join(os.tmpdir(), "arxiv-links-"));
  const contentDir = path.join(root, "content");
  await ingestFiles(
    {
      files: [
        "sources/2026-04-13.txt",
        "tests/fixtures/hf-api/2024-05-29.json",
        "tests/fixtures/hf-api/2026-03-10.json",
        ...CAPTURES.map((c) => `${c}.${c.includes("/refs/") ? "txt" : "md"}`),
      ],
      outDir: path.join(contentDir, "papers"),
      digestsDir: path.join(contentDir, "digests"),
      // The captures end with a cut-off entry, reported and left out.
      allowSkips: true,
    },
    () => {},
  );
  outDir = path.join(root, "site");
  await buildSite({ contentDir, outDir, pathPrefix: PREFIX });
  server = await serveStatic(outDir, PREFIX);
  page = await browser.newPage();
}, 240_000);

afterAll(async () => {
  await page?.close();
  await server?.close();
  await browser?.close();
  await rm(root, { recursive: true, force: true });
});

async function links(selector: string): Promise<{ text: string; href: string; rel: string }[]> {
  return page
    .locator(`${selector} a`)
    .evaluateAll((anchors) =>
      anchors.map((a) => ({ text: (a.textContent ?? "").trim(), href: a.getAttribute("href") ?? "", rel: a.getAttribute("rel") ?? "" })),
    );
}

const REL = "noopener noreferrer";

describe("a paper with an arXiv id", () => {
  it("links to its abstract and PDF on arXiv and to Semantic Scholar, with no title searches", async () => {
    await page.goto(`${server.url}papers/counting-engines-analytical-machines-for-sparse-attention/`);
    expect(await page.getByRole("heading", { level: 2, name: "Read this paper" }).isVisible()).toBe(true);
    expect(await links(".elsewhere")).toEqual([
      { text: "Abstract on arXiv", href: "https://arxiv.org/abs/2603.01234", rel: REL },
      { text: "PDF on arXiv", href: "https://arxiv.org/pdf/2603.01234", rel: REL },
      { text: "Semantic Scholar", href: "https://www.semanticscholar.org/arxiv/2603.01234", rel: REL },
    ]);
    // Its comment count links to Hugging Face already.
    expect(await links(".facts")).toContainEqual({ text: "3 comments on Hugging Face", href: "https://huggingface.co/papers/2603.01234", rel: REL });
    expect(await page.locator(".elsewhere").textContent()).toContain("arXiv 2603.01234");
    expect(await page.getByRole("heading", { name: "Find this title on" }).count()).toBe(0);
  });

  it("links its Hugging Face page once: from its comment count, or with its other pages when it has none", async () => {
    const seen = { fromComments: 0, withPages: 0 };
    for (const slug of await readdir(path.join(outDir, "papers"))) {
      const html = await readFile(path.join(outDir, "papers", slug, "index.html"), "utf8");
      const id = /<meta name="citation_arxiv_id" content="([^"]+)">/.exec(html)?.[1];
      if (!id) continue;
      const hf = `href="https://huggingface.co/papers/${id}"`;
      expect(html.split(hf).length - 1, slug).toBe(1);
      if (html.includes(`<dd><a ${hf}`)) seen.fromComments++;
      else {
        expect(html, slug).toContain(`<a ${hf} rel="${REL}">Hugging Face Papers</a>`);
        seen.withPages++;
      }
    }
    expect(seen.fromComments).toBeGreaterThan(0);
    expect(seen.withPages).toBeGreaterThan(0);
  });

  it("shows the authors' names, the organisation, the code and the project page", async () => {
    await page.goto(`${server.url}papers/counting-engines-analytical-machines-for-sparse-attention/`);
    expect(await page.locator(".byline").textContent()).toBe("Ada Lovelace, Alan Turing, Grace Hopper · Babbage Laboratory");
    expect(await links(".resources")).toEqual([
      { text: "github.com/example/counting-engines", href: "https://github.com/example/counting-engines", rel: REL },
      { text: "example.org/counting-engines", href: "https://example.org/counting-engines", rel: REL },
    ]);
    const { violations } = await axeViolations(page);
    expect(violations).toEqual([]);
  });

  it("is found by an author's name and by its organisation", async () => {
    for (const word of ["Lovelace", "Babbage"]) {
      await page.goto(`${server.url}search/?q=${word}`);
      await expect.poll(() => page.locator("#search-status").textContent(), { timeout: 15_000 }).toMatch(/^1 paper found/);
      expect(await page.locator("#search-results li h2 a").getAttribute("href")).toBe(
        `${PREFIX}papers/counting-engines-analytical-machines-for-sparse-attention/`,
      );
    }
  });

  it("cites it by eprint in the BibTeX its page shows", async () => {
    await page.goto(`${server.url}papers/phased-consistency-model/`);
    const text = (await page.locator("section.cite pre.bibtex").textContent()) ?? "";
    expect(text).toContain("  eprint = {2405.18407},\n  archivePrefix = {arXiv},\n  url = {https://arxiv.org/abs/2405.18407},");
    expect(text).toContain("  author = {Fu-Yun Wang and Zhaoyang Huang and ");
  });
});

describe("the built site", () => {
  it("passes the link check, the page policy and html-validate", async () => {
    const report = await checkSite({ dir: outDir, pathPrefix: PREFIX });
    expect(problemsOf(report)).toEqual([]);
    expect(report.html.pages).toBeGreaterThan(40);
  });
});

describe("a paper without an id", () => {
  it("keeps a title search on arXiv", async () => {
    await page.goto(`${server.url}papers/the-principles-of-diffusion-models/`);
    const found = await links(".elsewhere");
    expect(found.map((l) => new URL(l.href).hostname)).toEqual(["arxiv.org"]);
    expect(found[0]!.href).toBe("https://arxiv.org/search/?query=The+Principles+of+Diffusion+Models&searchtype=title");
    expect(await page.getByRole("heading", { name: "Read this paper" }).count()).toBe(0);
    expect(await page.locator(".byline, .resources").count()).toBe(0);
  });
});

describe("a site mixing every format", () => {
  it("links each paper whose capture names its arXiv id straight to arXiv, whatever the format", async () => {
    let checked = 0;
    for (const capture of CAPTURES) {
      const expected = JSON.parse(await readFile(`${capture}.expected.json`, "utf8")) as { listingDate: string; papers: { title: string; arxiv?: string }[] };
      const manifest = JSON.parse(await readFile(path.join(root, "content", "digests", `${expected.listingDate}.json`), "utf8")) as {
        papers: { slug: string; title: string }[];
      };
      const withId = expected.papers.filter((p) => p.arxiv !== undefined);
      expect(withId.length, capture).toBeGreaterThan(0);
      for (const paper of withId) {
        const entry = manifest.papers.find((e) => e.title === paper.title);
        expect(entry, `${capture}: ${paper.title}`).toBeDefined();
        await page.goto(`${server.url}papers/${entry!.slug}/`);
        expect((await links(".elsewhere"))[0], `${capture}: ${paper.title}`).toEqual({
          text: "Abstract on arXiv",
          href: `https://arxiv.org/abs/${paper.arxiv}`,
          rel: REL,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});
