/**
 * From the API to the site: `npm run fetch` of three recorded days (one of them paged) from
 * 127.0.0.1 into an empty project's sources/, then `npm run build`: every paper of every day is on
 * its digest page, in the order the API listed it, and reaches its own page with its arXiv link.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiServer, recordedDays, serveApi } from "../helpers/api-server.js";
import { decodeEntities, listedSlugs, textOf } from "../helpers/html.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DAYS = ["2024-05-29", "2024-05-30", "2024-05-31"];

interface Item {
  title: string;
  paper: { id: string; title: string };
}

let root: string;
let server: ApiServer;
let build: { code: number | null; output: string };

function command(script: string, args: string[]): Promise<{ code: number | null; output: string }> {
  const { NODE_OPTIONS: _, PATH_PREFIX: __, GITHUB_ACTIONS: ___, ...env } = process.env;
  // tsx by its path: `--import tsx` would be looked up from the empty project.
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, script), ...args], {
    cwd: root,
    env: { ...env, HF_API_URL: server.url },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "fetch-build-"));
  server = await serveApi(recordedDays({ links: true }));
  for (const day of DAYS) {
    const fetched = await command("scripts/fetch.ts", ["--date", day]);
    expect(fetched.code, fetched.output).toBe(0);
  }
  build = await command("scripts/build.ts", []);
}, 300_000);

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe("fetched days, built", () => {
  it("build without a problem, ingesting each fetched file", () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).toContain("sources/2024-05-29.json (2024-05-29, hf-json): 8 papers; 8 new");
    expect(build.output).toContain("sources/2024-05-31.json (2024-05-31, hf-json): 5 papers; 5 new");
  });

  it.each(DAYS)("%s: every paper is on the digest page in listed order, and on its own page with its arXiv link", async (day) => {
    const items = JSON.parse(await readFile(path.join(root, "sources", `${day}.json`), "utf8")) as Item[];
    const digest = await readFile(path.join(root, "site", "digests", day, "index.html"), "utf8");
    const slugs = listedSlugs(digest);
    expect(slugs).toHaveLength(items.length);
    for (const [i, item] of items.entries()) {
      const slug = slugs[i]!;
      const linked = textOf(digest, new RegExp(`<h2><a href="/papers/${slug}/">([^<]*)</a></h2>`));
      expect(linked, `${day} #${i}`).toBe(oneLine(item.title));
      const page = await readFile(path.join(root, "site", "papers", slug, "index.html"), "utf8");
      expect(decodeEntities(page)).toContain(oneLine(item.title));
      const file = await readFile(path.join(root, "content", "papers", `${slug}.md`), "utf8");
      expect(file).toContain(`\narxiv: "${item.paper.id}"\n`);
      expect(page).toContain(`href="https://arxiv.org/abs/${item.paper.id}"`);
    }
  });
});
