/**
 * The site's metadata: defaults here, each overridable from the environment. The deploy workflow
 * sets the URL and the repository from its own context, so a fork publishes under its own name
 * with no edits; a local build without them gets a site without absolute links and without edit
 * or report links. Invalid values stop the build with every reason at once.
 */
import { z } from "zod";
import type { Contribution } from "./contribute.js";

export interface SiteConfig extends Contribution {
  title: string;
  description: string;
  /**
   * Base URL for absolute links, as `actions/configure-pages` gives it (`https://owner.github.io/repo`),
   * without a trailing slash; empty when unknown. Resolve a root-relative, prefixed path against it:
   * `new URL("/repo/papers/x/", url)`.
   */
  url: string;
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
