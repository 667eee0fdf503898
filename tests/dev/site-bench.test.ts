import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { retitle, spreadPick, type EditFigures } from "../../scripts/dev/bench/edit-bench.js";
import { BUILD_ENDED, indexedLine, parseEleventyLine, parseIndexedLine, serverPort } from "../../scripts/build/eleventy-lines.js";
import {
  checkCpuCounted,
  cpuAt,
  ingestedFiles,
  measureFileFloor,
  parseProcStat,
  peakInWindow,
  processTree,
  type MemorySample,
  type Sampled,
} from "../../scripts/dev/bench/measure.js";
import {
  abstractBytes,
  listSiteFiles,
  medianFigures,
  outputStats,
  parseTimings,
  runFigures,
  type BuildTimings,
  type OutputFigures,
  type RunFigures,
  type SiteBenchResult,
} from "../../scripts/dev/bench/site-bench.js";
import { formatSiteBench, table, verdicts } from "../../scripts/dev/bench/site-bench-report.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "site-bench-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const samples = (pairs: [number, number, number?][]): MemorySample[] => pairs.map(([at, rssKb, cpuMs = 0]) => ({ at, rssKb, cpuMs }));

function sampled(fields: Partial<Sampled>): Sampled {
  const none = { start: 0, end: 0, wallMs: 0, cpuMs: 0, sampledCpuMs: 0, processes: 0, maxRssKb: 0, peakRssKb: 0 };
  return { ...none, samples: [], status: 0, stdout: "", stderr: "", ...fields };
}

const output: OutputFigures = {
  files: 10,
  htmlBytes: 5000,
  indexBytes: 3000,
  totalBytes: 9000,
  largestHtmlBytes: 2000,
  paperHtmlMaxBytes: 1000,
  paperHtmlMedianBytes: 800,
  cssBytes: 500,
  paperPageBytes: 1500,
  abstractMedianBytes: 300,
  aroundAbstractMedianBytes: 600,
  aroundAbstractMaxBytes: 700,
  paperFor1300Bytes: 1900,
};

describe("processTree", () => {
  it("lists a process and all its descendants, and nothing else", () => {
    const parents = new Map([
      [10, 1],
      [11, 10],
      [12, 10],
      [13, 11],
      [20, 1],
      [21, 20],
    ]);
    expect(processTree(parents, 10)).toEqual([10, 11, 12, 13]);
    expect(processTree(parents, 13)).toEqual([13]);
  });
});

describe("reading /proc/<pid>/stat", () => {
  it("takes the parent, the process's own CPU ticks and its start, whatever its command is called", () => {
    const fields = (command: string) =>
      `4242 (${command}) S 17 4242 17 0 -1 4194560 900 50 0 0 1234 56 7 8 20 0 11 0 98765 1000000 2000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0`;
    expect(parseProcStat(fields("node"))).toEqual({ ppid: 17, cpuTicks: 1290, startTicks: 98765 });
    expect(parseProcStat(fields("a) b (c"))).toEqual({ ppid: 17, cpuTicks: 1290, startTicks: 98765 });
  });

  it("reads this process's own line", () => {
    const stat = parseProcStat(readFileSync("/proc/self/stat", "utf8"));
    expect(stat.ppid).toBe(process.ppid);
    expect(stat.startTicks).toBeGreaterThan(0);
  });
});

describe("CPU time from the samples", () => {
  const cpu = samples([
    [100, 0, 0],
    [200, 0, 50],
    [300, 0, 250],
  ]);

  it("cpuAt interpolates between the samples either side, from 0 at the command's start", () => {
    expect(cpuAt(cpu, 0, 150)).toBe(25);
    expect(cpuAt(cpu, 0, 200)).toBe(50);
    expect(cpuAt(cpu, 0, 275)).toBe(200);
    expect(cpuAt(cpu, 0, 50)).toBe(0);
    expect(cpuAt(cpu, 60, 80)).toBe(0);
    expect(cpuAt(cpu, 0, 900)).toBe(250);
    expect(cpuAt([], 0, 10)).toBe(0);
  });

  it("checkCpuCounted refuses a total below what the processes were seen to use, beyond tick rounding", () => {
    expect(() => checkCpuCounted("the build", 10_000, 10_050, 3)).not.toThrow();
    expect(() => checkCpuCounted("the build", 9_000, 12_000, 3)).toThrow(
      /the build: the kernel counted 9\.00 s of CPU, but its processes were seen using 12\.00 s/,
    );
  });
});

