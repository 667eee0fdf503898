import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "ingest-cli-"));
const out = join(dir, "papers");
const digests = join(dir, "digests");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/ingest.ts", ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("npm run ingest", () => {
  it("prints one summary line per listing and exits 0", () => {
    const seed = join(ROOT, "sources/2026-04-13.txt");
    const other = file("listing.txt", "Apr 14, 2026\nA New Paper\nIts abstract. Prose.\n• 3 authors\n·\nApr 1\n\n7\n");
    const result = run(seed, other, "--out", out, "--digests", digests);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")).toEqual([
      `${seed} (2026-04-13, text): 34 papers; 34 new, 0 updated, 0 unchanged files; 0 skipped; 3 without author count, 3 without date`,
      `${other}:8: vote count "7" is not followed by a title; ignored`,
      `${other} (2026-04-14, text): 1 papers; 1 new, 0 updated, 0 unchanged files; 0 skipped; 0 without author count, 0 without date; 1 warnings`,
      "",
    ]);
    expect(readdirSync(out)).toHaveLength(35);
    expect(readdirSync(digests).sort()).toEqual(["2026-04-13.json", "2026-04-14.json"]);
  });

  it.each([
    ["an empty file", "empty.txt", "", ": empty listing: no text in it"],
    ["a binary file", "binary.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a]), ":1: binary input: not UTF-8 text"],
    ["a file with NUL bytes", "nul.txt", "Title\nabc\u0000\n", ":2: binary input: NUL byte"],
    ["a paper-less file", "chrome.txt", "new\n\nSubscribe\n\nDaily Papers\n", ": no papers found: a paper is a title line followed by its abstract"],
  ])("exits 1 with one line for %s", (_what, name, content, message) => {
    const path = file(name, content);
    const result = run(path, "--date", "2026-04-13", "--out", out, "--digests", digests);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`error: ${path}${message}\n`);
  });

  it("exits 1 for a missing file", () => {
    const missing = join(dir, "missing.txt");
    const result = run(missing, "--out", out, "--digests", digests);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`error: ${missing}: cannot read: no such file\n`);
  });

  it("exits 2 for a wrong command line", () => {
    const none = run();
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^error: no listing files given\nusage: npm run ingest -- <listing\.txt>\.\.\./);
    expect(run("--frobnicate", "x.txt").status).toBe(2);
    expect(run("--help").status).toBe(0);
  });
});

/** A fresh pair of output folders, so that a test sees only what its own run wrote. */
function outputs(name: string): { out: string; digests: string; args: string[] } {
  const base = join(dir, name);
  return { out: join(base, "papers"), digests: join(base, "digests"), args: ["--out", join(base, "papers"), "--digests", join(base, "digests")] };
}

function written(folder: string): string[] {
  try {
    return readdirSync(folder).sort();
  } catch {
    return [];
  }
}

const PAPER = "A Paper\nIts abstract, in prose.\n• 2 authors\n·\nApr 1, 2026\n";

