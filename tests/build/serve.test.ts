/**
 * `npm start` (scripts/serve.ts) for real: started as its own process in a workspace of fixture
 * content, on a free port, and watched over HTTP while the content is edited as a contributor
 * would. An edit shows on the paper's page and on its digest's; the rebuild leaves a page the edit
 * does not concern alone (render-plan.ts); invalid content is reported without taking the server
 * down or touching the last good pages; a removed paper's page goes; the search index is built
 * again only in the shards an edit changed. Every wait polls with a
 * generous timeout, as the machine may be busy: how fast this is is the benchmark's business.
 */
import { type BigIntStats, statSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevServer, freePort, pollPage, startDevServer } from "../../scripts/dev/dev-server.js";
import { BUILD_ENDED, INDEXING_ENDED, parseIndexedLine } from "../../scripts/build/eleventy-lines.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const WAIT = { intervalMs: 100, timeoutMs: 60_000 };
/** Search shards of this many papers, so that an edit leaves most of them as they were. */
const SHARD_PAPERS = 2;

/** In digest 2026-04-14, after the zebrafish paper: the paper edited. */
const EDITED = "coin-flips-with-latex-residue";
/** Alone in digest 2026-04-10, in no list with the edited paper: nothing of its page changes with it. */
const UNRELATED = "markdown-link-tricks";
/** In digest 2026-04-13 only: the paper removed. */
const REMOVED = "interpretable-structural-model-error-discovery";

