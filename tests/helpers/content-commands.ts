/**
 * The content commands as a contributor runs them, each its own process in a workspace of its own:
 * `npm run check`, `npm run build`, `npm run ingest` and `npm start`, with this checkout's scripts
 * and tsx loader, and what each says about content as `path:line:column: message` lines.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsxLoader } from "../../scripts/dev/dev-server.js";
import { serializeDigestManifest } from "../../scripts/content/digest.js";
import { serializePaper } from "../../scripts/content/paper-file.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Run {
  /** Null when the command was killed at the time limit. */
  status: number | null;
  output: string;
  /** Every `content/…:line:column: message` line it printed, sorted, without indentation. */
  problems: string[];
}

export type Command = "check" | "build" | "ingest" | "start";

const SCRIPTS: Record<Command, string> = { check: "check.ts", build: "build.ts", ingest: "ingest.ts", start: "serve.ts" };

/** Runs one command in `cwd` (which holds `content/`, and `sources/` if any) and collects what it printed. */
export function runCommand(
  command: Command,
  cwd: string,
  args: string[] = [],
  options: { timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<Run> {
  const { NODE_OPTIONS: _, PATH_PREFIX: __, GITHUB_ACTIONS: ___, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", tsxLoader(ROOT), path.join(ROOT, "scripts", SCRIPTS[command]), ...args], {
      cwd,
      env: { ...env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Gone already.
      }
    }, options.timeoutMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, output, problems: problemLines(output) });
    });
  });
}

export function problemLines(output: string): string[] {
  return output
    .split("\n")
    .map((line) => line.replace(/^(?:error: |\s+)/, ""))
    .filter((line) => /^content\/.*?:\d+:\d+: /.test(line))
    .sort();
}

export const DIGEST = "2026-04-13";

export interface PaperSpec {
  slug: string;
  title: string;
  abstract?: string;
}

/** A paper file as ingest writes it, and its manifest entry. */
export function paperText(spec: PaperSpec): string {
  return serializePaper({ title: spec.title, digests: [DIGEST], abstract: spec.abstract ?? `The abstract of ${spec.title}.` });
}

export const BASE_PAPERS: PaperSpec[] = [
  { slug: "base-paper-one", title: "Base paper one" },
  { slug: "base-paper-two", title: "Base paper two" },
];

export interface Scratch {
  root: string;
  content: string;
  /** Writes `content/digests/2026-04-13.json` listing the base papers and `extra`. */
  list(extra: { slug: string; title: string }[]): Promise<void>;
  remove(): Promise<void>;
}

/** A folder with a small valid content folder: two papers in one digest. */
export async function makeScratch(): Promise<Scratch> {
  const root = await mkdtemp(path.join(os.tmpdir(), "content-attack-"));
  const content = path.join(root, "content");
  await mkdir(path.join(content, "papers"), { recursive: true });
  await mkdir(path.join(content, "digests"));
  for (const spec of BASE_PAPERS) await writeFile(path.join(content, "papers", `${spec.slug}.md`), paperText(spec));
  const list = (extra: { slug: string; title: string }[]) =>
    writeFile(
      path.join(content, "digests", `${DIGEST}.json`),
      serializeDigestManifest({ date: DIGEST, papers: [...BASE_PAPERS, ...extra].map(({ slug, title }) => ({ slug, title })) }),
    );
  await list([]);
  return { root, content, list, remove: () => rm(root, { recursive: true, force: true }) };
}

/** The repository's own content and listing, in a folder of their own. */
export async function makeRealScratch(): Promise<Scratch> {
  const scratch = await makeScratch();
  await rm(scratch.content, { recursive: true });
  await cp(path.join(ROOT, "content"), scratch.content, { recursive: true });
  await cp(path.join(ROOT, "sources"), path.join(scratch.root, "sources"), { recursive: true });
  return scratch;
}
