/**
 * The site benchmark (`npm run bench`). For each corpus size, each run builds the whole site
 * (`scripts/build.ts`: ingest, render, index) in a fresh workspace, then the floor over the papers
 * that build ingested: a bare Eleventy build with one minimal layout, and bare Pagefind over its
 * output, each its own process, right after the build so that a noisy machine weighs on both
 * alike. Phase times come from the build's `BUILD_TIMINGS` file; memory is the resident memory of
 * the whole process tree, sampled from /proc and given to the phase whose window a sample falls in.
 * Corpora are generated once per size and seed and kept in the work folder. After a size's runs,
 * the dev server (`npm start`) is started in the last run's workspace and timed from an edit of a
 * paper file to the page showing it (edit-bench.ts).
 *
 * The ingest target sets the build's ingest phase against the disk floor (measureFileFloor), time
 * to time: one thread creating exactly the files that ingest writes (each paper file and manifest
 * once, with their names and sizes, a temporary file opened "wx" and renamed into place), listed
 * from one ingest of the corpus before the size's first run. Each run measures it right after the
 * previous workspace's removal and right before the build, whose ingest then meets the disk in
 * the state that removal left (file creation on this disk is slowest right after a big removal).
 * The file system is synced (`sync -f`) before the floor and after it, so that neither starts
 * with the other's writes or the removal still to flush; the floor's files stay in the
 * workspace, so the build follows no removal of its own.
 */
