/**
 * Every page is a Nunjucks template from `layouts/pages/`, added as a virtual template, so that the
 * content folder (which tests swap for fixtures) holds only content. Anything else Eleventy finds
 * there is refused: nobody should edit a file expecting to see it published.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { routes } from "../catalog/routes.js";
import { STRAY } from "../check/content-tree.js";

export function pagesPlugin(eleventyConfig: UserConfig, { input, layouts }: { input: string; layouts: string }): void {
  const folder = path.join(layouts, "pages");
  const pages = readdirSync(folder)
    .filter((name) => name.endsWith(".njk"))
    .sort();
  for (const name of pages) eleventyConfig.addTemplate(name, readFileSync(path.join(folder, name), "utf8"));
  eleventyConfig.addWatchTarget(folder, { resetConfig: true });

  const pagePaths = new Set(pages.map((name) => path.resolve(input, name)));
  eleventyConfig.addPreprocessor("pages-are-ours-only", "*", function (this: { inputPath: string }) {
    if (pagePaths.has(path.resolve(this.inputPath))) return undefined;
    throw new Error(`${this.inputPath}: ${STRAY}`);
  });

  // Browsers ask for /favicon.ico when a page names no icon: a 404 on every visit, outside a path prefix.
  eleventyConfig.addPassthroughCopy({ [path.join(layouts, "assets", "favicon.svg")]: routes.asset("favicon.svg").slice(1) });
}
