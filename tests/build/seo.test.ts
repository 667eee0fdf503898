import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../scripts/catalog/catalog.js";
import { publicId, publicUrl } from "../../scripts/catalog/public-url.js";
import { citationTags, DESCRIPTION_LENGTH, shortDescription } from "../../scripts/catalog/seo.js";
import { buildSitemap } from "../../scripts/catalog/sitemap.js";
import type { PaperRecord } from "../../scripts/content/paper.js";
import { writeSitemap } from "../../scripts/exports/exports.js";

describe("public URLs", () => {
  it("are absolute under SITE_URL's origin with the path prefix, whether or not SITE_URL repeats it", () => {
    for (const siteUrl of ["https://owner.github.io/repo", "https://owner.github.io"]) {
      for (const pathPrefix of ["/repo/", "/repo", "repo"]) {
        expect(publicUrl("/papers/x/", { siteUrl, pathPrefix })).toBe("https://owner.github.io/repo/papers/x/");
      }
    }
    expect(publicUrl("/", { siteUrl: "https://example.org", pathPrefix: "/" })).toBe("https://example.org/");
  });

  it("are root-relative with the prefix when the site has no address", () => {
    expect(publicUrl("/papers/x/", { siteUrl: "", pathPrefix: "/repo/" })).toBe("/repo/papers/x/");
    expect(publicUrl("/feed.xml", { siteUrl: "", pathPrefix: "/" })).toBe("/feed.xml");
  });

  it("identify entries by URL, or by a tag URI in a build without an address", () => {
    expect(publicId("/papers/x/", { siteUrl: "https://example.org", pathPrefix: "/" })).toBe("https://example.org/papers/x/");
    expect(publicId("/papers/x/", { siteUrl: "", pathPrefix: "/repo/" })).toBe("tag:localhost,2026:/papers/x/");
  });
});

describe("descriptions", () => {
  it("cut long text at a word with an ellipsis, short text not at all", () => {
    expect(shortDescription("short  text\n\nin two paragraphs")).toBe("short text in two paragraphs");
    const cut = shortDescription("word ".repeat(100), 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut).toMatch(/^(word )+word…$/);
  });

  it("read past a start of mostly spaces, as the text reads on one line", () => {
    expect(shortDescription(`a${" ".repeat(400)}\n\nb c`)).toBe("a b c");
    const long = `${"x ".repeat(10)}${" \n".repeat(300)}${"word ".repeat(60)}`;
    expect(shortDescription(long)).toBe(shortDescription(long.replace(/\s+/g, " ")));
    expect(shortDescription(long)).toMatch(/^(x ){10}(word )+word…$/);
  });

  it("never run past the limit, end inside a word or keep a dangling comma", () => {
    const words = Array.from({ length: 80 }, (_, i) => `w${i * 37}`);
    for (let n = 1; n < words.length; n++) {
      const text = words.slice(0, n).join(", ");
      const description = shortDescription(text);
      expect(description.length).toBeLessThanOrEqual(DESCRIPTION_LENGTH);
      if (text.length <= DESCRIPTION_LENGTH) expect(description).toBe(text);
      else {
        expect(description).toMatch(/\w…$/);
        expect(text.startsWith(description.slice(0, -1))).toBe(true);
        expect(words).toContain(description.slice(0, -1).split(", ").at(-1));
      }
    }
  });
});

describe("Highwire citation tags", () => {
  function paper(fields: Partial<PaperRecord>) {
    const record: PaperRecord = { slug: "x", title: "T", digests: ["2026-04-13"], abstract: "A.", ...fields };
    const found = buildCatalog([record], []).bySlug.get("x");
    if (!found) throw new Error("no paper");
    return found;
  }

  it("give the title, each author, the date with slashes, the arXiv id and PDF", () => {
    const tags = citationTags(paper({ title: "Counting Engines", names: ["Ada Lovelace", "Smith, Jr."], published: "2026-03-09", arxiv: "2603.01234" }));
    expect(tags).toEqual([
      ["citation_title", "Counting Engines"],
      ["citation_author", "Ada Lovelace"],
      ["citation_author", "Smith, Jr."],
      ["citation_publication_date", "2026/03/09"],
      ["citation_arxiv_id", "2603.01234"],
      ["citation_pdf_url", "https://arxiv.org/pdf/2603.01234"],
    ]);
  });

  it("say only what is known, and never make an organisation an author", () => {
    expect(citationTags(paper({ organization: "Babbage Laboratory", authors: 3 }))).toEqual([["citation_title", "T"]]);
  });
});

describe("sitemap", () => {
  const papers = Array.from({ length: 7 }, (_, i) => ({ slug: `p${i}`, title: `P${i}`, digests: ["2026-04-13"], abstract: "A." }));
  const catalog = buildCatalog(papers, []);

  it("lists the indexes, every archive page and every paper", () => {
    const { paths, parts } = buildSitemap(catalog);
    expect(paths.slice(0, 5)).toEqual(["/", "/digests/", "/dates/", "/authors/", "/search/"]);
    expect(paths).toContain("/digests/2026-04-13/");
    expect(paths).toContain("/dates/undated/");
    expect(paths).toContain("/top/");
    expect(paths.filter((p) => p.startsWith("/papers/"))).toHaveLength(7);
    expect(new Set(paths).size).toBe(paths.length);
    expect(parts).toEqual([]);
  });

  it("splits into numbered parts past the limit", () => {
    const { paths, parts } = buildSitemap(catalog, 5);
    expect(paths.length).toBeGreaterThan(10);
    expect(parts.map((p) => p.url)).toEqual(Array.from({ length: Math.ceil(paths.length / 5) }, (_, i) => `/sitemap-${i + 1}.xml.gz`));
    expect(parts.flatMap((p) => p.paths)).toEqual(paths);
    expect(parts.every((p) => p.paths.length <= 5)).toBe(true);
  });

  it("is written as an index of gzipped parts past the limit, and a rebuild with fewer parts leaves none behind", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "paper-digest-sitemap-"));
    const context = { siteUrl: "https://example.org", pathPrefix: "/repo/" };
    const locs = (text: string) => {
      expect(XMLValidator.validate(text)).toBe(true);
      return [...text.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    };
    try {
      writeSitemap(catalog, dir, context, 5);
      const { paths, parts } = buildSitemap(catalog, 5);
      const names = parts.map((_, i) => `sitemap-${i + 1}.xml.gz`);
      expect(readdirSync(dir).sort()).toEqual(["sitemap.xml", ...names].sort());
      expect(locs(readFileSync(path.join(dir, "sitemap.xml"), "utf8"))).toEqual(names.map((name) => `https://example.org/repo/${name}`));
      const listed = names.flatMap((name) => locs(gunzipSync(readFileSync(path.join(dir, name))).toString("utf8")));
      expect(listed).toEqual(paths.map((p) => `https://example.org/repo${p}`));

      writeSitemap(catalog, dir, context, Math.ceil(paths.length / 2));
      expect(readdirSync(dir).sort()).toEqual(["sitemap-1.xml.gz", "sitemap-2.xml.gz", "sitemap.xml"]);
      writeSitemap(catalog, dir, context);
      expect(readdirSync(dir)).toEqual(["sitemap.xml"]);
      expect(locs(readFileSync(path.join(dir, "sitemap.xml"), "utf8"))).toEqual(paths.map((p) => `https://example.org/repo${p}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
