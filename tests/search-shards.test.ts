/**
 * Search shards: which papers each holds. `shardGlob` is checked against the slug order itself
 * (the glob read as a regular expression, wax's meaning for the syntax it uses), then against
 * Pagefind, which must find exactly each shard's pages where the build wrote them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { indexedPageCount, indexSite } from "../scripts/lib/build-site.js";
import { intoShards, shardFolder, shardGlob } from "../scripts/lib/search-shards.js";

/** The glob's folder-name part as a regular expression: `*` any run of characters within a name. */
function globPattern(glob: string): RegExp {
  const names = /^papers\/(.*)\/index\.html$/.exec(glob)?.[1];
  if (names === undefined) throw new Error(`not a glob of paper pages: ${glob}`);
  const alternatives = names.startsWith("{") ? names.slice(1, -1).split(",") : [names];
  return new RegExp(`^(?:${alternatives.map((a) => a.replaceAll("-", "\\-").replace(/\[([^\]]*)\]/g, (_, c: string) => `[${c.replaceAll("\\-", "-")}]`).replaceAll("*", "[^/]*")).join("|")})$`);
}

const slug = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,4}$/), { minLength: 1, maxLength: 4 })
  .map((words) => words.join("-"));
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("shardGlob", () => {
  it("matches exactly the slugs from its lower bound up to, not including, its upper", () => {
    fc.assert(
      fc.property(fc.uniqueArray(slug, { minLength: 2, maxLength: 40 }), fc.nat(), fc.nat(), (list, i, j) => {
        const slugs = [...list].sort(byCodeUnit);
        const [low, high] = [i % slugs.length, j % slugs.length].sort((a, b) => a - b) as [number, number];
        const bounds: [string | undefined, string | undefined][] = [
          [slugs[low], high > low ? slugs[high] : undefined],
          [undefined, slugs[high]],
          [slugs[low], undefined],
        ];
        for (const [from, to] of bounds) {
          const pattern = globPattern(shardGlob(from, to));
          for (const s of slugs) expect(pattern.test(s), `${s} in [${from}, ${to})`).toBe((from === undefined || s >= from) && (to === undefined || s < to));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is every paper page with no bounds, and refuses an empty range or a bound that is not a slug", () => {
    expect(shardGlob(undefined, undefined)).toBe("papers/*/index.html");
    expect(() => shardGlob("b", "a")).toThrow(/empty slug range/);
    expect(() => shardGlob("a-b", "a")).toThrow(/empty slug range/);
    expect(() => shardGlob("a", "a")).toThrow(/empty slug range/);
    expect(() => shardGlob("a}", undefined)).toThrow(/not a slug/);
  });

  it("stays short however many papers a shard holds: at most some thousands of characters for the longest slugs", () => {
    expect(shardGlob(`m${"y".repeat(79)}`, `n${"a".repeat(79)}`).length).toBeLessThan(20_000);
  });
});

describe("a site's search shards, as Pagefind builds them", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "paper-digest-shards-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Slugs that are prefixes of one another and differ by a hyphen or a digit: the cases where
  // code-unit order is easiest to get wrong.
  // Two of the longest slugs, of which one starts a shard: the longest globs.
  const slugs = ["a", "a-1", "a-b", "a0", "ab", "ab-c", "abc", "b", "b-a-z", "b9", "ba", `m${"y".repeat(79)}`, `n${"a".repeat(79)}`, "z-z", "z0", "zz", "zz-1", "zz-10", "zz-2"];

  it("puts every paper page in exactly one shard, in slug order, and nothing else in any", async () => {
    for (const s of [...slugs, "not-a-paper"]) {
      const folder = s === "not-a-paper" ? path.join(dir, "digests", s) : path.join(dir, "papers", s);
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, "index.html"), `<!doctype html><html lang="en"><body><article data-pagefind-body><h1>${s}</h1><p>words about ${s}</p></article></body></html>`);
    }
    writeFileSync(path.join(dir, "papers", "a.bib"), "@misc{a}");
    const indexed = await indexSite(dir, { perShard: 3 });
    expect(indexed).toBe(slugs.length);
    const expected = intoShards([...slugs].sort(byCodeUnit), 3).map((shard) => shard.length);
    expect(expected.map((_, i) => indexedPageCount(path.join(dir, shardFolder(i))))).toEqual(expected);
  });
});