describe("npm run ingest: entries it cannot place", () => {
  // The case: 612 characters of title, its abstract, a normal metadata group.
  const longTitle = `Towards ${"a very long title of many words ".repeat(20)}`.slice(0, 611) + "s";

  it("reads a title of any length as one when its abstract and metadata follow", () => {
    const o = outputs("long-title");
    const listing = file("long-title.txt", `${PAPER}\n${longTitle}\n\nIts abstract, one paragraph.\n\n• 3 authors\n·\nApr 2, 2026\n`);
    const result = run(listing, "--date", "2026-04-13", ...o.args);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      `${listing} (2026-04-13, text): 2 papers; 2 new, 0 updated, 0 unchanged files; 0 skipped; 0 without author count, 0 without date\n`,
    );
    expect(written(o.out)).toHaveLength(2);
  });

  it("fails with file:line and writes nothing when an entry is skipped, unless --allow-skips", () => {
    const o = outputs("skips");
    const listing = file("skips.txt", `${PAPER}\nLonely Title\n• 3 authors\n·\nApr 2, 2026\n\nnew\n\u0007Next Paper\nMore prose.\n`);
    const failed = run(listing, "--date", "2026-04-13", ...o.args);
    expect(failed.status).toBe(1);
    // Only the skip is listed: the page text and the control character lose no paper's text.
    expect(failed.stdout).toBe(`${listing}:7: title "Lonely Title" has no abstract; entry and its metadata skipped\n`);
    expect(failed.stderr).toBe(
      "error: 1 entry in 1 listing could not be placed (above); nothing was written\nFix the listing, or pass --allow-skips to ingest the rest without them.\n",
    );
    expect(written(o.out)).toEqual([]);
    expect(written(o.digests)).toEqual([]);

    const allowed = run(listing, "--date", "2026-04-13", "--allow-skips", ...o.args);
    expect(allowed.stderr).toBe("");
    expect(allowed.status).toBe(0);
    expect(allowed.stdout.split("\n")).toEqual([
      `${listing}:7: title "Lonely Title" has no abstract; entry and its metadata skipped`,
      `${listing}:12: page text "new" between papers ignored`,
      `${listing}:13: removed 1 control character(s)`,
      `${listing} (2026-04-13, text): 2 papers; 2 new, 0 updated, 0 unchanged files; 1 skipped (line 7); 1 without author count, 1 without date; 3 warnings`,
      "",
    ]);
    expect(written(o.out)).toEqual(["a-paper.md", "next-paper.md"]);
  });

  it("shows the first 1,000 reports of a listing and counts the rest", () => {
    const o = outputs("many-skips");
    const orphans = Array.from({ length: 1500 }, (_, i) => `Orphaned line ${i + 1} of prose.`).join("\n");
    const listing = file("many-skips.txt", `${PAPER}${orphans}\n`);
    const failed = run(listing, "--date", "2026-04-13", ...o.args);
    expect(failed.status).toBe(1);
    const lines = failed.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1001);
    expect(lines[0]).toBe(`${listing}:6: text "Orphaned line 1 of prose." has no title; ignored`);
    expect(lines[1000]).toBe(`${listing}: 500 more skipped entries not shown`);
    expect(failed.stderr).toMatch(/^error: 1500 entries in 1 listing could not be placed/);
  });

  it("merges 10,000 showings of one title into one paper", () => {
    const o = outputs("one-title");
    const listing = file("one-title.txt", Array.from({ length: 10_000 }, (_, i) => `Same Title\nAbstract number ${i}.\n`).join(""));
    const result = run(listing, "--date", "2026-04-13", ...o.args);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`${listing}:3: "Same Title" is listed again (first on line 1); merged`);
    expect(lines.at(-2)).toBe(`${listing}: 8999 more warnings not shown`);
    expect(lines.at(-1)).toBe(
      `${listing} (2026-04-13, text): 1 papers; 1 new, 0 updated, 0 unchanged files; 0 skipped; 1 without author count, 1 without date; 9999 warnings`,
    );
    expect(written(o.out)).toEqual(["same-title.md"]);
  });
});

describe("npm run ingest: input that is not a listing", () => {
  it.each([
    [
      "a line past the line limit",
      "huge-line.txt",
      () => `Title\n${"x".repeat(16 * 1024 * 1024 + 1)}\n`,
      ":2: line longer than 16,777,216 characters: no listing has lines that long",
    ],
    [
      "a paper of several megabytes",
      "huge-paper.txt",
      () => `${PAPER}Huge Paper\n${"word ".repeat(600_000)}end.\n`,
      ":6: paper longer than 1,048,576 characters (title and abstract): no paper is that long",
    ],
    [
      "invalid UTF-8 after some lines",
      "latin1.txt",
      () => Buffer.concat([Buffer.from(PAPER), Buffer.from("Caf\xe9 Paper\n", "latin1")]),
      ":6: binary input: not UTF-8 text",
    ],
    ["a gzip file", "gzip.txt", () => Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]), ":1: binary input: not UTF-8 text"],
    [
      "more than 100,000 papers",
      "many-papers.txt",
      () => Array.from({ length: 100_001 }, (_, i) => `T${i}\nx.\n`).join(""),
      ":200001: more than 100,000 papers: no listing shows that many",
    ],
  ])("exits 1 with file:line for %s, writing nothing", (_what, name, content, message) => {
    const o = outputs(name);
    const path = file(name, content());
    const result = run(path, "--date", "2026-04-13", ...o.args);
    expect(result.stderr).toBe(`error: ${path}${message}\n`);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(written(o.out)).toEqual([]);
  });

  it("refuses a directory, a FIFO and a symbolic link without reading through them", () => {
    const o = outputs("special");
    const folder = join(dir, "folder.txt");
    mkdirSync(folder);
    const fifo = join(dir, "fifo.txt");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const link = join(dir, "link.txt");
    symlinkSync(file("target.txt", PAPER), link);
    for (const [path, message] of [
      [folder, "cannot read: is a directory, not a listing file"],
      [fifo, "cannot read: not a regular file (a FIFO, socket or device), not a listing file"],
      [link, "cannot read: is a symbolic link; ingest reads only real files: copy the listing in instead"],
    ] as const) {
      const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/ingest.ts", path, "--date", "2026-04-13", ...o.args], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(result.signal, `${path} made ingest wait`).toBeNull();
      expect(result.stderr).toBe(`error: ${path}: ${message}\n`);
      expect(result.status).toBe(1);
    }
    expect(written(o.out)).toEqual([]);
  });
});
