/** The paper files of the open data: split by publication year, listed by the index, and rewritten whole by a dev server's rebuild. */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCatalog } from "../../scripts/catalog/catalog.js";
import { renderEverything } from "../../scripts/catalog/render-plan.js";
import type { PaperRecord } from "../../scripts/content/paper.js";
import { dataIndex, PAPERS_SCHEMA, papersByYear, writeExports } from "../../scripts/exports/exports.js";

function paper(slug: string, published?: string): PaperRecord {
  return { slug, title: `Title of ${slug}`, digests: ["2026-04-13"], abstract: `Abstract of ${slug}.`, ...(published === undefined ? {} : { published }) };
}

const records = [paper("d", "2024-12-31"), paper("a", "2025-01-01"), paper("c"), paper("b", "2024-01-01"), paper("e", "0999-05-05"), paper("f")];
const catalogOf = (list: PaperRecord[]) => buildCatalog(list, [{ date: "2026-04-13", papers: list.map(({ slug, title }) => ({ slug, title })) }]);
const context = { siteUrl: "https://example.org/repo", pathPrefix: "/repo/" };

describe("the papers by publication year", () => {
  const groups = papersByYear(catalogOf(records).papers);

  it("put every paper in its year's group, newest year first, the undated last, each in slug order", () => {
    expect(groups.map((g) => [g.year, g.path, g.papers.map((p) => p.slug)])).toEqual([
      [2025, "/data/papers-2025.json", ["a"]],
      [2024, "/data/papers-2024.json", ["b", "d"]],
      [999, "/data/papers-0999.json", ["e"]],
      [null, "/data/papers-undated.json", ["c", "f"]],
    ]);
  });

  it("are listed by an index with each file's year, count and public URL", () => {
    const index = JSON.parse(dataIndex(groups, context)) as unknown;
    expect(index).toEqual({
      schema: PAPERS_SCHEMA,
      count: records.length,
      files: [
        { year: 2025, count: 1, url: "https://example.org/repo/data/papers-2025.json" },
        { year: 2024, count: 2, url: "https://example.org/repo/data/papers-2024.json" },
        { year: 999, count: 1, url: "https://example.org/repo/data/papers-0999.json" },
        { year: null, count: 2, url: "https://example.org/repo/data/papers-undated.json" },
      ],
    });
  });
});

describe("the paper files a rebuild writes", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "paper-digest-data-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const write = (list: PaperRecord[]) => {
    const catalog = catalogOf(list);
    writeExports(catalog, dir, context, renderEverything(catalog));
  };
  const slugsIn = async (name: string) =>
    (JSON.parse(await readFile(path.join(dir, "data", name), "utf8")) as { papers: { slug: string }[] }).papers.map((p) => p.slug);

  it("drop the file of a year that has no papers any more, and move a paper whose year changed", async () => {
    write(records);
    expect((await readdir(path.join(dir, "data"))).sort()).toEqual([
      "index.json",
      "papers-0999.json",
      "papers-2024.json",
      "papers-2025.json",
      "papers-undated.json",
    ]);
    write(records.filter((p) => p.slug !== "e").map((p) => (p.slug === "a" ? paper("a", "2024-06-01") : p)));
    expect((await readdir(path.join(dir, "data"))).sort()).toEqual(["index.json", "papers-2024.json", "papers-undated.json"]);
    expect(await slugsIn("papers-2024.json")).toEqual(["a", "b", "d"]);
    expect(await slugsIn("papers-undated.json")).toEqual(["c", "f"]);
  });
});
