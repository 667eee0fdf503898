/**
 * The ingest benchmark. For each corpus size: a fresh ingest into an empty folder, then a no-op
 * re-run over its output, each its own `scripts/ingest.ts` process, then the disk's file floor: the
 * files that ingest wrote (every paper file and manifest, once, as ingest names and sizes them),
 * created by one thread right after the removal of the ingest's output, so that it meets the disk
 * in the state the next fresh ingest meets (right after the removal of the floor's files, as many);
 * the file system is flushed (syncFileSystem) after each removal, before the floor and before each fresh ingest.
 * All repeated and reported as medians, so that a noisy machine moves the three alike.
 * Corpora are generated once per size and seed and kept in the work folder.
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { cachedCorpus, type CachedCorpus } from "../corpus/corpus-cache.js";
import type { CorpusFormat } from "../corpus/corpus.js";
import { gitCommit, ingestedFiles, measureCommand, measureFileFloor, median, syncFileSystem, type FileFloor, type IngestedFile } from "./measure.js";

export interface IngestBenchOptions {
  /** Papers per corpus, one benchmark each. */
  sizes: readonly number[];
  /** Capture formats (scripts/ingest/formats/), one corpus of the same papers each; `text` first, the yardstick. */
  formats: readonly CorpusFormat[];
  runs: number;
  seed: number;
  /** Corpora (kept between invocations) and ingest outputs go here. */
  workDir: string;
  /** The checkout whose `scripts/ingest.ts` runs: point at another to compare commits. */
  root: string;
  /** Text of the listing whose words the corpus is made of. */
  seedListing: string;
  /** What the benchmark is doing, for a human waiting on it. */
  log(line: string): void;
}

export interface IngestRun {
  wallMs: number;
  /** CPU time of the whole process, start-up included. */
  cpuMs: number;
  /** The ingest's own time from its closing line: the run without Node's start-up. Null when the checkout does not print one. */
  ingestMs: number | null;
  peakRssKb: number;
}

export interface RunMedians {
  wallMs: number;
  cpuMs: number;
  ingestMs: number | null;
  /** Distinct papers per second of `ingestMs`. */
  papersPerSecond: number | null;
  peakRssKb: number;
}

export interface SizeResult {
  format: CorpusFormat;
  papers: number;
  listings: number;
  /** Papers as listed, repeats included: what ingest's own counts add up to. */
  entries: number;
  corpusBytes: number;
  /** Average size of a paper file written. */
  paperFileBytes: number;
  /** Files a fresh ingest writes (paper files and manifests, each once): what the disk floor creates. */
  ingestedFiles: number;
  fresh: IngestRun[];
  noop: IngestRun[];
  floor: FileFloor[];
  medians: {
    fresh: RunMedians;
    noop: RunMedians;
    floorWritesPerSecond: number;
    floorReadsPerSecond: number;
    floorWriteMs: number;
    /** Each run's disk floor time over its fresh ingest's (the text format's), median: the ingest target's figure. */
    freshOfFloor: number | null;
  };
}

export interface IngestBenchResult {
  node: string;
  cpus: number;
  /** `git rev-parse HEAD` of the root, when it is a git checkout. */
  commit: string | null;
  seed: number;
  runs: number;
  /** `scripts/ingest.ts --help`: what Node and tsx cost before any ingesting. */
  startup: { wallMs: number; cpuMs: number; peakRssKb: number };
  sizes: SizeResult[];
  /** Growth of peak memory per paper between the smallest and the largest size, per format. */
  bytesPerPaper: { format: CorpusFormat; fresh: number; noop: number }[];
  /** Per format other than text and size: its fresh ingest's median time over the text format's, for the same papers. */
  textRatios: { format: CorpusFormat; papers: number; fresh: number | null }[];
}

/** How much slower than the select-all text format another format's fresh ingest of the same papers may be. */
export const FORMAT_RATIO_LIMIT = 1.5;

const TOTAL_LINE = /^ingested \d+ papers from \d+ listings in (\d+(?:\.\d+)?) s /m;

function runIngest(options: IngestBenchOptions, corpus: CachedCorpus, out: string): IngestRun {
  const args = ["--import", "tsx", "scripts/ingest.ts", ...corpus.files, "--out", join(out, "papers"), "--digests", join(out, "digests")];
  const measured = measureCommand(process.execPath, args, { cwd: options.root });
  if (measured.status !== 0) throw new Error(`ingest exited with ${measured.status}: ${measured.stderr.trim().split("\n")[0] ?? ""}`);
  const seconds = TOTAL_LINE.exec(measured.stdout)?.[1];
  return {
    wallMs: measured.wallMs,
    cpuMs: measured.cpuMs,
    ingestMs: seconds === undefined ? null : Number(seconds) * 1000,
    peakRssKb: measured.peakRssKb,
  };
}

