/** Counts are observations: newer listings update what ingest wrote, never a contributor's value, and older ones never lower them. */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { countsToReplace, ingestFiles, type IngestOptions } from "../../scripts/ingest/ingest.js";
import { parsePaperFile } from "../../scripts/content/paper-file.js";

let dir: string;
let options: IngestOptions;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ingest-counts-"));
  options = { files: [], outDir: join(dir, "papers"), digestsDir: join(dir, "digests") };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A select-all text listing of one paper with its counts. */
async function listing(date: string, upvotes: number, comments: number): Promise<string> {
  const path = join(dir, `${date}.txt`);
  await writeFile(path, `${upvotes}\nCounting Engines\nWe study engines that count.\n• 3 authors\n·\nMar 2, 2026 ${comments}\n`);
  return path;
}

const ingest = (...files: string[]) => ingestFiles({ ...options, files }, () => {});
const PAPER = () => join(options.outDir, "counting-engines.md");

async function counts() {
  const parsed = parsePaperFile(await readFile(PAPER(), "utf8"));
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  return { upvotes: parsed.paper.upvotes, comments: parsed.paper.comments };
}

async function manifest(date: string) {
  return JSON.parse(await readFile(join(options.digestsDir, `${date}.json`), "utf8"));
}

describe("counts from a newer listing", () => {
  it("replace the counts ingest wrote, and the manifests record what each listing showed", async () => {
    await ingest(await listing("2026-03-03", 87, 2));
    const [summary] = await ingest(await listing("2026-03-04", 120, 5));
    expect(summary).toMatchObject({ new: 0, updated: 1, unchanged: 0 });
    expect(await counts()).toEqual({ upvotes: 120, comments: 5 });
    expect(await manifest("2026-03-03")).toEqual({
      date: "2026-03-03",
      papers: [{ slug: "counting-engines", title: "Counting Engines", comments: 2, upvotes: 87 }],
    });
    expect(await manifest("2026-03-04")).toEqual({
      date: "2026-03-04",
      papers: [{ slug: "counting-engines", title: "Counting Engines", comments: 5, upvotes: 120 }],
    });
  });

  it("in one run with the older listing, end at the newest listing's counts", async () => {
    await ingest(await listing("2026-03-04", 120, 5), await listing("2026-03-03", 87, 2));
    expect(await counts()).toEqual({ upvotes: 120, comments: 5 });
  });

  it("keep a value a contributor changed by hand, and replace the other", async () => {
    await ingest(await listing("2026-03-03", 87, 2));
    const text = await readFile(PAPER(), "utf8");
    await writeFile(PAPER(), text.replace("upvotes: 87", "upvotes: 90 # recounted"));
    const [summary] = await ingest(await listing("2026-03-04", 120, 5));
    expect(summary).toMatchObject({ updated: 1 });
    const after = await readFile(PAPER(), "utf8");
    expect(after).toContain("upvotes: 90 # recounted");
    expect(after).toContain("comments: 5");
    // Still kept by the listing after that: the file is not what any manifest says ingest wrote.
    await ingest(await listing("2026-03-05", 130, 6));
    expect(await counts()).toEqual({ upvotes: 90, comments: 6 });
  });

  it("replace a count in a contributor's layout in place, comments and all", async () => {
    await ingest(await listing("2026-03-03", 87, 2));
    const text = await readFile(PAPER(), "utf8");
    const edited = text
      .replace('title: "Counting Engines"', "# edited by hand\ntitle: Counting Engines")
      .replace("upvotes: 87", "upvotes:   87   # from the page");
    await writeFile(PAPER(), edited);
    await ingest(await listing("2026-03-04", 120, 2));
    expect(await readFile(PAPER(), "utf8")).toBe(edited.replace("upvotes:   87", "upvotes:   120").replace("[2026-03-03]", "[2026-03-03, 2026-03-04]"));
  });
});

describe("counts from an older listing ingested later", () => {
  it("never lower a newer count; its manifest still records what it showed", async () => {
    await ingest(await listing("2026-03-04", 120, 5));
    const [summary] = await ingest(await listing("2026-03-03", 87, 2));
    expect(summary).toMatchObject({ updated: 1 });
    expect(await counts()).toEqual({ upvotes: 120, comments: 5 });
    expect((await manifest("2026-03-03")).papers[0]).toMatchObject({ upvotes: 87, comments: 2 });
  });
});

