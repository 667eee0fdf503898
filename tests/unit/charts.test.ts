import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../scripts/catalog/catalog.js";
import { authorsChart, barChart, monthsChart, tickStep, yearsChart } from "../../scripts/catalog/charts.js";
import type { PaperRecord } from "../../scripts/content/paper.js";
import { median, summarize } from "../../scripts/catalog/summary.js";

function paper(slug: string, fields: Partial<PaperRecord> = {}): PaperRecord {
  return { slug, title: slug, digests: ["2026-04-13"], abstract: "A.", ...fields };
}

const TEXT = { id: "c", title: "T", description: "D", labelHeading: "L" };

describe("bar chart geometry", () => {
  it("picks gridline steps of 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 4, 7, 10, 23, 95, 1234].map((max) => tickStep(max))).toEqual([1, 1, 1, 1, 2, 5, 10, 50, 500]);
  });

  it("draws bars in proportion, on one baseline, inside the drawing", () => {
    const chart = barChart(
      [
        { label: "a", value: 10, name: "A", url: "/a/" },
        { label: "b", value: 5, name: "B", url: "/b/" },
        { label: "c", value: 0, name: "C" },
      ],
      TEXT,
    );
    const [a, b, c] = chart.bars;
    expect(a?.height).toBeCloseTo(2 * (b?.height ?? 0), 0);
    expect(c?.height).toBe(0);
    for (const bar of chart.bars) {
      expect(bar.y + bar.height).toBeCloseTo(chart.baseline, 0);
      expect(bar.x).toBeGreaterThanOrEqual(chart.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(chart.right);
      expect(bar.y).toBeGreaterThanOrEqual(0);
    }
    expect(chart.right).toBeLessThanOrEqual(chart.width);
    expect(chart.ticks.at(-1)?.value).toBeGreaterThanOrEqual(10);
    expect(chart.ticks[0]).toEqual({ value: 0, y: chart.baseline });
  });

  it("grows wider rather than thinner with many bars, and thins out labels that would overlap", () => {
    const many = barChart(
      Array.from({ length: 200 }, (_, i) => ({ label: String(1000 + i), value: i, name: String(i) })),
      TEXT,
    );
    const widths = new Set(many.bars.map((b) => b.width));
    expect(Math.min(...widths)).toBeGreaterThan(5);
    const shown = many.bars.filter((b) => b.showLabel);
    expect(shown.length).toBeLessThan(many.bars.length);
    for (let i = 1; i < shown.length; i++) expect((shown[i]?.middle ?? 0) - (shown[i - 1]?.middle ?? 0)).toBeGreaterThanOrEqual(4 * 7);
  });
});

describe("the site's charts", () => {
  const catalog = buildCatalog(
    [
      paper("a", { published: "2023-01-05", authors: 1 }),
      paper("b", { published: "2023-01-20", authors: 3 }),
      paper("c", { published: "2023-07-01", authors: 2 }),
      paper("d", { published: "2025-02-01", authors: 60 }),
      paper("e"),
    ],
    [],
  );

  it("count papers per year, oldest first, and say what is left out", () => {
    const chart = yearsChart(catalog.years, catalog.undated.count);
    expect(chart.bars.map((b) => [b.label, b.value, b.url])).toEqual([
      ["2023", 3, "/dates/2023/"],
      ["2024", 0, undefined],
      ["2025", 1, "/dates/2025/"],
    ]);
    expect(chart.description).toBe(
      "Bar chart of 4 papers by the year they were published, from 2023 to 2025; the most, 3 papers, in 2023. 1 paper without a date is not shown.",
    );
  });

  it("show the years without papers between the first and the last as 0, unlinked, as the month chart shows empty months", () => {
    const spread = buildCatalog(
      [paper("a", { published: "1998-03-01" }), paper("b", { published: "2001-05-01" }), paper("c", { published: "2001-06-01" })],
      [],
    );
    const chart = yearsChart(spread.years, 0);
    expect(chart.bars.map((b) => [b.label, b.value, b.url ?? null])).toEqual([
      ["1998", 1, "/dates/1998/"],
      ["1999", 0, null],
      ["2000", 0, null],
      ["2001", 2, "/dates/2001/"],
    ]);
    expect(chart.bars.map((b) => b.showValue)).toEqual([true, false, false, true]);
    expect(yearsChart(buildCatalog([paper("e")], []).years, 1).bars).toEqual([]);
  });

  it("count papers per month of a year, all twelve months, linking only months with papers", () => {
    const chart = monthsChart(catalog.years.find((y) => y.year === "2023") ?? catalog.years[0]!);
    expect(chart.bars.map((b) => b.value)).toEqual([2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(chart.bars.filter((b) => b.url).map((b) => b.url)).toEqual(["/dates/2023/01/", "/dates/2023/07/"]);
    expect(chart.bars[1]?.name).toBe("Feb 2023");
  });

  it("count papers per author count, grouped into bands, unknown last", () => {
    const chart = authorsChart(catalog.authorGroups);
    expect(chart.bars.map((b) => [b.label, b.value, b.group])).toEqual([
      ["1", 1, "1"],
      ["2", 1, "2–3"],
      ["3", 1, "2–3"],
      ["60", 1, "51+"],
      ["?", 1, "?"],
    ]);
    expect(chart.groups.map((g) => g.label)).toEqual(["1", "2–3", "51+", "?"]);
  });
});

describe("digest summary", () => {
  it("takes the median of the known author counts", () => {
    expect(median([])).toBeUndefined();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });

  it("counts papers, spans their dates and leaves unknowns out of the median", () => {
    const papers = buildCatalog(
      [paper("a", { published: "2023-05-01", authors: 2 }), paper("b", { published: "2020-01-01" }), paper("c", { authors: 7 })],
      [],
    ).papers;
    expect(summarize(papers)).toEqual({ papers: 3, earliest: "2020-01-01", latest: "2023-05-01", undated: 1, medianAuthors: 4.5, knownAuthors: 2 });
    expect(summarize([])).toEqual({ papers: 0, undated: 0, knownAuthors: 0 });
  });
});
