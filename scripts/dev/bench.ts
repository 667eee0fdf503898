/**
 * npm run bench -- [--papers 1000,10000,30000,100000] [--runs 3] [--large-runs 1] [--edits 3] [--edit-large]
 *                  [--deployed] [--seed 1] [--work DIR] [--root DIR] [--json FILE] [--results DIR]
 *
 * Builds the site from generated corpora and times each phase, samples the memory of the whole
 * process tree, measures the output, and sets the build against its floor, a bare Eleventy and
 * Pagefind build of the same papers (scripts/dev/bench/site-bench.ts). `--runs` runs each size up to
 * 10,000 papers, `--large-runs` each larger one. Then, at each size up to 10,000 papers (every size
 * with `--edit-large`), the dev server is timed from `--edits` edits of a paper file until its page
 * shows them (scripts/dev/bench/edit-bench.ts). `--deployed` builds as the deploy workflow does
 * (path prefix, site URL, repository: DEPLOYED_ENV), so that the output is what GitHub Pages
 * publishes. Prints tables of medians and the targets on stdout,
 * after each size (so that a run stopped later keeps them) and for all sizes at the end, progress
 * on stderr. After each size, writes every run so far to `<work>/last.json`,
 * `bench-results/site-bench-<start time>.json` and the report so far to its `.txt` beside it, and
 * to `--json FILE` too, to compare commits (`--root` measures another checkout's build). Needs Python 3
 * (scripts/dev/bench/reap.py) and /proc.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { SiteBenchResult } from "./bench/site-bench.js";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchSite } from "./bench/site-bench.js";
import { formatSiteBench } from "./bench/site-bench-report.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function integers(text: string, name: string, min: number): number[] {
  const values = text.split(",").map(Number);
  if (!values.every((n) => Number.isSafeInteger(n) && n >= min)) throw new Error(`${name} takes integers from ${min}, not ${text}`);
  return values;
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      papers: { type: "string", default: "1000,10000,30000,100000" },
      runs: { type: "string", default: "3" },
      "large-runs": { type: "string", default: "1" },
      edits: { type: "string", default: "3" },
      "edit-large": { type: "boolean", default: false },
      deployed: { type: "boolean", default: false },
      seed: { type: "string", default: "1" },
      work: { type: "string", default: `${ROOT}.cache/bench` },
      root: { type: "string", default: ROOT },
      json: { type: "string" },
      results: { type: "string", default: `${ROOT}bench-results` },
    },
  });
  // Named by when the invocation began, so that a later one never overwrites it (git ignores the folder).
  const stem = join(values.results, `site-bench-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  const reports: string[] = [];
  const save = (result: SiteBenchResult) => {
    const json = `${JSON.stringify(result, null, 2)}\n`;
    for (const file of [join(values.work, "last.json"), `${stem}.json`, ...(values.json === undefined ? [] : [values.json])]) write(file, json);
    write(`${stem}.txt`, reports.join("\n"));
  };
  const result = await benchSite({
    sizes: integers(values.papers, "--papers", 1).sort((a, b) => a - b),
    runs: integers(values.runs, "--runs", 1)[0]!,
    largeRuns: integers(values["large-runs"], "--large-runs", 1)[0]!,
    edits: integers(values.edits, "--edits", 0)[0]!,
    editLarge: values["edit-large"],
    deployed: values.deployed,
    seed: integers(values.seed, "--seed", 0)[0]!,
    workDir: values.work,
    root: values.root,
    floorConfig: `${ROOT}scripts/dev/bench/floor/eleventy.config.ts`,
    seedListing: readFileSync(`${ROOT}sources/2026-04-13.txt`, "utf8"),
    log: (line) => console.error(`bench: ${line}`),
    sizeDone: (sofar) => {
      const size = sofar.sizes.at(-1)!;
      const report = formatSiteBench({ ...sofar, sizes: [size] }, { measuredOnly: true });
      reports.push(`${size.papers} papers:\n${report}`);
      process.stdout.write(`${reports.at(-1)!}\n`);
      save(sofar);
    },
  });
  if (result.sizes.length > 1) {
    reports.push(`all sizes:\n${formatSiteBench(result)}`);
    process.stdout.write(reports.at(-1)!);
  } else reports.push(formatSiteBench(result));
  save(result);
  console.error(`bench: results in ${stem}.json and .txt`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
