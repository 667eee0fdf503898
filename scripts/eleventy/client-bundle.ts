/**
 * The browser's files, built with esbuild after Eleventy has rendered the pages: the search page's
 * module, the /saved/ page's, the two scripts every page loads (theme.js, tiny and blocking in
 * <head> so the saved theme is on <html> before the first paint; site.js, deferred: the theme
 * toggle, the keyboard shortcuts and a paper page's Save button), and
 * the stylesheets, minified so that a paper page with its CSS stays well under 15 KB.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";
import type { Contribution } from "../catalog/contribute.js";
import { routes } from "../catalog/routes.js";

const CLIENT = fileURLToPath(new URL("../client/", import.meta.url));
const ASSETS = fileURLToPath(new URL("../../layouts/assets/", import.meta.url));
/** Every page loads style.css; a page with a chart also charts.css, the search page search.css, /saved/ saved.css (layouts/base.njk). */
const STYLESHEETS = ["style.css", "charts.css", "search.css", "saved.css"];

/** Asset name (layouts/base.njk loads each from its route) → source. */
const SCRIPTS: readonly (readonly [string, string, BuildOptions["format"]])[] = [
  ["search.js", "search.ts", "esm"],
  // A classic script: modules are deferred, and this one must run before the page paints.
  ["theme.js", "theme.ts", "iife"],
  ["site.js", "site.ts", "iife"],
  // The /saved/ page's, which names it in its front matter.
  ["saved.js", "saved.ts", "iife"],
];

const COMMON: BuildOptions = { bundle: true, minify: true, legalComments: "none", logLevel: "silent" };

/** `contribution`: the site's repository settings, which site.js needs for a paper page's contribution links. */
export async function bundleClient(outputDir: string, contribution: Contribution): Promise<void> {
  const { repository, branch, contentPath } = contribution;
  const define = { SITE_CONTRIBUTION: JSON.stringify({ repository, branch, contentPath }) };
  await Promise.all([
    ...SCRIPTS.map(([out, source, format]) =>
      build({ ...COMMON, entryPoints: [path.join(CLIENT, source)], outfile: path.join(outputDir, routes.asset(out)), format, target: "es2020", define }),
    ),
    // No CSS target: esbuild would otherwise rewrite light-dark() for older browsers into something longer.
    ...STYLESHEETS.map((name) => build({ ...COMMON, entryPoints: [path.join(ASSETS, name)], outfile: path.join(outputDir, routes.asset(name)) })),
  ]);
}

/** Files a dev server should watch to rebuild these. */
export const CLIENT_SOURCES = CLIENT;
