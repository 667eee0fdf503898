/**
 * `npm run verify [-- DIR]`: the whole-site checks on a built site (default `site/`): links and
 * anchors in every file, the page policy, html-validate. Reads PATH_PREFIX and SITE_URL as the build
 * does, so run it with the environment the build had. Prints every problem and the figures; exits 1
 * on any problem.
 */
import { checkSite, figuresOf, problemsOf } from "./verify/check-site.js";
import { siteConfig } from "./catalog/site-config.js";

async function main(): Promise<void> {
  const dir = process.argv[2] ?? "site";
  const pathPrefix = `/${(process.env.PATH_PREFIX ?? "/").replace(/^\/+|\/+$/g, "")}/`.replace("//", "/");
  const { url } = siteConfig();
  const report = await checkSite({ dir, pathPrefix, ...(url ? { siteUrl: url } : {}) });
  const problems = problemsOf(report);
  for (const problem of problems) console.error(problem);
  console.log(`verify ${dir}/ for ${pathPrefix}: ${figuresOf(report)}`);
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`Verify failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
