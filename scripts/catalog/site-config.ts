/**
 * The site's metadata: defaults here, each overridable from the environment. The deploy workflow
 * sets the URL and the repository from its own context, so a fork publishes under its own name
 * with no edits; a local build without them gets a site without absolute links and without edit
 * or report links. Invalid values stop the build with every reason at once.
 */
import { z } from "zod";

export interface SiteConfig {
  title: string;
  description: string;
  /**
   * Base URL for absolute links, as `actions/configure-pages` gives it (`https://owner.github.io/repo`),
   * without a trailing slash; empty when unknown. Resolve a root-relative, prefixed path against it:
   * `new URL("/repo/papers/x/", url)`.
   */
  url: string;
  /** `https://github.com/owner/repo`, or empty: then pages show no edit or report links. */
  repository: string;
  /** The branch contributors' edits go to. */
  branch: string;
  /** Where paper files live in the repository. */
  contentPath: string;
}

const DEFAULTS = {
  title: "Paper Digest",
  description: "Papers from the Hugging Face Daily Papers listings: one page each, by date and author count, searchable.",
  url: "",
  repository: "",
  branch: "main",
};

const ENV_NAMES = { title: "SITE_TITLE", description: "SITE_DESCRIPTION", url: "SITE_URL", repository: "SITE_REPOSITORY", branch: "SITE_BRANCH" } as const;

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

/** owner/name on a GitHub host (github.com or a GitHub Enterprise server), nothing after. */
const REPOSITORY_PATH = /^\/[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9._-]+$/;

function isRepositoryUrl(value: string): boolean {
  if (!isHttpUrl(value)) return false;
  const url = new URL(value);
  return REPOSITORY_PATH.test(url.pathname) && url.search === "" && url.hash === "" && `${url.origin}${url.pathname}` === value;
}

/** A plain branch name: no spaces or git ref specials, no `..`, no leading or trailing `/`. */
const BRANCH = /^(?!\/)(?!.*\/$)(?!.*\.\.)[A-Za-z0-9._/-]+$/;

const schema = z.object({
  title: z.string().trim().min(1, { error: "must not be empty" }),
  description: z.string().trim(),
  url: z
    .string()
    .trim()
    .transform((s) => s.replace(/\/+$/, ""))
    .refine((s) => s === "" || isHttpUrl(s), { error: (issue) => `must be an http(s) URL, got ${JSON.stringify(issue.input)}` }),
  repository: z
    .string()
    .trim()
    .transform((s) => s.replace(/\/+$/, "").replace(/\.git$/, ""))
    .refine((s) => s === "" || isRepositoryUrl(s), {
      error: (issue) => `must be a repository URL such as https://github.com/owner/repo, got ${JSON.stringify(issue.input)}`,
    }),
  branch: z
    .string()
    .trim()
    .regex(BRANCH, { error: (issue) => `must be a branch name, got ${JSON.stringify(issue.input)}` }),
});

/** Defaults, with every `SITE_*` variable that is set and not blank in its place. */
export function siteConfig(env: Readonly<Record<string, string | undefined>> = process.env): SiteConfig {
  const input = { ...DEFAULTS };
  for (const [key, name] of Object.entries(ENV_NAMES) as [keyof typeof ENV_NAMES, string][]) {
    const value = env[name];
    if (value !== undefined && value.trim() !== "") input[key] = value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const reasons = result.error.issues.map((issue) => `${ENV_NAMES[issue.path[0] as keyof typeof ENV_NAMES]}: ${issue.message}`);
    throw new Error(`invalid site configuration: ${reasons.join("; ")}`);
  }
  return { ...result.data, contentPath: "content/papers" };
}

/** GitHub's editor for a paper's file; undefined without a repository. */
export function editUrl(config: SiteConfig, slug: string): string | undefined {
  if (!config.repository) return undefined;
  const branch = config.branch.split("/").map(encodeURIComponent).join("/");
  return `${config.repository}/edit/${branch}/${config.contentPath}/${encodeURIComponent(slug)}.md`;
}

/**
 * A new issue about a paper, in the repository's issue form for papers (.github/ISSUE_TEMPLATE/),
 * titled with its slug, which names its page and its file; undefined without a repository. The
 * slug, not the title and page address: the link is on 100,000 pages (issue 17).
 */
export function reportUrl(config: SiteConfig, slug: string): string | undefined {
  if (!config.repository) return undefined;
  return `${config.repository}/issues/new?template=${PAPER_ISSUE_FORM}&title=${encodeURIComponent(slug)}`;
}

/** The issue form "Report a problem" opens, a file of .github/ISSUE_TEMPLATE/. */
export const PAPER_ISSUE_FORM = "paper.yml";