import { spawnSync } from "node:child_process";
import { linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";
import { basename, join, relative, resolve, sep } from "node:path";
import { indexedPageCount } from "../../build/search-index.js";
import { cachedCorpus, type CachedCorpus } from "../corpus/corpus-cache.js";
import { tsxLoader } from "../dev-server.js";
import { benchEdits, type EditFigures } from "./edit-bench.js";
import { parseEleventyLine } from "../../build/eleventy-lines.js";
import { isShardFolder } from "../../search/search-shards.js";
import {
  checkCpuCounted,
  cpuAt,
  gitCommit,
  ingestedFiles,
  measureFileFloor,
  median,
  peakInWindow,
  sampleCommand,
  syncFileSystem,
  type FileFloor,
  type IngestedFile,
  type Sampled,
  type TimeWindow,
} from "./measure.js";

/** Sizes up to this many papers get `runs` runs, larger ones `largeRuns`. */
export const LARGE_SIZE = 10_000;

/**
 * What .github/workflows/deploy.yml sets for a project site `owner/paper-digest`: its links carry
 * the prefix (or are relative), its feeds and canonical links are absolute, and its paper pages get
 * contribution links. The floor is built without them.
 */
export const DEPLOYED_ENV = {
  PATH_PREFIX: "/paper-digest/",
  SITE_URL: "https://owner.github.io/paper-digest",
  SITE_REPOSITORY: "https://github.com/owner/paper-digest",
} as const;

export interface SiteBenchOptions {
  /** Papers per corpus, one benchmark each. */
  sizes: readonly number[];
  runs: number;
  largeRuns: number;
  /** Edits timed on the dev server of each size up to LARGE_SIZE papers; none when 0. */
  edits: number;
  /** Time the dev server at larger sizes too. */
  editLarge: boolean;
  /** Build as the deploy workflow does (DEPLOYED_ENV), so that the output is what GitHub Pages publishes. */
  deployed?: boolean;
  seed: number;
  /** Corpora (kept between invocations) and the workspace of the run under way. */
  workDir: string;
  /** The checkout whose build, Eleventy, Pagefind and tsx are measured: point at another to compare commits. */
  root: string;
  /** The floor's Eleventy config: the benchmark's own, so that every root is set against the same floor. */
  floorConfig: string;
  /** Text of the listing whose words the corpus is made of. */
  seedListing: string;
  /** What the benchmark is doing, for a human waiting on it. */
  log(line: string): void;
  /** Told after each size, with the result so far (that size last): a run stopped later still has the sizes before. */
  sizeDone?(result: SiteBenchResult): void;
}

/** Milliseconds. */
export interface TimeFigures {
  ingestMs: number;
  renderMs: number;
  indexMs: number;
  /** Render and index: the part of the build the floor also does. */
  fullMs: number;
  /** The build command from start to exit: Node's start-up, ingest, render and index. */
  buildMs: number;
  /**
   * CPU time (user + system) of the build command and every process it started, Pagefind's
   * service included: what a busy machine inflates least.
   */
  buildCpuMs: number;
  /** The CPU time of the ingest phase, from the samples either side of its start and end (only the build's own process runs then). */
  ingestCpuMs: number;
  /** The build's CPU time without ingest's: what the floor's CPU time is set against (both keep their Node start-ups). */
  fullCpuMs: number;
  /**
   * The floor's Eleventy build as Eleventy times itself: from its constructor to the last file
   * written, as the build's render phase, so without Node's start-up.
   */
  floorRenderMs: number;
  /** The floor's Pagefind command, start to exit. */
  floorIndexMs: number;
  /** Both floor commands from start to exit, start-ups included: what the whole build is set against. */
  floorWallMs: number;
  /** CPU time (user + system) of the floor's Eleventy command, and of its Pagefind command (the binary included). */
  floorRenderCpuMs: number;
  floorIndexCpuMs: number;
  floorCpuMs: number;
  /** Distinct papers per second of the ingest phase. */
  ingestPapersPerSecond: number;
  /**
   * The disk floor of the same run (measureFileFloor): the time one thread took to create the files
   * this ingest writes (every paper file and manifest, once, named and sized as ingest's, each a
   * temporary file renamed into place), right before the build, after the same workspace removal.
   */
  diskFloorMs: number;
  /** Those files created per second. */
  diskFloorFilesPerSecond: number;
}

/** Peak resident memory of the process tree, KiB, unless said otherwise. */
export interface MemoryFigures {
  ingestKb: number;
  renderKb: number;
  indexKb: number;
  /** Render and index. */
  fullKb: number;
  buildKb: number;
  /** The kernel's figure for the build (reap.py), a cross-check of the sampling: the largest single process's peak. */
  buildMaxRssKb: number;
  floorRenderKb: number;
  floorIndexKb: number;
  /** The larger of the two floor commands, which never run at once. */
  floorKb: number;
  floorMaxRssKb: number;
}

export interface Ratios {
  /** Render + index time over the floor's. */
  time: number;
  /** The build's CPU time without ingest's over the floor's: the steadier figure on a busy machine. */
  cpu: number;
  /** The whole build command's CPU time, ingest included, over the floor's. */
  wholeCpu: number;
  /** The disk floor's time over ingest's, for the same files: how close ingest comes to the file system work it must do. */
  ingestOfFloor: number;
  /** Render + index peak memory over the floor's. */
  memory: number;
  /** The whole build command's time over both floor commands', start-ups included on both sides. */
  wholeTime: number;
  wholeMemory: number;
}

/** Apparent sizes (bytes in the files, not disk blocks) of the built `site/`. */
export interface OutputFigures {
  files: number;
  htmlBytes: number;
  /** Everything in the search shards, `site/pagefind/`, `site/pagefind-1/`, … */
  indexBytes: number;
  totalBytes: number;
  largestHtmlBytes: number;
  /** Over `site/papers/<slug>/index.html`. */
  paperHtmlMaxBytes: number;
  paperHtmlMedianBytes: number;
  /** `site/assets/style.css`, which every paper page loads. */
  cssBytes: number;
  /** The largest paper page with its stylesheet: what a reader's first visit to a paper downloads. */
  paperPageBytes: number;
  /** The median of the paper files' abstracts (their Markdown body), bytes. */
  abstractMedianBytes: number;
  /** Over the paper pages: the page's HTML bytes less its paper's abstract bytes, the page around the abstract. */
  aroundAbstractMedianBytes: number;
  aroundAbstractMaxBytes: number;
  /** The median page around the abstract plus a 1.3 KB abstract: the paper-page target's figure. */
  paperFor1300Bytes: number;
}

export interface RunFigures {
  time: TimeFigures;
  memory: MemoryFigures;
  ratios: Ratios;
  output: OutputFigures;
}

export interface SiteRun {
  figures: RunFigures;
  largestHtmlPath: string;
  /** What the build and the floor produced, each checked against the corpus's distinct papers. */
  counts: { indexed: number; paperFiles: number; rendered: number; floorPages: number; floorIndexed: number };
  /** Memory samples of the build. */
  samples: number;
}

export interface SizeResult {
  papers: number;
  listings: number;
  /** Papers as listed, repeats included. */
  entries: number;
  corpusBytes: number;
  runs: SiteRun[];
  /** Each figure's median over the runs, ratios included (each run's ratio pairs a build with the floor run beside it). */
  medians: RunFigures;
  largestHtmlPath: string;
  /** The dev server's edits, when timed at this size. */
  edits?: EditFigures;
}

export interface SiteBenchResult {
  machine: { node: string; cpus: number; totalMemoryBytes: number; loadAverage: number[] };
  /** The measured checkout, and its `git rev-parse HEAD` when it is a git checkout. */
  root: string;
  commit: string | null;
  date: string;
  seed: number;
  runs: number;
  largeRuns: number;
  edits: number;
  editLarge: boolean;
  /** Built with DEPLOYED_ENV. */
  deployed?: boolean;
  sizes: SizeResult[];
}

export interface PhaseWindow extends TimeWindow {
  name: string;
}

export interface BuildTimings {
  ingest: PhaseWindow;
  render: PhaseWindow;
  index: PhaseWindow;
  /** Files Eleventy wrote. */
  files: number;
  indexed: number;
}

/** The `BUILD_TIMINGS` file, refused unless it has every phase: a build that did not say what it did is not measured. */
export function parseTimings(text: string): BuildTimings {
  const json = JSON.parse(text) as { phases?: unknown; files?: unknown; indexed?: unknown };
  const phases = Array.isArray(json.phases) ? (json.phases as Partial<PhaseWindow>[]) : [];
  const phase = (name: string): PhaseWindow => {
    const found = phases.find((p) => p.name === name);
    if (typeof found?.start !== "number" || typeof found.end !== "number") throw new Error(`build timings have no ${name} phase`);
    return { name, start: found.start, end: found.end };
  };
  if (typeof json.files !== "number" || typeof json.indexed !== "number") throw new Error("build timings have no files or indexed count");
  return { ingest: phase("ingest"), render: phase("render"), index: phase("index"), files: json.files, indexed: json.indexed };
}

export interface SiteFile {
  /** Relative to the site folder, `/`-separated. */
  path: string;
  bytes: number;
}

const PAPER_PAGE = /^papers\/([^/]+)\/index\.html$/;
const STYLESHEET = "assets/style.css";
/** The abstract the paper-page target is set for, bytes. */
export const TARGET_ABSTRACT_BYTES = 1300;

/** A paper file's abstract: its Markdown body, after the front matter, trimmed; bytes. */
export function abstractBytes(markdown: string): number {
  const end = markdown.startsWith("---\n") ? markdown.indexOf("\n---\n", 3) : -1;
  if (end < 0) throw new Error("a paper file without front matter");
  return Buffer.byteLength(markdown.slice(end + "\n---\n".length).trim());
}

/** Each ingested paper's abstract bytes, by slug. */
export function readAbstracts(papersDir: string): Map<string, number> {
  const abstracts = new Map<string, number>();
  for (const name of readdirSync(papersDir)) {
    if (name.endsWith(".md")) abstracts.set(name.slice(0, -".md".length), abstractBytes(readFileSync(join(papersDir, name), "utf8")));
  }
  return abstracts;
}

/** `abstracts`: each paper's abstract bytes by slug (readAbstracts); every paper page must have one. */
export function outputStats(files: readonly SiteFile[], abstracts: ReadonlyMap<string, number>): { figures: OutputFigures; largestHtmlPath: string } {
  const sum = (list: readonly SiteFile[]) => list.reduce((total, f) => total + f.bytes, 0);
  const html = files.filter((f) => f.path.endsWith(".html"));
  const paperFiles = html.filter((f) => PAPER_PAGE.test(f.path));
  const papers = paperFiles.map((f) => f.bytes);
  const css = files.find((f) => f.path === STYLESHEET);
  if (papers.length === 0) throw new Error("the site has no paper pages (papers/<slug>/index.html)");
  if (css === undefined) throw new Error(`the site has no ${STYLESHEET}`);
  const around = paperFiles.map((f) => {
    const slug = PAPER_PAGE.exec(f.path)![1]!;
    const abstract = abstracts.get(slug);
    if (abstract === undefined) throw new Error(`no paper file for the page ${f.path}`);
    return f.bytes - abstract;
  });
  const aroundAbstractMedianBytes = median(around);
  const largest = html.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  // Not Math.max(...papers): a little above 100,000 papers its arguments overflow the stack.
  const paperHtmlMaxBytes = papers.reduce((a, b) => Math.max(a, b));
  return {
    figures: {
      files: files.length,
      htmlBytes: sum(html),
      indexBytes: sum(files.filter((f) => isShardFolder(f.path.split("/")[0] ?? ""))),
      totalBytes: sum(files),
      largestHtmlBytes: largest.bytes,
      paperHtmlMaxBytes,
      paperHtmlMedianBytes: median(papers),
      cssBytes: css.bytes,
      paperPageBytes: paperHtmlMaxBytes + css.bytes,
      abstractMedianBytes: median([...abstracts.values()]),
      aroundAbstractMedianBytes,
      aroundAbstractMaxBytes: around.reduce((a, b) => Math.max(a, b)),
      paperFor1300Bytes: aroundAbstractMedianBytes + TARGET_ABSTRACT_BYTES,
    },
    largestHtmlPath: largest.path,
  };
}

/** Every regular file under `dir` with its apparent size; links are not followed. */
export function listSiteFiles(dir: string): SiteFile[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative(dir, path).split(sep).join("/"), bytes: statSync(path).size };
    });
}