describe("npm start (scripts/serve.ts)", () => {
  let workspace: Workspace;
  let server: DevServer;

  const paperFile = (slug: string) => path.join(workspace.contentDir, "papers", `${slug}.md`);
  const pageFile = (slug: string) => path.join(workspace.outDir, "papers", slug, "index.html");
  const page = (urlPath: string) => `${server.url}${urlPath}`;
  /** What a rewrite of the file changes, to the nanosecond: its inode when replaced, its times when written in place. */
  const writeStamp = (file: string) => {
    const { ino, mtimeNs, ctimeNs } = statSync(file, { bigint: true }) as BigIntStats;
    return `${ino} ${mtimeNs} ${ctimeNs}`;
  };

  async function edit(file: string, change: (text: string) => string): Promise<void> {
    const before = await readFile(file, "utf8");
    const after = change(before);
    expect(after, `${file} as edited`).not.toBe(before);
    await writeFile(file, after);
  }

  /** The server's lines from `from` until its next build has ended, that build's among them. */
  async function nextBuild(from: number): Promise<string[]> {
    const { index } = await server.waitForLine(BUILD_ENDED, { from, timeoutMs: WAIT.timeoutMs });
    return server.lines.slice(from, index + 1);
  }

  beforeAll(async () => {
    workspace = await makeWorkspace();
    server = await startDevServer({
      root: ROOT,
      cwd: workspace.root,
      port: await freePort(),
      startTimeoutMs: 180_000,
      env: { SEARCH_SHARD_PAPERS: String(SHARD_PAPERS) },
    });
    await pollPage(page(`/papers/${EDITED}/`), (status) => status === 200, WAIT);
    const first = parseIndexedLine((await server.waitForLine(INDEXING_ENDED, { timeoutMs: WAIT.timeoutMs })).line);
    expect(first.shards).toBeGreaterThan(3);
    expect(first.written).toBe(first.shards);
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await workspace?.remove();
  });

  it("shows an edited title and abstract on the paper's page and its digest's, rewriting no unrelated page", async () => {
    const unrelated = writeStamp(pageFile(UNRELATED));
    const edited = writeStamp(pageFile(EDITED));
    const mark = server.lines.length;
    await edit(paperFile(EDITED), (text) =>
      text
        .replace(/^title: .*$/m, 'title: "Coin flips retitled while the server runs"')
        .replace(/^We collected .*$/m, "An abstract rewritten while the server runs."),
    );

    const { body } = await pollPage(page(`/papers/${EDITED}/`), (_s, html) => html.includes("Coin flips retitled while the server runs"), WAIT);
    expect(body).toContain("An abstract rewritten while the server runs.");
    expect(body).not.toContain("350{,}757");
    const digest = await pollPage(page("/digests/2026-04-14/"), (status) => status === 200, WAIT);
    expect(digest.body).toContain("Coin flips retitled while the server runs");

    // Only once the rebuild has ended can it be said what it did not write.
    const build = (await nextBuild(mark)).join("\n");
    expect(writeStamp(pageFile(EDITED))).not.toBe(edited);
    expect(writeStamp(pageFile(UNRELATED))).toBe(unrelated);
    // Eleventy's list of what it wrote agrees.
    expect(build).toContain(`papers/${EDITED}/index.html`);
    expect(build).not.toContain(`papers/${UNRELATED}/`);

    // The edited page's shard and those of the pages showing its title (its digest neighbours), no more.
    // From the edit on: the indexing run starts when Eleventy's build ends, and may end before
    // Eleventy has printed that it did.
    const indexed = parseIndexedLine((await server.waitForLine(INDEXING_ENDED, { from: mark, timeoutMs: WAIT.timeoutMs })).line);
    const changed = new Set([...build.matchAll(/papers\/([a-z0-9-]+)\/index\.html/g)].map((m) => m[1]));
    expect(indexed.written).toBeGreaterThanOrEqual(1);
    expect(indexed.written).toBeLessThanOrEqual(changed.size);
    expect(indexed.written).toBeLessThan(indexed.shards);
    const search = await pollPage(page("/search/"), (status) => status === 200, WAIT);
    expect(search.body).toContain(`data-shards="${indexed.shards}"`);
  }, 120_000);

  it("reports an invalid paper file, keeps serving its last good page, and shows the fix", async () => {
    let mark = server.lines.length;
    await edit(paperFile(EDITED), (text) =>
      text.replace(/^title: .*$/m, 'title: "Coin flips with a broken author count"').replace(/^authors: 23$/m, "authors: -3"),
    );
    await server.waitForLine(new RegExp(`papers/${EDITED}\\.md:\\d+:\\d+: authors: `), { from: mark, timeoutMs: WAIT.timeoutMs });
    // A failed build also ends with "Wrote 0 files", printed before or after its problem, as it happens.
    await nextBuild(mark);
    expect(server.running()).toBe(true);
    const kept = await pollPage(page(`/papers/${EDITED}/`), (status) => status === 200, WAIT);
    expect(kept.body).toContain("Coin flips retitled while the server runs");
    expect(kept.body).not.toContain("broken author count");

    mark = server.lines.length;
    await edit(paperFile(EDITED), (text) =>
      text.replace(/^title: .*$/m, 'title: "Coin flips with a fixed author count"').replace(/^authors: -3$/m, "authors: 24"),
    );
    const fixed = await pollPage(page(`/papers/${EDITED}/`), (_s, html) => html.includes("Coin flips with a fixed author count"), WAIT);
    expect(fixed.body).toContain("24 authors");
    await nextBuild(mark);
  }, 120_000);

  it("removes a removed paper's page, and takes it off its digest's", async () => {
    const manifest = path.join(workspace.contentDir, "digests", "2026-04-13.json");
    const listed = JSON.parse(await readFile(manifest, "utf8")) as { date: string; papers: { slug: string; title: string }[] };
    const title = listed.papers.find((p) => p.slug === REMOVED)?.title;
    expect(title).toBeDefined();
    // The manifest first, then the file: the content is invalid in between (a paper its digest does
    // not list), so that the deletion has to bring about the rebuild that removes the page.
    const mark = server.lines.length;
    await writeFile(manifest, `${JSON.stringify({ ...listed, papers: listed.papers.filter((p) => p.slug !== REMOVED) }, null, 2)}\n`);
    await server.waitForLine(new RegExp(`papers/${REMOVED}\\.md:\\d+:\\d+: .*does not list this paper`), { from: mark, timeoutMs: WAIT.timeoutMs });
    await nextBuild(mark);
    await rm(paperFile(REMOVED));

    await pollPage(page(`/papers/${REMOVED}/`), (status) => status === 404, WAIT);
    expect(() => statSync(pageFile(REMOVED))).toThrow(/ENOENT/);
    const digest = await pollPage(page("/digests/2026-04-13/"), (status) => status === 200, WAIT);
    expect(digest.body).not.toContain(title);
    expect(digest.body).toContain("Scaling laws for industrial retrieval systems");
  }, 120_000);
});