function mediansOf(runs: IngestRun[], papers: number): RunMedians {
  const ingest = runs.map((r) => r.ingestMs);
  const ingestMs = ingest.every((ms): ms is number => ms !== null) ? median(ingest) : null;
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    ingestMs,
    papersPerSecond: ingestMs === null ? null : (papers * 1000) / ingestMs,
    peakRssKb: median(runs.map((r) => r.peakRssKb)),
  };
}

function averageFileBytes(dir: string): number {
  const names = readdirSync(dir);
  return Math.round(names.reduce((sum, name) => sum + statSync(join(dir, name)).size, 0) / names.length);
}

/**
 * One corpus size in every format: per run, each format's fresh and no-op ingest back to back, then
 * the disk floor once (it does not depend on the format), so that a machine growing busier moves
 * every format alike.
 */
function benchSize(options: IngestBenchOptions, papers: number): SizeResult[] {
  const corpora = options.formats.map((format) => cachedCorpus({ ...options, papers, format }));
  const out = join(options.workDir, "out");
  const fresh: IngestRun[][] = options.formats.map(() => []);
  const noop: IngestRun[][] = options.formats.map(() => []);
  const floor: FileFloor[] = [];
  let paperFileBytes = 0;
  let plan: IngestedFile[] | undefined;
  for (let run = 1; run <= options.runs; run++) {
    for (const [i, format] of options.formats.entries()) {
      const step = (what: string) => options.log(`${papers} papers (${format}), run ${run}/${options.runs}: ${what}`);
      step("fresh ingest");
      rmSync(out, { recursive: true, force: true });
      syncFileSystem(options.workDir);
      fresh[i]!.push(runIngest(options, corpora[i]!, out));
      if (paperFileBytes === 0) paperFileBytes = averageFileBytes(join(out, "papers"));
      step("no-op ingest");
      noop[i]!.push(runIngest(options, corpora[i]!, out));
      if (i === 0) plan ??= ingestedFiles(out);
    }
    options.log(`${papers} papers, run ${run}/${options.runs}: disk floor`);
    rmSync(out, { recursive: true, force: true });
    syncFileSystem(options.workDir);
    floor.push(measureFileFloor(join(options.workDir, "floor"), plan!));
  }
  rmSync(out, { recursive: true, force: true });
  return options.formats.map((format, i) => ({
    format,
    papers,
    listings: corpora[i]!.files.length,
    entries: corpora[i]!.entries,
    corpusBytes: corpora[i]!.bytes,
    paperFileBytes,
    ingestedFiles: plan!.length,
    fresh: fresh[i]!,
    noop: noop[i]!,
    floor,
    medians: {
      fresh: mediansOf(fresh[i]!, papers),
      noop: mediansOf(noop[i]!, papers),
      floorWritesPerSecond: median(floor.map((f) => f.writesPerSecond)),
      floorReadsPerSecond: median(floor.map((f) => f.readsPerSecond)),
      floorWriteMs: median(floor.map((f) => f.writeMs)),
      freshOfFloor: fresh[i]!.every((r) => r.ingestMs !== null) ? median(floor.map((f, run) => f.writeMs / fresh[i]![run]!.ingestMs!)) : null,
    },
  }));
}

