/** Ingest with arXiv ids: the id is the merge key when present, the title the fallback. */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFiles, type IngestOptions } from "../../scripts/ingest/ingest.js";
import { parsePaperFile } from "../../scripts/content/paper-file.js";

let dir: string;
let options: IngestOptions;
let printed: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ingest-identity-"));
  options = { files: [], outDir: join(dir, "papers"), digestsDir: join(dir, "digests") };
  printed = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Item {
  id?: string;
  title: string;
  upvotes?: number;
  comments?: number;
  summary?: string;
}

/** A Daily Papers API response of one day. */
async function response(date: string, items: Item[]): Promise<string> {
  const path = join(dir, `${date}.json`);
  const json = items.map((item) => ({
    paper: {
      ...(item.id === undefined ? {} : { id: item.id }),
      title: item.title,
      summary: item.summary ?? `The abstract of ${item.title}.`,
      authors: [{ name: "Ada Lovelace", hidden: false }],
      publishedAt: `${date}T00:00:00.000Z`,
      ...(item.upvotes === undefined ? {} : { upvotes: item.upvotes }),
    },
    publishedAt: `${date}T01:00:00.000Z`,
    title: item.title,
    ...(item.comments === undefined ? {} : { numComments: item.comments }),
  }));
  await writeFile(path, JSON.stringify(json, null, 2));
  return path;
}

async function textListing(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function ingest(...files: string[]) {
  return ingestFiles({ ...options, files }, (line) => printed.push(line));
}

async function papers(): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const name of (await readdir(options.outDir)).sort()) {
    const parsed = parsePaperFile(await readFile(join(options.outDir, name), "utf8"));
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    out.set(name, parsed.paper);
  }
  return out;
}

describe("the arXiv id as merge key", () => {
  it("keeps a retitled paper in its file, its first title, and both digests", async () => {
    await ingest(await response("2026-03-10", [{ id: "2603.01234", title: "Counting Engines" }]));
    const [summary] = await ingest(await response("2026-03-11", [{ id: "2603.01234", title: "Counting Engines, Revised" }]));
    expect(summary).toMatchObject({ papers: 1, new: 0, updated: 1 });
    const files = await papers();
    expect([...files.keys()]).toEqual(["counting-engines.md"]);
    expect(files.get("counting-engines.md")).toMatchObject({ title: "Counting Engines", arxiv: "2603.01234", digests: ["2026-03-10", "2026-03-11"] });
    const manifest = JSON.parse(await readFile(join(options.digestsDir, "2026-03-11.json"), "utf8"));
    expect(manifest.papers).toEqual([{ slug: "counting-engines", title: "Counting Engines, Revised" }]);
  });

  it("makes two titles with one id one paper, in one listing and across listings named together", async () => {
    const [one] = await ingest(
      await response("2026-03-10", [
        { id: "2603.01234", title: "Counting Engines" },
        { id: "2603.01234", title: "Counting engines (v2)" },
      ]),
    );
    expect(one).toMatchObject({ papers: 1, new: 1 });
    expect(printed[0]).toBe(`${join(dir, "2026-03-10.json")}:18: "Counting engines (v2)" is listed again (first on line 2); merged`);
    await rm(options.outDir, { recursive: true });
    await rm(options.digestsDir, { recursive: true });
    await ingest(
      await response("2026-03-12", [{ id: "2603.01234", title: "Retitled Engines" }]),
      await response("2026-03-11", [{ id: "2603.01234", title: "Counting Engines" }]),
    );
    const files = await papers();
    // The oldest listing's title names the file.
    expect([...files.keys()]).toEqual(["counting-engines.md"]);
    expect(files.get("counting-engines.md")).toMatchObject({ title: "Counting Engines", digests: ["2026-03-11", "2026-03-12"] });
  });

  it("keeps two papers with one title and different ids apart", async () => {
    await ingest(await response("2026-03-10", [{ id: "2603.01234", title: "Attention" }]));
    await ingest(await response("2026-03-11", [{ id: "2603.05678", title: "Attention" }]));
    const files = await papers();
    expect(files.size).toBe(2);
    expect([...files.values()].map((p) => p.arxiv).sort()).toEqual(["2603.01234", "2603.05678"]);
  });

  it("finds by title a paper first ingested without an id, and adds the id to it", async () => {
    const text = await textListing("2026-03-09.txt", "Mar 9, 2026\n\n5\nCounting Engines\nAn abstract of some length.\n• 1 author\n·\nMar 8, 2026\n");
    await ingest(text);
    const [summary] = await ingest(await response("2026-03-10", [{ id: "2603.01234", title: "counting  engines" }]));
    expect(summary).toMatchObject({ new: 0, updated: 1 });
    const files = await papers();
    expect([...files.keys()]).toEqual(["counting-engines.md"]);
    expect(files.get("counting-engines.md")).toMatchObject({ title: "Counting Engines", arxiv: "2603.01234", digests: ["2026-03-09", "2026-03-10"] });
    // And a later retitle still finds it, by id.
    await ingest(await response("2026-03-11", [{ id: "2603.01234", title: "Counting Engines Two" }]));
    expect([...(await papers()).keys()]).toEqual(["counting-engines.md"]);
  });

  it("shares one file between a text capture and an API response of one paper ingested together", async () => {
    const text = await textListing("2026-03-09.txt", "Mar 9, 2026\n\n5\nCounting Engines\nAn abstract of some length.\n• 1 author\n·\nMar 8, 2026\n");
    await ingest(text, await response("2026-03-10", [{ id: "2603.01234", title: "Counting Engines" }]));
    const files = await papers();
    expect([...files.keys()]).toEqual(["counting-engines.md"]);
    expect(files.get("counting-engines.md")).toMatchObject({ arxiv: "2603.01234", digests: ["2026-03-09", "2026-03-10"] });
  });

  it("re-ingests byte-identical and says unchanged", async () => {
    const a = await response("2026-03-10", [{ id: "2603.01234", title: "Counting Engines", upvotes: 5 }]);
    const b = await response("2026-03-11", [{ id: "2603.01234", title: "Counting Engines, Revised", upvotes: 9 }]);
    await ingest(a, b);
    const before = await readFile(join(options.outDir, "counting-engines.md"), "utf8");
    const summaries = await ingest(a, b);
    expect(summaries.map((s) => [s.new, s.updated, s.unchanged])).toEqual([
      [0, 0, 1],
      [0, 0, 1],
    ]);
    expect(await readFile(join(options.outDir, "counting-engines.md"), "utf8")).toBe(before);
  });
});
