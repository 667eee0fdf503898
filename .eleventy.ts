/**
 * Eleventy setup. Papers are the Markdown templates in `<content>/papers/`; every other page is a
 * Nunjucks template from `layouts/pages/`, added as a virtual template so that the content folder
 * (which tests swap for fixtures) holds only content. What the pages show comes from the catalog,
 * built once per build from validated content; Eleventy's own view of a paper's front matter is
 * never rendered.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HtmlBasePlugin } from "@11ty/eleventy";
import type UserConfig from "@11ty/eleventy/UserConfig";
import YAML from "yaml";
import { buildCatalog, type Catalog, type CatalogPaper } from "./scripts/lib/catalog.js";
import { bundleSearchClient, CLIENT_SOURCES } from "./scripts/lib/client-bundle.js";
import { ContentError, loadContent } from "./scripts/lib/content.js";
import { contentTreeProblems } from "./scripts/lib/content-tree.js";
import { CONTENT_SECURITY_POLICY } from "./scripts/lib/csp.js";
import { searchElsewhere } from "./scripts/lib/elsewhere.js";
import { countLabel } from "./scripts/lib/format.js";
import { createMarkdown } from "./scripts/lib/markdown.js";
import { applyPagePolicy } from "./scripts/lib/page-policy.js";
import { editUrl, reportUrl, type SiteConfig, siteConfig } from "./scripts/lib/site-config.js";

/** Eleventy resolves folders against the working directory; these sit beside this file wherever that is. */
const LAYOUTS = path.relative(process.cwd(), fileURLToPath(new URL("layouts", import.meta.url)));
const PAGES = path.join(LAYOUTS, "pages");
const STYLESHEET = path.join(LAYOUTS, "assets", "style.css");
const FAVICON = path.join(LAYOUTS, "assets", "favicon.svg");

function refuseExecutableFrontMatter(): never {
  throw new Error("front matter must be YAML; JavaScript front matter is not allowed in content");
}

/**
 * The catalog entry of a paper template, or undefined for every other page. Everything it needs comes
 * in as arguments: Eleventy caches layouts, and the filters they were compiled with, across builds in
 * one process, so a filter must not hold on to one build's data.
 */
function paperAt(catalog: Catalog, inputPath: string, inputDir: string): CatalogPaper | undefined {
  const file = path.resolve(inputPath);
  if (path.dirname(file) !== path.resolve(inputDir, "papers") || !file.endsWith(".md")) return undefined;
  const paper = catalog.bySlug.get(path.basename(file, ".md"));
  if (!paper) throw new Error(`${inputPath}: no catalog entry for this paper`);
  return paper;
}

export default function (eleventyConfig: UserConfig) {
  // Callers (scripts/lib/build-site.ts, tests) pass their own folders; these are the defaults for a
  // bare `eleventy --config=.eleventy.ts`. Set only when unset so a caller's choice always wins.
  const directories = eleventyConfig.directories as { input: string; output: string };
  const given = directories.input;
  const input = given === "./" ? "content" : given;
  if (given === "./") eleventyConfig.setInputDirectory(input);
  if (directories.output === "./_site/") eleventyConfig.setOutputDirectory("site");
  // Before Eleventy lists the input: it would follow a link anywhere on the machine.
  const tree = contentTreeProblems(input);
  if (tree.length > 0) throw new ContentError(tree);
  eleventyConfig.setIncludesDirectory(path.relative(input, LAYOUTS));
  // Content comes from pull requests: no data files or scripts of its own, YAML front matter only.
  eleventyConfig.setDataFileSuffixes([]);
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: (text: string) => YAML.parse(text) as unknown,
      javascript: refuseExecutableFrontMatter,
      jsLegacy: refuseExecutableFrontMatter,
    },
  });

  eleventyConfig.setLibrary("md", createMarkdown());
  eleventyConfig.addPlugin(HtmlBasePlugin);

  eleventyConfig.addGlobalData("catalog", async () => {
    const content = await loadContent(input);
    return buildCatalog(content.papers, content.manifests);
  });
  eleventyConfig.addGlobalData("layout", "paper.njk");
  // Read per build, from the environment the deploy workflow sets (see docs/deploy.md).
  eleventyConfig.addGlobalData("site", siteConfig());
  eleventyConfig.addGlobalData("contentSecurityPolicy", CONTENT_SECURITY_POLICY);

  const pages = readdirSync(PAGES).filter((name) => name.endsWith(".njk")).sort();
  for (const name of pages) eleventyConfig.addTemplate(name, readFileSync(path.join(PAGES, name), "utf8"));
  eleventyConfig.addWatchTarget(PAGES, { resetConfig: true });

  const pagePaths = new Set(pages.map((name) => path.resolve(input, name)));
  eleventyConfig.addPreprocessor("content-is-papers-only", "*", function (this: { inputPath: string }, data: { catalog: Catalog }) {
    if (pagePaths.has(path.resolve(this.inputPath)) || paperAt(data.catalog, this.inputPath, input)) return undefined;
    throw new Error(`${this.inputPath}: only papers/<slug>.md and digests/<date>.json belong in the content folder`);
  });

  eleventyConfig.addFilter("paperAt", paperAt);
  eleventyConfig.addFilter("searchElsewhere", searchElsewhere);
  eleventyConfig.addFilter("editUrl", (site: SiteConfig, slug: string) => editUrl(site, slug));
  eleventyConfig.addFilter("reportUrl", (site: SiteConfig, title: string, pageUrl: string) => reportUrl(site, { title, pageUrl }));
  eleventyConfig.addFilter("countOf", (count: number, singular: string) => countLabel(count, singular));

  // After Eleventy's own HTML transform (the path prefix), so it judges each page as published.
  eleventyConfig.addTransform("page-policy", function (this: { page: { url: string | false; outputPath: string | false } }, html: string) {
    const { url, outputPath } = this.page;
    if (typeof outputPath !== "string" || !outputPath.endsWith(".html")) return html;
    const { html: checked, problems } = applyPagePolicy(html);
    if (problems.length > 0) throw new Error(`${String(url)} breaks the page policy (scripts/lib/page-policy.ts):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    return checked;
  });

  eleventyConfig.addPassthroughCopy({ [STYLESHEET]: "assets/style.css" });
  // Browsers ask for /favicon.ico when a page names no icon: a 404 on every visit, outside a path prefix.
  eleventyConfig.addPassthroughCopy({ [FAVICON]: "assets/favicon.svg" });
  eleventyConfig.addWatchTarget(CLIENT_SOURCES);
  eleventyConfig.on(
    "eleventy.after",
    async ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
      if (outputMode === "fs") await bundleSearchClient(directories.output);
    },
  );

  return {
    templateFormats: ["md", "njk"],
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
}
