/**
 * Eleventy setup. Every page is a Nunjucks template from `layouts/pages/`, added as a virtual
 * template so that the content folder (which tests swap for fixtures) holds only content, and what
 * the pages show comes from the catalog, built once per build from validated content. Paper pages
 * too: one template paginated over the catalog's papers, rather than each Markdown file a template
 * of its own. The files are read and checked once, by our loader, instead of a second time by
 * Eleventy, which also spends on every template (its front matter, its entry in the dependency
 * graph) several times what a page of a paginated template costs: at 10,000 papers, most of the
 * build. See docs/performance.md.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HtmlBasePlugin } from "@11ty/eleventy";
import { rssPlugin } from "@11ty/eleventy-plugin-rss";
import type UserConfig from "@11ty/eleventy/UserConfig";
import YAML from "yaml";
import { buildCatalog, type Catalog, type CatalogPaper } from "./scripts/catalog/catalog.js";
import { type CheckCache, checkContent } from "./scripts/check/check-content.js";
import { planRender, removePages, renderEverything, type RenderPlan } from "./scripts/catalog/render-plan.js";
import { authorsChart, monthsChart, yearsChart } from "./scripts/catalog/charts.js";
import { cleanTextPlugin } from "./scripts/catalog/clean-text.js";
import { bundleClient, CLIENT_SOURCES } from "./scripts/eleventy/client-bundle.js";
import { ContentError, loadContent } from "./scripts/check/content.js";
import { contentTreeProblems, isContentFile, STRAY } from "./scripts/check/content-tree.js";
import { CONTENT_SECURITY_POLICY } from "./scripts/verify/csp.js";
import { searchElsewhere } from "./scripts/catalog/elsewhere.js";
import { writeExports } from "./scripts/exports/exports.js";
import { jsonFeed, paperFacts, paperHtml, rfc3339, xmlText } from "./scripts/exports/feed-format.js";
import { buildFeeds, type Feeds, feedsFor, type ListOnPage } from "./scripts/catalog/feeds.js";
import { countLabel, formatDay } from "./scripts/catalog/format.js";
import { createMarkdown } from "./scripts/content/markdown.js";
import { publicId, publicUrl } from "./scripts/catalog/public-url.js";
import { shardCount } from "./scripts/search/search-shards.js";
import { sortValues } from "./scripts/search/search-sort.js";
import { scholarlyArticle, scriptSafeJson, shortDescription } from "./scripts/catalog/seo.js";
import { PagePolicyThread, type PolicyVerdict } from "./scripts/eleventy/page-policy-thread.js";
import { editUrl, reportUrl, type SiteConfig, siteConfig } from "./scripts/catalog/site-config.js";
import { buildSitemap } from "./scripts/catalog/sitemap.js";
import { summarize } from "./scripts/catalog/summary.js";

/** Eleventy resolves folders against the working directory; these sit beside this file wherever that is. */
const LAYOUTS = path.relative(process.cwd(), fileURLToPath(new URL("layouts", import.meta.url)));
const PAGES = path.join(LAYOUTS, "pages");
const FAVICON = path.join(LAYOUTS, "assets", "favicon.svg");

function refuseExecutableFrontMatter(): never {
  throw new Error("front matter must be YAML; JavaScript front matter is not allowed in content");
}

