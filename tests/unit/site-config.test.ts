import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { editUrl, PAPER_ISSUE_FORM, reportUrl } from "../../scripts/catalog/contribute.js";
import { siteConfig } from "../../scripts/catalog/site-config.js";

const REPO = "https://github.com/someone/paper-digest";
const ROOT = path.resolve(import.meta.dirname, "../..");

interface IssueForm {
  name: string;
  description: string;
  body: { type: string; id?: string; validations?: { required?: boolean } }[];
}

describe("siteConfig", () => {
  it("has defaults that need no environment", () => {
    expect(siteConfig({})).toEqual({
      title: "Paper Digest",
      description: "Papers from the Hugging Face Daily Papers listings: one page each, by date and author count, searchable.",
      url: "",
      repository: "",
      branch: "main",
      contentPath: "content/papers",
    });
  });

  it("takes every SITE_* variable that is set, normalised", () => {
    const config = siteConfig({
      SITE_TITLE: " Our Papers ",
      SITE_DESCRIPTION: "Read daily.",
      SITE_URL: "https://someone.github.io/paper-digest/",
      SITE_REPOSITORY: `${REPO}.git`,
      SITE_BRANCH: "release/2026",
    });
    expect(config).toEqual({
      title: "Our Papers",
      description: "Read daily.",
      url: "https://someone.github.io/paper-digest",
      repository: REPO,
      branch: "release/2026",
      contentPath: "content/papers",
    });
  });

  it("keeps a default where a variable is blank, as an unset workflow expression leaves it", () => {
    expect(siteConfig({ SITE_TITLE: "", SITE_BRANCH: "  ", SITE_REPOSITORY: "" })).toMatchObject({ title: "Paper Digest", branch: "main", repository: "" });
  });

  it("accepts a GitHub Enterprise server", () => {
    expect(siteConfig({ SITE_REPOSITORY: "https://git.example.com/team/papers" }).repository).toBe("https://git.example.com/team/papers");
  });

  it("refuses what is not an http(s) URL, a repository or a branch, with every reason", () => {
    expect(() => siteConfig({ SITE_URL: "ftp://example.com", SITE_REPOSITORY: "https://github.com/someone", SITE_BRANCH: "a..b" })).toThrow(
      'invalid site configuration: SITE_URL: must be an http(s) URL, got "ftp://example.com"; ' +
        'SITE_REPOSITORY: must be a repository URL such as https://github.com/owner/repo, got "https://github.com/someone"; ' +
        'SITE_BRANCH: must be a branch name, got "a..b"',
    );
    for (const repository of ["github.com/someone/repo", "javascript:alert(1)", `${REPO}/tree/main`, `${REPO}?x=1`, "https://user:pw@github.com/a/b"]) {
      expect(() => siteConfig({ SITE_REPOSITORY: repository })).toThrow(/SITE_REPOSITORY/);
    }
    expect(() => siteConfig({ SITE_URL: "not a url" })).toThrow(/SITE_URL/);
    expect(() => siteConfig({ SITE_BRANCH: "has space" })).toThrow(/SITE_BRANCH/);
  });
});

describe("edit and report links", () => {
  const config = siteConfig({ SITE_REPOSITORY: REPO });
  const none = siteConfig({});

  it("open the paper's own file in GitHub's editor, on the configured branch", () => {
    expect(editUrl(config, "attention-is-all-you-need")).toBe(`${REPO}/edit/main/content/papers/attention-is-all-you-need.md`);
    expect(editUrl({ ...config, branch: "feature/fix" }, "a")).toBe(`${REPO}/edit/feature/fix/content/papers/a.md`);
  });

  it("open a new issue in the paper issue form, titled with the paper's slug", () => {
    const url = reportUrl(config, "q-a-50-faster-1");
    expect(url).toBe(`${REPO}/issues/new?template=paper.yml&title=q-a-50-faster-1`);
    expect(new URL(url!).searchParams.get("template")).toBe(PAPER_ISSUE_FORM);
  });

  it("are absent without a repository", () => {
    expect(editUrl(none, "a")).toBeUndefined();
    expect(reportUrl(none, "t")).toBeUndefined();
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
});