describe("peakInWindow", () => {
  const all = samples([
    [100, 50],
    [150, 80],
    [200, 300],
    [250, 120],
    [300, 90],
  ]);

  it("takes the largest sample inside the window, its ends included", () => {
    expect(peakInWindow(all, { start: 150, end: 250 })).toBe(300);
    expect(peakInWindow(all, { start: 250, end: 400 })).toBe(120);
    expect(peakInWindow(all, { start: 0, end: 100 })).toBe(50);
  });

  it("gives a window between two samples the larger of its neighbours", () => {
    expect(peakInWindow(all, { start: 210, end: 240 })).toBe(300);
    expect(peakInWindow(all, { start: 310, end: 320 })).toBe(90);
  });

  it("refuses to make up a figure without samples", () => {
    expect(() => peakInWindow([], { start: 0, end: 1 })).toThrow(/no memory samples/);
  });
});

describe("parseTimings", () => {
  const phases = [
    { name: "ingest", start: 1000, end: 1200 },
    { name: "render", start: 1200, end: 5000 },
    { name: "index", start: 5000, end: 6000 },
  ];

  it("reads the phases and counts the build writes", () => {
    const timings = parseTimings(JSON.stringify({ phases, files: 413, indexed: 300 }));
    expect(timings.render).toEqual({ name: "render", start: 1200, end: 5000 });
    expect([timings.files, timings.indexed]).toEqual([413, 300]);
  });

  it("refuses timings without every phase or without counts", () => {
    expect(() => parseTimings(JSON.stringify({ phases: phases.slice(0, 2), files: 1, indexed: 1 }))).toThrow(/no index phase/);
    expect(() => parseTimings(JSON.stringify({ phases }))).toThrow(/no files or indexed/);
  });
});

