/**
 * Builds a site and checks it against its own content: expectations are derived from the papers and
 * manifests, independently of the catalog, never hard-coded. Runs on the fixture (hand-written papers
 * plus a generated batch that runs past one page, with fixture-specific checks on top) and, when the
 * repository has content, on the real site too.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildResult, buildSite } from "../../scripts/build/build-site.js";
import { type Content, loadContent } from "../../scripts/check/content.js";
import { cleanText } from "../../scripts/catalog/clean-text.js";
import type { PaperRecord } from "../../scripts/content/paper.js";
import { GENERATED_DIGEST, makeWorkspace } from "../helpers/fixture.js";
import { decodeEntities, indexCounts, linkTargets, listEntries, listedSlugs, pageAt, readPages, textOf, walkFiles } from "../helpers/html.js";

const PER_PAGE = 100;
const GENERATED = 150;
const FIXTURE = "fixture site";
const REAL_CONTENT = "content";

interface SiteUnderTest {
  name: string;
  /** Content folder and an empty output folder, and how to clean up after. */
  prepare(): Promise<{ contentDir: string; outDir: string; remove(): Promise<void> }>;
}

const sites: SiteUnderTest[] = [{ name: FIXTURE, prepare: () => makeWorkspace({ generated: GENERATED }) }];
if (existsSync(path.join(REAL_CONTENT, "papers"))) {
  sites.push({
    name: "real site",
    prepare: async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), "paper-digest-real-"));
      return { contentDir: REAL_CONTENT, outDir: path.join(root, "site"), remove: () => rm(root, { recursive: true, force: true }) };
    },
  });
}

