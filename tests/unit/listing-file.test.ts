import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readListingFile } from "../../scripts/ingest/listing-file.js";
import { ListingError, parseListing, type ListedPaper, type ListingWarning } from "../../scripts/ingest/formats/text/listing-parser.js";

const SEED = fileURLToPath(new URL("../../sources/2026-04-13.txt", import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "listing-file-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function collect(path: string, date?: string) {
  const papers: ListedPaper[] = [];
  const warnings: ListingWarning[] = [];
  const end = readListingFile(path, date, { paper: (p) => papers.push(p), warning: (w) => warnings.push(w) });
  return { end, papers, warnings };
}

/** Far more than one read's worth of papers, each a few hundred bytes. */
function manyPapers(count: number): string {
  const entry = (i: number) => `Paper Number ${i}\n${"Prose of the abstract goes on. ".repeat(10).trim()}\n• 3 authors\n·\nMar 3, 2026\n`;
  return Array.from({ length: count }, (_, i) => entry(i)).join("\n");
}

describe("readListingFile", () => {
  it("hands every paper and warning to the sink once, as parseListing reads them", async () => {
    const text = await readFile(SEED, "utf8");
    const { end, papers, warnings } = collect(SEED);
    const expected = parseListing(text, { fileName: SEED });
    expect(papers).toEqual(expected.papers);
    expect(warnings).toEqual(expected.warnings);
    expect(end).toEqual({ listingDate: "2026-04-13", papers: 34, bytes: Buffer.byteLength(text) });
  });

  it("reads a listing dated only by its header twice, and emits it once", async () => {
    const path = join(dir, "listing.txt");
    const text = "Apr 13\n\nTitle One\nProse. More prose.\n• 2 authors\n·\nMar 3, 2026\n\n7 x\n\nTitle Two\nMore prose here.\n";
    await writeFile(path, text);
    const { end, papers, warnings } = collect(path);
    const expected = parseListing(text, {});
    expect(end.listingDate).toBe("2026-04-13");
    expect(papers).toEqual(expected.papers);
    expect(papers).toHaveLength(2);
    expect(warnings).toEqual(expected.warnings);
  });

  it("streams: the first paper reaches the sink before the reader gets to a broken end", async () => {
    const path = join(dir, "2026-04-13.txt");
    const head = Buffer.from(manyPapers(1000));
    expect(head.length).toBeGreaterThan(4 * 64 * 1024);
    await writeFile(path, Buffer.concat([head, Buffer.from([0xff, 0xfe, 0x0a])]));
    const stop = new Error("enough");
    let seen = 0;
    expect(() =>
      readListingFile(path, undefined, {
        paper: () => {
          seen++;
          throw stop;
        },
        warning: () => {},
      }),
    ).toThrow(stop);
    expect(seen).toBe(1);
    // Read to the end, the same file is not text: the papers before the problem came first.
    const papers: ListedPaper[] = [];
    // On the line after the last of the text, which ends in a line break.
    const line = head.toString("utf8").split("\n").length;
    expect(() => readListingFile(path, undefined, { paper: (p) => papers.push(p), warning: () => {} })).toThrow(
      new ListingError("binary input: not UTF-8 text", line),
    );
    expect(papers.length).toBeGreaterThan(900);
  });

  it("says why a file cannot be read, and lets the sink's own errors through unchanged", async () => {
    const sink = { paper: () => {}, warning: () => {} };
    expect(() => readListingFile(join(dir, "missing.txt"), "2026-04-13", sink)).toThrow(new ListingError("cannot read: no such file"));
    expect(() => readListingFile(dir, "2026-04-13", sink)).toThrow(new ListingError("cannot read: is a directory, not a listing file"));
    const failure = Object.assign(new Error("disk full"), { code: "ENOSPC" });
    expect(() =>
      readListingFile(SEED, undefined, {
        paper: () => {
          throw failure;
        },
        warning: () => {},
      }),
    ).toThrow(failure);
  });
});

describe("the line of a byte that is not UTF-8", () => {
  it("is counted right wherever the chunk boundaries fall, and whatever the bad sequence", async () => {
    // Lines of 1-, 2-, 3- and 4-byte characters, with LF, CRLF and lone CR, past two 64 KiB reads.
    const lines = Array.from({ length: 4000 }, (_, i) => `Line ${i} ${"aé€🚀".repeat(i % 7)}`);
    const breaks = ["\n", "\r\n", "\r"];
    const text = `${PAPER_TEXT}${lines.map((l, i) => l + breaks[i % 3]).join("")}`;
    const bytes = Buffer.from(text);
    expect(bytes.length).toBeGreaterThan(2 * 64 * 1024);
    const path = join(dir, "2026-04-13.txt");
    const bad = [Buffer.from([0xff]), Buffer.from([0xc0, 0x80]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf0, 0x9f, 0x9a]), Buffer.from([0x80])];
    for (const offset of [0, 65_535, 65_536, 65_537, 65_534, 131_071, 131_072, 100_000, bytes.length]) {
      // At a character's start, so that what comes before is valid text.
      let at = Math.min(offset, bytes.length);
      while (at < bytes.length && (bytes[at]! & 0xc0) === 0x80) at++;
      const before = bytes.subarray(0, at).toString("utf8");
      // The bad bytes go in between: a CR before them ends a line even where an LF came after it.
      const line = before.split(/\r\n|\r|\n/).length;
      for (const sequence of bad) {
        await writeFile(path, Buffer.concat([bytes.subarray(0, at), sequence, bytes.subarray(at)]));
        expect(() => readListingFile(path, undefined, { paper: () => {}, warning: () => {} }), `offset ${at}, ${sequence.toString("hex")}`).toThrow(
          new ListingError("binary input: not UTF-8 text", line),
        );
      }
    }
  });
});

const PAPER_TEXT = "A Paper\nIts abstract.\n• 2 authors\n";
