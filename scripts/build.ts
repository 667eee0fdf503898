/**
 * `npm run build`: every `sources/*.txt` listing → `content/`, then the content folder → `site/` with
 * its search index. `PATH_PREFIX` (e.g.
 * `/paper-digest/`) builds the site for a sub-path. Prints what each step did and how long it took;
 * exits non-zero with the reason when a step fails.
 */
import { readdir } from "node:fs/promises";
import { buildSite } from "./lib/build-site.js";
import { isContentError } from "./lib/content.js";
import { ingestFiles } from "./lib/ingest.js";
import { formatAnnotation } from "./lib/problem.js";

function print(line: string): void {
  console.log(line);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Sorted, so the run never depends on directory order. */
async function listings(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => []);
  return names.filter((name) => name.endsWith(".txt")).sort().map((name) => `${dir}/${name}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const files = await listings("sources");
  if (files.length > 0) await ingestFiles({ files, outDir: "content/papers", digestsDir: "content/digests" }, print);
  else print("No listings in sources/: building the content as it is");
  const pathPrefix = process.env.PATH_PREFIX || "/";
  const site = await buildSite({ pathPrefix });
  print(`Rendered ${site.files} files in ${seconds(site.timings.eleventy)}`);
  print(`Indexed ${site.indexed} papers for search in ${seconds(site.timings.pagefind)}`);
  print(`Built ${site.outDir}/ for ${pathPrefix} in ${seconds(performance.now() - started)}`);
}

main().catch((error: unknown) => {
  console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`);
  // On stdout, where GitHub Actions reads workflow commands: each problem shows on the pull request.
  if (isContentError(error) && process.env.GITHUB_ACTIONS === "true") for (const p of error.problems) print(formatAnnotation(p));
  process.exitCode = 1;
});
