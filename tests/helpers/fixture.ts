/**
 * Test content: the hand-written papers in tests/fixtures/content (every metadata variant and hostile
 * titles and abstracts) plus, on request, a generated batch of papers published in one month and
 * listed in one digest, so that lists run past one page.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { serializeDigestManifest } from "../../scripts/content/digest.js";

export const FIXTURE_CONTENT = path.resolve("tests/fixtures/content");
export const GENERATED_DIGEST = "2026-04-12";
const GENERATED_MONTH = "2024-05";

function generatedSlug(i: number): string {
  return `generated-paper-${String(i).padStart(4, "0")}`;
}

function generatedTitle(i: number): string {
  return `Generated paper ${String(i).padStart(4, "0")} on lattice methods`;
}

/** Author counts cycle through 1–12, with every seventh paper's count unknown. */
function generatedPaper(i: number): string {
  const lines = ["---", `title: "${generatedTitle(i)}"`];
  if (i % 7 !== 0) lines.push(`authors: ${(i % 12) + 1}`);
  lines.push(`published: ${GENERATED_MONTH}-${String((i % 28) + 1).padStart(2, "0")}`, `digests: [${GENERATED_DIGEST}]`, "---");
  const words = Array.from({ length: 60 }, (_, w) => `word${(i * 7 + w) % 97}`).join(" ");
  lines.push(`Generated abstract ${i} about lattice methods: ${words}.`);
  return `${lines.join("\n")}\n`;
}

export interface ContentOptions {
  /** How many generated papers to add (none by default). */
  generated?: number;
}

/** Writes fixture content into `dir`; returns `dir`. */
async function writeContent(dir: string, options: ContentOptions = {}): Promise<string> {
  await cp(FIXTURE_CONTENT, dir, { recursive: true });
  const count = options.generated ?? 0;
  if (count > 0) {
    await mkdir(path.join(dir, "papers"), { recursive: true });
    const indices = Array.from({ length: count }, (_, i) => i + 1);
    await Promise.all(indices.map((i) => writeFile(path.join(dir, "papers", `${generatedSlug(i)}.md`), generatedPaper(i))));
    // Listed newest index first, so listed order differs from slug order.
    const papers = [...indices].reverse().map((i) => ({ slug: generatedSlug(i), title: generatedTitle(i) }));
    await writeFile(path.join(dir, "digests", `${GENERATED_DIGEST}.json`), serializeDigestManifest({ date: GENERATED_DIGEST, papers }));
  }
  return dir;
}

export interface Workspace {
  root: string;
  contentDir: string;
  outDir: string;
  remove(): Promise<void>;
}

/** A temporary folder with content (see writeContent) and room for a built site. */
export async function makeWorkspace(options: ContentOptions = {}): Promise<Workspace> {
  const root = await mkdtemp(path.join(os.tmpdir(), "paper-digest-test-"));
  const contentDir = await writeContent(path.join(root, "content"), options);
  return { root, contentDir, outDir: path.join(root, "site"), remove: () => rm(root, { recursive: true, force: true }) };
}
