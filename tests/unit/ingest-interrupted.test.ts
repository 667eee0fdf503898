/**
 * Ingest stopped between any two of its writes, then run again, ends with exactly the files an
 * uninterrupted run writes. The stop is simulated in process (a write that throws, as a crash
 * would leave things), at every write of the run in turn; tests/process/crash-safety.test.ts kills the
 * real command at random moments, including in the middle of a write.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ingestFiles, type IngestOptions } from "../../scripts/ingest/ingest.js";
import { checkOutputFolders } from "../helpers/output-folders.js";

const writes = vi.hoisted(() => ({ left: Number.POSITIVE_INFINITY, done: 0 }));

vi.mock("../../scripts/content/atomic-write.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../scripts/content/atomic-write.js")>();
  return {
    ...real,
    writeFileAtomicSync: (path: string, text: string) => {
      if (writes.left <= 0) throw new Error("simulated crash");
      writes.left--;
      writes.done++;
      real.writeFileAtomicSync(path, text);
    },
  };
});

// Titles whose readable slugs collide (they share one base, so each gets a hash) and one that
// shows again a day later: the cases where the order of writes could leak into the outcome.
const DAY_ONE = [
  "Attention Is All You Need\nWe propose a network. It is prose.\n• 8 authors · Jun 12, 2017\n",
  "Attention is all you need!\nA different paper. Prose.\n• 2 authors · Jan 3, 2026\n",
  "GPT-4\nA report. Prose.\n• OpenAI · Mar 15, 2023\n",
  "大型语言模型\nA survey. Prose.\n• 9 authors · Feb 1, 2026\n",
  "Plain Title Here\nOnly prose. Here.\n• 3 authors · Apr 1, 2026\n",
].join("\n");
const DAY_TWO = [
  "12\nAttention Is All You Need\nWe propose a network. It is prose.\n• 8 authors · Jun 12, 2017 4\n",
  "GPT 4!\nAnother report. Prose.\n• 3 authors · Apr 2, 2026\n",
  "Fresh Paper\nNew prose. Here.\n",
].join("\n");

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ingest-interrupted-"));
  await writeFile(join(dir, "2026-04-13.txt"), DAY_ONE);
  await writeFile(join(dir, "2026-04-14.txt"), DAY_TWO);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(run: string): IngestOptions {
  return {
    files: [join(dir, "2026-04-13.txt"), join(dir, "2026-04-14.txt")],
    outDir: join(dir, run, "papers"),
    digestsDir: join(dir, run, "digests"),
  };
}

async function folderBytes(o: IngestOptions): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const folder of [o.outDir, o.digestsDir]) {
    for (const name of (await readdir(folder)).sort())
      out[`${folder === o.outDir ? "papers" : "digests"}/${name}`] = await readFile(join(folder, name), "utf8");
  }
  return out;
}

describe("ingest interrupted between two writes", () => {
  it("finishes on a re-run with exactly the files of an uninterrupted run, wherever it stopped", async () => {
    writes.left = Number.POSITIVE_INFINITY;
    writes.done = 0;
    const reference = options("reference");
    await ingestFiles(reference, () => {});
    const total = writes.done;
    expect(total).toBe(10);
    const expected = await folderBytes(reference);

    for (let stop = 0; stop < total; stop++) {
      const run = options(`stop-${stop}`);
      writes.left = stop;
      await expect(ingestFiles(run, () => {})).rejects.toThrow("simulated crash");
      await checkOutputFolders(run.outDir, run.digestsDir);
      writes.left = Number.POSITIVE_INFINITY;
      await ingestFiles(run, () => {});
      expect(await folderBytes(run), `stopped after ${stop} writes`).toEqual(expected);
    }
  });
});
