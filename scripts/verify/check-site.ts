/**
 * The whole-site checks that need no browser, over a built site folder: every link and anchor,
 * the page policy on every HTML page as published, and html-validate. `npm run verify` runs them
 * after a build; the tests run them on fixture and real content.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { applyPagePolicy } from "./page-policy.js";
import { checkLinks, formatBrokenLink, type LinkReport, type SiteLocation } from "./links.js";
import { formatHtmlProblem, type HtmlValidation, validateHtml } from "./validate-html.js";

export interface SiteReport {
  files: number;
  links: LinkReport;
  /** Pages that break the page policy, or that the build did not run it on. */
  policy: { pages: number; problems: string[] };
  html: HtmlValidation;
}

/** Every file under `dir`, as sorted `/`-separated relative paths. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort();
}

async function checkPolicy(dir: string, files: readonly string[]): Promise<SiteReport["policy"]> {
  const pages = files.filter((f) => f.endsWith(".html"));
  const problems: string[] = [];
  for (const file of pages) {
    const html = await readFile(path.join(dir, file), "utf8");
    const result = applyPagePolicy(html);
    for (const problem of result.problems) problems.push(`${file}: ${problem}`);
    // The build adds rel to external links: a page it would still change did not go through it.
    if (result.html !== html) problems.push(`${file}: has links to other sites without rel="noopener noreferrer"`);
  }
  return { pages: pages.length, problems };
}

export async function checkSite(site: SiteLocation): Promise<SiteReport> {
  const files = await listFiles(site.dir);
  return {
    files: files.length,
    links: await checkLinks(site, files),
    policy: await checkPolicy(site.dir, files),
    html: await validateHtml(site.dir, files),
  };
}

export function problemsOf(report: SiteReport): string[] {
  return [...report.links.broken.map(formatBrokenLink), ...report.policy.problems, ...report.html.problems.map(formatHtmlProblem)];
}

/** The figures TESTING.md quotes, one line. */
export function figuresOf(report: SiteReport): string {
  const { links, policy, html } = report;
  return (
    `${report.files} files; ${links.files} read for links: ${links.links} links (${links.internal} internal to ${links.targets} distinct URLs, ` +
    `${links.fragments} with anchors, ${links.external} external), ${links.broken.length} broken; ` +
    `${policy.pages} pages under the page policy, ${policy.problems.length} problems; ` +
    `${html.pages} pages through html-validate, ${html.problems.length} errors`
  );
}
