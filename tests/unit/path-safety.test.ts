/**
 * Ingest never reads or writes outside its output folders, whatever the titles say and whatever
 * links the folders hold; see docs/ingest.md ("Links").
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseDigestManifest, SLUG_PATTERN } from "../../scripts/content/digest.js";
import { IngestError, ingestFiles, type IngestOptions } from "../../scripts/ingest/ingest.js";
import { parsePaperFile } from "../../scripts/content/paper-file.js";
import { assignSlugs } from "../../scripts/content/slug.js";
import { titleKey } from "../../scripts/content/title-key.js";

function slugsFor(titles: string[]): string[] {
  const map = assignSlugs(titles.map(titleKey), new Set());
  return titles.map((t) => map.get(titleKey(t))!);
}

let dir: string;
let project: string;
let outside: string;
let options: IngestOptions;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "path-safety-"));
  project = join(dir, "project");
  outside = join(dir, "outside");
  await mkdir(project);
  await mkdir(outside);
  await writeFile(join(outside, "secret.txt"), "precious\n");
  await writeFile(join(project, "2026-04-13.txt"), "A Paper\nIts prose.\n• 2 authors · Apr 1\n");
  options = { files: [join(project, "2026-04-13.txt")], outDir: join(project, "content/papers"), digestsDir: join(project, "content/digests") };
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Everything under the outside folder, with bytes, to show nothing there changed. */
async function outsideState(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(outside)).sort()) out[name] = await readFile(join(outside, name), "utf8");
  return out;
}

async function refused(message: RegExp) {
  const before = await outsideState();
  const printed: string[] = [];
  await expect(ingestFiles(options, (l) => printed.push(l))).rejects.toThrow(IngestError);
  await expect(ingestFiles(options, () => {})).rejects.toThrow(message);
  expect(printed).toEqual([]);
  expect(await outsideState()).toEqual(before);
}

describe("titles", () => {
  it("never name a file after a Windows device", () => {
    const titles = ["CON", "nul", "Aux", "PRN!", "COM1", "lpt9", "Con Artists"];
    const slugs = slugsFor(titles);
    for (const slug of slugs.slice(0, 6)) expect(slug).toMatch(/^(?:con|nul|aux|prn|com1|lpt9)-[0-9a-f]{10}$/);
    expect(slugs[6]).toBe("con-artists");
    for (const slug of slugs) expect(slug).toMatch(SLUG_PATTERN);
  });

  it("that look like paths, or fold to one another, all land inside the output folder, each in its own file", async () => {
    const titles = [
      "../../etc/passwd",
      "/absolute/path",
      "..\\..\\boot.ini",
      "C:\\Windows\\win.ini",
      "CON",
      "%2e%2e%2fescape",
      "\u202eevil\u202c.md",
      "Über Alles",
      "UBER ALLES",
      "U\u0308ber alles",
      "Uber Alles",
      "大型语言模型",
      "🚀",
    ];
    const listing = titles.map((t, i) => `${t}\nProse number ${i}.\n• ${i + 1} authors\n`).join("\n");
    await writeFile(options.files[0]!, listing);
    await ingestFiles(options, () => {});
    const names = await readdir(options.outDir);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*\.md$/);
    const manifest = parseDigestManifest(await readFile(join(options.digestsDir, "2026-04-13.json"), "utf8"), "manifest");
    // Titles equal once composed and case-folded are one paper, listed under its first spelling.
    expect(manifest.papers.map((p) => p.title)).toEqual(titles.filter((t) => t !== "U\u0308ber alles" && t !== "Uber Alles"));
    expect(new Set(manifest.papers.map((p) => p.slug)).size).toBe(manifest.papers.length);
    expect(names.sort()).toEqual(manifest.papers.map((p) => `${p.slug}.md`).sort());
    for (const entry of manifest.papers) {
      const parsed = parsePaperFile(await readFile(join(options.outDir, `${entry.slug}.md`), "utf8"));
      expect(parsed.ok && parsed.paper.title).toBe(entry.title);
    }
    expect((await readdir(project)).sort()).toEqual(["2026-04-13.txt", "content"]);
    expect((await readdir(join(project, "content"))).sort()).toEqual(["digests", "papers"]);
    expect(await outsideState()).toEqual({ "secret.txt": "precious\n" });
  });

  it("cannot be smuggled in through a tampered manifest slug", async () => {
    await ingestFiles(options, () => {});
    const path = join(options.digestsDir, "2026-04-13.json");
    await writeFile(path, (await readFile(path, "utf8")).replace('"a-paper"', '"../../outside/secret"'));
    await refused(/2026-04-13\.json: papers\.0\.slug: expected a slug/);
  });
});

describe("symbolic links", () => {
  it("to a file outside, placed among the papers, are refused before anything is read or written", async () => {
    await mkdir(options.outDir, { recursive: true });
    await symlink(join(outside, "secret.txt"), join(options.outDir, "a-paper.md"));
    await refused(/content\/papers\/a-paper\.md is a symbolic link; ingest does not follow links in its output folders/);
    await expect(stat(options.digestsDir)).rejects.toThrow(/ENOENT/);
  });

  it("among the digest manifests are refused too", async () => {
    await ingestFiles(options, () => {});
    const manifest = join(options.digestsDir, "2026-04-13.json");
    await rm(manifest);
    await symlink(join(outside, "secret.txt"), manifest);
    await refused(/content\/digests\/2026-04-13\.json is a symbolic link/);
    expect((await lstat(manifest)).isSymbolicLink()).toBe(true);
  });

  it("standing for the output folder itself are refused", async () => {
    await mkdir(join(project, "content"));
    await symlink(outside, options.outDir);
    await refused(/content\/papers is a symbolic link; output folders must be real folders/);
    expect(await readdir(outside)).toEqual(["secret.txt"]);
  });

  it("on the way from the working directory to the output folder are refused", async () => {
    await symlink(outside, join(project, "content"));
    const cwd = process.cwd();
    process.chdir(project);
    try {
      options = { ...options, outDir: "content/papers", digestsDir: "content/digests" };
      await refused(/^content is a symbolic link; output folders must be real folders/);
    } finally {
      process.chdir(cwd);
    }
    expect(await readdir(outside)).toEqual(["secret.txt"]);
  });

  it("of any name inside an output folder are refused, a link to a folder included", async () => {
    await ingestFiles(options, () => {});
    await symlink(outside, join(options.outDir, "notes"));
    await refused(/content\/papers\/notes is a symbolic link/);
  });
});