/** Each figure's median over the runs. */
export function medianFigures(runs: readonly RunFigures[]): RunFigures {
  const group = <T extends object>(pick: (r: RunFigures) => T): T => {
    const keys = Object.keys(pick(runs[0]!)) as (keyof T)[];
    return Object.fromEntries(keys.map((key) => [key, median(runs.map((r) => pick(r)[key] as number))])) as T;
  };
  if (runs.length === 0) throw new Error("median of no runs");
  return { time: group((r) => r.time), memory: group((r) => r.memory), ratios: group((r) => r.ratios), output: group((r) => r.output) };
}

/** The samples' peak in each phase, and the figures of one run. `diskFloor`: the run's measureFileFloor. */
export function runFigures(
  papers: number,
  build: { timings: BuildTimings; sampled: Sampled },
  floor: { renderMs: number; render: Sampled; index: Sampled },
  output: OutputFigures,
  diskFloor: Pick<FileFloor, "writeMs" | "writesPerSecond">,
): RunFigures {
  const { timings, sampled } = build;
  const { ingest, render, index } = timings;
  const peak = (window: TimeWindow) => peakInWindow(sampled.samples, window);
  const cpu = (at: number) => cpuAt(sampled.samples, sampled.start, at);
  const ingestCpuMs = cpu(ingest.end) - cpu(ingest.start);
  const time: TimeFigures = {
    ingestMs: ingest.end - ingest.start,
    renderMs: render.end - render.start,
    indexMs: index.end - index.start,
    fullMs: index.end - render.start,
    buildMs: sampled.wallMs,
    buildCpuMs: sampled.cpuMs,
    ingestCpuMs,
    fullCpuMs: sampled.cpuMs - ingestCpuMs,
    floorRenderMs: floor.renderMs,
    floorIndexMs: floor.index.wallMs,
    floorWallMs: floor.render.wallMs + floor.index.wallMs,
    floorRenderCpuMs: floor.render.cpuMs,
    floorIndexCpuMs: floor.index.cpuMs,
    floorCpuMs: floor.render.cpuMs + floor.index.cpuMs,
    ingestPapersPerSecond: (papers * 1000) / (ingest.end - ingest.start),
    diskFloorMs: diskFloor.writeMs,
    diskFloorFilesPerSecond: diskFloor.writesPerSecond,
  };
  const memory: MemoryFigures = {
    ingestKb: peak(ingest),
    renderKb: peak(render),
    indexKb: peak(index),
    fullKb: peak({ start: render.start, end: index.end }),
    buildKb: sampled.peakRssKb,
    buildMaxRssKb: sampled.maxRssKb,
    floorRenderKb: floor.render.peakRssKb,
    floorIndexKb: floor.index.peakRssKb,
    floorKb: Math.max(floor.render.peakRssKb, floor.index.peakRssKb),
    floorMaxRssKb: Math.max(floor.render.maxRssKb, floor.index.maxRssKb),
  };
  const ratios: Ratios = {
    time: time.fullMs / (time.floorRenderMs + time.floorIndexMs),
    cpu: time.fullCpuMs / time.floorCpuMs,
    wholeCpu: time.buildCpuMs / time.floorCpuMs,
    ingestOfFloor: diskFloor.writeMs / time.ingestMs,
    memory: memory.fullKb / memory.floorKb,
    wholeTime: time.buildMs / time.floorWallMs,
    wholeMemory: memory.buildKb / memory.floorKb,
  };
  return { time, memory, ratios, output };
}

