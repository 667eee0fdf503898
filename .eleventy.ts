/**
 * Eleventy setup: the folders, the front matter content may have, and the local plugins in
 * scripts/eleventy/ that make the site (data, pages, filters, page policy, after-build). The pages
 * come from the catalog, built once per build from validated content (scripts/eleventy/data.ts).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HtmlBasePlugin } from "@11ty/eleventy";
import { rssPlugin } from "@11ty/eleventy-plugin-rss";
import type UserConfig from "@11ty/eleventy/UserConfig";
import YAML from "yaml";
import { checkContent } from "./scripts/check/check-content.js";
import { ContentError } from "./scripts/check/content.js";
import { contentTreeProblems, isContentFile } from "./scripts/check/content-tree.js";
import { afterBuildPlugin } from "./scripts/eleventy/after-build.js";
import { SiteData, siteDataPlugin } from "./scripts/eleventy/data.js";
import { filtersPlugin } from "./scripts/eleventy/filters.js";
import { pagePolicyPlugin } from "./scripts/eleventy/page-policy.js";
import { pagesPlugin } from "./scripts/eleventy/pages.js";
import { shorterLinksPlugin } from "./scripts/eleventy/shorter-links.js";

/** Eleventy resolves folders against the working directory; these sit beside this file wherever that is. */
const LAYOUTS = path.relative(process.cwd(), fileURLToPath(new URL("layouts", import.meta.url)));

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

  // After-build steps run in the order their plugins are added: the page policy's verdict comes
  // before anything is written beside the pages.
  eleventyConfig.setEventEmitterMode("sequential");
  const data = new SiteData(input);
  eleventyConfig.addPlugin(HtmlBasePlugin);
  eleventyConfig.addPlugin(shorterLinksPlugin);
  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.addPlugin(siteDataPlugin, { data });
  eleventyConfig.addPlugin(pagesPlugin, { input, layouts: LAYOUTS });
  eleventyConfig.addPlugin(filtersPlugin);
  eleventyConfig.addPlugin(pagePolicyPlugin);
  eleventyConfig.addPlugin(afterBuildPlugin, { data });

  return { templateFormats: ["njk"] };
}