describe("re-ingesting", () => {
  it("is byte-identical and unchanged when nothing changed", async () => {
    const files = [await listing("2026-03-03", 87, 2), await listing("2026-03-04", 120, 5)];
    await ingest(...files);
    const before = [await readFile(PAPER(), "utf8"), JSON.stringify(await manifest("2026-03-03")), JSON.stringify(await manifest("2026-03-04"))];
    const summaries = await ingest(...files);
    expect(summaries.map((s) => [s.new, s.updated, s.unchanged])).toEqual([
      [0, 0, 1],
      [0, 0, 1],
    ]);
    expect([await readFile(PAPER(), "utf8"), JSON.stringify(await manifest("2026-03-03")), JSON.stringify(await manifest("2026-03-04"))]).toEqual(before);
  });

  it("records the counts of a manifest written before manifests held them, keeping the file's", async () => {
    const file = await listing("2026-03-03", 87, 2);
    await ingest(file);
    // As an older ingest left it: no counts in the manifest, and a contributor's edit in the file.
    await writeFile(
      join(options.digestsDir, "2026-03-03.json"),
      `${JSON.stringify({ date: "2026-03-03", papers: [{ slug: "counting-engines", title: "Counting Engines" }] }, null, 2)}\n`,
    );
    await writeFile(PAPER(), (await readFile(PAPER(), "utf8")).replace("upvotes: 87", "upvotes: 95"));
    const [summary] = await ingest(file);
    expect(summary).toMatchObject({ new: 0, updated: 0, unchanged: 1 });
    expect(await counts()).toEqual({ upvotes: 95, comments: 2 });
    expect((await manifest("2026-03-03")).papers[0]).toMatchObject({ upvotes: 87, comments: 2 });
  });
});

describe("countsToReplace", () => {
  it.each([
    ["a newer listing, file as recorded", { upvotes: 120 }, { upvotes: 87 }, { date: "2026-03-03", upvotes: 87 }, "2026-03-04", { upvotes: 120 }],
    ["a newer listing, file edited", { upvotes: 120 }, { upvotes: 90 }, { date: "2026-03-03", upvotes: 87 }, "2026-03-04", {}],
    ["an older listing", { upvotes: 87 }, { upvotes: 120 }, { date: "2026-03-04", upvotes: 120 }, "2026-03-03", {}],
    ["no record", { upvotes: 120 }, { upvotes: 87 }, undefined, "2026-03-04", {}],
    ["the same listing again", { upvotes: 87 }, { upvotes: 87 }, { date: "2026-03-03", upvotes: 87 }, "2026-03-03", {}],
    [
      "a count the listing does not show",
      { comments: 3 },
      { upvotes: 87, comments: 1 },
      { date: "2026-03-03", upvotes: 87, comments: 1 },
      "2026-03-04",
      { comments: 3 },
    ],
  ])("%s", (_what, listed, file, record, date, expected) => {
    expect(countsToReplace(listed, file, record, date)).toEqual(expected);
  });
});

describe("manifest entries with counts", () => {
  it("read back as written, and a count that is no whole number is refused", async () => {
    const { parseDigestManifest, serializeDigestManifest } = await import("../../scripts/content/digest.js");
    const manifest = {
      date: "2026-03-03",
      papers: [
        { slug: "a", title: "A", comments: 0, upvotes: 87 },
        { slug: "b", title: "B" },
      ],
    };
    const text = serializeDigestManifest(manifest);
    expect(parseDigestManifest(text, "m.json")).toEqual(manifest);
    expect(() => parseDigestManifest(text.replace('"upvotes": 87', '"upvotes": -1'), "m.json")).toThrow(
      "m.json: papers.0.upvotes: expected a whole number of 0 or more, got -1",
    );
    expect(() => parseDigestManifest(text.replace('"upvotes": 87', '"stars": 1'), "m.json")).toThrow(/unrecognized key|Unrecognized key/i);
  });
});
