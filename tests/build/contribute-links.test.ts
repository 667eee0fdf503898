/**
 * "Edit this page" and "Report a problem" on paper pages: derived from the configured repository,
 * pointing at the paper's own Markdown file and the repository's issue form for papers, and absent
 * without a repository.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildSite } from "../../scripts/build/build-site.js";
import { makeWorkspace, type Workspace } from "../helpers/fixture.js";
import { decodeEntities } from "../helpers/html.js";
import { parse } from "yaml";
import { PAPER_ISSUE_FORM } from "../../scripts/catalog/site-config.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

interface IssueForm {
  name: string;
  description: string;
  body: { type: string; id?: string; validations?: { required?: boolean } }[];
}

const ENV = ["SITE_REPOSITORY", "SITE_URL", "SITE_BRANCH"] as const;
let workspace: Workspace | undefined;

afterEach(async () => {
  for (const name of ENV) delete process.env[name];
  await workspace?.remove();
  workspace = undefined;
});

async function buildWith(env: Partial<Record<(typeof ENV)[number], string>>, pathPrefix = "/"): Promise<Workspace> {
  Object.assign(process.env, env);
  workspace = await makeWorkspace();
  await buildSite({ contentDir: workspace.contentDir, outDir: workspace.outDir, pathPrefix });
  return workspace;
}

function hrefOf(html: string, text: string): string | undefined {
  const match = new RegExp(`<a href="([^"]*)"[^>]*>${text}</a>`).exec(html);
  return match ? decodeEntities(match[1] ?? "") : undefined;
}

async function paperPages(ws: Workspace): Promise<Map<string, string>> {
  const slugs = (await readdir(path.join(ws.contentDir, "papers"))).map((f) => f.replace(/\.md$/, ""));
  const pages = new Map<string, string>();
  for (const slug of slugs) pages.set(slug, await readFile(path.join(ws.outDir, "papers", slug, "index.html"), "utf8"));
  return pages;
}

describe("contribution links on paper pages", () => {
  it("open each paper's own file in GitHub's editor and a prefilled issue", async () => {
    const ws = await buildWith(
      { SITE_REPOSITORY: "https://github.com/acme/digest", SITE_URL: "https://acme.github.io/digest", SITE_BRANCH: "trunk" },
      "/digest/",
    );
    const pages = await paperPages(ws);
    expect(pages.size).toBeGreaterThan(0);
    for (const [slug, html] of pages) {
      expect(hrefOf(html, "Edit this page")).toBe(`https://github.com/acme/digest/edit/trunk/content/papers/${slug}.md`);
      const report = new URL(hrefOf(html, "Report a problem") ?? "");
      expect(`${report.origin}${report.pathname}`).toBe("https://github.com/acme/digest/issues/new");
      expect(report.searchParams.get("template")).toBe(PAPER_ISSUE_FORM);
      expect(report.searchParams.get("title")).toBe(slug);
    }
  });

  it("open an issue form the repository has: a paper's problem, asked for and required", async () => {
    const form = parse(await readFile(path.join(ROOT, ".github/ISSUE_TEMPLATE", PAPER_ISSUE_FORM), "utf8")) as IssueForm;
    expect(form.name).toBeTruthy();
    expect(form.description).toBeTruthy();
    // GitHub refuses a form whose body has no field other than Markdown, or ids that repeat.
    const fields = form.body.filter((item) => item.type !== "markdown");
    expect(fields.length).toBeGreaterThan(0);
    expect(new Set(fields.map((f) => f.id)).size).toBe(fields.length);
    expect(fields.some((f) => f.type === "textarea" && f.validations?.required === true)).toBe(true);
    expect(JSON.stringify(form.body)).toContain("content/papers/<slug>.md");
  });

  it("are absent when no repository is configured", async () => {
    const pages = await paperPages(await buildWith({}));
    for (const html of pages.values()) {
      expect(html).not.toContain("Edit this page");
      expect(html).not.toContain("Report a problem");
    }
  });
});
