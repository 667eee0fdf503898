/**
 * What ingest's output folders must look like at any moment, even right after the process was
 * killed: every paper file and manifest whole and valid, every manifest entry backed by its file,
 * and nothing else but temporary files, which never look like content (`.<name>.<pid>.<n>.tmp`).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "vitest";
import { isTempFileName } from "../../scripts/content/atomic-write.js";
import { parseDigestManifest, SLUG_PATTERN } from "../../scripts/content/digest.js";
import { parsePaperFile } from "../../scripts/content/paper-file.js";

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Checks both folders; returns the temporary files found. */
export async function checkOutputFolders(outDir: string, digestsDir: string): Promise<string[]> {
  const temps: string[] = [];
  const slugs = new Set<string>();
  for (const name of await names(outDir)) {
    if (isTempFileName(name)) {
      temps.push(join(outDir, name));
      continue;
    }
    expect(name, "paper file name").toMatch(/\.md$/);
    expect(name.slice(0, -3)).toMatch(SLUG_PATTERN);
    const parsed = parsePaperFile(await readFile(join(outDir, name), "utf8"));
    expect(parsed.ok ? "ok" : parsed.problems, `${name} is whole and valid`).toBe("ok");
    slugs.add(name.slice(0, -3));
  }
  for (const name of await names(digestsDir)) {
    if (isTempFileName(name)) {
      temps.push(join(digestsDir, name));
      continue;
    }
    expect(name).toMatch(/^\d{4}-\d{2}-\d{2}\.json$/);
    const manifest = parseDigestManifest(await readFile(join(digestsDir, name), "utf8"), name);
    for (const entry of manifest.papers) expect(slugs.has(entry.slug), `${name} lists ${entry.slug}, which has no file`).toBe(true);
  }
  return temps;
}
