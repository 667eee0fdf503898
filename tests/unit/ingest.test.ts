import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseDigestManifest } from "../../scripts/content/digest.js";
import { IngestError, ingestFiles, type IngestOptions } from "../../scripts/ingest/ingest.js";
import { parseListing } from "../../scripts/ingest/formats/text/listing-parser.js";
import { parsePaperFile, serializePaper } from "../../scripts/content/paper-file.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SEED = join(ROOT, "sources/2026-04-13.txt");

let dir: string;
let options: IngestOptions;
let printed: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ingest-test-"));
  options = { files: [], outDir: join(dir, "papers"), digestsDir: join(dir, "digests") };
  printed = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listing(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function ingest(...files: string[]) {
  return ingestFiles({ ...options, files }, (line) => printed.push(line));
}

/** Every file under the output folders with its bytes and modification time. */
async function snapshot(): Promise<Map<string, { text: string; mtime: number }>> {
  const out = new Map<string, { text: string; mtime: number }>();
  for (const folder of [options.outDir, options.digestsDir]) {
    for (const name of (await readdir(folder)).sort()) {
      const path = join(folder, name);
      out.set(path, { text: await readFile(path, "utf8"), mtime: (await stat(path)).mtimeMs });
    }
  }
  return out;
}

async function paperFile(slug: string) {
  const result = parsePaperFile(await readFile(join(options.outDir, `${slug}.md`), "utf8"));
  if (!result.ok) throw new Error(result.problems.join("; "));
  return result.paper;
}

const ENTRY_A = "Paper Alpha\nAlpha abstract. It is prose.\n• 2 authors\n·\nMar 3, 2026\n";
const ENTRY_B = "Paper Beta\nBeta abstract. It is prose.\n• Microsoft\n·\nMar 4\n";

describe("ingesting the seed", () => {
  it("writes 34 files and a manifest in listed order, then changes nothing on a second run", async () => {
    const [summary] = await ingest(SEED);
    expect(summary).toMatchObject({ date: "2026-04-13", papers: 34, new: 34, updated: 0, unchanged: 0, withoutAuthors: 3, withoutDate: 3 });
    expect(printed).toEqual([`${SEED} (2026-04-13, text): 34 papers; 34 new, 0 updated, 0 unchanged files; 0 skipped; 3 without author count, 3 without date`]);
    const names = await readdir(options.outDir);
    expect(names).toHaveLength(34);
    const manifest = parseDigestManifest(await readFile(join(options.digestsDir, "2026-04-13.json"), "utf8"), "manifest");
    expect(manifest.papers).toHaveLength(34);
    expect(manifest.papers[0]!.title).toMatch(/^Interpretable structural model/);
    expect(manifest.papers.map((p) => `${p.slug}.md`).sort()).toEqual(names.sort());
    expect(await paperFile("the-principles-of-diffusion-models")).toMatchObject({ authors: 5, published: "2025-10-23", comments: 3, digests: ["2026-04-13"] });

    const before = await snapshot();
    printed = [];
    const [again] = await ingest(SEED);
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 34 });
    expect(await snapshot()).toEqual(before);
  });

  it("matches the committed content byte for byte", async () => {
    await cp(join(ROOT, "content/papers"), options.outDir, { recursive: true });
    await cp(join(ROOT, "content/digests"), options.digestsDir, { recursive: true });
    const before = await snapshot();
    const [summary] = await ingest(SEED);
    expect(summary).toMatchObject({ papers: 34, new: 0, updated: 0, unchanged: 34 });
    expect(await snapshot()).toEqual(before);
  });

  it("stores every listed paper so that it reads back exactly", async () => {
    await ingest(SEED);
    const listed = parseListing(await readFile(SEED, "utf8"), { fileName: SEED }).papers;
    const manifest = parseDigestManifest(await readFile(join(options.digestsDir, "2026-04-13.json"), "utf8"), "manifest");
    expect(manifest.papers.map((p) => p.title)).toEqual(listed.map((p) => p.title));
    for (const [i, { line: _line, ...paper }] of listed.entries()) {
      expect(await paperFile(manifest.papers[i]!.slug)).toEqual(paper);
    }
  });
});

