/**
 * Search shards: which papers each holds. `shardGlob` is checked against the slug order itself
 * (the glob read as a regular expression, wax's meaning for the syntax it uses), then against
 * Pagefind, which must find exactly each shard's pages where the build wrote them. Then which
 * shards a later run indexes again (`npm start`), and the papers-per-shard setting.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { indexedPageCount, indexSite, PAGEFIND_UI_FILES, runPagefind } from "../../scripts/build/search-index.js";
import { tsxLoader } from "../../scripts/dev/dev-server.js";
import { intoShards, shardFolder, shardGlob, shardPapersFromEnv } from "../../scripts/search/search-shards.js";

/** The glob's folder-name part as a regular expression: `*` any run of characters within a name. */
function globPattern(glob: string): RegExp {
  const names = /^papers\/(.*)\/index\.html$/.exec(glob)?.[1];
  if (names === undefined) throw new Error(`not a glob of paper pages: ${glob}`);
  const alternatives = names.startsWith("{") ? names.slice(1, -1).split(",") : [names];
  return new RegExp(
    `^(?:${alternatives
      .map((a) =>
        a
          .replaceAll("-", "\\-")
          .replace(/\[([^\]]*)\]/g, (_, c: string) => `[${c.replaceAll("\\-", "-")}]`)
          .replaceAll("*", "[^/]*"),
      )
      .join("|")})$`,
  );
}

const slug = fc.array(fc.stringMatching(/^[a-z0-9]{1,4}$/), { minLength: 1, maxLength: 4 }).map((words) => words.join("-"));
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
  const slugs = [
    "a",
    "a-1",
    "a-b",
    "a0",
    "ab",
    "ab-c",
    "abc",
    "b",
    "b-a-z",
    "b9",
    "ba",
    `m${"y".repeat(79)}`,
    `n${"a".repeat(79)}`,
    "z-z",
    "z0",
    "zz",
    "zz-1",
    "zz-10",
    "zz-2",
  ];

  it("puts every paper page in exactly one shard, in slug order, and nothing else in any", async () => {
    for (const s of [...slugs, "not-a-paper"]) {
      const folder = s === "not-a-paper" ? path.join(dir, "digests", s) : path.join(dir, "papers", s);
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        path.join(folder, "index.html"),
        `<!doctype html><html lang="en"><body><article data-pagefind-body><h1>${s}</h1><p>words about ${s}</p></article></body></html>`,
      );
    }
    writeFileSync(path.join(dir, "papers", "a.bib"), "@misc{a}");
    const indexed = await indexSite(dir, { perShard: 3 });
    expect(indexed.pages).toBe(slugs.length);
    const expected = intoShards([...slugs].sort(byCodeUnit), 3).map((shard) => shard.length);
    expect(expected.map((_, i) => indexedPageCount(path.join(dir, shardFolder(i))))).toEqual(expected);
    expect(indexed.shards).toEqual(expected.map((_, i) => shardFolder(i)));
    expect(indexed.written).toEqual(indexed.shards);
    // What the search page loads is there; Pagefind's own interfaces, which nothing loads, are not.
    for (const folder of indexed.shards) {
      const names = readdirSync(path.join(dir, folder));
      expect(names).toEqual(expect.arrayContaining(["pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"]));
      expect(
        names.filter((name) => PAGEFIND_UI_FILES.includes(name) || /ui|highlight/.test(name)),
        folder,
      ).toEqual([]);
    }
  });

  it("says why when Pagefind cannot build an index, once, without a stack trace", async () => {
    const empty = path.join(dir, "no-pages");
    mkdirSync(empty);
    const failed = await runPagefind(empty, "**/*.html", path.join(dir, "no-index")).catch((error: Error) => error);
    expect(failed).toBeInstanceOf(Error);
    const message = (failed as Error).message;
    expect(message).toMatch(/^Pagefind could not index .*no-pages \(exit code 1\): .*not able to build an index/);
    expect(message.match(/not able to build an index/g)).toHaveLength(1);
    expect(message).not.toMatch(/\n|    at /);
  });

  /** Every file of a written index, by path, to compare indexes byte for byte. */
  const files = (root: string) =>
    new Map(
      (readdirSync(root, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
        .filter((e) => e.isFile())
        .map((e) => {
          const file = path.join(e.parentPath, e.name);
          return [path.relative(root, file), readFileSync(file, "hex")];
        }),
    );

  it("indexes again only the shards whose pages changed, and what it writes is what a full run writes", async () => {
    const first = await indexSite(dir, { perShard: 3, unchanged: new Map() });
    expect(first.fingerprints.size).toBe(first.shards.length);
    const again = await indexSite(dir, { perShard: 3, unchanged: first.fingerprints, outputRoot: path.join(dir, "staging-0") });
    expect(again.written).toEqual([]);
    expect(again.pages).toBe(slugs.length);

    // "b9" is the first page of the fourth shard.
    const page = path.join(dir, "papers", "b9", "index.html");
    writeFileSync(page, readFileSync(page, "utf8").replace("words about", "other words about"));
    const staging = path.join(dir, "staging-1");
    const edited = await indexSite(dir, { perShard: 3, unchanged: first.fingerprints, outputRoot: staging });
    expect(edited.written).toEqual([shardFolder(3)]);
    expect(readdirSync(staging)).toEqual([shardFolder(3)]);
    expect(edited.pages).toBe(slugs.length);
    const full = path.join(dir, "full");
    await indexSite(dir, { perShard: 3, outputRoot: full });
    expect(files(path.join(staging, shardFolder(3)))).toEqual(files(path.join(full, shardFolder(3))));
    expect(files(path.join(dir, shardFolder(2)))).toEqual(files(path.join(full, shardFolder(2))));
    expect(files(path.join(full, shardFolder(3)))).not.toEqual(files(path.join(dir, shardFolder(3))));

    // A shard whose folder has gone is indexed again, whatever its fingerprint says.
    rmSync(path.join(dir, shardFolder(0)), { recursive: true });
    const restored = await indexSite(dir, { perShard: 3, unchanged: first.fingerprints, outputRoot: path.join(dir, "staging-2") });
    expect(restored.written).toEqual([shardFolder(0), shardFolder(3)]);
  });
});

describe("SEARCH_SHARD_PAPERS", () => {
  it("is a whole number of papers above 0, or unset", () => {
    expect(shardPapersFromEnv(undefined)).toBeUndefined();
    expect(shardPapersFromEnv("")).toBeUndefined();
    expect(shardPapersFromEnv("2500")).toBe(2500);
    for (const bad of ["0", "-5", "1.5", "1e4", " 10", "ten", "99999999999999999999"]) {
      expect(() => shardPapersFromEnv(bad), bad).toThrow(/SEARCH_SHARD_PAPERS must be a whole number of papers above 0/);
    }
  });

  it("stops `npm run build` with that message before it reads or writes anything", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const cwd = mkdtempSync(path.join(tmpdir(), "paper-digest-shard-env-"));
    try {
      const { NODE_OPTIONS: _, ...env } = process.env;
      const run = spawnSync(process.execPath, ["--import", tsxLoader(root), path.join(root, "scripts/build.ts")], {
        cwd,
        env: { ...env, SEARCH_SHARD_PAPERS: "0" },
        encoding: "utf8",
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Build failed: SEARCH_SHARD_PAPERS must be a whole number of papers above 0, not "0"');
      expect(readdirSync(cwd)).toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