describe("parseEleventyLine", () => {
  it("reads files written and seconds, with or without colour codes", () => {
    expect(parseEleventyLine("[11ty] Wrote 300 files in 1.35 seconds (4.5ms each, v3.1.8)\n")).toEqual({ files: 300, ms: 1350 });
    expect(parseEleventyLine("[11ty] Wrote \x1b[1m1\x1b[22m file in \x1b[1m0.09\x1b[22m seconds")).toEqual({ files: 1, ms: 90 });
    expect(() => parseEleventyLine("")).toThrow(/no "Wrote N files/);
  });

  it("reads a dev server's rebuild line, which the end of a build is told by, failed or not", () => {
    const rebuilt = "[11ty] Copied 1 Wrote 30 files in 0.77 seconds (v3.1.8)";
    expect(parseEleventyLine(rebuilt)).toEqual({ files: 30, ms: 770 });
    expect(BUILD_ENDED.test(rebuilt)).toBe(true);
    expect(BUILD_ENDED.test("[11ty] Wrote 0 files in 0.07 seconds (v3.1.8)")).toBe(true);
    expect(BUILD_ENDED.test("[11ty] Writing ./site/papers/wrote-3-files-in/index.html from ./content/papers.njk (virtual)")).toBe(false);
  });
});

describe("reading the dev server's output", () => {
  it("takes the port it announces, which may not be the one asked for", () => {
    expect(serverPort("[11ty] Server at http://localhost:8081/")).toBe(8081);
    expect(serverPort("[11ty] Server at \x1b[1mhttp://localhost:39001/\x1b[22m")).toBe(39001);
    expect(serverPort("[11ty] Watching…")).toBeUndefined();
  });

  it("reads how long a search indexing took, and refuses a failed one", () => {
    const indexed = { pages: 10000, ms: 7250, written: 1, shards: 3 };
    expect(indexedLine(indexed)).toBe("[search] Indexed 10000 papers in 7.25 s (1 of 3 shards indexed again)");
    expect(parseIndexedLine(indexedLine(indexed))).toEqual(indexed);
    expect(parseIndexedLine(indexedLine({ ...indexed, shards: 1 }))).toEqual({ ...indexed, shards: 1 });
    expect(() => parseIndexedLine("[search] Indexing failed: out of memory")).toThrow(/did not succeed: \[search\] Indexing failed: out of memory/);
  });
});

describe("the dev server's edits", () => {
  const paper = '---\ntitle: "Old: a \\"quoted\\" title"\nauthors: 3\ndigests: [2026-04-13]\n---\ntitle: not front matter\n';

  it("retitle changes the front matter's title and nothing else", () => {
    expect(retitle(paper, "Retitled by the benchmark, edit 1 of 3")).toBe(
      '---\ntitle: "Retitled by the benchmark, edit 1 of 3"\nauthors: 3\ndigests: [2026-04-13]\n---\ntitle: not front matter\n',
    );
    expect(() => retitle("---\nauthors: 3\n---\ntitle: body\n", "x")).toThrow(/no title/);
    expect(() => retitle("title: no front matter\n", "x")).toThrow(/no title/);
  });

  it("spreadPick takes distinct papers spread over the corpus", () => {
    const slugs = Array.from({ length: 10 }, (_, i) => `p${i}`);
    expect(spreadPick(slugs, 3)).toEqual(["p1", "p5", "p8"]);
    expect(spreadPick(slugs, 10)).toEqual(slugs);
    expect(spreadPick(["only"], 1)).toEqual(["only"]);
    expect(() => spreadPick(slugs, 11)).toThrow(/only 10 papers/);
  });
});

describe("runFigures: phase attribution and ratios", () => {
  const timings: BuildTimings = {
    ingest: { name: "ingest", start: 1000, end: 1500 },
    render: { name: "render", start: 1500, end: 4500 },
    index: { name: "index", start: 4500, end: 6000 },
    files: 0,
    indexed: 1000,
  };
  const build = sampled({
    start: 500,
    wallMs: 7000,
    cpuMs: 6500,
    maxRssKb: 600,
    peakRssKb: 1000,
    samples: samples([
      [900, 50, 300],
      [1200, 100, 400],
      [1400, 150, 600],
      [2000, 400, 1100],
      [4000, 600, 3000],
      [5000, 1000, 4000],
      [5900, 700, 5800],
      [6100, 60, 6000],
    ]),
  });
  const floor = {
    renderMs: 2000,
    render: sampled({ wallMs: 3000, cpuMs: 2500, peakRssKb: 500, maxRssKb: 480 }),
    index: sampled({ wallMs: 2000, cpuMs: 2500, peakRssKb: 400, maxRssKb: 300 }),
  };
  const figures = runFigures(1000, { timings, sampled: build }, floor, output, { writeMs: 400, writesPerSecond: 2500 });

  it("gives each phase the samples of its window", () => {
    expect(figures.memory).toEqual({
      ingestKb: 150,
      renderKb: 600,
      indexKb: 1000,
      fullKb: 1000,
      buildKb: 1000,
      buildMaxRssKb: 600,
      floorRenderKb: 500,
      floorIndexKb: 400,
      floorKb: 500,
      floorMaxRssKb: 480,
    });
  });

  it("sets render + index against the floor, and the whole command against both floor commands", () => {
    expect(figures.time).toMatchObject({
      ingestMs: 500,
      renderMs: 3000,
      indexMs: 1500,
      fullMs: 4500,
      buildMs: 7000,
      floorWallMs: 5000,
      ingestPapersPerSecond: 2000,
      diskFloorMs: 400,
      diskFloorFilesPerSecond: 2500,
    });
    expect(figures.ratios).toMatchObject({ time: 4500 / 4000, memory: 1000 / 500, wholeTime: 7000 / 5000, wholeMemory: 1000 / 500 });
  });

  it("takes ingest's CPU time out of the build's, from the samples at its start (1000) and end (1500), and sets the rest against the floor's", () => {
    // At 1000 ms: 300 + (400 - 300) × 100 / 300; at 1500 ms: 600 + (1100 - 600) × 100 / 600.
    const ingestCpuMs = 600 + 500 / 6 - (300 + 100 / 3);
    expect(figures.time.ingestCpuMs).toBeCloseTo(ingestCpuMs, 9);
    expect(figures.time.fullCpuMs).toBeCloseTo(6500 - ingestCpuMs, 9);
    expect(figures.time).toMatchObject({ buildCpuMs: 6500, floorRenderCpuMs: 2500, floorIndexCpuMs: 2500, floorCpuMs: 5000 });
    expect(figures.ratios.cpu).toBeCloseTo((6500 - ingestCpuMs) / 5000, 9);
    expect(figures.ratios.wholeCpu).toBe(6500 / 5000);
    // Time to time: the floor's 400 ms for the files ingest wrote in its 500 ms.
    expect(figures.ratios.ingestOfFloor).toBe(400 / 500);
  });
});

describe("the disk floor: the file system work of an ingest", () => {
  const content = join(dir, "floor-content");
  mkdirSync(join(content, "papers"), { recursive: true });
  mkdirSync(join(content, "digests"), { recursive: true });
  const manifest = (slugs: string[]) => JSON.stringify({ papers: slugs.map((slug) => ({ slug, title: slug })) });
  writeFileSync(join(content, "digests", "2026-04-02.json"), manifest(["b", "c"]));
  writeFileSync(join(content, "digests", "2026-04-01.json"), manifest(["c", "a"]));
  writeFileSync(join(content, "papers", "a.md"), "a".repeat(10));
  writeFileSync(join(content, "papers", "b.md"), "b".repeat(20));
  writeFileSync(join(content, "papers", "c.md"), "c".repeat(30));
  writeFileSync(join(content, "papers", "unlisted.md"), "u");
  writeFileSync(join(content, "papers", ".a.md.1.1.tmp"), "");

  it("lists every paper file and manifest once, in the order ingest creates them (oldest manifest first, after its new papers)", () => {
    const sizes = { a: 10, b: 20, c: 30 } as Record<string, number>;
    const paper = (slug: string) => ({ folder: "papers", name: `${slug}.md`, bytes: sizes[slug]! });
    const digest = (date: string) => ({ folder: "digests", name: `${date}.json`, bytes: manifest(date === "2026-04-01" ? ["c", "a"] : ["b", "c"]).length });
    expect(ingestedFiles(content)).toEqual([
      paper("c"),
      paper("a"),
      digest("2026-04-01"),
      paper("b"),
      digest("2026-04-02"),
      { folder: "papers", name: "unlisted.md", bytes: 1 },
    ]);
  });

  it("creates those files, named and sized alike, and times it", () => {
    const at = join(dir, "floor-run");
    const files = ingestedFiles(content);
    const floor = measureFileFloor(at, files, { remove: false });
    expect(floor).toMatchObject({ files: 6, bytes: files.reduce((sum, f) => sum + f.bytes, 0) });
    expect(floor.writeMs).toBeGreaterThan(0);
    expect(floor.writesPerSecond).toBeCloseTo((6 * 1000) / floor.writeMs, 6);
    // Nothing but the files, of their sizes: no temporary file is left.
    for (const folder of ["papers", "digests"]) {
      const mine = files.filter((f) => f.folder === folder);
      expect(readdirSync(join(at, folder)).sort()).toEqual(mine.map((f) => f.name).sort());
      for (const f of mine) expect(readFileSync(join(at, folder, f.name)).length).toBe(f.bytes);
    }
    measureFileFloor(at, files);
    expect(existsSync(at)).toBe(false);
  });
});

function editsWith(pageMs: number): EditFigures {
  const samples = [{ slug: "a", pageMs, rebuildMs: 800, files: 30, indexMs: 5000 }];
  return { startMs: 1, firstBuild: { files: 1, ms: 1 }, firstIndexMs: 1, samples, medians: { pageMs, rebuildMs: 800, files: 30 } };
}

function figuresWith(n: number): RunFigures {
  const time = {
    ingestMs: n,
    renderMs: n,
    indexMs: n,
    fullMs: n,
    buildMs: n,
    buildCpuMs: n,
    ingestCpuMs: n,
    fullCpuMs: n,
    floorRenderMs: n,
    floorIndexMs: n,
    floorWallMs: n,
    floorRenderCpuMs: n,
    floorIndexCpuMs: n,
    floorCpuMs: n,
    ingestPapersPerSecond: n,
    diskFloorMs: n,
    diskFloorFilesPerSecond: n,
  };
  const memory = {
    ingestKb: n,
    renderKb: n,
    indexKb: n,
    fullKb: n,
    buildKb: n,
    buildMaxRssKb: n,
    floorRenderKb: n,
    floorIndexKb: n,
    floorKb: n,
    floorMaxRssKb: n,
  };
  const ratios = { time: n, cpu: n, wholeCpu: n, ingestOfFloor: n, memory: n, wholeTime: n, wholeMemory: n };
  return { time, memory, ratios, output: { ...output, totalBytes: n } };
}

describe("medianFigures", () => {
  it("takes each figure's median over the runs", () => {
    const runs = [figuresWith(5), figuresWith(1), figuresWith(3)];
    runs[0]!.memory.fullKb = 100;
    const m = medianFigures(runs);
    expect(m.time.renderMs).toBe(3);
    expect(m.ratios.memory).toBe(3);
    expect(m.memory.fullKb).toBe(3);
    expect(m.output).toEqual({ ...output, totalBytes: 3 });
    expect(medianFigures([figuresWith(2), figuresWith(4)]).time.buildMs).toBe(3);
    expect(() => medianFigures([])).toThrow();
  });
});

describe("output sizes", () => {
  it("counts apparent bytes of a hand-made site, sorting HTML, index and paper pages", () => {
    const site = join(dir, "site");
    const files: Record<string, number> = {
      "index.html": 300,
      "dates/2026/index.html": 4000,
      "papers/a/index.html": 1000,
      "papers/b/index.html": 2000,
      "papers/c/index.html": 1500,
      "papers/a.bib": 100,
      "papers/a/extra/index.html": 50,
      "assets/style.css": 700,
      "pagefind/pagefind.js": 900,
      "pagefind/fragment/x.pf_fragment": 123,
      "pagefind-1/fragment/y.pf_fragment": 77,
      "pagefinder/not-an-index.txt": 5,
    };
    for (const [path, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(site, path)), { recursive: true });
      writeFileSync(join(site, path), "x".repeat(bytes));
    }
    symlinkSync(join(site, "dates/2026/index.html"), join(site, "link.html"));
    const listed = listSiteFiles(site);
    expect(listed.map((f) => f.path).sort()).toEqual(Object.keys(files).sort());
    // Pages a, b, c: 1000 - 400, 2000 - 1300, 1500 - 100 around their abstracts.
    const abstracts = new Map([
      ["a", 400],
      ["b", 1300],
      ["c", 100],
    ]);
    expect(outputStats(listed, abstracts)).toEqual({
      figures: {
        files: 12,
        htmlBytes: 300 + 4000 + 1000 + 2000 + 1500 + 50,
        indexBytes: 1100,
        totalBytes: 10755,
        largestHtmlBytes: 4000,
        paperHtmlMaxBytes: 2000,
        paperHtmlMedianBytes: 1500,
        cssBytes: 700,
        paperPageBytes: 2700,
        abstractMedianBytes: 400,
        aroundAbstractMedianBytes: 700,
        aroundAbstractMaxBytes: 1400,
        paperFor1300Bytes: 2000,
      },
      largestHtmlPath: "dates/2026/index.html",
    });
  });

  it("refuses a site without paper pages, without its stylesheet, or with a page whose paper file it was not given", () => {
    const css = { path: "assets/style.css", bytes: 1 };
    const page = { path: "papers/a/index.html", bytes: 1 };
    expect(() => outputStats([css], new Map())).toThrow(/no paper pages/);
    expect(() => outputStats([page], new Map([["a", 1]]))).toThrow(/no assets\/style.css/);
    expect(() => outputStats([page, css], new Map([["b", 1]]))).toThrow(/no paper file for the page papers\/a\/index.html/);
  });

  it("takes a paper file's abstract as its Markdown body, in bytes", () => {
    expect(abstractBytes('---\ntitle: "T"\nauthors: 2\n---\nAn abstract é.\n')).toBe(15);
    expect(abstractBytes("---\ntitle: x\n---\n\n  Body  \n\n")).toBe(4);
    expect(() => abstractBytes("no front matter")).toThrow(/without front matter/);
  });
});

