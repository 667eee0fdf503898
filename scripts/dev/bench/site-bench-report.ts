/**
 * The site benchmark's result as text: tables of medians (time, memory, output) and the targets,
 * each marked met or not. Pure: a result in, text out.
 */
import { DEPLOYED_ENV, LARGE_SIZE, type SiteBenchResult, type SizeResult } from "./site-bench.js";

// Decimal units, as GitHub Pages states its 1 GB limit; next to binary ones they can only make a limit tighter.
const KB = 1e3;
const MB = 1e6;
const GB = 1e9;
/** Memory is measured in KiB. */
const KIB = 1024;

/** What a target is judged on: a size's medians and, when timed there, its dev server's edits. */
export type MeasuredSize = Pick<SizeResult, "papers" | "medians" | "edits">;

export interface Target {
  what: string;
  /** The one size the target is set for; every size when absent. */
  at?: number;
  /** The figure must be at most `max`, or at least `min`. */
  max?: number;
  min?: number;
  /** Undefined when the figure was not measured at the size. */
  pick(size: MeasuredSize): number | undefined;
  show(value: number): string;
}

const ratio = (value: number) => value.toFixed(2);
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const gb = (bytes: number) => `${(bytes / GB).toFixed(2)} GB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const percent = (value: number) => `${(value * 100).toFixed(0)} %`;

/** Issue 17's targets; each judged on the medians of the runs of one invocation. */
export const TARGETS: readonly Target[] = [
  { what: "render + index wall time / floor", at: 10_000, max: 1.3, pick: (s) => s.medians.ratios.time, show: ratio },
  { what: "build CPU time (less ingest) / floor", at: 10_000, max: 1.3, pick: (s) => s.medians.ratios.cpu, show: ratio },
  { what: "render + index peak memory / floor", at: 10_000, max: 1.5, pick: (s) => s.medians.ratios.memory, show: ratio },
  { what: "peak memory of the whole build", at: 100_000, max: 8 * GB, pick: (s) => s.medians.memory.buildKb * KIB, show: gb },
  { what: "total output", at: 100_000, max: 1 * GB, pick: (s) => s.medians.output.totalBytes, show: gb },
  { what: "largest HTML page", max: 200 * KB, pick: (s) => s.medians.output.largestHtmlBytes, show: kb },
  { what: "paper page HTML for a 1.3 KB abstract", max: 6 * KB, pick: (s) => s.medians.output.paperFor1300Bytes, show: kb },
  { what: "ingest speed / disk floor", min: 0.8, pick: (s) => s.medians.ratios.ingestOfFloor, show: percent },
  { what: "edit → page (npm start)", at: 10_000, max: 1000, pick: (s) => s.edits?.medians.pageMs, show: seconds },
];

export interface Verdict {
  papers: number;
  what: string;
  /** Null when the figure was not measured at this size (or no run had it). */
  value: string | null;
  target: string;
  met: boolean | null;
}

/** Each target against the figures of the size it is set for, or of every size. */
export function verdicts(sizes: readonly MeasuredSize[], targets: readonly Target[] = TARGETS): Verdict[] {
  return targets.flatMap((t) => {
    const target = t.max !== undefined ? `≤ ${t.show(t.max)}` : `≥ ${t.show(t.min!)}`;
    const unmeasured = (papers: number): Verdict => ({ papers, what: t.what, value: null, target, met: null });
    const judge = (size: MeasuredSize): Verdict => {
      const value = t.pick(size);
      if (value === undefined) return unmeasured(size.papers);
      const met = (t.max === undefined || value <= t.max) && (t.min === undefined || value >= t.min);
      return { papers: size.papers, what: t.what, value: t.show(value), target, met };
    };
    if (t.at === undefined) return sizes.map(judge);
    const size = sizes.find((s) => s.papers === t.at);
    return [size ? judge(size) : unmeasured(t.at)];
  });
}

/** Columns as wide as their widest cell; the columns in `left` aligned left, the others (numbers) right. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], left: readonly number[] = [0]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (left.includes(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

const s = (ms: number) => (ms / 1000).toFixed(2);
const mb = (kib: number) => ((kib * KIB) / MB).toFixed(0);
const mbBytes = (bytes: number) => (bytes / MB).toFixed(1);
const kbBytes = (bytes: number) => (bytes / KB).toFixed(1);

/**
 * `measuredOnly`: leave out the targets set for a size the result has not reached (a report
 * printed after each size, while larger ones are still to run).
 */
export function formatSiteBench(result: SiteBenchResult, options: { measuredOnly?: boolean } = {}): string {
  const judged = verdicts(result.sizes).filter((v) => !options.measuredOnly || result.sizes.some((s) => s.papers === v.papers));
  const { machine } = result;
  const out = [
    `site benchmark: seed ${result.seed}; medians of the runs (${result.runs} per size up to ${LARGE_SIZE} papers, ${result.largeRuns} above); ` +
      `Node ${machine.node}, ${machine.cpus} CPUs, ${(machine.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB memory` +
      (result.edits > 0 ? `; dev server: ${result.edits} edits per size${result.editLarge ? "" : ` up to ${LARGE_SIZE} papers`}` : "; dev server not timed") +
      (result.deployed ? `; built as deployed (${Object.keys(DEPLOYED_ENV).join(", ")}; the floor without them)` : "") +
      (result.commit ? `; commit ${result.commit.slice(0, 12)}` : "") +
      ` (${result.root})`,
    "",
    "time, s (full = render + index, the part the floor does too; floor = bare Eleventy as it times itself + bare Pagefind;",
    "build = the whole build command, start-up and ingest included, against both floor commands start to exit;",
    "cpu = user + system CPU time of every process: build cpu the whole command, full cpu without ingest's, floor cpu both floor commands;",
    "disk floor = one thread creating the files ingest writes (each paper file and manifest once, same names and sizes), right before the build,",
    "after the same workspace removal, the file system flushed before and after it; ingest/disk = disk floor s / ingest s;",
    "edit → page = npm start, from saving a paper's file until its page shows the edit, median of the edits; rebuild = that rebuild as Eleventy timed it)",
    ...table(
      [
        "papers",
        "runs",
        "ingest",
        "render",
        "index",
        "full",
        "build",
        "build cpu",
        "full cpu",
        "floor render",
        "floor index",
        "floor wall",
        "floor cpu",
        "full/floor",
        "cpu full/floor",
        "build/floor",
        "ingest papers/s",
        "disk floor",
        "disk floor/s",
        "ingest/disk",
        "edit → page",
        "rebuild",
      ],
      result.sizes.map((size) => {
        const t = size.medians.time;
        const r = size.medians.ratios;
        const e = size.edits?.medians;
        return [
          String(size.papers),
          String(size.runs.length),
          s(t.ingestMs),
          s(t.renderMs),
          s(t.indexMs),
          s(t.fullMs),
          s(t.buildMs),
          s(t.buildCpuMs),
          s(t.fullCpuMs),
          s(t.floorRenderMs),
          s(t.floorIndexMs),
          s(t.floorWallMs),
          s(t.floorCpuMs),
          ratio(r.time),
          ratio(r.cpu),
          ratio(r.wholeTime),
          t.ingestPapersPerSecond.toFixed(0),
          s(t.diskFloorMs),
          t.diskFloorFilesPerSecond.toFixed(0),
          ratio(r.ingestOfFloor),
          e ? s(e.pageMs) : "-",
          e ? s(e.rebuildMs) : "-",
        ];
      }),
    ),
    "",
    "peak memory, MB (resident memory of the whole process tree, sampled; largest process = the kernel's peak of the largest single one)",
    ...table(
      [
        "papers",
        "ingest",
        "render",
        "index",
        "full",
        "build",
        "floor render",
        "floor index",
        "full/floor",
        "build/floor",
        "largest process build",
        "largest process floor",
      ],
      result.sizes.map((size) => {
        const m = size.medians.memory;
        const r = size.medians.ratios;
        return [
          String(size.papers),
          mb(m.ingestKb),
          mb(m.renderKb),
          mb(m.indexKb),
          mb(m.fullKb),
          mb(m.buildKb),
          mb(m.floorRenderKb),
          mb(m.floorIndexKb),
          ratio(r.memory),
          ratio(r.wholeMemory),
          mb(m.buildMaxRssKb),
          mb(m.floorMaxRssKb),
        ];
      }),
    ),
    "",
    "output of the build (apparent sizes; paper pages are papers/<slug>/index.html, +CSS adds assets/style.css to the largest;",
    "abstract = a paper file's Markdown body; around = a paper page less its abstract; for 1.3 KB = the median around + 1.3 KB)",
    ...table(
      [
        "papers",
        "files",
        "HTML MB",
        "index MB",
        "total MB",
        "paper max KB",
        "paper median KB",
        "abstract median KB",
        "around median KB",
        "around max KB",
        "for 1.3 KB KB",
        "paper+CSS KB",
        "largest HTML KB",
        "largest HTML page",
      ],
      result.sizes.map((size) => {
        const o = size.medians.output;
        return [
          String(size.papers),
          o.files.toFixed(0),
          mbBytes(o.htmlBytes),
          mbBytes(o.indexBytes),
          mbBytes(o.totalBytes),
          kbBytes(o.paperHtmlMaxBytes),
          kbBytes(o.paperHtmlMedianBytes),
          kbBytes(o.abstractMedianBytes),
          kbBytes(o.aroundAbstractMedianBytes),
          kbBytes(o.aroundAbstractMaxBytes),
          kbBytes(o.paperFor1300Bytes),
          kbBytes(o.paperPageBytes),
          kbBytes(o.largestHtmlBytes),
          size.largestHtmlPath,
        ];
      }),
      [0, 13],
    ),
    "",
    "targets, on the medians of this invocation's runs (KB, MB, GB = 10^3, 10^6, 10^9 bytes)",
    ...table(
      ["", "papers", "figure", "value", "target"],
      judged.map((v) => [v.met === null ? "not run" : v.met ? "pass" : "FAIL", String(v.papers), v.what, v.value ?? "-", v.target]),
      [0, 2, 4],
    ),
  ];
  return `${out.join("\n")}\n`;
}
