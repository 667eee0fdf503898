/**
 * The pages' data: one catalog per build, built from content our loader read and checked, with the
 * render plan and feeds shaped from it, as global data. Paper pages too come from it (one
 * template paginated over the catalog's papers), not from each Markdown file as a template of its
 * own: Eleventy spends on every template several times what a page of a paginated one costs (at
 * 10,000 papers, most of the build; docs/performance.md).
 */
import path from "node:path";
import type UserConfig from "@11ty/eleventy/UserConfig";
import { buildCatalog, type Catalog } from "../catalog/catalog.js";
import { buildFeeds } from "../catalog/feeds.js";
import type { PublicUrlContext } from "../catalog/public-url.js";
import { planRender, renderEverything, type RenderPlan } from "../catalog/render-plan.js";
import { routes } from "../catalog/routes.js";
import { siteConfig, type SiteConfig } from "../catalog/site-config.js";
import type { CheckCache } from "../check/check-content.js";
import { loadContent } from "../check/content.js";
import { CONTENT_SECURITY_POLICY, SEARCH_CONTENT_SECURITY_POLICY } from "../verify/csp.js";

/** What one build knows of the content, shared by the global data and the steps after rendering. */
export class SiteData {
  /** Read per build, from the environment the deploy workflow sets (see docs/deploy.md). */
  readonly site: SiteConfig = siteConfig();
  /** A dev server's rebuilds read only the files that changed and render only the pages that did (render-plan.ts). */
  rebuilds = false;
  private readonly checked: CheckCache = new Map();
  /** The last build that succeeded: what a rebuild compares with. */
  private lastBuilt: Catalog | undefined;
  private catalogOfBuild: Promise<Catalog> | undefined;
  private planOfBuild: Promise<RenderPlan> | undefined;

  constructor(readonly input: string) {}

  startBuild(runMode: string): void {
    this.rebuilds = runMode !== "build";
    this.catalogOfBuild = this.planOfBuild = undefined;
  }

  catalog(): Promise<Catalog> {
    return (this.catalogOfBuild ??= loadContent(this.input, this.rebuilds ? this.checked : undefined).then((content) =>
      buildCatalog(content.papers, content.manifests),
    ));
  }

  plan(): Promise<RenderPlan> {
    return (this.planOfBuild ??= this.catalog().then((catalog) => (this.rebuilds ? planRender(catalog, this.lastBuilt) : renderEverything(catalog))));
  }

  async built(): Promise<void> {
    if (this.rebuilds) this.lastBuilt = await this.catalog();
  }
}

/** Where published URLs point. Read when called: the path prefix is known only once Eleventy has read its options. */
export function urlContext(eleventyConfig: UserConfig, config: SiteConfig): PublicUrlContext {
  return { siteUrl: config.url, pathPrefix: (eleventyConfig as unknown as { pathPrefix: string }).pathPrefix };
}

/**
 * Global data as templates get it: a frozen copy. A paginated page (every paper page) sees global
 * data through a proxy that wraps each unfrozen plain object it hands out in another proxy, on
 * every look-up of every page; a frozen one it hands out as it is.
 */
function frozen<T extends object>(value: T): Readonly<T> {
  return Object.freeze({ ...value });
}

export function siteDataPlugin(eleventyConfig: UserConfig, { data }: { data: SiteData }): void {
  eleventyConfig.on("eleventy.before", ({ runMode }: { runMode: string }) => data.startBuild(runMode));
  eleventyConfig.addGlobalData("catalog", async () => frozen(await data.catalog()));
  eleventyConfig.addGlobalData("render", async () => frozen(await data.plan()));
  eleventyConfig.addGlobalData("feeds", async () => frozen(buildFeeds(await data.catalog())));
  eleventyConfig.addGlobalData("site", frozen(data.site));
  eleventyConfig.addGlobalData("contentSecurityPolicy", CONTENT_SECURITY_POLICY);
  eleventyConfig.addGlobalData("searchContentSecurityPolicy", SEARCH_CONTENT_SECURITY_POLICY);
  eleventyConfig.addGlobalData("routes", frozen(routes));
  // Not templates, so Eleventy would not notice a change to them by itself.
  eleventyConfig.addWatchTarget(path.join(data.input, "papers"));
  eleventyConfig.addWatchTarget(path.join(data.input, "digests"));
}
