import { describe, expect, it } from "vitest";
import { AUTHOR_BANDS, authorBand, compareBands } from "../../scripts/catalog/bands.js";
import {
  filterLabel,
  hasCriteria,
  orderFilterValues,
  pagefindOptions,
  parseSearchState,
  serializeSearchState,
  statusText,
} from "../../scripts/client/search-state.js";
import { sortValues } from "../../scripts/search/search-sort.js";

describe("search state in the URL", () => {
  it("reads words, filters and order", () => {
    expect(parseSearchState("?q=+diffusion+models+&year=2023&year=2024&authors=2%E2%80%933&sort=newest&x=1")).toEqual({
      query: "diffusion models",
      filters: { year: ["2023", "2024"], authors: ["2–3"], digest: [] },
      sort: "newest",
    });
  });

  it("falls back to relevance and drops empty or repeated values", () => {
    expect(parseSearchState("?sort=sideways&year=&year=2023&year=2023")).toEqual({
      query: "",
      filters: { year: ["2023"], authors: [], digest: [] },
      sort: "relevance",
    });
  });

  it("round-trips through the query string", () => {
    const search = "?q=a+%26+b&authors=51%2B&digest=2026-04-13&sort=oldest";
    expect(serializeSearchState(parseSearchState(search))).toBe(search);
    expect(serializeSearchState(parseSearchState(""))).toBe("");
  });

  it("knows when there is anything to search for", () => {
    expect(hasCriteria(parseSearchState(""))).toBe(false);
    expect(hasCriteria(parseSearchState("?q=x"))).toBe(true);
    expect(hasCriteria(parseSearchState("?year=2023"))).toBe(true);
  });
});

describe("Pagefind options", () => {
  it("turns filters into any-of filters and each order into its sort key", () => {
    expect(pagefindOptions(parseSearchState("?q=x&year=2023&year=2024&sort=newest"))).toEqual({
      filters: { year: { any: ["2023", "2024"] } },
      sort: { published: "desc" },
    });
    expect(pagefindOptions(parseSearchState("?q=x&sort=oldest")).sort).toEqual({ oldest: "asc" });
    expect(pagefindOptions(parseSearchState("?q=x&sort=upvotes")).sort).toEqual({ upvotes: "desc" });
    expect(pagefindOptions(parseSearchState("?q=x"))).toEqual({ filters: {} });
  });
});

describe("sort keys of a paper page", () => {
  it("put undated papers last in both date orders, and papers without upvotes after those with 0", () => {
    const papers = [{ published: "2023-09-22", upvotes: 65 }, { upvotes: 0 }, { published: "2020-01-01", upvotes: 7 }, {}];
    const values = papers.map(sortValues);
    const order = (key: "published" | "oldest" | "upvotes", direction: 1 | -1) =>
      values
        .map((v, i) => [v[key], i] as const)
        .sort(([a], [b]) => (a < b ? -direction : a > b ? direction : 0))
        .map(([, i]) => i);
    expect(order("published", -1).slice(0, 2)).toEqual([0, 2]);
    expect(order("oldest", 1).slice(0, 2)).toEqual([2, 0]);
    expect(order("upvotes", -1)).toEqual([0, 2, 1, 3]);
    // Pagefind may compare numbers as numbers: the padding reads as the same number.
    expect(Number(sortValues({ upvotes: 65 }).upvotes)).toBe(65);
  });
});

describe("filter values", () => {
  it("order author bands numerically, not as strings", () => {
    expect(orderFilterValues("authors", ["unknown", "11–20", "2–3", "51+", "1", "7–10"])).toEqual(["1", "2–3", "7–10", "11–20", "51+", "unknown"]);
  });

  it("order years and digests newest first, undated last", () => {
    expect(orderFilterValues("year", ["2018", "undated", "2025", "2023"])).toEqual(["2025", "2023", "2018", "undated"]);
    expect(orderFilterValues("digest", ["2026-04-10", "2026-04-14"])).toEqual(["2026-04-14", "2026-04-10"]);
  });

  it("read as words", () => {
    expect(filterLabel("authors", "1")).toBe("1 author");
    expect(filterLabel("authors", "2–3")).toBe("2–3 authors");
    expect(filterLabel("authors", "unknown")).toBe("Unknown");
    expect(filterLabel("year", "undated")).toBe("No date");
    expect(filterLabel("digest", "2026-04-13")).toBe("2026-04-13");
  });
});

describe("author bands", () => {
  it("cover every positive count, in order", () => {
    const seen = Array.from({ length: 200 }, (_, i) => authorBand(i + 1));
    expect([...new Set(seen)]).toEqual(AUTHOR_BANDS.filter((b) => b !== "unknown"));
    expect(authorBand(undefined)).toBe("unknown");
    expect([...AUTHOR_BANDS].reverse().sort(compareBands)).toEqual(AUTHOR_BANDS);
  });
});

describe("status", () => {
  it("counts results in words", () => {
    expect(statusText(1, parseSearchState("?q=x"))).toBe("1 paper found for “x”");
    expect(statusText(3, parseSearchState("?sort=newest"))).toBe("3 papers found");
  });

  it("says which filters are ticked", () => {
    expect(statusText(3, parseSearchState("?year=2023"))).toBe("3 papers found, published in 2023");
    expect(statusText(5, parseSearchState("?q=lattice&year=2023&year=undated&year=2025&authors=1&authors=2–3"))).toBe(
      "5 papers found for “lattice”, published in 2025 or 2023 or without a date, with 1 author or 2–3 authors",
    );
    expect(statusText(2, parseSearchState("?year=undated&authors=unknown&digest=2026-04-13&digest=2026-04-14"))).toBe(
      "2 papers found, without a date, with an unknown number of authors, in the 2026-04-14 or 2026-04-13 digests",
    );
  });

  it("names the words no paper has", () => {
    expect(statusText(0, parseSearchState("?q=xyzzyqq"), ["xyzzyqq"])).toBe("0 papers found for “xyzzyqq”. No paper has the word “xyzzyqq”.");
    expect(statusText(0, parseSearchState("?q=a+b+c"), ["a", "b", "c"])).toBe("0 papers found for “a b c”. No paper has the words “a”, “b” or “c”.");
  });
});