describe("the report", () => {
  it("pads columns, numbers to the right", () => {
    expect(
      table(
        ["name", "n"],
        [
          ["a", "100"],
          ["long name", "2"],
        ],
      ),
    ).toEqual(["name         n", "a          100", "long name    2"]);
  });

  it("marks each target met or not at the sizes it is set for", () => {
    const small = figuresWith(1);
    small.ratios.time = 1.2;
    small.ratios.cpu = 1.31;
    small.ratios.memory = 1.6;
    small.output.largestHtmlBytes = 250_000;
    small.output.paperFor1300Bytes = 5_900;
    small.ratios.ingestOfFloor = 0.79;
    const found = verdicts([{ papers: 10_000, medians: small }]);
    const at = (what: string) => found.filter((v) => v.what === what).map((v) => [v.papers, v.value, v.met]);
    expect(at("render + index wall time / floor")).toEqual([[10_000, "1.20", true]]);
    expect(at("build CPU time (less ingest) / floor")).toEqual([[10_000, "1.31", false]]);
    expect(at("render + index peak memory / floor")).toEqual([[10_000, "1.60", false]]);
    expect(at("peak memory of the whole build")).toEqual([[100_000, null, null]]);
    expect(at("total output")).toEqual([[100_000, null, null]]);
    expect(at("largest HTML page")).toEqual([[10_000, "250.0 KB", false]]);
    expect(at("paper page HTML for a 1.3 KB abstract")).toEqual([[10_000, "5.9 KB", true]]);
    expect(at("ingest speed / disk floor")).toEqual([[10_000, "79 %", false]]);
    expect(at("edit → page (npm start)")).toEqual([[10_000, null, null]]);
  });

  it("judges the 100,000-paper targets there, in decimal units, memory measured in KiB", () => {
    const large = figuresWith(1);
    large.memory.buildKb = (8e9 + 1024) / 1024;
    large.output.totalBytes = 1e9;
    large.output.largestHtmlBytes = 200_000;
    const found = verdicts([{ papers: 100_000, medians: large }]);
    const at = (what: string) => found.filter((v) => v.what === what).map((v) => [v.papers, v.met]);
    expect(at("peak memory of the whole build")).toEqual([[100_000, false]]);
    expect(at("total output")).toEqual([[100_000, true]]);
    expect(at("largest HTML page")).toEqual([[100_000, true]]);
    expect(at("render + index wall time / floor")).toEqual([[10_000, null]]);
  });

  it("judges the dev server's median edit → page at 10,000 papers, when it was timed there", () => {
    const judged = (pageMs: number, papers = 10_000) =>
      verdicts([{ papers, medians: figuresWith(1), edits: editsWith(pageMs) }]).find((v) => v.what === "edit → page (npm start)");
    expect(judged(999)).toMatchObject({ papers: 10_000, value: "1.00 s", target: "≤ 1.00 s", met: true });
    expect(judged(1001)).toMatchObject({ value: "1.00 s", met: false });
    expect(judged(900, 1000)).toMatchObject({ papers: 10_000, value: null, met: null });
  });

  it("prints the tables and the verdicts", () => {
    const medians = figuresWith(2000);
    const result: SiteBenchResult = {
      machine: { node: "v20.0.0", cpus: 2, totalMemoryBytes: 2 ** 34, loadAverage: [0, 0, 0] },
      root: "/repo",
      commit: "0123456789abcdef",
      date: "2026-04-13T00:00:00.000Z",
      seed: 1,
      runs: 3,
      largeRuns: 1,
      edits: 3,
      editLarge: false,
      sizes: [
        { papers: 1000, listings: 28, entries: 1040, corpusBytes: 1, runs: [], medians, largestHtmlPath: "dates/index.html" },
        { papers: 10_000, listings: 280, entries: 10_400, corpusBytes: 1, runs: [], medians, largestHtmlPath: "dates/index.html", edits: editsWith(2500) },
      ],
    };
    const text = formatSiteBench(result);
    expect(text).toContain("Node v20.0.0, 2 CPUs, 16.0 GiB memory; dev server: 3 edits per size up to 10000 papers; commit 0123456789ab (/repo)");
    expect(text).toMatch(/^10000 +0 +2\.00 +2\.00 .* 2000 +2\.00 +2000 +2000\.00 +2\.50 +0\.80$/m);
    expect(text).toMatch(/^1000 +0 +2\.00 .* 2000\.00 +- +-$/m);
    expect(text).toMatch(/^FAIL +10000 +edit → page \(npm start\) +2\.50 s +≤ 1\.00 s$/m);
    expect(text).toMatch(/^FAIL +10000 +render \+ index wall time \/ floor +2000\.00 +≤ 1\.30$/m);
    expect(text).toMatch(/^FAIL +10000 +build CPU time \(less ingest\) \/ floor +2000\.00 +≤ 1\.30$/m);
    expect(text).toMatch(/^pass +1000 +ingest speed \/ disk floor +200000 % +≥ 80 %$/m);
    expect(text).toMatch(/^not run +100000 +total output +- +≤ 1\.00 GB$/m);
    expect(text).toMatch(/dates\/index\.html$/m);
    // After one size, while larger ones still run: only that size's targets.
    const partial = formatSiteBench({ ...result, sizes: [result.sizes[0]!] }, { measuredOnly: true });
    expect(partial).toMatch(/^pass +1000 +ingest speed \/ disk floor /m);
    expect(partial).not.toMatch(/^not run /m);
    expect(partial).not.toMatch(/^(pass|FAIL) +10000 /m);
  });
});

