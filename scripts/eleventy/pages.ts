/**
 * Every page is a Nunjucks template from `layouts/pages/`, added as a virtual template, so that the
 * content folder (which tests swap for fixtures) holds only content. Anything else Eleventy finds
 * there is refused: nobody should edit a file expecting to see it published.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import YAML from "yaml";
import { routes } from "../catalog/routes.js";
import { STRAY } from "../check/content-tree.js";

export function pagesPlugin(eleventyConfig: UserConfig, { input, layouts }: { input: string; layouts: string }): void {
  const folder = path.join(layouts, "pages");
  const pages = readdirSync(folder)
    .filter((name) => name.endsWith(".njk"))
    .sort();
  for (const name of pages) {
    const text = readFileSync(path.join(folder, name), "utf8");
    eleventyConfig.addTemplate(name, text, pageData(name, text));
  }
  eleventyConfig.addWatchTarget(folder, { resetConfig: true });

  const pagePaths = new Set(pages.map((name) => path.resolve(input, name)));
  eleventyConfig.addPreprocessor("pages-are-ours-only", "*", function (this: { inputPath: string }) {
    if (pagePaths.has(path.resolve(this.inputPath))) return undefined;
    throw new Error(`${this.inputPath}: ${STRAY}`);
  });

  // Browsers ask for /favicon.ico when a page names no icon: a 404 on every visit, outside a path prefix.
  eleventyConfig.addPassthroughCopy({ [path.join(layouts, "assets", "favicon.svg")]: routes.asset("favicon.svg").slice(1) });
}

type PageData = { permalink?: (data: Record<string, unknown>) => unknown };

/**
 * A paginated page's permalink is a function of its item's `url`, not a template string: Eleventy
 * compiles a permalink template once per page it makes (10,000 compiles at 10,000 papers). So a
 * paginated page names its item (`pagination.alias`) and no permalink of its own.
 */
export function pageData(name: string, text: string): PageData {
  const front = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  const data = (front ? YAML.parse(front[1] ?? "") : undefined) as { pagination?: { alias?: unknown }; permalink?: unknown } | null | undefined;
  if (!data?.pagination) return {};
  const alias = data.pagination.alias;
  if (typeof alias !== "string" || alias === "" || data.permalink !== undefined) {
    throw new Error(`layouts/pages/${name}: a paginated page names its item (pagination.alias) and no permalink; its item's url is the page's`);
  }
  return {
    permalink(page) {
      const url = (page[alias] as { url?: unknown } | undefined)?.url;
      if (typeof url !== "string") throw new Error(`layouts/pages/${name}: an item of its pagination has no url`);
      return url;
    },
  };
}