function expectCount(what: string, actual: number, papers: number): void {
  if (actual !== papers) throw new Error(`${what}: ${actual}, but the corpus has ${papers} distinct papers`);
}

/** A command that exited with 0 and whose every process's CPU time was counted. */
function succeeded(what: string, run: Sampled): Sampled {
  if (run.status === 0) {
    checkCpuCounted(what, run.cpuMs, run.sampledCpuMs, run.processes);
    return run;
  }
  const said = `${run.stderr}\n${run.stdout}`.trim().split("\n").slice(-5).join("\n  ");
  throw new Error(`${what} exited with ${run.status}:\n  ${said}`);
}

/**
 * What the root's ingest writes of a corpus (ingestedFiles), from one ingest run for the purpose
 * before a size's first run, in `<work>/ws`, which that run's removal then removes like a previous run's workspace.
 */
function ingestPlan(options: SiteBenchOptions, corpus: CachedCorpus): IngestedFile[] {
  const ws = join(options.workDir, "ws");
  rmSync(ws, { recursive: true, force: true });
  mkdirSync(ws, { recursive: true });
  const content = join(ws, "content");
  const args = ["--import", tsxLoader(options.root), join(options.root, "scripts/ingest.ts"), ...corpus.files];
  const run = spawnSync(process.execPath, [...args, "--out", join(content, "papers"), "--digests", join(content, "digests")], { cwd: ws, encoding: "utf8" });
  if (run.status !== 0)
    throw new Error(`the ingest for the disk floor's files exited with ${run.status}: ${run.stderr.trim().split("\n").slice(-3).join(" ")}`);
  return ingestedFiles(content);
}

