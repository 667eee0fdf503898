import { describe, expect, it } from "vitest";
import { type ArchivePage, buildCatalog, excerpt, PAGE_SIZE } from "../../scripts/catalog/catalog.js";
import { routes } from "../../scripts/catalog/routes.js";
import type { DigestManifest } from "../../scripts/content/digest.js";
import type { PaperRecord } from "../../scripts/content/paper.js";

function paper(slug: string, fields: Partial<PaperRecord> = {}): PaperRecord {
  return { slug, title: `Title of ${slug}`, digests: ["2026-04-13"], abstract: `Abstract of ${slug}.`, ...fields };
}

function manifest(date: string, slugs: string[]): DigestManifest {
  return { date, papers: slugs.map((slug) => ({ slug, title: `Title of ${slug}` })) };
}

function pagesOf(pages: readonly ArchivePage[], kind: ArchivePage["kind"], key: string): ArchivePage[] {
  return pages.filter((p) => p.kind === kind && p.key === key);
}

function slugs(list: readonly { slug: string }[]): string[] {
  return list.map((p) => p.slug);
}

describe("digests", () => {
  const papers = [
    paper("b", { digests: ["2026-04-13", "2026-04-14"] }),
    paper("a", { digests: ["2026-04-13"] }),
    paper("d", { digests: ["2026-04-13"] }),
    paper("c", { digests: ["2026-04-13"] }),
    paper("e", { digests: ["2026-04-10"] }),
  ];
  const catalog = buildCatalog(papers, [manifest("2026-04-13", ["d", "gone", "b"]), manifest("2026-04-14", ["b"])]);

  it("lists digests newest first", () => {
    expect(catalog.digests.map((d) => d.date)).toEqual(["2026-04-14", "2026-04-13", "2026-04-10"]);
  });

  it("keeps the manifest order, skips entries without a paper, and appends the rest by slug", () => {
    const digest = catalog.digests.find((d) => d.date === "2026-04-13");
    expect(slugs(digest?.papers ?? [])).toEqual(["d", "b", "a", "c"]);
    expect(digest?.count).toBe(4);
  });

  it("orders a digest without a manifest by slug", () => {
    expect(slugs(catalog.digests.find((d) => d.date === "2026-04-10")?.papers ?? [])).toEqual(["e"]);
  });

  it("links each digest to the one before and after it", () => {
    const [newest, middle, oldest] = catalog.digests;
    expect(newest?.newer).toBeUndefined();
    expect(newest?.older?.url).toBe("/digests/2026-04-13/");
    expect(middle?.newer?.url).toBe("/digests/2026-04-14/");
    expect(middle?.older?.url).toBe("/digests/2026-04-10/");
    expect(oldest?.older).toBeUndefined();
  });

  it("gives each paper its previous and next paper in every digest it appeared in", () => {
    const b = catalog.bySlug.get("b");
    expect(b?.places.map((p) => p.date)).toEqual(["2026-04-14", "2026-04-13"]);
    const [in14, in13] = b?.places ?? [];
    expect(in14?.previous).toBeUndefined();
    expect(in14?.next).toBeUndefined();
    expect(in13?.previous).toEqual({ label: "Title of d", url: "/papers/d/" });
    expect(in13?.next).toEqual({ label: "Title of a", url: "/papers/a/" });
    const d = catalog.bySlug.get("d")?.places[0];
    expect(d?.previous).toBeUndefined();
    expect(d?.next?.url).toBe("/papers/b/");
    expect(catalog.bySlug.get("c")?.places[0]?.next).toBeUndefined();
  });

  it("makes the newest digest's first page the home page", () => {
    expect(catalog.latest?.kind).toBe("digest");
    expect(catalog.latest?.key).toBe("2026-04-14");
    expect(catalog.latest?.pageNumber).toBe(1);
  });

  it("builds no digests from no papers", () => {
    const empty = buildCatalog([], [manifest("2026-04-13", ["x"])]);
    expect(empty.digests).toEqual([]);
    expect(empty.latest).toBeUndefined();
  });
});

