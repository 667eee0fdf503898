/**
 * Eleventy's render of the site (with the after-build plugins: client files, exports, page removal),
 * in the process that calls `renderInProcess`: the build runs it in a child process of its own
 * (`renderSite`, render-child.ts), the dev server in its own process. The messages between the build
 * and its child are typed here.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { ContentError, isContentError } from "../check/content.js";
import type { Problem } from "../check/problem.js";

export const ELEVENTY_CONFIG = fileURLToPath(new URL("../../.eleventy.ts", import.meta.url));
export const RENDER_CHILD = fileURLToPath(new URL("render-child.ts", import.meta.url));

export interface RenderOptions {
  /** Sub-path the site is served under, e.g. `/paper-digest/`; default `/`. */
  pathPrefix?: string;
  /** Papers per search shard (search-shards.ts), for the search page to know how many to ask. */
  searchShardPapers?: number | undefined;
  progress?: { rendered(pages: number): void } | undefined;
}

export interface RenderRequest {
  contentDir: string;
  dir: string;
  pathPrefix: string;
  searchShardPapers: number | undefined;
  /** Whether to report pages as they are written. */
  progress: boolean;
}

export type RenderMessage =
  { type: "rendered"; pages: number } | { type: "done"; files: number } | { type: "failed"; message: string; problems?: readonly Problem[] };

/**
 * Eleventy wraps errors from data and templates several levels deep. Content problems come out as
 * they are; anything else as the chain of messages, outermost first.
 */
export function explain(error: unknown): Error {
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < 10;) {
    chain.push(e);
    e = (e as { originalError?: unknown }).originalError ?? e.cause;
  }
  const content = chain.find(isContentError);
  if (content) return content;
  if (chain.length === 0) return new Error(String(error));
  if (chain.length === 1) return chain[0] as Error;
  return new Error(chain.map((e) => e.message).join("\n  because: "), { cause: error });
}

/** Renders the site into `dir` and returns how many files Eleventy wrote. */
export async function renderInProcess(contentDir: string, dir: string, options: RenderOptions = {}): Promise<number> {
  const { progress, searchShardPapers } = options;
  let pages = 0;
  const eleventy = new Eleventy(contentDir, dir, {
    configPath: ELEVENTY_CONFIG,
    pathPrefix: options.pathPrefix ?? "/",
    quietMode: true,
    config(eleventyConfig: UserConfig) {
      // The search page says how many shards to ask (search-shards.ts).
      if (searchShardPapers !== undefined) eleventyConfig.addGlobalData("searchShardPapers", searchShardPapers);
      // Transforms run once per output file, as it is written: the one per-page hook Eleventy has.
      if (progress) eleventyConfig.addTransform("progress", (content: unknown) => (progress.rendered(++pages), content));
    },
  });
  // Results and errors are reported by our callers, once and without Eleventy's stack traces.
  eleventy.disableLogger();
  const [, templates] = (await eleventy.write()) as unknown as [unknown, unknown[]];
  return templates.length;
}

/**
 * Renders the site into `dir` in a child process and returns how many files Eleventy wrote. Its own
 * process, so that the memory Eleventy took is the system's again before Pagefind takes its own:
 * in one process the two added up (render-child.ts).
 */
export function renderSite(contentDir: string, dir: string, options: RenderOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(RENDER_CHILD, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let answer: Exclude<RenderMessage, { type: "rendered" }> | undefined;
    child.on("message", (message: RenderMessage) => {
      if (message.type === "rendered") options.progress?.rendered(message.pages);
      else answer = message;
    });
    child.on("error", reject);
    // Settled once the child is gone, not when it answers: until then its memory is still taken.
    child.on("exit", (code, signal) => {
      if (answer?.type === "done") resolve(answer.files);
      else if (answer?.type === "failed") reject(answer.problems ? new ContentError(answer.problems) : new Error(answer.message));
      else reject(new Error(`rendering stopped before it finished (${signal ?? `exit code ${code}`})`));
    });
    const request: RenderRequest = {
      contentDir,
      dir,
      pathPrefix: options.pathPrefix ?? "/",
      searchShardPapers: options.searchShardPapers,
      progress: options.progress !== undefined,
    };
    child.send(request);
  });
}
