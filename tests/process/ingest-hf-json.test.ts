import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = join(ROOT, "tests/fixtures/hf-api");
const dir = mkdtempSync(join(tmpdir(), "ingest-hf-json-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/ingest.ts", ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run ingest of a Daily Papers API response", () => {
  it("writes every item as a paper, dated by the file name", () => {
    const out = join(dir, "a/papers");
    const digests = join(dir, "a/digests");
    const source = join(FIXTURES, "2024-05-29.json");
    const result = run(source, "--out", out, "--digests", digests);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      `${source} (2024-05-29, hf-json): 8 papers; 8 new, 0 updated, 0 unchanged files; 0 skipped; 0 without author count, 0 without date\n`,
    );
    expect(readdirSync(out)).toHaveLength(8);
    const manifest = JSON.parse(readFileSync(join(digests, "2024-05-29.json"), "utf8")) as { papers: { title: string }[] };
    expect(manifest.papers.map((p) => p.title)[3]).toBe("Instruct-MusicGen: Unlocking Text-to-Music Editing for Music Language Models via Instruction Tuning");
    // Again: nothing changes.
    const again = run(source, "--out", out, "--digests", digests);
    expect(again.stdout).toBe(
      `${source} (2024-05-29, hf-json): 8 papers; 0 new, 0 updated, 8 unchanged files; 0 skipped; 0 without author count, 0 without date\n`,
    );
  });

  it("refuses a text listing forced to the JSON format, and a cut-off response, with file:line, writing nothing", () => {
    const out = join(dir, "b/papers");
    const digests = join(dir, "b/digests");
    const seed = join(ROOT, "sources/2026-04-13.txt");
    const forced = run(seed, "--format", "hf-json", "--out", out, "--digests", digests);
    expect(forced.status).toBe(1);
    expect(forced.stderr).toBe(`error: ${seed}:1: not JSON: a Daily Papers API response starts with [ or {\n`);
    const cut = join(dir, "2024-05-29.json");
    const text = readFileSync(join(FIXTURES, "2024-05-29.json"), "utf8");
    writeFileSync(cut, text.slice(0, 20000));
    const result = run(cut, "--out", out, "--digests", digests);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`error: ${cut}:${text.slice(0, 20000).split("\n").length}: not valid JSON: it ends before the JSON does (cut off?)\n`);
    expect(existsSync(out)).toBe(false);
  });

  it("takes the wrapped variant's own date over the file name's", () => {
    const out = join(dir, "c/papers");
    const digests = join(dir, "c/digests");
    const source = join(dir, "2024-06-01.json");
    copyFileSync(join(FIXTURES, "wrapped.json"), source);
    const result = run(source, "--out", out, "--digests", digests);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      `${source} (2024-05-30, hf-json): 2 papers; 2 new, 0 updated, 0 unchanged files; 0 skipped; 0 without author count, 0 without date\n`,
    );
    expect(readdirSync(digests)).toEqual(["2024-05-30.json"]);
  });
});
