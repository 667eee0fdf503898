import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
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
    ["an empty file", "empty.txt", "", "empty listing: no text in it"],
    ["a binary file", "binary.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a]), "binary input: not UTF-8 text"],
    ["a file with NUL bytes", "nul.txt", "Title\nabc\u0000\n", "binary input: NUL byte on line 2"],
    ["a paper-less file", "chrome.txt", "new\n\nSubscribe\n\nDaily Papers\n", "no papers found: a paper is a title line followed by its abstract"],
  ])("exits 1 with one line for %s", (_what, name, content, message) => {
    const path = file(name, content);
    const result = run(path, "--date", "2026-04-13", "--out", out, "--digests", digests);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`error: ${path}: ${message}\n`);
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
