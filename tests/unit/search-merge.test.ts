import { describe, expect, it } from "vitest";
import { MergedResults, mergeCounts, type ResultData, type ShardResult, sortValueOf, tickCounts } from "../../scripts/client/search-merge.js";
import { sortValues } from "../../scripts/search/search-sort.js";

/** A result as a shard gives it, counting the loads of its data. */
function result(slug: string, score: number, paper: { published?: string; upvotes?: number }, loads: string[]): ShardResult {
  // The meta a paper page gives Pagefind (layouts/paper.njk): its ISO date and its upvotes, each only when known.
  const meta: ResultData["meta"] = {};
  if (paper.published !== undefined) meta.date = paper.published;
  if (paper.upvotes !== undefined) meta.upvotes = String(paper.upvotes);
  const data: ResultData = { url: `/papers/${slug}/`, content: "", locations: [], meta };
  return { score, data: async () => (loads.push(slug), data) };
}

const slugsOf = (list: ResultData[]) => list.map((d) => d.url.split("/")[2]);

describe("results merged from several search shards", () => {
  const loads: string[] = [];
  // Each shard's list is in the shard's own order for the search (Pagefind sorted it).
  const byDate = [
    [result("a", 1, { published: "2026-03-01", upvotes: 5 }, loads), result("b", 9, { published: "2024-01-01" }, loads), result("u1", 2, {}, loads)],
    [result("c", 5, { published: "2025-06-01", upvotes: 0 }, loads), result("d", 3, { published: "2023-01-01", upvotes: 40 }, loads)],
    [],
  ];

  it("read the sort values a paper page gives Pagefind from its meta", async () => {
    const data = await byDate[0]![0]!.data();
    expect([sortValueOf(data, "published"), sortValueOf(data, "oldest"), sortValueOf(data, "upvotes")]).toEqual(["2026-03-01", "2026-03-01", "000000005"]);
    // The values Pagefind sorted by: the same function gave them to the page (layouts/paper.njk).
    for (const paper of [{}, { published: "2024-01-01" }, { upvotes: 0 }, { published: "2023-01-01", upvotes: 40 }]) {
      const known = await result("x", 1, paper, []).data();
      const values = sortValues(paper);
      expect([sortValueOf(known, "published"), sortValueOf(known, "oldest"), sortValueOf(known, "upvotes")]).toEqual([
        values.published,
        values.oldest,
        values.upvotes,
      ]);
    }
  });

  it("come in score order for the best match, loading only what is shown", async () => {
    loads.length = 0;
    const merged = new MergedResults(byDate, "relevance");
    expect(merged.total).toBe(5);
    expect(slugsOf(await merged.take(2))).toEqual(["b", "c"]);
    expect(loads.sort()).toEqual(["b", "c"]);
    expect(slugsOf(await merged.take(10))).toEqual(["d", "u1", "a"]);
    expect(merged.remaining).toBe(0);
  });

  it("are merged newest first, undated last, in batches", async () => {
    const merged = new MergedResults(byDate, "newest");
    expect(slugsOf(await merged.take(2))).toEqual(["a", "c"]);
    expect(slugsOf(await merged.take(2))).toEqual(["b", "d"]);
    expect(slugsOf(await merged.take(2))).toEqual(["u1"]);
  });

  it("are merged by upvotes, papers without a count last", async () => {
    const shards = [
      [result("a", 1, { upvotes: 5 }, loads), result("b", 1, {}, loads)],
      [result("d", 1, { upvotes: 40 }, loads), result("c", 1, { upvotes: 0 }, loads)],
    ];
    expect(slugsOf(await new MergedResults(shards, "upvotes").take(10))).toEqual(["d", "a", "c", "b"]);
  });

  it("load each shard's next result ahead, and no more", async () => {
    const oldestFirst = byDate.map((shard) => shard.filter((r) => r !== byDate[0]![2]).reverse());
    loads.length = 0;
    const merged = new MergedResults(oldestFirst, "oldest");
    expect(slugsOf(await merged.take(1))).toEqual(["d"]);
    expect(loads.sort()).toEqual(["b", "d"]);
    expect(slugsOf(await merged.take(1))).toEqual(["b"]);
    expect(loads.sort()).toEqual(["b", "c", "d"]);
  });

  it("take one shard's order as it is, loading nothing ahead", async () => {
    loads.length = 0;
    const merged = new MergedResults([byDate[0]!], "upvotes");
    expect(slugsOf(await merged.take(1))).toEqual(["a"]);
    expect(loads).toEqual(["a"]);
  });
});

describe("filter counts from several shards", () => {
  it("are summed per value", () => {
    expect(mergeCounts([{ year: { "2024": 2, "2025": 1 } }, { year: { "2025": 3 }, authors: { "1": 1 } }, {}])).toEqual({
      year: { "2024": 2, "2025": 4 },
      authors: { "1": 1 },
    });
  });
});

describe("filter counts", () => {
  const none = { year: [], authors: [], digest: [] };
  it("count a value of an untouched filter among the current results", () => {
    const current = { year: { "2023": 2, "2025": 3 }, authors: { "1": 5 } };
    expect(tickCounts(none, 5, current, {})).toEqual({ year: { "2023": 2, "2025": 3 }, authors: { "1": 5 }, digest: {} });
  });

  it("count a further value of a ticked filter as the results it would add", () => {
    // 2023 ticked: 2 results; without the year filter, 2025 has 3 more.
    const selected = { ...none, year: ["2023"] };
    const current = { year: { "2023": 2, "2025": 0 }, digest: { a: 2, b: 1 } };
    const without = { year: { year: { "2023": 2, "2025": 3, "2024": 0 } } };
    expect(tickCounts(selected, 2, current, without).year).toEqual({ "2023": 2, "2025": 5, "2024": 2 });
  });

  it("count a paper in several digests once", () => {
    // Digest a ticked: 3 results, one of them also in b; b has 4 papers without the digest filter.
    const selected = { ...none, digest: ["a"] };
    const current = { digest: { a: 3, b: 1 } };
    const without = { digest: { digest: { a: 3, b: 4 } } };
    expect(tickCounts(selected, 3, current, without).digest).toEqual({ a: 3, b: 6 });
  });
});