describe.each(sites)("$name", ({ name, prepare }) => {
  let workspace: { contentDir: string; outDir: string; remove(): Promise<void> };
  let result: BuildResult;
  let content: Content;
  let files: string[];
  let pages: Map<string, string>;

  beforeAll(async () => {
    workspace = await prepare();
    result = await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir });
    content = await loadContent(workspace.contentDir);
    files = await walkFiles(workspace.outDir);
    pages = await readPages(workspace.outDir, files);
  });

  afterAll(async () => {
    await workspace.remove();
  });

  const page = (url: string) => pageAt(pages, url);

  /** The lists each paper must appear in, by the rules of the issue. */
  function expectedLists(paper: PaperRecord): string[] {
    const lists = paper.digests.map((d) => `/digests/${d}/`);
    if (paper.published) lists.push(`/dates/${paper.published.slice(0, 4)}/${paper.published.slice(5, 7)}/`);
    else lists.push("/dates/undated/");
    lists.push(`/authors/${paper.authors ?? "unknown"}/`);
    return lists;
  }

  function expectedMembers(): Map<string, string[]> {
    const members = new Map<string, string[]>([
      ["/dates/undated/", []],
      ["/authors/unknown/", []],
    ]);
    for (const paper of content.papers) {
      // A year page is its months' summary: one page that lists none of its papers.
      if (paper.published) members.set(`/dates/${paper.published.slice(0, 4)}/`, []);
    }
    for (const paper of content.papers) {
      for (const list of expectedLists(paper)) members.set(list, [...(members.get(list) ?? []), paper.slug]);
    }
    return members;
  }

  /** List URL → papers in it, plus each year's count: a year page lists no papers, it sums its months. */
  function expectedCounts(): Map<string, number> {
    const counts = new Map([...expectedMembers()].map(([list, slugs]) => [list, slugs.length]));
    for (const paper of content.papers) {
      const year = paper.published && `/dates/${paper.published.slice(0, 4)}/`;
      if (year) counts.set(year, (counts.get(year) ?? 0) + 1);
    }
    return counts;
  }

  /** List URL → slugs in the order shown, over all of the list's numbered pages. */
  function builtLists(): Map<string, string[]> {
    const lists = new Map<string, string[]>();
    const urls = [...pages.keys()].filter((u) => /^\/(digests|dates|authors)\/.+/.test(u)).sort();
    for (const url of urls) {
      const base = url.replace(/page\/\d+\/$/, "");
      lists.set(base, [...(lists.get(base) ?? []), ...listedSlugs(page(url))]);
    }
    return lists;
  }

  function pageNumberOf(url: string): number {
    return Number(/page\/(\d+)\/$/.exec(url)?.[1] ?? 1);
  }

  describe("pages and lists", () => {
    it("has a page for every paper, titled with the paper's title", () => {
      for (const paper of content.papers) {
        const html = page(`/papers/${paper.slug}/`);
        expect(textOf(html, /<h1>([^<]*)<\/h1>/)).toBe(paper.title);
        expect(textOf(html, /<title>([^<]*) · /)).toBe(paper.title);
      }
      const paperPages = [...pages.keys()].filter((u) => u.startsWith("/papers/"));
      expect(paperPages).toHaveLength(content.papers.length);
    });

    it("lists every paper exactly once in each archive and digest it belongs to, and nowhere else", () => {
      const built = builtLists();
      const expected = expectedMembers();
      expect([...built.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [list, slugs] of expected) {
        expect([...(built.get(list) ?? [])].sort(), list).toEqual([...slugs].sort());
      }
    });

    it("splits lists into pages of at most 100 papers at stable URLs", () => {
      const members = expectedMembers();
      if (name === FIXTURE) expect(Math.max(...[...members.values()].map((m) => m.length))).toBeGreaterThan(PER_PAGE);
      for (const [list, slugs] of members) {
        const expectedPages = Math.max(1, Math.ceil(slugs.length / PER_PAGE));
        const built = [...pages.keys()].filter((u) => u === list || (u.startsWith(`${list}page/`) && /page\/\d+\/$/.test(u)));
        expect(
          built.map(pageNumberOf).sort((a, b) => a - b),
          list,
        ).toEqual(Array.from({ length: expectedPages }, (_, i) => i + 1));
        for (const url of built) {
          const count = listedSlugs(page(url)).length;
          const number = pageNumberOf(url);
          expect(count, url).toBe(Math.min(PER_PAGE, slugs.length - (number - 1) * PER_PAGE));
          if (number < expectedPages) expect(page(url)).toContain(`href="${list}page/${number + 1}/" rel="next"`);
        }
      }
    });

    it("shows each digest in its listed order, then unlisted papers by slug", () => {
      const built = builtLists();
      const digestDates = [...new Set(content.papers.flatMap((p) => p.digests))];
      for (const date of digestDates) {
        const members = content.papers.filter((p) => p.digests.includes(date)).map((p) => p.slug);
        const listed = (content.manifests.find((m) => m.date === date)?.papers ?? []).map((e) => e.slug).filter((s) => members.includes(s));
        const rest = members.filter((s) => !listed.includes(s)).sort();
        expect(built.get(`/digests/${date}/`), date).toEqual([...listed, ...rest]);
      }
      if (name === FIXTURE) {
        const generated = built.get(`/digests/${GENERATED_DIGEST}/`) ?? [];
        expect(generated).not.toEqual([...generated].sort());
      }
    });

    it("shows the newest digest on the home page and all digests, newest first, on /digests/", () => {
      const dates = [...new Set(content.papers.flatMap((p) => p.digests))].sort().reverse();
      const newest = dates[0] ?? "";
      expect(listedSlugs(page("/"))).toEqual(listedSlugs(page(`/digests/${newest}/`)));
      const counts = indexCounts(page("/digests/"));
      expect([...counts.keys()]).toEqual(dates.map((d) => `/digests/${d}/`));
      for (const date of dates) {
        expect(counts.get(`/digests/${date}/`)).toBe(content.papers.filter((p) => p.digests.includes(date)).length);
      }
    });

    it("counts papers per year and month on /dates/, and per author count on /authors/", () => {
      const expected = expectedCounts();
      const dates = indexCounts(page("/dates/"));
      const authors = indexCounts(page("/authors/"));
      const datedLists = [...expected.keys()].filter((l) => l.startsWith("/dates/"));
      const authorLists = [...expected.keys()].filter((l) => l.startsWith("/authors/"));
      expect([...dates.keys()].sort()).toEqual(datedLists.sort());
      expect([...authors.keys()].sort()).toEqual(authorLists.sort());
      for (const [list, count] of [...dates, ...authors]) expect(count, list).toBe(expected.get(list));
      expect([...authors.keys()].at(-1)).toBe("/authors/unknown/");
    });

    it("makes each year page its months' summary: every month linked with its count, the year's total, no paper listed", () => {
      const counts = expectedCounts();
      const years = [...counts.keys()].filter((l) => /^\/dates\/\d{4}\/$/.test(l));
      expect(years.length).toBeGreaterThan(1);
      for (const year of years) {
        const html = page(year);
        const months = [...counts].filter(([list, count]) => list.startsWith(year) && list !== year && count > 0);
        expect([...indexCounts(html)].sort(), year).toEqual(months.sort());
        expect(html, year).toContain(`<p class="count">${counts.get(year)} paper`);
        expect(listedSlugs(html), year).toEqual([]);
        expect(
          [...pages.keys()].filter((u) => u.startsWith(`${year}page/`)),
          year,
        ).toEqual([]);
      }
    });

    it("draws the same counts in its charts as its archives hold, each bar linking to its archive, with a table of the same numbers", () => {
      const expected = expectedCounts();
      const charts: [string, RegExp][] = [
        ["/dates/", /^\/dates\/\d{4}\/$/],
        ["/authors/", /^\/authors\/[^/]+\/$/],
        ...[...expected.keys()].filter((l) => /^\/dates\/\d{4}\/$/.test(l)).map((l): [string, RegExp] => [l, new RegExp(`^${l}\\d{2}/$`)]),
      ];
      for (const [url, lists] of charts) {
        const html = page(url);
        const svg = /<svg [\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
        expect(svg, url).toMatch(/<title id="[^"]+">[^<]+<\/title>\s*<desc id="[^"]+">[^<]+<\/desc>/);
        const bars = new Map([...svg.matchAll(/<a href="([^"]+)" aria-label="[^"]*: (\d+) papers?">/g)].map((m) => [m[1] ?? "", Number(m[2])]));
        const table = /<table class="chart-table">[\s\S]*?<\/table>/.exec(html)?.[0] ?? "";
        const rows = new Map([...table.matchAll(/<a href="([^"]+)">[^<]*<\/a><\/th><td>(\d+)<\/td>/g)].map((m) => [m[1] ?? "", Number(m[2])]));
        const want = new Map([...expected].filter(([list, count]) => lists.test(list) && count > 0));
        expect(bars, url).toEqual(want);
        expect(rows, url).toEqual(want);
      }
    });

    it("shows excerpts in digest lists and on the home page, none in the archive lists (year, month, undated, author count)", () => {
      const excerptsOf = (entry: string) => [...entry.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => decodeEntities(m[1] ?? ""));
      const lists = [...pages.keys()].filter((u) => u === "/" || /^\/(digests|dates|authors)\/.+/.test(u));
      let digestEntries = 0;
      let archiveEntries = 0;
      for (const url of lists) {
        const isDigest = url === "/" || url.startsWith("/digests/");
        for (const entry of listEntries(page(url))) {
          const paper = content.papers.find((p) => p.slug === entry.slug);
          if (!paper) throw new Error(`${url} lists ${entry.slug}, which is no paper`);
          const words = cleanText(paper.abstract).split(/\s+/).filter(Boolean);
          const excerpts = excerptsOf(entry.html);
          if (isDigest) {
            digestEntries++;
            expect(excerpts, `${url} ${entry.slug}`).toHaveLength(1);
            const shown = (excerpts[0] ?? "").replace(/ …$/, "").split(" ");
            expect(shown, `${url} ${entry.slug}`).toEqual(words.slice(0, shown.length));
            expect(shown.length, `${url} ${entry.slug}`).toBe(Math.min(words.length, 40));
          } else {
            archiveEntries++;
            expect(excerpts, `${url} ${entry.slug}`).toEqual([]);
            expect(decodeEntities(entry.html), `${url} ${entry.slug}`).not.toContain(words.slice(0, 6).join(" "));
          }
        }
      }
      const members = [...expectedMembers()];
      const inLists = (digests: boolean) => members.filter(([list]) => list.startsWith("/digests/") === digests).reduce((n, [, slugs]) => n + slugs.length, 0);
      expect(digestEntries).toBe(inLists(true) + listedSlugs(page("/")).length);
      expect(archiveEntries).toBe(inLists(false));
    });

    it("shows in every list entry, after the title link, the upvote and comment badges and the date, author count, organisation and code link when known", () => {
      const lists = [...pages.keys()].filter((u) => u === "/" || /^\/(digests|dates|authors)\/.+/.test(u));
      const count = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;
      for (const url of lists) {
        for (const entry of listEntries(page(url))) {
          const paper = content.papers.find((p) => p.slug === entry.slug);
          if (!paper) throw new Error(`${url} lists ${entry.slug}, which is no paper`);
          const where = `${url} ${paper.slug}`;
          const meta = decodeEntities(/<p class="meta">([\s\S]*?)<\/p>/.exec(entry.html)?.[1] ?? "");
          const badges = [...meta.matchAll(/<span class="(up|cm)">([^<]*)<\/span>/g)].map((m) => [m[1], m[2]]);
          const want: [string, string][] = [];
          if (paper.upvotes !== undefined) want.push(["up", count(paper.upvotes, "upvote")]);
          if (paper.comments !== undefined) want.push(["cm", count(paper.comments, "comment")]);
          expect(badges, where).toEqual(want);
          const more = /<span class="more">([\s\S]*)<\/span>$/.exec(meta)?.[1] ?? "";
          const facts = more.split(" · ");
          if (paper.published) expect(facts[0], where).toMatch(new RegExp(`^<time datetime="${paper.published}">[^<]+</time>$`));
          else expect(facts[0], where).toBe("Date unknown");
          const rest: string[] = [];
          if (paper.authors !== undefined) rest.push(count(paper.authors, "author"));
          if (paper.organization !== undefined) rest.push(`from ${paper.organization}`);
          if (paper.authors === undefined && paper.organization === undefined) rest.push("Authors unknown");
          if (paper.code !== undefined) rest.push(`<a href="${paper.code}" rel="noopener noreferrer">Code</a>`);
          expect(facts.slice(1), where).toEqual(rest);
          expect(entry.html.indexOf(`<a href="/papers/${paper.slug}/">`), where).toBe(entry.html.indexOf("<a "));
        }
      }
    });

    it("says each fact of the home page once, and links each digest to the one before and after it", () => {
      const dates = [...new Set(content.papers.flatMap((p) => p.digests))].sort();
      const newest = dates.at(-1) ?? "";
      const home = page("/");
      const main = /<main[\s\S]*<\/main>/.exec(home)?.[0] ?? "";
      const size = content.papers.filter((p) => p.digests.includes(newest)).length;
      const label = `${size} ${size === 1 ? "paper" : "papers"}`;
      expect(main.split(label)).toHaveLength(2);
      expect(main).not.toMatch(/<dt>Papers<\/dt>/);
      const feedLinks = [...home.matchAll(/<a href="(\/feed\.(?:xml|json))">/g)].map((m) => m[1]);
      expect(feedLinks.sort()).toEqual(["/feed.json", "/feed.xml"]);
      dates.forEach((date, i) => {
        const html = page(`/digests/${date}/`);
        const older = [...html.matchAll(/<a href="(\/digests\/[\d-]+\/)">Older digest: /g)].map((m) => m[1]);
        const newer = [...html.matchAll(/<a href="(\/digests\/[\d-]+\/)">Newer digest: /g)].map((m) => m[1]);
        expect(older, date).toEqual(i > 0 ? [`/digests/${dates[i - 1]}/`] : []);
        expect(newer, date).toEqual(i < dates.length - 1 ? [`/digests/${dates[i + 1]}/`] : []);
      });
    });

    it("has a 404 page", () => {
      expect(page("/404.html")).toContain("<h1>Page not found</h1>");
    });

    it("indexes paper pages only", async () => {
      const entry = JSON.parse(await readFile(path.join(workspace.outDir, "pagefind", "pagefind-entry.json"), "utf8")) as {
        languages: Record<string, { page_count: number }>;
      };
      expect(Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0)).toBe(content.papers.length);
      expect(result.indexed).toBe(content.papers.length);
      const bodies = [...pages].filter(([, html]) => html.includes("data-pagefind-body")).map(([url]) => url);
      expect(bodies.every((u) => u.startsWith("/papers/"))).toBe(true);
      expect(bodies).toHaveLength(content.papers.length);
    });

    it("ships two small scripts on every page, each page's own only where it is needed, and no inline script", async () => {
      const THEME = '<script src="/assets/theme.js">';
      const SITE = '<script src="/assets/site.js" defer>';
      const own = (url: string): string[] => {
        if (url === "/search/") return ['<script type="module" src="/assets/search.js">'];
        return url === "/saved/" ? ['<script src="/assets/saved.js" defer>'] : [];
      };
      for (const [url, html] of pages) {
        const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]).filter((tag) => tag !== '<script type="application/ld+json">');
        const expected = [THEME, SITE, ...own(url)];
        expect(scripts, url).toEqual(expected);
        // The theme must be on <html> before anything paints: its script is a blocking one in <head>.
        expect(html.indexOf(THEME), url).toBeLessThan(html.indexOf("</head>"));
        const attributeNames = [...html.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0].replace(/"[^"]*"/g, '""'));
        expect(
          attributeNames.filter((tag) => /\son[a-z]+=/i.test(tag)),
          url,
        ).toEqual([]);
      }
      for (const file of ["search.js", "theme.js", "site.js", "saved.js"])
        expect((await stat(path.join(workspace.outDir, "assets", file))).size).toBeGreaterThan(0);
      expect(files).not.toContain(path.join("assets", "save.js"));
      expect((await stat(path.join(workspace.outDir, "assets", "theme.js"))).size).toBeLessThan(1024);
      // The toggle, the shortcuts, the Save button and the contribution links, deferred and cached: 6.3 KB once instead of a script tag and 485 bytes of links on each of 100,000 pages.
      expect((await stat(path.join(workspace.outDir, "assets", "site.js"))).size).toBeLessThan(7168);
    });

    it("links only to pages that exist, or to the outside world", () => {
      const targets = new Set([...pages.values()].flatMap(linkTargets).filter((t) => t.startsWith("/")));
      for (const target of targets) {
        const file = target.endsWith("/") ? `${target}index.html` : target;
        expect(files, target).toContain(file.slice(1).split("/").join(path.sep));
      }
    });

    it("keeps pages small: a paper page at most 6 KB with a 1.3 KB abstract (issue 17), any page under 200 KB", () => {
      for (const [url, html] of pages) {
        const size = Buffer.byteLength(html);
        if (url.startsWith("/papers/")) {
          // Everything but the abstract's own HTML; tests/build/paper-page.test.ts measures a typical page closer.
          const abstract = /<section class="abstract">\s*<h2[^>]*>Abstract<\/h2>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
          expect(abstract.length, url).toBeGreaterThan(0);
          expect(size - Buffer.byteLength(abstract), url).toBeLessThanOrEqual(6 * 1024 - 1300);
        }
        expect(size, url).toBeLessThanOrEqual(200 * 1024);
      }
    });
  });

  describe("paper pages", () => {
    function paperBySlug(slug: string): PaperRecord {
      const paper = content.papers.find((p) => p.slug === slug);
      if (!paper) throw new Error(`fixture lacks ${slug}`);
      return paper;
    }

    it("show every known fact, and say when date or authors are unknown", () => {
      for (const paper of content.papers) {
        const html = page(`/papers/${paper.slug}/`);
        const facts = /<dl class="facts"[\s\S]*?<\/dl>/.exec(html)?.[0] ?? "";
        const authors = textOf(facts, /<dt>Authors<\/dt><dd[^>]*>(?:<a [^>]*>)?([^<]*)/);
        // A count, never the organisation (issue 16): the byline names that.
        if (paper.authors !== undefined) expect(authors).toBe(`${paper.authors} ${paper.authors === 1 ? "author" : "authors"}`);
        else expect(authors).toBe("Unknown");
        if (paper.organization !== undefined) expect(textOf(html, /<p class="byline">([^<]*)<\/p>/)).toContain(paper.organization);
        if (paper.published === undefined) expect(facts).toContain("Date unknown");
        else expect(facts).toContain(`<time datetime="${paper.published}"`);
        expect(facts.includes("<dt>Discussion</dt>")).toBe(paper.comments !== undefined);
        if (paper.comments !== undefined)
          expect(facts).toContain(`<dt>Discussion</dt><dd>${paper.comments} ${paper.comments === 1 ? "comment" : "comments"} on Hugging Face</dd>`);
        expect(facts.includes("<dt>Upvotes</dt>")).toBe(paper.upvotes !== undefined);
        if (paper.upvotes !== undefined) expect(facts).toContain(`<dt>Upvotes</dt><dd data-pagefind-meta="upvotes">${paper.upvotes}</dd>`);
      }
    });

    it.runIf(name === FIXTURE)("format the published date in words", () => {
      const html = page("/papers/interpretable-structural-model-error-discovery/");
      expect(textOf(html, /<time datetime="2023-09-22"[^>]*>([^<]*)<\/time>/)).toBe("22 September 2023");
    });

    it("render the full abstract, paragraph by paragraph, LaTeX residue cleaned", () => {
      for (const paper of content.papers) {
        const html = page(`/papers/${paper.slug}/`);
        const abstract = /<section class="abstract"[\s\S]*?<\/h2>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
        const paragraphs = [...abstract.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => decodeEntities((m[1] ?? "").replace(/<[^>]+>/g, "")));
        expect(paragraphs.join("\n\n"), paper.slug).toBe(cleanText(paper.abstract));
      }
    });

    it("link to their digests, their neighbours there, their month and author-count archives", () => {
      const built = builtLists();
      for (const paper of content.papers) {
        const html = page(`/papers/${paper.slug}/`);
        for (const list of expectedLists(paper).filter((l) => !/^\/dates\/\d{4}\/$/.test(l))) expect(html, paper.slug).toContain(`href="${list}"`);
        for (const date of paper.digests) {
          const order = built.get(`/digests/${date}/`) ?? [];
          const i = order.indexOf(paper.slug);
          const previous = order[i - 1];
          const next = order[i + 1];
          if (previous) expect(html).toContain(`<a href="/papers/${previous}/" rel="prev">`);
          if (next) expect(html).toContain(`<a href="/papers/${next}/" rel="next">`);
        }
      }
      for (const digest of built.keys()) {
        const first = digest.startsWith("/digests/") ? built.get(digest)?.[0] : undefined;
        if (first && content.papers.find((p) => p.slug === first)?.digests.length === 1) expect(page(`/papers/${first}/`)).not.toContain('rel="prev"');
      }
    });

    it.runIf(name === FIXTURE)("link to a title search on arXiv, the title said once, without leaking the referrer", () => {
      const paper = paperBySlug("script-alert-1-script");
      const html = page(`/papers/${paper.slug}/`);
      const external = [...html.matchAll(/<a href="(https:[^"]+)" rel="noopener noreferrer">/g)].map((m) => decodeEntities(m[1] ?? ""));
      expect(external.map((u) => new URL(u).hostname)).toEqual(["arxiv.org"]);
      expect(new URL(external[0] ?? "").searchParams.get("query")).toBe(paper.title);
      expect(html.match(/<a href="https:/g)).toHaveLength(1);
    });
  });

  describe.runIf(name === FIXTURE)("LaTeX residue", () => {
    it("is cleaned on the paper page and in list excerpts, and the page is what search indexes", () => {
      const html = decodeEntities(page("/papers/coin-flips-with-latex-residue/"));
      expect(html).toContain(
        "We collected 350,757 flips; about 51% landed on the starting side, so Pr(same)-Pr(other)<0.02 and the “same-side” bias holds for C_flip",
      );
      expect(html).toContain("{rm F{small LARES}} or the set {a, b}: see https://example.org/a{,}b");
      expect(html).toMatch(/<article class="paper" data-pagefind-body/);
      expect(decodeEntities(page("/digests/2026-04-14/"))).toContain("We collected 350,757 flips; about 51% landed");
    });
  });

  describe.runIf(name === FIXTURE)("hostile titles and abstracts", () => {
    it("never reach the HTML as markup", () => {
      for (const [url, html] of pages) {
        expect(html, url).not.toMatch(/<script>alert|<img src=x|<\/script><script>|onerror=alert\(1\)>/i);
        expect(html, url).not.toMatch(/href="javascript:|src="javascript:/i);
        expect(html, url).not.toContain(workspace.contentDir);
      }
    });

    it("show literally in the page, the document title and the lists", () => {
      for (const slug of ["script-alert-1-script", "template-syntax-in-titles", "markdown-link-tricks"]) {
        const paper = content.papers.find((p) => p.slug === slug);
        if (!paper) throw new Error(`fixture lacks ${slug}`);
        const html = page(`/papers/${slug}/`);
        expect(textOf(html, /<title>([^<]*) · /)).toBe(paper.title);
        expect(textOf(html, /<h1[^>]*>([^<]*)<\/h1>/)).toBe(paper.title);
        const list = page(`/authors/${paper.authors ?? "unknown"}/`);
        expect(decodeEntities(list)).toContain(`<h2><a href="/papers/${slug}/">${paper.title}</a></h2>`);
      }
      const template = page("/papers/template-syntax-in-titles/");
      expect(template).toContain("{{ 7 * 7 }}");
      expect(template).not.toContain(" 49 ");
      expect(template).toContain("{% raw %}");
      const tricks = page("/papers/markdown-link-tricks/");
      expect(decodeEntities(tricks)).toContain("[click me](javascript:alert(1))");
      expect(decodeEntities(tricks)).toContain("<img src=x onerror=alert(1)>");
    });
  });
});
