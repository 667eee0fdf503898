/**
 * The ingest command killed (SIGKILL) at random moments while it writes a corpus of 800 papers,
 * several times over: after every kill each file in the output folders is whole and valid, and a
 * final run finishes with exactly the folder an uninterrupted run writes. Each run goes on from
 * where the previous one was killed.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCorpus } from "../../scripts/dev/corpus/corpus.js";
import { ingestFiles } from "../../scripts/ingest/ingest.js";
import { checkOutputFolders } from "../helpers/output-folders.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// Titles that share a readable slug, so the order of writes matters to the names they get.
const COLLISIONS = [
  "Attention Is All You Need\nWe propose a network. It is prose.\n• 8 authors · Jun 12, 2017\n",
  "Attention is all you need!\nA different paper. Prose.\n• 2 authors · Jan 3, 2026\n",
  "Attention: is all you need?\nA third one. Prose.\n• 4 authors · Jan 4, 2026\n",
].join("\n");

let dir: string;
let files: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "crash-safety-"));
  const seedListing = await readFile(join(ROOT, "sources/2026-04-13.txt"), "utf8");
  files = [];
  for (const listing of generateCorpus({ papers: 800, seed: 42, seedListing })) {
    files.push(join(dir, `${listing.date}.txt`));
    await writeFile(files.at(-1)!, listing.text);
  }
  files.push(join(dir, "collisions-2026-04-14.txt"));
  await writeFile(files.at(-1)!, COLLISIONS);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function bytes(out: string, digests: string): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for (const folder of [out, digests]) {
    for (const name of (await readdir(folder)).sort()) all.set(`${folder === out ? "papers" : "digests"}/${name}`, await readFile(join(folder, name), "utf8"));
  }
  return all;
}

function countEntries(folder: string): number {
  try {
    return readdirSync(folder).length;
  } catch {
    return 0;
  }
}

/** Runs the command; kills it once the folder holds `killAt` entries (and a little longer). */
function runIngest(out: string, digests: string, killAt?: { entries: number; extraMs: number }): Promise<NodeJS.Signals | number | null> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/ingest.ts", ...files, "--out", out, "--digests", digests], { cwd: ROOT, stdio: "ignore" });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
  if (killAt) {
    const poll = setInterval(() => {
      if (countEntries(out) < killAt.entries) return;
      clearInterval(poll);
      setTimeout(() => child.kill("SIGKILL"), killAt.extraMs);
    }, 5);
    void exited.then(() => clearInterval(poll));
  }
  return exited;
}

describe("ingest killed with SIGKILL", () => {
  it("never leaves a half-written file, and a re-run finishes with exactly the uninterrupted output", async () => {
    const reference = { out: join(dir, "reference/papers"), digests: join(dir, "reference/digests") };
    await ingestFiles({ files, outDir: reference.out, digestsDir: reference.digests }, () => {});
    const expected = await bytes(reference.out, reference.digests);
    const papers = [...expected.keys()].filter((k) => k.startsWith("papers/")).length;
    expect(papers).toBeGreaterThan(800);

    const out = join(dir, "killed/papers");
    const digests = join(dir, "killed/digests");
    let killed = 0;
    let temps = 0;
    // Kill points spread over the run, each a little off a round number of files.
    for (const share of [0.15, 0.4, 0.65, 0.9]) {
      const entries = Math.round(papers * (share + (Math.random() - 0.5) * 0.1));
      const ended = await runIngest(out, digests, { entries, extraMs: Math.floor(Math.random() * 15) });
      if (ended === "SIGKILL") killed++;
      temps += (await checkOutputFolders(out, digests)).length;
    }
    expect(killed, "kills that landed while the command ran").toBeGreaterThanOrEqual(2);

    expect(await runIngest(out, digests)).toBe(0);
    expect(await checkOutputFolders(out, digests), "temporary files left after a complete run").toEqual([]);
    expect(await bytes(out, digests)).toEqual(expected);
    console.log(
      `figures: ingest-killed: ${killed} SIGKILLs, ${temps} temporary files seen after them, ${papers} papers, no half-written file, the re-run gives the uninterrupted output`,
    );
    // Six runs of the command and one in process: about 15 s alone, several times that on a busy machine.
  }, 240_000);
});
