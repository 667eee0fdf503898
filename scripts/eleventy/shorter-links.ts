/**
 * Under a path prefix (a GitHub Pages project site), Eleventy's base plugin re-serialises every page
 * to prefix its links. This plugin has that pass also write each link relative to its page when
 * that is shorter, and attributes without a value as the templates wrote them (issue 17: the site
 * as deployed, docs/performance.md). At `/` there is no such pass, so no page changes.
 */
import type UserConfig from "@11ty/eleventy/UserConfig";
import { shorterLink } from "../catalog/public-url.js";

/** The part of Eleventy's HTML transformer (posthtml) that its types leave out. */
interface HtmlTransformer {
  setPosthtmlProcessOptions(options: { recognizeNoValueAttribute: boolean }): void;
  addUrlTransform(extensions: string, callback: (this: { url?: string }, url: string) => string, options: { priority: number; enabled: () => boolean }): void;
}

export function shorterLinksPlugin(eleventyConfig: UserConfig): void {
  const config = eleventyConfig as unknown as { htmlTransformer: HtmlTransformer; pathPrefix: string };
  // Without it, every `defer` and `data-pagefind-body` comes back as `=""`.
  config.htmlTransformer.setPosthtmlProcessOptions({ recognizeNoValueAttribute: true });
  config.htmlTransformer.addUrlTransform(
    "html",
    function (url) {
      return this.url ? shorterLink(url, this.url, config.pathPrefix) : url;
    },
    // After the base plugin's (-2): this one shortens the prefixed link that one wrote.
    { priority: -3, enabled: () => config.pathPrefix !== "/" },
  );
}
