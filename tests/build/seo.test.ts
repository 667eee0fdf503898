import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../scripts/catalog/catalog.js";
import { publicId, publicUrl } from "../../scripts/catalog/public-url.js";
import { scholarlyArticle, scriptSafeJson, shortDescription } from "../../scripts/catalog/seo.js";
import { buildSitemap } from "../../scripts/catalog/sitemap.js";

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
  it("cut long text at a word, short text not at all", () => {
    expect(shortDescription("short text …")).toBe("short text");
    const cut = shortDescription("word ".repeat(100), 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut).toMatch(/^(word )+word…$/);
  });
});

describe("JSON-LD", () => {
  it("cannot end or open markup inside a script element, and reads back as the same data", () => {
    const value = { name: "</script><script>alert('1')</script><!-- & \u2028" };
    const text = scriptSafeJson(value);
    expect(text).not.toMatch(/[<>&'\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it("describes a paper as a ScholarlyArticle with what the listing knows", () => {
    const paper = buildCatalog(
      [{ slug: "x", title: "T", organization: "Org", published: "2023-09-22", comments: 2, upvotes: 5, digests: ["2026-04-13"], abstract: "A." }],
      [],
    ).bySlug.get("x");
    if (!paper) throw new Error("no paper");
    expect(scholarlyArticle(paper, "https://e.org/papers/x/")).toEqual({
      "@context": "https://schema.org",
      "@type": "ScholarlyArticle",
      name: "T",
      url: "https://e.org/papers/x/",
      datePublished: "2023-09-22",
      author: { "@type": "Organization", name: "Org" },
      commentCount: 2,
    });
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
    expect(paths.filter((p) => p.startsWith("/papers/"))).toHaveLength(7);
    expect(new Set(paths).size).toBe(paths.length);
    expect(parts).toEqual([]);
  });

  it("splits into numbered parts past the limit", () => {
    const { paths, parts } = buildSitemap(catalog, 5);
    expect(parts.map((p) => p.url)).toEqual(["/sitemap-1.xml", "/sitemap-2.xml", "/sitemap-3.xml"].slice(0, Math.ceil(paths.length / 5)));
    expect(parts.flatMap((p) => p.paths)).toEqual(paths);
    expect(parts.every((p) => p.paths.length <= 5)).toBe(true);
  });
});
