/**
 * Where a paper's fix goes: GitHub's editor for its Markdown file and the repository's issue form
 * for papers. No dependencies: site.js builds these links in the browser (client/contribute.ts).
 */

export interface Contribution {
  /** `https://github.com/owner/repo`, or empty: then pages show no edit or report links. */
  repository: string;
  /** The branch contributors' edits go to. */
  branch: string;
  /** Where paper files live in the repository. */
  contentPath: string;
}

/** The issue form "Report a problem" opens, a file of .github/ISSUE_TEMPLATE/. */
export const PAPER_ISSUE_FORM = "paper.yml";

/** GitHub's editor for a paper's file; undefined without a repository. */
export function editUrl(config: Contribution, slug: string): string | undefined {
  if (!config.repository) return undefined;
  const branch = config.branch.split("/").map(encodeURIComponent).join("/");
  return `${config.repository}/edit/${branch}/${config.contentPath}/${encodeURIComponent(slug)}.md`;
}

/**
 * A new issue about a paper, in the repository's issue form for papers (.github/ISSUE_TEMPLATE/),
 * titled with its slug, which names its page and its file; undefined without a repository.
 */
export function reportUrl(config: Contribution, slug: string): string | undefined {
  if (!config.repository) return undefined;
  return `${config.repository}/issues/new?template=${PAPER_ISSUE_FORM}&title=${encodeURIComponent(slug)}`;
}