describe("date archives", () => {
  const papers = [
    paper("old", { published: "2018-07-03" }),
    paper("sep-a", { published: "2023-09-22" }),
    paper("sep-b", { published: "2023-09-22" }),
    paper("jan", { published: "2023-01-05" }),
    paper("new", { published: "2025-01-27" }),
    paper("undated-b"),
    paper("undated-a"),
  ];
  const catalog = buildCatalog(papers, []);

  it("groups by year, newest first, with months in calendar order and counts", () => {
    expect(catalog.years.map((y) => [y.year, y.count])).toEqual([
      ["2025", 1],
      ["2023", 3],
      ["2018", 1],
    ]);
    const y2023 = catalog.years.find((y) => y.year === "2023");
    expect(y2023?.months.map((m) => [m.month, m.label, m.count, m.url])).toEqual([
      ["01", "January 2023", 1, "/dates/2023/01/"],
      ["09", "September 2023", 2, "/dates/2023/09/"],
    ]);
  });

  it("counts undated papers", () => {
    expect(catalog.undated).toEqual({ label: "Undated", url: "/dates/undated/", count: 2 });
  });

  it("lists archive papers newest first, ties and undated papers by slug", () => {
    // A year is its months' summary: one page, its count, no papers listed again.
    expect(pagesOf(catalog.archivePages, "year", "2023").map((p) => [p.count, p.papers.length, p.totalPages])).toEqual([[3, 0, 1]]);
    expect(slugs(pagesOf(catalog.archivePages, "month", "2023/09")[0]?.papers ?? [])).toEqual(["sep-a", "sep-b"]);
    expect(slugs(pagesOf(catalog.archivePages, "undated", "undated")[0]?.papers ?? [])).toEqual(["undated-a", "undated-b"]);
  });

  it("points each paper at its month archive, or the undated one", () => {
    expect(catalog.bySlug.get("jan")?.dateArchive).toEqual({ label: "January 2023", url: "/dates/2023/01/" });
    expect(catalog.bySlug.get("undated-a")?.dateArchive.url).toBe("/dates/undated/");
    expect(catalog.bySlug.get("jan")?.year).toBe("2023");
    expect(catalog.bySlug.get("undated-a")?.year).toBe("undated");
  });

  it("still has an (empty) undated page when every paper has a date", () => {
    const dated = buildCatalog([paper("x", { published: "2020-02-02" })], []);
    const undated = pagesOf(dated.archivePages, "undated", "undated");
    expect(undated).toHaveLength(1);
    expect(undated[0]?.papers).toEqual([]);
    expect(dated.undated.count).toBe(0);
  });
});

describe("author-count archives", () => {
  const papers = [
    paper("one", { authors: 1 }),
    paper("ten", { authors: 10 }),
    paper("two-a", { authors: 2 }),
    paper("two-b", { authors: 2 }),
    paper("org", { organization: "Microsoft" }),
    paper("none"),
  ];
  const catalog = buildCatalog(papers, []);

  it("groups by author count in numeric order, unknown last", () => {
    expect(catalog.authorGroups.map((g) => [g.key, g.label, g.count, g.url])).toEqual([
      ["1", "1 author", 1, "/authors/1/"],
      ["2", "2 authors", 2, "/authors/2/"],
      ["10", "10 authors", 1, "/authors/10/"],
      ["unknown", "Unknown author count", 2, "/authors/unknown/"],
    ]);
  });

  it("labels authors, organisations and unknown counts", () => {
    expect(catalog.bySlug.get("one")?.authorsLabel).toBe("1 author");
    expect(catalog.bySlug.get("ten")?.authorsLabel).toBe("10 authors");
    expect(catalog.bySlug.get("org")?.authorsLabel).toBe("Microsoft");
    expect(catalog.bySlug.get("none")?.authorsLabel).toBeUndefined();
    expect(catalog.bySlug.get("org")?.authorArchive.url).toBe("/authors/unknown/");
  });

  it("bands author counts for the search filter", () => {
    expect(catalog.bySlug.get("one")?.authorBand).toBe("1");
    expect(catalog.bySlug.get("two-a")?.authorBand).toBe("2–3");
    expect(catalog.bySlug.get("ten")?.authorBand).toBe("7–10");
    expect(catalog.bySlug.get("none")?.authorBand).toBe("unknown");
  });
});

describe("pagination", () => {
  function many(count: number): PaperRecord[] {
    return Array.from({ length: count }, (_, i) => paper(`p${String(i).padStart(4, "0")}`, { published: "2024-05-01", authors: 3 }));
  }

  it.each([
    [1, 1],
    [PAGE_SIZE, 1],
    [PAGE_SIZE + 1, 2],
    [2 * PAGE_SIZE, 2],
    [2 * PAGE_SIZE + 1, 3],
  ])("cuts %i papers into %i pages", (count, pages) => {
    const catalog = buildCatalog(many(count), []);
    for (const [kind, key, url] of [
      ["month", "2024/05", "/dates/2024/05/"],
      ["authors", "3", "/authors/3/"],
      ["digest", "2026-04-13", "/digests/2026-04-13/"],
    ] as const) {
      const chunks = pagesOf(catalog.archivePages, kind, key);
      expect(chunks).toHaveLength(pages);
      expect(chunks.map((c) => c.url)).toEqual(Array.from({ length: pages }, (_, i) => routes.page(url, i + 1)));
      expect(chunks.flatMap((c) => slugs(c.papers))).toHaveLength(count);
      expect(new Set(chunks.flatMap((c) => slugs(c.papers))).size).toBe(count);
      for (const chunk of chunks) {
        expect(chunk.totalPages).toBe(pages);
        expect(chunk.count).toBe(count);
        expect(chunk.papers.length).toBeLessThanOrEqual(PAGE_SIZE);
        expect(chunk.start).toBe((chunk.pageNumber - 1) * PAGE_SIZE + 1);
        expect(chunk.firstUrl).toBe(url);
        expect(chunk.lastUrl).toBe(routes.page(url, pages));
      }
    }
  });

  it("links pages to their neighbours and titles them", () => {
    const chunks = pagesOf(buildCatalog(many(PAGE_SIZE + 1), []).archivePages, "month", "2024/05");
    const [first, second] = chunks;
    expect(first?.url).toBe("/dates/2024/05/");
    expect(first?.previousUrl).toBeUndefined();
    expect(first?.nextUrl).toBe("/dates/2024/05/page/2/");
    expect(second?.url).toBe("/dates/2024/05/page/2/");
    expect(second?.previousUrl).toBe("/dates/2024/05/");
    expect(second?.nextUrl).toBeUndefined();
    expect(second?.papers).toHaveLength(1);
    expect(second?.title).toBe("Published in May 2024, page 2 of 2");
    expect(first?.heading).toBe("Published in May 2024");
  });

  it("honours a smaller page size", () => {
    const chunks = pagesOf(buildCatalog(many(5), [], { pageSize: 2 }).archivePages, "month", "2024/05");
    expect(chunks.map((c) => c.papers.length)).toEqual([2, 2, 1]);
  });
});