export default function (eleventyConfig: UserConfig) {
  // Callers (scripts/build/build-site.ts, tests) pass their own folders; these are the defaults for a
  // bare `eleventy --config=.eleventy.ts`. Set only when unset so a caller's choice always wins.
  const directories = eleventyConfig.directories as { input: string; output: string };
  const given = directories.input;
  const input = given === "./" ? "content" : given;
  if (given === "./") eleventyConfig.setInputDirectory(input);
  if (directories.output === "./_site/") eleventyConfig.setOutputDirectory("site");
  // Before Eleventy lists the input: it would follow a link anywhere on the machine. A file the
  // build would not read is refused too, so that nobody edits one expecting to see it published.
  // The refusal names every problem `npm run check` would: the same check, which reads no link or non-file.
  if (contentTreeProblems(input, isContentFile).length > 0) throw new ContentError(checkContent(input).problems);
  eleventyConfig.setIncludesDirectory(path.relative(input, LAYOUTS));
  // Content comes from pull requests: no data files or scripts of its own, YAML front matter only
  // (for a template that slipped into it all the same).
  eleventyConfig.setDataFileSuffixes([]);
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: (text: string) => YAML.parse(text) as unknown,
      javascript: refuseExecutableFrontMatter,
      jsLegacy: refuseExecutableFrontMatter,
    },
  });

  // Files keep the listing's text; readers see it with LaTeX residue cleaned.
  const markdown = createMarkdown().use(cleanTextPlugin);
  eleventyConfig.addFilter("markdown", (body: string) => markdown.render(body));
  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addPlugin(rssPlugin);

  // One catalog per build, shared by the data below and the exports written after rendering.
  let catalogOfBuild: Promise<Catalog> | undefined;
  let planOfBuild: Promise<RenderPlan> | undefined;
  // A dev server's rebuilds read only the files that changed and render only the pages that did
  // (render-plan.ts); what they compare with is the last build that succeeded.
  let rebuilds = false;
  const checked: CheckCache = new Map();
  let lastBuilt: Catalog | undefined;
  eleventyConfig.on("eleventy.before", ({ runMode }: { runMode: string }) => {
    rebuilds = runMode !== "build";
    catalogOfBuild = planOfBuild = undefined;
  });
  const currentCatalog = () =>
    (catalogOfBuild ??= loadContent(input, rebuilds ? checked : undefined).then((content) => buildCatalog(content.papers, content.manifests)));
  const currentPlan = () =>
    (planOfBuild ??= currentCatalog().then((catalog) => (rebuilds ? planRender(catalog, lastBuilt) : renderEverything(catalog))));
  eleventyConfig.addGlobalData("catalog", currentCatalog);
  eleventyConfig.addGlobalData("render", currentPlan);
  eleventyConfig.addGlobalData("feeds", async () => buildFeeds(await currentCatalog()));
  eleventyConfig.addGlobalData("sitemap", async () => buildSitemap(await currentCatalog()));
  // Read per build, from the environment the deploy workflow sets (see docs/deploy.md).
  const site = siteConfig();
  eleventyConfig.addGlobalData("site", site);
  eleventyConfig.addGlobalData("contentSecurityPolicy", CONTENT_SECURITY_POLICY);

  const pages = readdirSync(PAGES).filter((name) => name.endsWith(".njk")).sort();
  for (const name of pages) eleventyConfig.addTemplate(name, readFileSync(path.join(PAGES, name), "utf8"));
  eleventyConfig.addWatchTarget(PAGES, { resetConfig: true });
  // Not templates, so Eleventy would not notice a change to them by itself.
  eleventyConfig.addWatchTarget(path.join(input, "papers"));
  eleventyConfig.addWatchTarget(path.join(input, "digests"));

  const pagePaths = new Set(pages.map((name) => path.resolve(input, name)));
  eleventyConfig.addPreprocessor("pages-are-ours-only", "*", function (this: { inputPath: string }) {
    if (pagePaths.has(path.resolve(this.inputPath))) return undefined;
    throw new Error(`${this.inputPath}: ${STRAY}`);
  });
  eleventyConfig.addFilter("searchElsewhere", searchElsewhere);
  eleventyConfig.addFilter("editUrl", (site: SiteConfig, slug: string) => editUrl(site, slug));
  eleventyConfig.addFilter("reportUrl", (site: SiteConfig, title: string, pageUrl: string) => reportUrl(site, { title, pageUrl }));
  eleventyConfig.addFilter("yearsChart", yearsChart);
  eleventyConfig.addFilter("monthsChart", monthsChart);
  eleventyConfig.addFilter("authorsChart", authorsChart);
  eleventyConfig.addFilter("searchSortValues", sortValues);
  eleventyConfig.addFilter("searchShards", (papers: number, perShard: number | undefined) => shardCount(papers, perShard));
  eleventyConfig.addFilter("summarize", summarize);
  eleventyConfig.addFilter("day", formatDay);
  eleventyConfig.addFilter("countOf", (count: number, singular: string) => countLabel(count, singular));

  // Read when called: the path prefix is known only once Eleventy has read its options.
  const urlContext = (config: SiteConfig) => ({ siteUrl: config.url, pathPrefix: (eleventyConfig as unknown as { pathPrefix: string }).pathPrefix });
  eleventyConfig.addFilter("publicUrl", (sitePath: string, config: SiteConfig) => publicUrl(sitePath, urlContext(config)));
  eleventyConfig.addFilter("publicId", (sitePath: string, config: SiteConfig) => publicId(sitePath, urlContext(config)));
  // An href in HTML: HtmlBasePlugin adds the prefix to a root-relative one, so only an absolute URL is spelled out here.
  eleventyConfig.addFilter("canonicalHref", (sitePath: string, config: SiteConfig) => (config.url ? publicUrl(sitePath, urlContext(config)) : sitePath));
  eleventyConfig.addFilter("feedsFor", (feeds: Feeds, list: ListOnPage) => feedsFor(feeds, list));
  eleventyConfig.addFilter("jsonFeed", (feed: Feeds["main"], config: SiteConfig) => jsonFeed(feed, config, urlContext(config)));
  eleventyConfig.addFilter("rfc3339", rfc3339);
  eleventyConfig.addFilter("xmlText", xmlText);
  eleventyConfig.addFilter("paperHtml", paperHtml);
  eleventyConfig.addFilter("paperFacts", paperFacts);
  eleventyConfig.addFilter("shortDescription", (text: string) => shortDescription(text));
  eleventyConfig.addFilter("scholarlyArticle", (paper: CatalogPaper, config: SiteConfig) =>
    scriptSafeJson(scholarlyArticle(paper, publicUrl(paper.url, urlContext(config)), config.title)),
  );

  // After Eleventy's own HTML transform (the path prefix), so it judges each page as published. On
  // a thread of its own, on the second core (page-policy-thread.ts), and not waited for page by
  // page: Eleventy renders one page after another, so each wait would add the check's time to the
  // render's. The verdicts are collected once every page is written (below); the rare page the
  // policy fixes (a link to another site without rel) is written again.
  let policyThread: PagePolicyThread | undefined;
  let verdicts: Promise<{ url: string; outputPath: string; verdict: PolicyVerdict }>[] = [];
  eleventyConfig.on("eleventy.before", () => {
    policyThread ??= new PagePolicyThread();
    verdicts = [];
  });
  eleventyConfig.addTransform("page-policy", function (this: { page: { url: string | false; outputPath: string | false } }, html: string) {
    const { url, outputPath } = this.page;
    if (typeof outputPath !== "string" || !outputPath.endsWith(".html")) return html;
    verdicts.push((policyThread ??= new PagePolicyThread()).check(html).then((verdict) => ({ url: String(url), outputPath, verdict })));
    return html;
  });
  const enforcePolicy = async () => {
    const checked = await Promise.all(verdicts);
    verdicts = [];
    await policyThread?.close();
    policyThread = undefined;
    const broken = checked.filter(({ verdict }) => verdict.problems.length > 0);
    if (broken.length > 0) {
      throw new Error(
        broken.map(({ url, verdict }) => `${url} breaks the page policy (scripts/verify/page-policy.ts):\n${verdict.problems.map((p) => `  ${p}`).join("\n")}`).join("\n"),
      );
    }
    for (const { outputPath, verdict } of checked) if (verdict.fixed !== undefined) writeFileSync(outputPath, verdict.fixed);
  };

  // Browsers ask for /favicon.ico when a page names no icon: a 404 on every visit, outside a path prefix.
  eleventyConfig.addPassthroughCopy({ [FAVICON]: "assets/favicon.svg" });
  eleventyConfig.addWatchTarget(CLIENT_SOURCES);
  eleventyConfig.on(
    "eleventy.after",
    async ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
      await enforcePolicy();
      if (outputMode !== "fs") return;
      const plan = await currentPlan();
      await bundleClient(directories.output);
      writeExports(await currentCatalog(), directories.output, urlContext(site), plan);
      await removePages(directories.output, plan.removed);
      if (rebuilds) lastBuilt = await currentCatalog();
    },
  );

  return { templateFormats: ["njk"] };
}
