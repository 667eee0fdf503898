/**
 * Feeds, sitemap, the paper files (data/) and BibTeX of built fixture sites, read with independent parsers and
 * checked against the content: one site with an address and a path prefix (absolute URLs), one local
 * build without (root-relative URLs, tag-URI ids).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseBibtex } from "@retorquere/bibtex-parser";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorBand } from "../../scripts/catalog/bands.js";
import { buildSite } from "../../scripts/build/build-site.js";
import { cleanText } from "../../scripts/catalog/clean-text.js";
import { type Content, loadContent } from "../../scripts/check/content.js";
import type { PaperRecord } from "../../scripts/content/paper.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";
import { decodeEntities, linkTargets, resolveLink, urlOf, walkFiles } from "../helpers/html.js";

const FEED_LIMIT = 50;
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  textNodeName: "text",
  isArray: (name) => ["entry", "link", "category", "url", "sitemap"].includes(name),
  parseTagValue: false,
});

interface AtomLink {
  rel?: string;
  href: string;
}
interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  published: string;
  link: AtomLink[];
  content: { type: string; text: string };
}
interface AtomFeed {
  xmlns: string;
  id: string;
  title: string;
  updated: string;
  author: { name: string };
  link: AtomLink[];
  entry?: AtomEntry[];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

interface Variant {
  name: string;
  siteUrl: string;
  prefix: string;
  generated: number;
}

const variants: Variant[] = [
  { name: "with an address and a path prefix", siteUrl: "https://example.org/paper-digest", prefix: "/paper-digest/", generated: 120 },
  { name: "built locally without an address", siteUrl: "", prefix: "/", generated: 0 },
];

describe.each(variants)("a site $name", ({ siteUrl, prefix, generated }) => {
  let workspace: Workspace;
  let content: Content;
  let files: Set<string>;

  const origin = siteUrl ? new URL(siteUrl).origin : "";
  const base = `${origin}${prefix}`;
  const expectedUrl = (sitePath: string) => `${base}${sitePath.slice(1)}`;

  beforeAll(async () => {
    workspace = await makeWorkspace({ generated });
    const saved = process.env.SITE_URL;
    process.env.SITE_URL = siteUrl;
    try {
      await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir, pathPrefix: prefix });
    } finally {
      if (saved === undefined) delete process.env.SITE_URL;
      else process.env.SITE_URL = saved;
    }
    content = await loadContent(workspace.contentDir);
    files = new Set((await walkFiles(workspace.outDir)).map((f) => f.split(path.sep).join("/")));
  });

  afterAll(async () => {
    await workspace.remove();
  });

  function read(file: string): Promise<string> {
    return readFile(path.join(workspace.outDir, file), "utf8");
  }

  /** The built file a public URL names, or undefined when it names none. */
  function fileOf(url: string): string | undefined {
    if (!url.startsWith(base)) return undefined;
    const rest = url.slice(base.length);
    const file = rest === "" || rest.endsWith("/") ? `${rest}index.html` : rest;
    return files.has(file) ? file : undefined;
  }

  function expectPublic(url: string): void {
    if (siteUrl) expect(url, url).toMatch(new RegExp(`^${base}`));
    else expect(url, url).toMatch(/^\/(?!\/)/);
    expect(fileOf(url), url).toBeDefined();
  }

  /** A digest's papers: listed order, then the unlisted by slug. */
  function digestOrder(date: string): PaperRecord[] {
    const members = content.papers.filter((p) => p.digests.includes(date));
    const listed = (content.manifests.find((m) => m.date === date)?.papers ?? []).map((e) => e.slug).filter((s) => members.some((p) => p.slug === s));
    const rest = members
      .map((p) => p.slug)
      .filter((s) => !listed.includes(s))
      .sort();
    return [...listed, ...rest].map((slug) => members.find((p) => p.slug === slug) as PaperRecord);
  }

  /** Every paper once, newest digest first, at the newest digest that lists it. */
  function newestFirst(): PaperRecord[] {
    const dates = [...new Set(content.papers.flatMap((p) => p.digests))].sort().reverse();
    const seen = new Set<string>();
    return dates.flatMap(digestOrder).filter((paper) => !seen.has(paper.slug) && seen.add(paper.slug));
  }

  async function atom(file: string): Promise<AtomFeed> {
    const text = await read(file);
    expect(XMLValidator.validate(text), file).toBe(true);
    return (xml.parse(text) as { feed: AtomFeed }).feed;
  }

  /** The feed is valid Atom, with these papers in this order, each with its full abstract. */
  async function checkAtom(file: string, papers: PaperRecord[]): Promise<AtomFeed> {
    const feed = await atom(file);
    expect(feed.xmlns).toBe("http://www.w3.org/2005/Atom");
    expect(feed.title.length).toBeGreaterThan(0);
    expect(feed.updated).toMatch(RFC3339);
    expect(feed.author.name.length).toBeGreaterThan(0);
    expect(feed.link.find((l) => l.rel === "self")?.href).toBe(expectedUrl(`/${file}`));
    const entries = feed.entry ?? [];
    expect(entries.map((e) => e.link[0]?.href)).toEqual(papers.slice(0, FEED_LIMIT).map((p) => expectedUrl(`/papers/${p.slug}/`)));
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [feed.id, ...ids]) expect(id).toMatch(siteUrl ? new RegExp(`^${base}`) : /^tag:localhost,2026:\//);
    entries.forEach((entry, i) => {
      const paper = papers[i] as PaperRecord;
      expect(entry.title).toBe(paper.title);
      expect(entry.updated).toMatch(RFC3339);
      expect(entry.published).toMatch(RFC3339);
      if (i > 0) expect(entry.updated <= (entries[i - 1] as AtomEntry).updated).toBe(true);
      expectPublic(entry.link[0]?.href ?? "");
      expect(entry.content.type).toBe("html");
      const paragraphs = [...entry.content.text.matchAll(/<p>([^<]*)<\/p>/g)].map((m) => decodeEntities(m[1] ?? ""));
      expect(paragraphs.join("\n\n")).toBe(cleanText(paper.abstract));
      expect(entry.content.text).not.toMatch(/<(?!\/?(p|em)>)/);
    });
    return feed;
  }

  it("has an Atom feed of the newest papers, newest digest first, bounded", async () => {
    const order = newestFirst();
    if (generated) expect(order.length).toBeGreaterThan(FEED_LIMIT);
    await checkAtom("feed.xml", order);
  });

  it("has an Atom feed per publication year and per author-count band", async () => {
    const order = newestFirst();
    const years = [...new Set(content.papers.flatMap((p) => (p.published ? [p.published.slice(0, 4)] : [])))];
    for (const year of years)
      await checkAtom(
        `feeds/years/${year}.xml`,
        order.filter((p) => p.published?.startsWith(year)),
      );
    const bands = [...new Set(content.papers.map((p) => authorBand(p.authors)))];
    for (const band of bands) {
      const segment = band.replace("–", "-").replace("+", "-plus");
      await checkAtom(
        `feeds/authors/${segment}.xml`,
        order.filter((p) => authorBand(p.authors) === band),
      );
    }
    const feedFiles = [...files].filter((f) => f.startsWith("feeds/") && !f.startsWith("feeds/top/"));
    expect(feedFiles).toHaveLength(years.length + bands.length);
  });

  it("has a JSON Feed 1.1 with the same entries", async () => {
    const feed = JSON.parse(await read("feed.json")) as {
      version: string;
      title: string;
      feed_url: string;
      home_page_url: string;
      items: { id: string; url: string; title: string; content_html: string; date_published: string; date_modified: string }[];
    };
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.title.length).toBeGreaterThan(0);
    expect(feed.feed_url).toBe(expectedUrl("/feed.json"));
    expectPublic(feed.home_page_url);
    const atomFeed = await atom("feed.xml");
    expect(feed.items.map((i) => i.url)).toEqual((atomFeed.entry ?? []).map((e) => e.link[0]?.href));
    expect(feed.items.map((i) => i.id)).toEqual((atomFeed.entry ?? []).map((e) => e.id));
    for (const item of feed.items) {
      expect(item.title.length).toBeGreaterThan(0);
      expect(item.content_html).toMatch(/^<p>/);
      expect(item.date_published).toMatch(RFC3339);
      expectPublic(item.url);
    }
  });

  it("links its feeds from every list page, and the main feed from every page but a paper's", async () => {
    const alternatesOf = (page: string, url: string) =>
      [...page.matchAll(/<link rel="alternate" type="[^"]+" href="([^"]+)"/g)].map((m) => resolveLink(decodeEntities(m[1] ?? ""), url, prefix));
    const alternates = async (url: string) => alternatesOf(await read(`${url.slice(1)}index.html`), url);
    for (const file of [...files].filter((f) => f.endsWith(".html"))) {
      const links = alternatesOf(await read(file), urlOf(file));
      // 100,000 paper pages would say it 100,000 times more (issue 17).
      if (file.startsWith(`papers${path.sep}`)) {
        expect(links, file).toEqual([]);
        continue;
      }
      expect(links, file).toContain(`${prefix}feed.xml`);
      expect(links, file).toContain(`${prefix}feed.json`);
    }
    for (const year of new Set(content.papers.flatMap((p) => (p.published ? [p.published.slice(0, 4)] : [])))) {
      expect(await alternates(`/dates/${year}/`)).toContain(`${prefix}feeds/years/${year}.xml`);
      expect(await alternates("/dates/")).toContain(`${prefix}feeds/years/${year}.xml`);
    }
    for (const paper of content.papers) {
      const segment = authorBand(paper.authors).replace("–", "-").replace("+", "-plus");
      expect(await alternates(`/authors/${paper.authors ?? "unknown"}/`)).toContain(`${prefix}feeds/authors/${segment}.xml`);
      expect(await alternates("/authors/")).toContain(`${prefix}feeds/authors/${segment}.xml`);
    }
  });

  it("has a sitemap of every page but the 404 page, and robots.txt pointing at it when the site has an address", async () => {
    const text = await read("sitemap.xml");
    expect(XMLValidator.validate(text)).toBe(true);
    const { urlset } = xml.parse(text) as { urlset: { xmlns: string; url: { loc: string }[] } };
    expect(urlset.xmlns).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
    const locs = urlset.url.map((u) => u.loc);
    for (const loc of locs) expectPublic(loc);
    const pages = [...files].filter((f) => f.endsWith(".html") && f !== "404.html");
    expect(locs.map((l) => fileOf(l)).sort()).toEqual(pages.sort());
    const robots = await read("robots.txt");
    expect(robots).toMatch(/^User-agent: \*$/m);
    if (siteUrl) expect(robots).toContain(`Sitemap: ${base}sitemap.xml`);
    else expect(robots).not.toContain("Sitemap:");
  });

  it("exports every paper with every field and its URL, one file per publication year, listed in data/index.json", async () => {
    type PapersFile = { schema: number; year: number | null; count: number; papers: Record<string, unknown>[] };
    const index = JSON.parse(await read("data/index.json")) as { schema: number; count: number; files: { year: number | null; count: number; url: string }[] };
    expect(index.schema).toBe(2);
    expect(index.count).toBe(content.papers.length);
    expect(files.has("papers.json")).toBe(false);
    const yearOf = (paper: PaperRecord) => (paper.published === undefined ? null : Number(paper.published.slice(0, 4)));
    const dated = [...new Set(content.papers.map(yearOf).filter((year) => year !== null))].sort((a, b) => b - a);
    // The fixture has undated papers and several years, so both kinds of file and their order are tested.
    expect(dated.length).toBeGreaterThan(1);
    expect(content.papers.some((p) => yearOf(p) === null)).toBe(true);
    expect(index.files.map((f) => f.year)).toEqual([...dated, null]);

    const exported: Record<string, unknown>[] = [];
    for (const entry of index.files) {
      expect(entry.url).toBe(expectedUrl(`/data/papers-${entry.year ?? "undated"}.json`));
      expectPublic(entry.url);
      const data = JSON.parse(await read(fileOf(entry.url)!)) as PapersFile;
      expect(data).toMatchObject({ schema: 2, year: entry.year, count: entry.count });
      const ofYear = content.papers.filter((p) => yearOf(p) === entry.year).sort((a, b) => (a.slug < b.slug ? -1 : 1));
      expect(data.papers).toEqual(
        ofYear.map(({ abstract, slug, body: _body, ...fields }) => ({ slug, url: expectedUrl(`/papers/${slug}/`), ...fields, abstract: cleanText(abstract) })),
      );
      exported.push(...data.papers);
    }
    // Nothing lost, nothing twice: the year files together hold every paper exactly once.
    expect(exported.map((p) => p.slug).sort()).toEqual(content.papers.map((p) => p.slug).sort());
    for (const paper of exported) expectPublic(paper.url as string);
    expect([...files].filter((f) => f.startsWith("data/")).sort()).toEqual(["data/index.json", ...index.files.map((f) => fileOf(f.url))].sort());
    expect(linkTargets(await read("index.html")).map((link) => resolveLink(link, "/", prefix))).toContain(`${prefix}data/index.json`);
  });

  it("shows every paper's BibTeX as text on its page, every field reading back, and writes no per-paper file", async () => {
    for (const paper of content.papers) {
      const page = await read(`papers/${paper.slug}/index.html`);
      const shown = /<section class="cite">[\s\S]*?<pre class="bibtex">([\s\S]*?)<\/pre>[\s\S]*?<\/section>/.exec(page)?.[1];
      expect(shown, paper.slug).toBeDefined();
      expect(page).not.toContain('.bib"');
      expect(existsSync(path.join(workspace.outDir, "papers", `${paper.slug}.bib`))).toBe(false);
      const { entries, errors } = await parseBibtex(decodeEntities(shown ?? ""));
      expect(errors, paper.slug).toEqual([]);
      expect(entries).toHaveLength(1);
      const entry = entries[0] as { type: string; key: string; fields: Record<string, unknown> };
      expect(entry.type).toBe("misc");
      expect(entry.key).toBe(paper.slug);
      // A site path is no address to cite: a local build's entries of papers without an arXiv id have no url.
      const expected: Record<string, unknown> = { title: paper.title };
      if (siteUrl) expected.url = expectedUrl(`/papers/${paper.slug}/`);
      if (paper.organization !== undefined) expected.author = [{ name: paper.organization }];
      if (paper.published !== undefined) {
        expected.date = paper.published;
        expected.year = paper.published.slice(0, 4);
        expected.month = String(Number(paper.published.slice(5, 7)));
      }
      expect(entry.fields, paper.slug).toEqual(expected);
    }
  });

  it("exports every digest as BibTeX in listed order, without abstracts, linked from the digest page", async () => {
    const dates = [...new Set(content.papers.flatMap((p) => p.digests))];
    for (const date of dates) {
      const { entries, errors } = await parseBibtex(await read(`digests/${date}.bib`));
      expect(errors).toEqual([]);
      expect(entries.map((e) => e.key)).toEqual(digestOrder(date).map((p) => p.slug));
      for (const entry of entries) expect(Object.keys(entry.fields)).not.toContain("abstract");
      const digest = `/digests/${date}/`;
      expect(linkTargets(await read(`${digest.slice(1)}index.html`)).map((link) => resolveLink(link, digest, prefix))).toContain(
        `${prefix}digests/${date}.bib`,
      );
    }
  });

  it("gives every page a canonical URL and a description, lists Open Graph tags, and paper pages no JSON-LD and no second abstract", async () => {
    for (const file of [...files].filter((f) => f.endsWith(".html") && f !== "404.html")) {
      const page = await read(file);
      const url = urlOf(file);
      const canonical = /<link rel="canonical" href="([^"]+)">/.exec(page)?.[1];
      expect(canonical, file).toBe(expectedUrl(url));
      const description = decodeEntities(/<meta name="description" content="([^"]+)">/.exec(page)?.[1] ?? "");
      expect(description.length, file).toBeGreaterThan(10);
      expect(page).not.toContain("application/ld+json");
      const paper = content.papers.find((p) => url === `/papers/${p.slug}/`);
      if (!paper) {
        expect(page).toMatch(/<meta property="og:title" content="[^"]+">/);
        if (siteUrl) expect(page).toContain(`<meta property="og:url" content="${expectedUrl(url)}">`);
        else expect(page).not.toContain('property="og:url"');
        continue;
      }
      // At most about 160 characters of the abstract, cut at a word; the abstract itself once, in its section.
      const abstract = cleanText(paper.abstract).replace(/\s+/g, " ");
      expect(description.length, file).toBeLessThanOrEqual(160);
      if (abstract.length <= 160) expect(description).toBe(abstract);
      else {
        expect(description.endsWith("…"), file).toBe(true);
        expect(abstract.startsWith(description.slice(0, -1)), file).toBe(true);
        expect(abstract[description.length - 1], file).toMatch(/[\s,;:.]/);
      }
      const head = decodeEntities(page.slice(0, page.indexOf("</head>")));
      expect(head).not.toContain('property="og:');
      for (const [, value] of head.matchAll(/<meta name="[^"]+" content="([^"]*)"/g))
        expect((value ?? "").length, file).toBeLessThanOrEqual(Math.max(160, paper.title.length));
    }
    expect(existsSync(path.join(workspace.outDir, "404.html"))).toBe(true);
  });
});