describe("merging", () => {
  it("gives a paper in two listings one file with both digests, whatever the argument order", async () => {
    const first = await listing("2026-04-13.txt", ENTRY_A + ENTRY_B);
    const second = await listing("2026-04-14.txt", "12\n" + ENTRY_A);
    const summaries = await ingest(second, first);
    expect(summaries.map((s) => [s.date, s.new, s.updated, s.unchanged])).toEqual([
      ["2026-04-13", 2, 0, 0],
      ["2026-04-14", 0, 1, 0],
    ]);
    expect(await paperFile("paper-alpha")).toEqual({
      title: "Paper Alpha",
      authors: 2,
      published: "2026-03-03",
      upvotes: 12,
      digests: ["2026-04-13", "2026-04-14"],
      abstract: "Alpha abstract. It is prose.",
    });
    expect(await paperFile("paper-beta")).toMatchObject({ organization: "Microsoft", published: "2026-03-04" });
    const manifest = JSON.parse(await readFile(join(options.digestsDir, "2026-04-14.json"), "utf8"));
    expect(manifest).toEqual({ date: "2026-04-14", papers: [{ slug: "paper-alpha", title: "Paper Alpha", upvotes: 12 }] });

    const byOrder = await snapshot();
    await rm(options.outDir, { recursive: true });
    await rm(options.digestsDir, { recursive: true });
    await ingest(first, second);
    const texts = (s: typeof byOrder) => [...s].map(([path, { text }]) => [path, text]);
    expect(texts(await snapshot())).toEqual(texts(byOrder));
  });

  it("merges a title listed twice in one listing and says so", async () => {
    const file = await listing("2026-04-13.txt", `${ENTRY_A}\n7\npaper  ALPHA\nAnother copy. Prose.\n• 3 authors · Mar 1, 2026 4\n`);
    const [summary] = await ingest(file);
    expect(summary).toMatchObject({ papers: 1, new: 1 });
    expect(printed[0]).toBe(`${file}:7: "paper ALPHA" is listed again (first on line 1); merged`);
    expect(await paperFile("paper-alpha")).toMatchObject({
      title: "Paper Alpha",
      authors: 2,
      comments: 4,
      upvotes: 7,
      abstract: "Alpha abstract. It is prose.",
    });
    expect(JSON.parse(await readFile(join(options.digestsDir, "2026-04-13.json"), "utf8")).papers).toHaveLength(1);
  });

  it("finds a paper whose title a contributor corrected and keeps every edit", async () => {
    await ingest(await listing("2026-04-13.txt", ENTRY_A));
    const path = join(options.outDir, "paper-alpha.md");
    const edited = (await readFile(path, "utf8"))
      .replace('title: "Paper Alpha"', "title: Paper Alpha, Corrected # fixed typo")
      .replace("authors: 2", "authors: 3")
      .replace("Alpha abstract. It is prose.", "Alpha abstract, *rewritten*.\n\nWith a new paragraph.");
    await writeFile(path, edited);
    const [summary] = await ingest(await listing("2026-04-20.txt", `42\n${ENTRY_A.replace("2 authors", "9 authors")}`));
    expect(summary).toMatchObject({ new: 0, updated: 1 });
    expect(await readFile(path, "utf8")).toBe(
      edited.replace("published: 2026-03-03\n", "published: 2026-03-03\nupvotes: 42\n").replace("[2026-04-13]", "[2026-04-13, 2026-04-20]"),
    );
    expect(await readdir(options.outDir)).toEqual(["paper-alpha.md"]);
  });

  it("finds a paper by its file's title when no manifest lists it", async () => {
    await ingest(await listing("2026-04-13.txt", ENTRY_A));
    await rm(options.digestsDir, { recursive: true });
    const [summary] = await ingest(await listing("2026-04-14.txt", ENTRY_A));
    expect(summary).toMatchObject({ new: 0, updated: 1 });
    expect((await paperFile("paper-alpha")).digests).toEqual(["2026-04-13", "2026-04-14"]);
  });

  it("never hands an existing file's slug to another title", async () => {
    await ingest(await listing("2026-04-13.txt", ENTRY_A));
    const [summary] = await ingest(await listing("2026-04-14.txt", "Paper: Alpha!\nA different paper. Prose.\n"));
    expect(summary).toMatchObject({ new: 1 });
    const names = await readdir(options.outDir);
    expect(names).toHaveLength(2);
    expect(names).toContain("paper-alpha.md");
    expect(names.find((n) => n !== "paper-alpha.md")).toMatch(/^paper-alpha-[0-9a-f]{10}\.md$/);
  });

  it("reports a published date after the listing date and writes a valid file", async () => {
    const file = await listing("2026-04-13.txt", "Paper Gamma\nProse here.\n• 2 authors · Apr 20, 2026\n");
    await ingest(file);
    expect(printed[0]).toBe(`${file}:3: published date 2026-04-20 is after the listing date 2026-04-13; date omitted`);
    expect(await paperFile("paper-gamma")).toMatchObject({ authors: 2, digests: ["2026-04-13"] });
    expect((await paperFile("paper-gamma")).published).toBeUndefined();
  });

  it("leaves a broken existing file alone and reports it with the listing line", async () => {
    await ingest(await listing("2026-04-13.txt", ENTRY_A));
    const path = join(options.outDir, "paper-alpha.md");
    const broken = (await readFile(path, "utf8")).replace("authors: 2", "authors: two");
    await writeFile(path, broken);
    printed = [];
    const file = await listing("2026-04-14.txt", ENTRY_A);
    const [summary] = await ingest(file);
    expect(summary).toMatchObject({ invalid: 1, new: 0 });
    expect(printed).toContain(
      `${path}: warning: not a valid paper file (authors: expected a whole number of at least 1, got "two"); its title cannot be matched`,
    );
    expect(await readFile(path, "utf8")).toBe(broken);
    expect(printed.at(-1)).toMatch(/; 1 invalid files left alone; 1 warnings$/);
  });

  it("ignores a file whose name is not a slug, and says so", async () => {
    await ingest(await listing("2026-04-13.txt", ENTRY_A));
    const stray = join(options.outDir, "My Notes.md");
    await writeFile(stray, "notes");
    printed = [];
    const [summary] = await ingest(await listing("2026-04-14.txt", ENTRY_A));
    expect(summary).toMatchObject({ updated: 1 });
    expect(printed[0]).toBe(`${stray}: warning: file name is not a slug (lowercase ASCII letters, digits, hyphens); ignored`);
    expect(await readFile(stray, "utf8")).toBe("notes");
  });

  it("leaves no temporary files behind", async () => {
    await ingest(await listing("2026-04-13.txt", ENTRY_A + ENTRY_B));
    await ingest(await listing("2026-04-14.txt", ENTRY_A));
    for (const folder of [options.outDir, options.digestsDir]) {
      expect((await readdir(folder)).filter((n) => n.startsWith("."))).toEqual([]);
    }
  });
});

