import { describe, expect, it } from "vitest";
import { buildCatalog } from "../../scripts/catalog/catalog.js";
import type { DigestManifest } from "../../scripts/content/digest.js";
import type { PaperRecord } from "../../scripts/content/paper.js";
import { planRender } from "../../scripts/catalog/render-plan.js";

function paper(slug: string, fields: Partial<PaperRecord> = {}): PaperRecord {
  return { slug, title: `Title of ${slug}`, digests: ["2026-04-13"], abstract: `Abstract of ${slug}.`, authors: 3, published: "2026-03-02", ...fields };
}

const manifests: DigestManifest[] = [{ date: "2026-04-13", papers: ["a", "b", "c", "d"].map((slug) => ({ slug, title: `Title of ${slug}` })) }];
const papers = [paper("a"), paper("b"), paper("c"), paper("d"), paper("e", { digests: ["2026-04-12"], published: "2025-01-05", authors: 1 })];
const catalogOf = (records: PaperRecord[]) => buildCatalog(records, manifests, { pageSize: 2 });
const last = catalogOf(papers);
const replaced = (slug: string, fields: Partial<PaperRecord>) => papers.map((p) => (p.slug === slug ? { ...p, ...fields } : p));
const urls = (list: readonly { url: string }[]) => list.map((item) => item.url).sort();

describe("the pages a rebuild renders", () => {
  it("are all of them for the first build", () => {
    const plan = planRender(last);
    expect(plan.papers).toHaveLength(5);
    expect(plan.archivePages).toBe(last.archivePages);
  });

  it("are none when nothing changed, though every object is new", () => {
    const plan = planRender(catalogOf(papers.map((p) => ({ ...p }))), last);
    expect(plan).toMatchObject({ papers: [], archivePages: [], removed: [] });
    expect(plan.changedDigests.size).toBe(0);
  });

  it("are the paper and the list pages showing it when its abstract changes", () => {
    const plan = planRender(catalogOf(replaced("c", { abstract: "A corrected abstract." })), last);
    expect(urls(plan.papers)).toEqual(["/papers/c/"]);
    // pageSize 2: c and d are on the second page of each list; the digest's first page sums up all its papers.
    expect(urls(plan.archivePages)).toEqual(["/authors/3/page/2/", "/dates/2026/03/page/2/", "/digests/2026-04-13/", "/digests/2026-04-13/page/2/"]);
    expect([...plan.changedDigests]).toEqual(["2026-04-13"]);
  });

  it("include the neighbours in its digest when its title changes", () => {
    const plan = planRender(catalogOf(replaced("c", { title: "A better title" })), last);
    expect(urls(plan.papers)).toEqual(["/papers/b/", "/papers/c/", "/papers/d/"]);
  });

  it("include the lists it leaves and joins when its date changes", () => {
    const plan = planRender(catalogOf(replaced("e", { published: "2025-02-01" })), last);
    expect(urls(plan.papers)).toEqual(["/papers/e/"]);
    expect(urls(plan.archivePages)).toEqual(["/authors/1/", "/dates/2025/", "/dates/2025/02/", "/digests/2026-04-12/"]);
    expect(plan.removed).toEqual(["/dates/2025/01/"]);
  });

  it("name the pages that are gone when a paper is removed", () => {
    const plan = planRender(catalogOf(papers.filter((p) => p.slug !== "e")), last);
    expect(plan.removed).toEqual(expect.arrayContaining(["/papers/e/", "/digests/2026-04-12/", "/dates/2025/", "/dates/2025/01/", "/authors/1/"]));
    expect(plan.changedDigests).toContain("2026-04-12");
  });
});