async function benchRun(options: SiteBenchOptions, corpus: CachedCorpus, plan: readonly IngestedFile[], step: (what: string) => void): Promise<SiteRun> {
  const { root, workDir } = options;
  const papers = corpus.papers;
  const ws = join(workDir, "ws");
  rmSync(ws, { recursive: true, force: true });
  mkdirSync(join(ws, "sources"), { recursive: true });
  for (const file of corpus.files) linkSync(file, join(ws, "sources", basename(file)));
  const node = ["--import", tsxLoader(root)];

  // Right after the previous workspace's removal, as the build's ingest runs: the files that ingest
  // writes, on the same disk in the same state. The file system is synced before the floor and
  // after it, so that both the floor and the build start with the removal on disk and nothing of
  // the other's writes still to flush. The floor's files stay until the workspace is removed, so
  // the build follows the same single removal it always did.
  step("disk floor…");
  syncFileSystem(ws);
  const disk = measureFileFloor(join(ws, "disk-floor"), plan, { remove: false });
  syncFileSystem(ws);

  step("building…");
  const timingsFile = join(ws, "timings.json");
  const env = { ...process.env, ...(options.deployed ? DEPLOYED_ENV : {}), BUILD_TIMINGS: timingsFile };
  const build = succeeded("the build", await sampleCommand(process.execPath, [...node, join(root, "scripts/build.ts")], { cwd: ws, env }));
  const timings = parseTimings(readFileSync(timingsFile, "utf8"));
  expectCount("papers indexed by the build", timings.indexed, papers);
  const paperFiles = readdirSync(join(ws, "content/papers")).filter((name) => name.endsWith(".md")).length;
  expectCount("paper files ingested", paperFiles, papers);
  const output = outputStats(listSiteFiles(join(ws, "site")), readAbstracts(join(ws, "content/papers")));
  const wroteFiles = ingestedFiles(join(ws, "content"));
  if (wroteFiles.length !== plan.length) throw new Error(`the build ingested ${wroteFiles.length} files, the disk floor wrote ${plan.length}`);

  step("floor: rendering…");
  const floorDir = join(ws, "floor");
  const eleventy = [
    join(root, "node_modules/@11ty/eleventy/cmd.cjs"),
    `--config=${options.floorConfig}`,
    `--input=${join(ws, "content/papers")}`,
    `--output=${floorDir}`,
    "--quiet",
  ];
  const render = succeeded("the floor's Eleventy", await sampleCommand(process.execPath, [...node, ...eleventy], { cwd: ws }));
  const wrote = parseEleventyLine(render.stdout);
  expectCount("pages written by the floor's Eleventy", wrote.files, papers);
  step("floor: indexing…");
  const index = succeeded("the floor's Pagefind", await sampleCommand(join(root, "node_modules/.bin/pagefind"), ["--site", floorDir], { cwd: ws }));
  const floorIndexed = indexedPageCount(join(floorDir, "pagefind"));
  expectCount("pages indexed by the floor's Pagefind", floorIndexed, papers);

  const figures = runFigures(papers, { timings, sampled: build }, { renderMs: wrote.ms, render, index }, output.figures, disk);
  const { time: t, ratios: r } = figures;
  const s = (ms: number) => (ms / 1000).toFixed(2);
  step(
    `render + index ${s(t.fullMs)} s (floor ${s(t.floorRenderMs + t.floorIndexMs)} s, ${r.time.toFixed(2)}×), ` +
      `CPU ${s(t.fullCpuMs)} s (floor ${s(t.floorCpuMs)} s, ${r.cpu.toFixed(2)}×); ` +
      `ingest ${s(t.ingestMs)} s, ${Math.round(t.ingestPapersPerSecond)} papers/s (disk floor ${s(t.diskFloorMs)} s, ${Math.round(t.diskFloorFilesPerSecond)} files/s, ${Math.round(r.ingestOfFloor * 100)} %)`,
  );
  return {
    figures,
    largestHtmlPath: output.largestHtmlPath,
    counts: { indexed: timings.indexed, paperFiles, rendered: timings.files, floorPages: wrote.files, floorIndexed },
    samples: build.samples.length,
  };
}

