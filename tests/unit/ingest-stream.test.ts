/**
 * How ingest goes about its work: it writes nothing before every listing has been read, then
 * writes listing by listing, and its output depends on the listings alone, not on the order they
 * were named in or on what a previous run left that still holds.
 */
import { appendFileSync, existsSync, readdirSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateCorpus, type GeneratedListing } from "../../scripts/dev/corpus/corpus.js";
import { IngestError, ingestFiles, type IngestOptions, type IngestProgress } from "../../scripts/ingest/ingest.js";

const seedListing = await readFile(new URL("../../sources/2026-04-13.txt", import.meta.url), "utf8");
const corpus: GeneratedListing[] = [...generateCorpus({ papers: 400, seed: 11, seedListing })];

let dir: string;
let files: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ingest-stream-"));
  files = [];
  for (const listing of corpus) {
    const path = join(dir, `${listing.date}.txt`);
    await writeFile(path, listing.text);
    files.push(path);
  }
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function optionsFor(name: string, listed = files): IngestOptions {
  return { files: listed, outDir: join(dir, name, "papers"), digestsDir: join(dir, name, "digests") };
}

/** Every output file, by its path below the run's folder, with its text. */
async function snapshot(name: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const sub of ["papers", "digests"]) {
    for (const file of (await readdir(join(dir, name, sub))).sort()) out.set(`${sub}/${file}`, await readFile(join(dir, name, sub, file), "utf8"));
  }
  return out;
}

function countPapers(outDir: string): number {
  return existsSync(outDir) ? readdirSync(outDir).filter((n) => n.endsWith(".md")).length : 0;
}

