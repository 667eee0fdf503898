/**
 * Two builds of the same content are byte for byte the same, for the fixture and for the real
 * content: nothing depends on clocks, time zones, file times or directory order. The second build
 * gets a copy of the content written in reverse order with file times in 2001, runs in another
 * time zone with the clock set to 2031, and writes into another folder.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, utimes } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { listFiles } from "../../scripts/verify/check-site.js";
import { FIXTURE_CONTENT, makeWorkspace, type Workspace } from "../helpers/fixture.js";

const REAL_CONTENT = path.resolve("content");

/** A copy of `from` written file by file in reverse path order, every file dated 2001. */
async function reversedCopy(from: string, to: string): Promise<void> {
  const past = new Date(Date.UTC(2001, 0, 1));
  for (const file of (await listFiles(from)).reverse()) {
    await mkdir(path.dirname(path.join(to, file)), { recursive: true });
    await copyFile(path.join(from, file), path.join(to, file));
    await utimes(path.join(to, file), past, past);
  }
}

const contents = [{ name: "fixture content", dir: FIXTURE_CONTENT, generated: 110 }];
if (existsSync(path.join(REAL_CONTENT, "papers"))) contents.push({ name: "real content", dir: REAL_CONTENT, generated: 0 });

describe.each(contents)("two builds of the $name", ({ dir, generated }) => {
  let first: Workspace;
  let root: string;
  let secondOut: string;

  beforeAll(async () => {
    first = await makeWorkspace({ generated });
    if (dir === REAL_CONTENT) {
      await rm(first.contentDir, { recursive: true });
      await reversedCopy(REAL_CONTENT, first.contentDir);
    }
    root = await mkdtemp(path.join(os.tmpdir(), "paper-digest-again-"));
    const secondContent = path.join(root, "content");
    await reversedCopy(first.contentDir, secondContent);
    secondOut = path.join(root, "elsewhere", "site");
    await buildSite({ contentDir: first.contentDir, outDir: first.outDir });

    const zone = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati";
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(Date.UTC(2031, 5, 30, 23, 59, 59)) });
    try {
      await buildSite({ contentDir: secondContent, outDir: secondOut });
    } finally {
      vi.useRealTimers();
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  }, 180_000);

  afterAll(async () => {
    await first.remove();
    await rm(root, { recursive: true, force: true });
  });

  it("are byte-identical, search index included", async () => {
    const files = await listFiles(first.outDir);
    expect(await listFiles(secondOut)).toEqual(files);
    expect(files.some((f) => f.startsWith("pagefind/"))).toBe(true);
    for (const file of files) {
      const [a, b] = await Promise.all([readFile(path.join(first.outDir, file)), readFile(path.join(secondOut, file))]);
      expect(a.equals(b), file).toBe(true);
    }
    console.log(`figures: determinism: ${files.length} files byte-identical across two builds`);
  });
});