describe("npm run bench, end to end", () => {
  it("builds a small corpus and its floor, times the dev server, and writes consistent figures", { timeout: 300_000 }, () => {
    const work = join(dir, "work");
    const json = join(dir, "result.json");
    const results = join(dir, "results");
    // The suite's NODE_OPTIONS (--import tsx, resolved from the working directory) would break the builds in their workspace.
    const env = { ...process.env, NODE_OPTIONS: "" };
    const args = [
      "--import",
      "tsx",
      "scripts/dev/bench.ts",
      "--papers",
      "300",
      "--runs",
      "1",
      "--edits",
      "2",
      "--work",
      work,
      "--json",
      json,
      "--results",
      results,
    ];
    const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env });
    expect(run.stderr).toContain("bench: 300 papers, run 1/1: building…");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^300 +1 /m);
    expect(run.stdout).toMatch(/^300 papers:$/m);
    expect(run.stdout).toMatch(/^(pass|FAIL) +300 +paper page HTML for a 1\.3 KB abstract /m);
    expect(run.stdout).toMatch(/^(pass|FAIL) +300 +ingest speed \/ disk floor /m);
    expect(run.stderr).toMatch(/^bench: 300 papers, run 1\/1: render \+ index .* CPU .* \(disk floor \d+\.\d\d s, \d+ files\/s, \d+ %\)$/m);
    // The disk floor comes right after the workspace's removal, before the build.
    expect(run.stderr.indexOf("run 1/1: disk floor…")).toBeLessThan(run.stderr.indexOf("run 1/1: building…"));
    expect(run.stderr).toMatch(/^bench: 300 papers, dev server: edit 2\/2 \([\w-]+\): page after \d+\.\d\d s; Eleventy wrote \d+ files in /m);
    // One size: its own targets only, none set for sizes it did not run.
    expect(run.stdout).not.toMatch(/^not run /m);

    const result = JSON.parse(readFileSync(json, "utf8")) as SiteBenchResult;
    expect(JSON.parse(readFileSync(join(work, "last.json"), "utf8"))).toEqual(result);
    const saved = readdirSync(results).sort();
    expect(saved).toEqual([expect.stringMatching(/^site-bench-[\dT-]+Z\.json$/), expect.stringMatching(/^site-bench-[\dT-]+Z\.txt$/)]);
    expect(JSON.parse(readFileSync(join(results, saved[0]!), "utf8"))).toEqual(result);
    expect(readFileSync(join(results, saved[1]!), "utf8")).toContain(run.stdout.trim());
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    const [size] = result.sizes;
    expect(size?.papers).toBe(300);
    expect(size?.runs).toHaveLength(1);
    const [only] = size!.runs;
    expect(only!.counts).toMatchObject({ indexed: 300, paperFiles: 300, floorPages: 300, floorIndexed: 300 });
    const { time, memory, ratios, output: out } = size!.medians;
    for (const value of [...Object.values(time), ...Object.values(memory), ...Object.values(ratios)]) {
      expect(Number.isFinite(value) && value > 0).toBe(true);
    }
    expect(time.fullMs).toBeCloseTo(time.renderMs + time.indexMs, 0);
    expect(memory.fullKb).toBeGreaterThanOrEqual(Math.max(memory.renderKb, memory.indexKb));
    expect(memory.buildKb).toBeGreaterThanOrEqual(memory.buildMaxRssKb);
    expect(out.htmlBytes).toBeGreaterThan(0);
    expect(out.indexBytes).toBeGreaterThan(0);
    expect(out.totalBytes).toBeGreaterThanOrEqual(out.htmlBytes + out.indexBytes);
    expect(out.paperHtmlMaxBytes).toBeGreaterThanOrEqual(out.paperHtmlMedianBytes);
    expect(out.paperPageBytes).toBe(out.paperHtmlMaxBytes + out.cssBytes);
    expect(out.abstractMedianBytes).toBeGreaterThan(100);
    expect(out.aroundAbstractMedianBytes).toBeLessThan(out.paperHtmlMedianBytes);
    expect(out.paperFor1300Bytes).toBe(out.aroundAbstractMedianBytes + 1300);
    expect(time.fullCpuMs).toBeLessThan(time.buildCpuMs);
    expect(out.largestHtmlBytes).toBeGreaterThanOrEqual(out.paperHtmlMaxBytes);
    // Two different papers, each edit seen on its page after the file was written, by a rebuild that wrote a few files.
    const edits = size!.edits!;
    expect(edits.samples).toHaveLength(2);
    expect(new Set(edits.samples.map((e) => e.slug)).size).toBe(2);
    for (const edit of edits.samples) {
      expect(edit.pageMs).toBeGreaterThan(0);
      expect(edit.files).toBeGreaterThan(0);
      expect(edit.files).toBeLessThan(out.files / 2);
      expect(edit.indexMs).toBeGreaterThan(0);
    }
    expect(edits.firstBuild.files).toBeGreaterThan(300);
    // The workspace goes; the corpus stays for the next run.
    expect(existsSync(join(work, "ws"))).toBe(false);
    expect(existsSync(join(work, "corpus-300-seed-1", "corpus.json"))).toBe(true);
  });

  it("with --deployed, builds the same corpus as the deploy workflow does: absolute URLs and contribution links make more bytes", { timeout: 300_000 }, () => {
    const plain = JSON.parse(readFileSync(join(dir, "result.json"), "utf8")) as SiteBenchResult;
    const json = join(dir, "deployed.json");
    const env = { ...process.env, NODE_OPTIONS: "" };
    const args = ["--import", "tsx", "scripts/dev/bench.ts", "--papers", "300", "--runs", "1", "--edits", "0", "--deployed"];
    const run = spawnSync(process.execPath, [...args, "--work", join(dir, "work"), "--json", json, "--results", join(dir, "results-deployed")], {
      cwd: ROOT,
      encoding: "utf8",
      env,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("; built as deployed (PATH_PREFIX, SITE_URL, SITE_REPOSITORY; the floor without them)");
    const result = JSON.parse(readFileSync(json, "utf8")) as SiteBenchResult;
    expect([plain.deployed, result.deployed]).toEqual([false, true]);
    const [before, after] = [plain, result].map((r) => r.sizes[0]!.medians.output);
    expect(after!.files).toBe(before!.files);
    expect(after!.totalBytes).toBeGreaterThan(before!.totalBytes);
  });
});
