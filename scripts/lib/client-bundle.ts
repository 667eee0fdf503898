/**
 * The search page's script is TypeScript; esbuild turns it into one small browser module at build
 * time. Nothing else on the site ships JavaScript.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ENTRY = fileURLToPath(new URL("../client/search.ts", import.meta.url));

/** Where the bundle lands inside the output folder; layouts/base.njk loads it from there. */
const SEARCH_SCRIPT = "assets/search.js";

export async function bundleSearchClient(outputDir: string): Promise<void> {
  await build({
    entryPoints: [ENTRY],
    outfile: path.join(outputDir, SEARCH_SCRIPT),
    bundle: true,
    format: "esm",
    target: "es2020",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
  });
}

/** Files a dev server should watch to rebuild the bundle. */
export const CLIENT_SOURCES = path.dirname(ENTRY);
