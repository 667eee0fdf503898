/** The filters templates use: each is a pure function from scripts/catalog/, exports/ or search/. */
import type UserConfig from "@11ty/eleventy/UserConfig";
import type { CatalogPaper } from "../catalog/catalog.js";
import { authorsChart, monthsChart, yearsChart } from "../catalog/charts.js";
import { cleanTextPlugin } from "../catalog/clean-text.js";
import { arxivPages, searchElsewhere, shortAddress } from "../catalog/elsewhere.js";
import { type Feeds, feedsFor, type ListOnPage } from "../catalog/feeds.js";
import { countLabel, formatDay } from "../catalog/format.js";
import { citableUrl, publicId, publicUrl } from "../catalog/public-url.js";
import { citationTags, shortDescription } from "../catalog/seo.js";
import { bibtexEntry } from "../exports/bibtex.js";
import type { SiteConfig } from "../catalog/site-config.js";
import { summarize } from "../catalog/summary.js";
import { arxivLinks } from "../content/arxiv.js";
import { createMarkdown } from "../content/markdown.js";
import { jsonFeed, paperFacts, paperHtml, rfc3339, xmlText } from "../exports/feed-format.js";
import { shardCount } from "../search/search-shards.js";
import { sortValues } from "../search/search-sort.js";
import { urlContext } from "./data.js";

export function filtersPlugin(eleventyConfig: UserConfig): void {
  // Files keep the listing's text; readers see it with LaTeX residue cleaned.
  const markdown = createMarkdown().use(cleanTextPlugin);
  eleventyConfig.addFilter("markdown", (body: string) => markdown.render(body));

  eleventyConfig.addFilter("searchElsewhere", searchElsewhere);
  eleventyConfig.addFilter("arxivPages", arxivPages);
  eleventyConfig.addFilter("arxivLinks", arxivLinks);
  eleventyConfig.addFilter("shortAddress", shortAddress);
  eleventyConfig.addFilter("yearsChart", yearsChart);
  eleventyConfig.addFilter("monthsChart", monthsChart);
  eleventyConfig.addFilter("authorsChart", authorsChart);
  eleventyConfig.addFilter("searchSortValues", sortValues);
  eleventyConfig.addFilter("searchShards", (papers: number, perShard: number | undefined) => shardCount(papers, perShard));
  eleventyConfig.addFilter("summarize", summarize);
  eleventyConfig.addFilter("day", formatDay);
  eleventyConfig.addFilter("countOf", (count: number, singular: string) => countLabel(count, singular));

  const urls = (config: SiteConfig) => urlContext(eleventyConfig, config);
  eleventyConfig.addFilter("publicUrl", (sitePath: string, config: SiteConfig) => publicUrl(sitePath, urls(config)));
  eleventyConfig.addFilter("publicId", (sitePath: string, config: SiteConfig) => publicId(sitePath, urls(config)));
  // An href in HTML: HtmlBasePlugin adds the prefix to a root-relative one, so only an absolute URL is spelled out here.
  eleventyConfig.addFilter("canonicalHref", (sitePath: string, config: SiteConfig) => (config.url ? publicUrl(sitePath, urls(config)) : sitePath));
  eleventyConfig.addFilter("feedsFor", (feeds: Feeds, list: ListOnPage) => feedsFor(feeds, list));
  eleventyConfig.addFilter("jsonFeed", (feed: Feeds["main"], config: SiteConfig) => jsonFeed(feed, config, urls(config)));
  eleventyConfig.addFilter("rfc3339", rfc3339);
  eleventyConfig.addFilter("xmlText", xmlText);
  eleventyConfig.addFilter("paperHtml", paperHtml);
  eleventyConfig.addFilter("paperFacts", paperFacts);
  eleventyConfig.addFilter("shortDescription", (text: string) => shortDescription(text));
  eleventyConfig.addFilter("citationTags", citationTags);
  eleventyConfig.addFilter("bibtex", (paper: CatalogPaper, config: SiteConfig) => bibtexEntry(paper, citableUrl(paper.url, urls(config))).trimEnd());
}
