/**
 * The benchmark's dev-server figure: how long after a paper's Markdown file is saved `npm start`
 * serves its page with the change. The server runs in a workspace whose content the build has
 * ingested; once it serves and its first search index is written (so that Pagefind does not
 * compete), papers spread over the corpus are retitled one at a time, each timed from the file
 * write until a GET of its page shows the new title. Before the next edit the rebuild and the
 * search indexing it starts have ended: each sample is an edit made to an idle server, as after a
 * pause to read the page. Eleventy's own figures for each rebuild come from its output.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, pollPage, startDevServer, type DevServer } from "../dev-server.js";
import { BUILD_ENDED, INDEXING_ENDED, parseEleventyLine, parseIndexedLine } from "../../build/eleventy-lines.js";
import { median } from "./measure.js";

export interface EditSample {
  slug: string;
  /** From the file write until a GET of the paper's page showed the new title, ms. */
  pageMs: number;
  /** The rebuild as Eleventy timed it ("Wrote N files in S seconds"), ms, and the files it wrote. */
  rebuildMs: number;
  files: number;
  /** The search indexing the rebuild started, as the server timed it, ms. */
  indexMs: number;
}

export interface EditFigures {
  /** From starting the server until it said where it serves: its first build, a full one. */
  startMs: number;
  firstBuild: { files: number; ms: number };
  firstIndexMs: number;
  samples: EditSample[];
  medians: { pageMs: number; rebuildMs: number; files: number };
}

/** The paper file with another title, everything else as it was. */
export function retitle(markdown: string, title: string): string {
  const end = markdown.indexOf("\n---\n", 3);
  const head = markdown.startsWith("---\n") && end > 0 ? markdown.slice(0, end + 1) : "";
  if (!/^title: .*$/m.test(head)) throw new Error("no title in the front matter");
  // A JSON string is a YAML double-quoted string.
  return head.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`) + markdown.slice(end + 1);
}

/** `count` distinct slugs spread evenly over the sorted list, so that the edits do not all hit one corner of the site. */
export function spreadPick(slugs: readonly string[], count: number): string[] {
  if (count > slugs.length) throw new Error(`${count} edits, but only ${slugs.length} papers`);
  return Array.from({ length: count }, (_, i) => slugs[Math.floor(((i + 0.5) * slugs.length) / count)]!);
}

const POLL_MS = 20;
/** Generous: a busy machine must give a slow figure, not a failed benchmark. */
const START_TIMEOUT_MS = 900_000;
const EDIT_TIMEOUT_MS = 180_000;
const INDEX_TIMEOUT_MS = 600_000;

async function indexingEnded(server: DevServer, from: number): Promise<number> {
  return parseIndexedLine((await server.waitForLine(INDEXING_ENDED, { from, timeoutMs: INDEX_TIMEOUT_MS })).line).ms;
}

async function editOnce(server: DevServer, contentDir: string, slug: string, title: string): Promise<EditSample> {
  const file = join(contentDir, "papers", `${slug}.md`);
  const edited = retitle(readFileSync(file, "utf8"), title);
  const from = server.lines.length;
  const written = performance.now();
  writeFileSync(file, edited);
  const shown = await pollPage(`${server.url}/papers/${slug}/`, (_status, body) => body.includes(`>${title}</h1>`), {
    intervalMs: POLL_MS,
    timeoutMs: EDIT_TIMEOUT_MS,
  });
  const wrote = parseEleventyLine((await server.waitForLine(BUILD_ENDED, { from, timeoutMs: EDIT_TIMEOUT_MS })).line);
  const indexMs = await indexingEnded(server, from);
  return { slug, pageMs: shown.at - written, rebuildMs: wrote.ms, files: wrote.files, indexMs };
}

/** Starts `npm start` of `root` in `workspace` (content ingested), makes `edits` edits, stops it. */
export async function benchEdits(options: { root: string; workspace: string; edits: number; log(line: string): void }): Promise<EditFigures> {
  const { root, workspace, edits, log } = options;
  const contentDir = join(workspace, "content");
  const slugs = readdirSync(join(contentDir, "papers"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => name.slice(0, -".md".length))
    .sort();
  const targets = spreadPick(slugs, edits);
  log("starting the dev server…");
  const started = performance.now();
  const server = await startDevServer({ root, cwd: workspace, port: await freePort(), startTimeoutMs: START_TIMEOUT_MS });
  try {
    const startMs = performance.now() - started;
    const firstBuild = parseEleventyLine((await server.waitForLine(BUILD_ENDED, { timeoutMs: START_TIMEOUT_MS })).line);
    const firstIndexMs = await indexingEnded(server, 0);
    log(
      `dev server up in ${(startMs / 1000).toFixed(2)} s (Eleventy: ${firstBuild.files} files in ${(firstBuild.ms / 1000).toFixed(2)} s), indexed in ${(firstIndexMs / 1000).toFixed(2)} s`,
    );
    const samples: EditSample[] = [];
    for (const [i, slug] of targets.entries()) {
      const sample = await editOnce(server, contentDir, slug, `Retitled by the benchmark, edit ${i + 1} of ${edits}`);
      samples.push(sample);
      log(
        `edit ${i + 1}/${edits} (${slug}): page after ${(sample.pageMs / 1000).toFixed(2)} s; Eleventy wrote ${sample.files} files in ${(sample.rebuildMs / 1000).toFixed(2)} s`,
      );
    }
    const medians = {
      pageMs: median(samples.map((s) => s.pageMs)),
      rebuildMs: median(samples.map((s) => s.rebuildMs)),
      files: median(samples.map((s) => s.files)),
    };
    return { startMs, firstBuild, firstIndexMs, samples, medians };
  } finally {
    await server.stop();
  }
}