describe("ingest streaming", () => {
  it("writes nothing while reading, then the papers of each listing before the next listing's", async () => {
    const options = optionsFor("run");
    const newPerListing = corpus.map((l) => l.entries.filter((e) => e.first).length);
    const onDiskWhen: number[] = [];
    let reads = 0;
    let lastListings = 0;
    const progress: IngestProgress = {
      reading: () => {
        reads++;
        expect(existsSync(options.outDir)).toBe(false);
      },
      checking: () => {},
      writing: (_papers, listings) => {
        if (listings === lastListings) return;
        lastListings = listings;
        onDiskWhen.push(countPapers(options.outDir));
      },
    };
    const summaries = await ingestFiles(options, () => {}, progress);
    expect(reads).toBeGreaterThan(corpus.length);
    // After each listing, exactly the papers first shown so far have files: none waits for the end.
    expect(onDiskWhen).toEqual(newPerListing.map((_, i) => newPerListing.slice(0, i + 1).reduce((a, b) => a + b, 0)));
    expect(summaries.map((s) => s.new)).toEqual(newPerListing);
  });

  it("reports progress up to the totals it found", async () => {
    const calls: string[] = [];
    const progress: IngestProgress = {
      reading: (papers, listings, total) => calls.push(`read ${papers} ${listings}/${total}`),
      checking: (done, total) => calls.push(`check ${done}/${total}`),
      writing: (papers, listings, totalPapers, total) => calls.push(`write ${papers}/${totalPapers} ${listings}/${total}`),
    };
    await ingestFiles(optionsFor("run"), () => {}, progress);
    const entries = corpus.reduce((sum, l) => sum + l.entries.length, 0);
    const n = corpus.length;
    expect(calls.filter((c) => c.startsWith("read")).at(-1)).toBe(`read ${entries} ${n}/${n}`);
    expect(calls.filter((c) => c.startsWith("check"))).toEqual(["check 0/0", "check 0/0"]);
    expect(calls.at(-1)).toBe(`write ${entries}/${entries} ${n}/${n}`);
  });

  it("writes the same bytes whatever order the listings are named in", async () => {
    await ingestFiles(optionsFor("sorted"), () => {});
    const shuffled = [...files].reverse();
    [shuffled[1], shuffled[5]] = [shuffled[5]!, shuffled[1]!];
    await ingestFiles(optionsFor("shuffled", shuffled), () => {});
    const sorted = await snapshot("sorted");
    expect(sorted.size).toBe(400 + corpus.length);
    expect(await snapshot("shuffled")).toEqual(sorted);
  });

  it("notices what a contributor removed even when nothing else changed, and adds it back", async () => {
    const options = optionsFor("run");
    await ingestFiles(options, () => {});
    const before = await snapshot("run");
    const slugOf = (title: string) => {
      for (const [path, text] of before) {
        if (!path.startsWith("digests/")) continue;
        const entry = (JSON.parse(text) as { papers: { slug: string; title: string }[] }).papers.find((p) => p.title === title);
        if (entry) return entry.slug;
      }
      throw new Error(`no manifest lists ${title}`);
    };
    const edit = async (title: string, from: string | RegExp, to: string) => {
      const path = join(options.outDir, `${slugOf(title)}.md`);
      const text = await readFile(path, "utf8");
      expect(text.replace(from, to)).not.toBe(text);
      await writeFile(path, text.replace(from, to));
    };
    // A field and a digest date taken out of files that keep ingest's own layout, and a lost manifest.
    const once = corpus[2]!.entries.find((e) => e.first && e.paper.authors !== undefined && e.paper.digests.length === 1)!.paper;
    const twice = corpus.flatMap((l) => l.entries).find((e) => e.first && e.paper.digests.length > 1)!.paper;
    await edit(once.title, /^authors: \d+\n/m, "");
    await edit(twice.title, `, ${twice.digests[1]}`, "");
    await rm(join(options.digestsDir, `${corpus[4]!.date}.json`));

    const summaries = await ingestFiles(options, () => {});
    expect(summaries.reduce((sum, s) => sum + s.updated, 0)).toBe(2);
    expect(await snapshot("run")).toEqual(before);
  });

  it("puts a manifest laid out another way back in its own layout, and changes nothing else", async () => {
    const options = optionsFor("run");
    await ingestFiles(options, () => {});
    const before = await snapshot("run");
    const path = join(options.digestsDir, `${corpus[3]!.date}.json`);
    await writeFile(path, JSON.stringify(JSON.parse(await readFile(path, "utf8")), null, 4));
    const summaries = await ingestFiles(options, () => {});
    expect(summaries.every((s) => s.new + s.updated === 0)).toBe(true);
    expect(await snapshot("run")).toEqual(before);
  });

  it("writes a paper shown three times in one listing once, merged, in its listed place", async () => {
    const path = join(dir, "2026-04-13.txt");
    await writeFile(
      path,
      [
        "Paper Alpha\nFirst showing. Prose.\n• 2 authors\n",
        "Paper Beta\nAnother paper. Prose.\n• 4 authors · Mar 2, 2026\n",
        "5\nPAPER  alpha\nSecond showing. Prose.\n• 3 authors · Mar 1, 2026\n",
        "9\nPaper Alpha\nThird showing. Prose.\n• 1 author · Feb 1, 2026 7\n",
      ].join("\n"),
    );
    const printed: string[] = [];
    const options = optionsFor("run", [path]);
    const [summary] = await ingestFiles(options, (line) => printed.push(line));
    expect(summary).toMatchObject({ papers: 2, new: 2, withoutAuthors: 0, withoutDate: 0 });
    expect(printed.slice(0, 2)).toEqual([
      `${path}:9: "PAPER alpha" is listed again (first on line 1); merged`,
      `${path}:14: "Paper Alpha" is listed again (first on line 1); merged`,
    ]);
    expect(await readFile(join(options.outDir, "paper-alpha.md"), "utf8")).toBe(
      '---\ntitle: "Paper Alpha"\nauthors: 2\npublished: 2026-03-01\ncomments: 7\nupvotes: 5\ndigests: [2026-04-13]\n---\nFirst showing. Prose.\n',
    );
    const manifest = JSON.parse(await readFile(join(options.digestsDir, "2026-04-13.json"), "utf8")) as { papers: unknown[] };
    // With the counts the merged showings show: what the listing observed.
    expect(manifest.papers).toEqual([
      { slug: "paper-alpha", title: "Paper Alpha", comments: 7, upvotes: 5 },
      { slug: "paper-beta", title: "Paper Beta" },
    ]);
  });

  it("stops when a listing changes between its two readings", async () => {
    let changed = false;
    const progress: IngestProgress = {
      reading: () => {},
      checking: () => {
        if (changed) return;
        changed = true;
        appendFileSync(files[3]!, "\nA Late Addition\nIts abstract, written after the first reading.\n");
      },
      writing: () => {},
    };
    // Without papers kept from the first reading, the listing is read again and the change noticed.
    await expect(ingestFiles({ ...optionsFor("run"), keptPaperChars: 0 }, () => {}, progress)).rejects.toThrow(
      new IngestError(`${files[3]}: changed while it was being ingested; run the ingest again`),
    );
  });

  it("writes the same bytes from papers kept from the first reading as from listings parsed again", async () => {
    await ingestFiles({ ...optionsFor("parsed"), keptPaperChars: 0 }, () => {});
    await ingestFiles(optionsFor("kept"), () => {});
    // A budget that runs out part-way: some listings kept, the rest parsed again.
    const chars = corpus.slice(0, 3).reduce((sum, l) => sum + l.text.length, 0);
    await ingestFiles({ ...optionsFor("some"), keptPaperChars: chars }, () => {});
    const parsed = await snapshot("parsed");
    expect(parsed.size).toBeGreaterThan(corpus.length);
    expect(await snapshot("kept")).toEqual(parsed);
    expect(await snapshot("some")).toEqual(parsed);
  });

  it("ingests a listing kept from its first reading as it was then read", async () => {
    const late = "A Late Addition";
    const progress: IngestProgress = {
      reading: () => {},
      checking: () => appendFileSync(files[3]!, `\n${late}\nIts abstract, written after the first reading.\n`),
      writing: () => {},
    };
    const options = optionsFor("run");
    await ingestFiles(options, () => {}, progress);
    const texts = await Promise.all(readdirSync(options.outDir).map((name) => readFile(join(options.outDir, name), "utf8")));
    expect(texts.length).toBe(countPapers(options.outDir));
    expect(texts.some((text) => text.includes(late))).toBe(false);
  });
});
