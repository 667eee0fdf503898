/**
 * The floor of `npm run bench`: the least an Eleventy build of the same paper files can do. One
 * minimal layout, Markdown rendered as Eleventy ships it except that it is not run through a
 * template language first (as the real build does), no archives, no data, no transforms.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type UserConfig from "@11ty/eleventy/UserConfig";

const HERE = path.dirname(fileURLToPath(import.meta.url));

export default function (eleventyConfig: UserConfig) {
  const input = (eleventyConfig.directories as { input: string }).input;
  eleventyConfig.setLayoutsDirectory(path.relative(input, HERE));
  eleventyConfig.addGlobalData("layout", "floor.njk");
  return { templateFormats: ["md"], markdownTemplateEngine: false };
}
