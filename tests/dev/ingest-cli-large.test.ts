import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generateCorpus } from "../../scripts/dev/corpus/corpus.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "ingest-cli-large-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run ingest on a large input", () => {
  it("prints every listing's summary, then the total with timings", () => {
    const seedListing = readFileSync(join(ROOT, "sources/2026-04-13.txt"), "utf8");
    const files: string[] = [];
    let entries = 0;
    for (const listing of generateCorpus({ papers: 1200, seed: 3, seedListing })) {
      const path = join(dir, `${listing.date}.txt`);
      writeFileSync(path, listing.text);
      files.push(path);
      entries += listing.entries.length;
    }
    const args = ["--import", "tsx", "scripts/ingest.ts", ...files, "--out", join(dir, "papers"), "--digests", join(dir, "digests")];
    const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    // Plain status lines may come in between on a slow machine; summaries and the total always do.
    expect(lines.filter((line) => line.startsWith(dir)).map((line) => line.slice(0, line.indexOf(" (")))).toEqual(files);
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^ingested ${entries} papers from ${files.length} listings in \\d+\\.\\d\\d s \\(\\d+ papers/s\\): 1200 new, ${entries - 1200} updated, 0 unchanged; ` +
          `reading \\d+\\.\\d\\d s, checking \\d+\\.\\d\\d s, writing \\d+\\.\\d\\d s$`,
      ),
    );
  });
});
