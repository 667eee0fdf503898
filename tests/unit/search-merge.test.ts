import { describe, expect, it } from "vitest";
import { MergedResults, mergeCounts, type ResultData, type ShardResult, sortValueOf } from "../../scripts/client/search-merge.js";
import { sortValues } from "../../scripts/search/search-sort.js";

/** A result as a shard gives it, counting the loads of its data. */
function result(slug: string, score: number, paper: { published?: string; upvotes?: number }, loads: string[]): ShardResult {
  const values = sortValues(paper);
  const data: ResultData = { url: `/papers/${slug}/`, excerpt: "", meta: { sort: `${values.published} ${values.oldest} ${values.upvotes}` } };
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