describe("papers", () => {
  it("excerpts the first words of the abstract as one line", () => {
    expect(excerpt("one two\n\nthree", 5)).toBe("one two three");
    expect(excerpt("a b c d e f", 3)).toBe("a b c …");
    const long = Array.from({ length: 100 }, (_, i) => `w${i}`).join(" ");
    expect(excerpt(long).split(" ")).toHaveLength(41);
  });

  it("formats the published date and keeps every field", () => {
    const catalog = buildCatalog([paper("x", { published: "2023-09-22", authors: 3, comments: 0, upvotes: 65 })], []);
    expect(catalog.bySlug.get("x")).toMatchObject({
      url: "/papers/x/",
      dateLabel: "22 September 2023",
      comments: 0,
      upvotes: 65,
      excerpt: "Abstract of x.",
    });
  });

  it("gives readers the abstract and excerpt with LaTeX residue cleaned", () => {
    const catalog = buildCatalog([paper("x", { abstract: "We collected 350{,}757 flips, 51\\% of them ``same-side''." })], []);
    expect(catalog.bySlug.get("x")?.abstract).toBe("We collected 350,757 flips, 51% of them “same-side”.");
    expect(catalog.bySlug.get("x")?.excerpt).toBe("We collected 350,757 flips, 51% of them “same-side”.");
  });

  it("rejects two papers with one slug", () => {
    expect(() => buildCatalog([paper("x"), paper("x")], [])).toThrow(/x/);
  });

  it("gives the same catalog whatever the input order", () => {
    const papers = [paper("b", { published: "2020-01-01" }), paper("a", { authors: 2 }), paper("c", { digests: ["2026-04-01"] })];
    const strip = (c: ReturnType<typeof buildCatalog>) => JSON.stringify({ ...c, bySlug: [...c.bySlug] });
    expect(strip(buildCatalog([...papers].reverse(), []))).toBe(strip(buildCatalog(papers, [])));
  });

  it("freezes what it returns", () => {
    const catalog = buildCatalog([paper("x")], []);
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(Object.isFrozen(catalog.papers[0])).toBe(true);
    expect(Object.isFrozen(catalog.archivePages[0]?.papers)).toBe(true);
  });
});

describe("the digest index", () => {
  const papers = ["2026-04-10", "2026-04-11", "2026-04-12", "2026-04-13", "2026-04-14"].map((date, i) => paper(`p${i}`, { digests: [date] }));

  it("is one page when the digests fit", () => {
    const [only, ...rest] = buildCatalog(papers, []).digestIndexPages;
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ url: "/digests/", title: "Digests", pageNumber: 1, totalPages: 1 });
    expect(only?.digests.map((d) => d.date)).toEqual(["2026-04-14", "2026-04-13", "2026-04-12", "2026-04-11", "2026-04-10"]);
  });

  it("continues on numbered pages, newest digests first, each page linked to its neighbours", () => {
    const pages = buildCatalog(papers, [], { digestsPerIndexPage: 2 }).digestIndexPages;
    expect(pages.map((p) => [p.url, p.title, p.digests.map((d) => d.date)])).toEqual([
      ["/digests/", "Digests, page 1 of 3", ["2026-04-14", "2026-04-13"]],
      ["/digests/page/2/", "Digests, page 2 of 3", ["2026-04-12", "2026-04-11"]],
      ["/digests/page/3/", "Digests, page 3 of 3", ["2026-04-10"]],
    ]);
    expect(pages[1]).toMatchObject({ previousUrl: "/digests/", nextUrl: "/digests/page/3/", firstUrl: "/digests/", lastUrl: "/digests/page/3/" });
    expect(pages[0]?.previousUrl).toBeUndefined();
    expect(pages[2]?.nextUrl).toBeUndefined();
  });
});