async function benchSize(options: SiteBenchOptions, papers: number): Promise<SizeResult> {
  const corpus = cachedCorpus({ ...options, papers });
  const count = papers <= LARGE_SIZE ? options.runs : options.largeRuns;
  const runs: SiteRun[] = [];
  options.log(`${papers} papers: ingesting once for the disk floor's files…`);
  const plan = ingestPlan(options, corpus);
  for (let run = 1; run <= count; run++) {
    runs.push(await benchRun(options, corpus, plan, (what) => options.log(`${papers} papers, run ${run}/${count}: ${what}`)));
  }
  const timeEdits = options.edits > 0 && (papers <= LARGE_SIZE || options.editLarge);
  const log = (what: string) => options.log(`${papers} papers, dev server: ${what}`);
  const edits = timeEdits ? await benchEdits({ root: options.root, workspace: join(options.workDir, "ws"), edits: options.edits, log }) : undefined;
  rmSync(join(options.workDir, "ws"), { recursive: true, force: true });
  return {
    papers,
    listings: corpus.listings,
    entries: corpus.entries,
    corpusBytes: corpus.bytes,
    runs,
    medians: medianFigures(runs.map((r) => r.figures)),
    largestHtmlPath: runs[0]!.largestHtmlPath,
    edits,
  };
}

export async function benchSite(options: SiteBenchOptions): Promise<SiteBenchResult> {
  const resolved = { ...options, root: resolve(options.root), workDir: resolve(options.workDir) };
  const machine = { node: process.version, cpus: availableParallelism(), totalMemoryBytes: totalmem(), loadAverage: loadavg() };
  const date = new Date().toISOString();
  const result: SiteBenchResult = {
    machine,
    root: resolved.root,
    commit: gitCommit(resolved.root),
    date,
    seed: options.seed,
    runs: options.runs,
    largeRuns: options.largeRuns,
    edits: options.edits,
    editLarge: options.editLarge,
    deployed: options.deployed === true,
    sizes: [],
  };
  for (const papers of options.sizes) {
    result.sizes.push(await benchSize(resolved, papers));
    options.sizeDone?.(result);
  }
  return result;
}
