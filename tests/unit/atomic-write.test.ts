/**
 * Atomic writes and their temporary files: never written through a planted link, never mistaken
 * for content, and cleaned up after a killed run.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isTempFileName, removeStaleTempFiles, writeFileAtomicSync } from "../../scripts/content/atomic-write.js";
import { ingestFiles } from "../../scripts/ingest/ingest.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "atomic-write-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Far above any pid_max, so no process can hold it.
const DEAD_PID = 2_000_000_000;

describe("temporary files", () => {
  it("never writes through a link planted where a temporary file will go", async () => {
    const outside = join(dir, "outside.txt");
    await writeFile(outside, "precious");
    const folder = join(dir, "papers");
    await mkdir(folder);
    // Each module instance counts its writes from 1; plant a link at every name the next writes would use.
    for (let n = 1; n <= 50; n++) await symlink(outside, join(folder, `.x.md.${process.pid}.${n}.tmp`));
    expect(() => writeFileAtomicSync(join(folder, "x.md"), "attack")).toThrow(/EEXIST/);
    expect(await readFile(outside, "utf8")).toBe("precious");
    await expect(lstat(join(folder, "x.md"))).rejects.toThrow(/ENOENT/);
  });

  it("are named so that nothing reads them as content", () => {
    expect(isTempFileName(`.paper.md.${DEAD_PID}.3.tmp`)).toBe(true);
    for (const name of ["paper.md", "2026-04-13.json", ".paper.md", "paper.md.1.2.tmp", ".paper.md.x.2.tmp"]) expect(isTempFileName(name)).toBe(false);
  });

  it("of dead processes are removed, those of live ones kept", async () => {
    const names = [`.a.md.${DEAD_PID}.1.tmp`, `.b.md.${process.pid}.7.tmp`, "a.md", ".notes", `.c.json.${DEAD_PID}.2.tmp`];
    for (const name of names) await writeFile(join(dir, name), "x");
    expect(removeStaleTempFiles(dir)).toEqual([`.a.md.${DEAD_PID}.1.tmp`, `.c.json.${DEAD_PID}.2.tmp`]);
    expect((await readdir(dir)).sort()).toEqual([`.b.md.${process.pid}.7.tmp`, ".notes", "a.md"]);
    expect(removeStaleTempFiles(join(dir, "missing"))).toEqual([]);
  });

  it("left by a killed ingest are cleaned up by the next run, which says so", async () => {
    const listing = join(dir, "2026-04-13.txt");
    await writeFile(listing, "A Paper\nIts prose.\n• 2 authors · Apr 1\n");
    const options = { files: [listing], outDir: join(dir, "papers"), digestsDir: join(dir, "digests") };
    await ingestFiles(options, () => {});
    await writeFile(join(options.outDir, `.a-paper.md.${DEAD_PID}.4.tmp`), "---\ntitle: half");
    await writeFile(join(options.digestsDir, `.2026-04-13.json.${DEAD_PID}.5.tmp`), "{");
    const printed: string[] = [];
    await ingestFiles(options, (line) => printed.push(line));
    expect(printed.slice(0, 2)).toEqual([
      `${options.outDir}: removed 1 temporary file(s) left by an interrupted run`,
      `${options.digestsDir}: removed 1 temporary file(s) left by an interrupted run`,
    ]);
    expect(await readdir(options.outDir)).toEqual(["a-paper.md"]);
    expect(await readdir(options.digestsDir)).toEqual(["2026-04-13.json"]);
  });
});