export function benchIngest(options: IngestBenchOptions): IngestBenchResult {
  const resolved = { ...options, root: resolve(options.root) };
  const startups = Array.from({ length: 5 }, () =>
    measureCommand(process.execPath, ["--import", "tsx", "scripts/ingest.ts", "--help"], { cwd: resolved.root }),
  );
  const sizes = options.sizes.flatMap((papers) => benchSize(resolved, papers));
  const bytesPerPaper: IngestBenchResult["bytesPerPaper"] = [];
  for (const format of options.formats) {
    const mine = sizes.filter((s) => s.format === format);
    const [first, last] = [mine[0], mine.at(-1)];
    if (!first || !last || last.papers <= first.papers) continue;
    const slope = (pick: (s: SizeResult) => number) => ((pick(last) - pick(first)) * 1024) / (last.papers - first.papers);
    bytesPerPaper.push({ format, fresh: slope((s) => s.medians.fresh.peakRssKb), noop: slope((s) => s.medians.noop.peakRssKb) });
  }
  const textRatios: IngestBenchResult["textRatios"] = [];
  for (const size of sizes) {
    const text = sizes.find((s) => s.format === "text" && s.papers === size.papers);
    if (size.format === "text" || !text) continue;
    const [mine, base] = [size.medians.fresh.ingestMs, text.medians.fresh.ingestMs];
    textRatios.push({ format: size.format, papers: size.papers, fresh: mine === null || base === null ? null : mine / base });
  }
  return {
    node: process.version,
    cpus: availableParallelism(),
    commit: gitCommit(resolved.root),
    seed: options.seed,
    runs: options.runs,
    startup: {
      wallMs: median(startups.map((s) => s.wallMs)),
      cpuMs: median(startups.map((s) => s.cpuMs)),
      peakRssKb: median(startups.map((s) => s.peakRssKb)),
    },
    sizes,
    bytesPerPaper,
    textRatios,
  };
}

function cell(value: number | null, digits = 0): string {
  return value === null ? "-" : value.toFixed(digits);
}

/** The result as a plain-text table, medians only. */
export function formatIngestBench(result: IngestBenchResult): string {
  const header = ["format", "papers", "listings", "run", "wall s", "cpu s", "ingest s", "papers/s", "peak RSS MB", "disk floor files/s"];
  const rows: string[][] = [];
  for (const size of result.sizes) {
    for (const [run, m, floor] of [
      ["fresh", size.medians.fresh, size.medians.floorWritesPerSecond],
      ["no-op", size.medians.noop, size.medians.floorReadsPerSecond],
    ] as const) {
      rows.push([
        size.format,
        String(size.papers),
        String(size.listings),
        run,
        cell(m.wallMs / 1000, 2),
        cell(m.cpuMs / 1000, 2),
        cell(m.ingestMs === null ? null : m.ingestMs / 1000, 2),
        cell(m.papersPerSecond),
        cell(m.peakRssKb / 1024),
        `${cell(floor)} ${run === "fresh" ? "written" : "read"}`,
      ]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 3 || i === 9 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  const out = [
    `ingest benchmark: seed ${result.seed}, medians of ${result.runs} runs; Node ${result.node}, ${result.cpus} CPUs` +
      (result.commit ? `, commit ${result.commit.slice(0, 12)}` : ""),
    `start-up (ingest --help): ${(result.startup.wallMs / 1000).toFixed(2)} s, ${(result.startup.cpuMs / 1000).toFixed(2)} s CPU, ` +
      `${(result.startup.peakRssKb / 1024).toFixed(0)} MB peak RSS; wall s and cpu s (user + system) include it, ingest s does not; ` +
      "papers/s = distinct papers / ingest s",
    line(header),
    ...rows.map(line),
  ];
  for (const { format, fresh, noop } of result.bytesPerPaper) {
    const mine = result.sizes.filter((s) => s.format === format);
    out.push(`peak RSS per added paper, ${format} (${mine[0]!.papers} to ${mine.at(-1)!.papers}): fresh ${fresh.toFixed(0)} B, no-op ${noop.toFixed(0)} B`);
  }
  for (const size of result.sizes) {
    const ratio = size.medians.freshOfFloor;
    if (size.format !== "text" || ratio === null) continue;
    out.push(
      `text, ${size.papers} papers: disk floor ${(size.medians.floorWriteMs / 1000).toFixed(2)} s for the ${size.ingestedFiles} files a fresh ingest writes; ` +
        `fresh ingest at ${(ratio * 100).toFixed(0)} % of it (median of each run's floor time / ingest s; target at least 80 %)`,
    );
  }
  for (const { format, papers, fresh } of result.textRatios) {
    const verdict = fresh === null ? "not measured" : fresh <= FORMAT_RATIO_LIMIT ? "met" : "NOT met";
    out.push(
      `${format}, ${papers} papers: fresh ingest ${fresh === null ? "-" : fresh.toFixed(2)}× the text format's (target at most ${FORMAT_RATIO_LIMIT}×): ${verdict}`,
    );
  }
  out.push(
    "disk floor: one thread creating the files a fresh ingest writes (each paper file and manifest once, same names and sizes, temporary file + rename), " +
      "right after the removal of the ingest's output, or reading them back",
  );
  return `${out.join("\n")}\n`;
}