describe("fatal input", () => {
  it("stops before writing anything when one listing is bad", async () => {
    const good = await listing("2026-04-13.txt", ENTRY_A);
    const bad = await listing("2026-04-14.txt", "");
    await expect(ingest(good, bad)).rejects.toThrow(new IngestError(`${bad}: empty listing: no text in it`));
    await expect(stat(options.outDir)).rejects.toThrow();
  });

  it("asks for --date when nothing dates a listing", async () => {
    const file = await listing("listing.txt", ENTRY_A);
    await expect(ingest(file)).rejects.toThrow(/cannot tell the listing date: no date line in the header; pass --date YYYY-MM-DD/);
    const [summary] = await ingestFiles({ ...options, files: [file], date: "2026-04-13" }, () => {});
    expect(summary!.date).toBe("2026-04-13");
  });

  it("refuses a manifest that was broken by hand", async () => {
    await ingest(await listing("2026-04-13.txt", ENTRY_A));
    await writeFile(join(options.digestsDir, "2026-04-13.json"), "{");
    await expect(ingest(await listing("2026-04-14.txt", ENTRY_A))).rejects.toThrow(/2026-04-13\.json: not valid JSON/);
  });

  it("keeps serialisation and ingest agreeing on the file format", async () => {
    await ingest(await listing("2026-04-13.txt", ENTRY_B));
    const paper = await paperFile("paper-beta");
    expect(await readFile(join(options.outDir, "paper-beta.md"), "utf8")).toBe(serializePaper(paper));
  });
});
