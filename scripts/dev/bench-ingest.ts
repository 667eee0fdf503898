/**
 * npm run bench:ingest -- [--papers 10000,30000,100000] [--formats text,markdown,refs,linklines] [--runs 3] [--seed 1] [--work DIR] [--root DIR] [--json FILE]
 *
 * Times `npm run ingest` on generated corpora, fresh and as a no-op re-run, next to the disk's
 * floor for as many small files (scripts/dev/bench/ingest-bench.ts), the same papers in each capture format. Prints a table of medians; `--json`
 * also writes every run, to compare commits (`--root` runs another checkout's ingest). Needs Python 3
 * (scripts/dev/bench/reap.py) for CPU time and peak memory. Speed is measured here, never in the unit tests.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchIngest, formatIngestBench } from "./bench/ingest-bench.js";
import { CORPUS_FORMATS, type CorpusFormat } from "./corpus/corpus.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function integers(text: string, name: string, min: number): number[] {
  const values = text.split(",").map(Number);
  if (!values.every((n) => Number.isSafeInteger(n) && n >= min)) throw new Error(`${name} takes integers from ${min}, not ${text}`);
  return values;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      papers: { type: "string", default: "10000,30000,100000" },
      formats: { type: "string", default: CORPUS_FORMATS.join(",") },
      runs: { type: "string", default: "3" },
      seed: { type: "string", default: "1" },
      work: { type: "string", default: `${ROOT}.cache/bench-ingest` },
      root: { type: "string", default: ROOT },
      json: { type: "string" },
    },
  });
  const formats = values.formats.split(",") as CorpusFormat[];
  const unknown = formats.find((f) => !CORPUS_FORMATS.includes(f));
  if (unknown !== undefined) throw new Error(`--formats takes ${CORPUS_FORMATS.join(", ")}, not ${unknown}`);
  // Text first: the other formats are measured against it.
  formats.sort((a, b) => CORPUS_FORMATS.indexOf(a) - CORPUS_FORMATS.indexOf(b));
  const result = benchIngest({
    formats,
    sizes: integers(values.papers, "--papers", 1).sort((a, b) => a - b),
    runs: integers(values.runs, "--runs", 1)[0]!,
    seed: integers(values.seed, "--seed", 0)[0]!,
    workDir: values.work,
    root: values.root,
    seedListing: readFileSync(`${ROOT}sources/2026-04-13.txt`, "utf8"),
    log: (line) => console.error(`bench: ${line}`),
  });
  process.stdout.write(formatIngestBench(result));
  if (values.json !== undefined) {
    mkdirSync(dirname(values.json), { recursive: true });
    writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
  }
}

try {
  main();
} catch (error) {
  console.error(`bench-ingest: ${(error as Error).message}`);
  process.exitCode = 1;
}
