/**
 * The site's content: `papers/<slug>.md` and `digests/YYYY-MM-DD.json` under one folder, read and
 * validated by the same checker as `npm run check`, so a build refuses invalid content with exactly
 * the messages a contributor sees there. Nothing is rendered from content that did not pass.
 */
import { type CheckCache, checkContent } from "./check-content.js";
import type { DigestManifest } from "../content/digest.js";
import type { PaperSource } from "../content/paper.js";
import { formatProblem, type Problem } from "./problem.js";

export interface Content {
  /** File-name order. */
  papers: PaperSource[];
  /** File-name order. */
  manifests: DigestManifest[];
}

export class ContentError extends Error {
  /** Eleventy (`npm start`'s rebuilds) prints the message alone: the problems are the whole story. */
  readonly skipOriginalStack = true;

  constructor(readonly problems: readonly Problem[]) {
    const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
    super(`invalid content, ${count}:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
    this.name = "ContentError";
  }
}

/**
 * By name rather than `instanceof`: the Eleventy config loads its own copy of this module when a test
 * runner has already loaded one, and the two classes differ.
 */
export function isContentError(error: unknown): error is ContentError {
  return error instanceof Error && error.name === "ContentError" && Array.isArray((error as ContentError).problems);
}

/** Loads `dir/papers/*.md` and `dir/digests/*.json`; throws a ContentError naming every problem. */
export async function loadContent(dir: string, cache?: CheckCache): Promise<Content> {
  const report = checkContent(dir, cache);
  if (report.problems.length > 0) throw new ContentError(report.problems);
  return report.content;
}
