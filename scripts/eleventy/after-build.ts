/**
 * What a build writes beside the pages once Eleventy has rendered them (and the page policy has
 * passed them): the browser's files, the open-data exports, and the removal of pages that are gone.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { removePages } from "../catalog/render-plan.js";
import { writeExports } from "../exports/exports.js";
import { bundleClient, CLIENT_SOURCES } from "./client-bundle.js";
import { type SiteData, urlContext } from "./data.js";

export function afterBuildPlugin(eleventyConfig: UserConfig, { data }: { data: SiteData }): void {
  eleventyConfig.addWatchTarget(CLIENT_SOURCES);
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode }: { directories: { output: string }; outputMode: string }) => {
    if (outputMode !== "fs") return;
    const plan = await data.plan();
    await bundleClient(directories.output, data.site);
    writeExports(await data.catalog(), directories.output, urlContext(eleventyConfig, data.site), plan);
    await removePages(directories.output, plan.removed);
    await data.built();
  });
}
