/**
 * Measurements for the benchmark scripts, meant to be shared by all of them: a command's wall
 * time, CPU time and peak memory, medians, and the floor a disk sets for writing and reading many
 * small files. CPU time and the largest process's peak come from the kernel, through `reap.py`
 * (python3): it runs the command as a child subreaper, so that every process the command starts
 * is waited for and counted, even one its parent left running (Pagefind's and esbuild's helpers),
 * which GNU time would miss. `sampleCommand` also samples the resident memory of the command's
 * whole process tree from /proc, which is what the machine must hold while a command runs a
 * helper binary (Pagefind) beside itself.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REAP = fileURLToPath(new URL("./reap.py", import.meta.url));
// The system Python, not a version manager's shim (a shell script whose processes would be timed too).
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

/** What reap.py writes. */
interface ReapReport {
  status: number | null;
  userMs: number;
  systemMs: number;
  maxRssKb: number;
  reaped: number;
  stillRunning: number;
}

function readReport(file: string): ReapReport {
  const report = JSON.parse(readFileSync(file, "utf8")) as ReapReport;
  if (report.stillRunning > 0) throw new Error(`${report.stillRunning} processes the command started were still running long after it exited`);
  return report;
}

const cannotRun = (error: Error) => new Error(`cannot run ${PYTHON} ${REAP} (the benchmark needs Python 3 and Linux): ${error.message}`);

export interface Measured {
  wallMs: number;
  /** User and system CPU time of the command: what a busy machine inflates least. */
  cpuMs: number;
  /** Peak resident memory of the command, in KiB. */
  peakRssKb: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

export function measureCommand(command: string, args: readonly string[], options: { cwd?: string } = {}): Measured {
  const dir = mkdtempSync(join(tmpdir(), "measure-"));
  const report = join(dir, "report.json");
  try {
    const started = performance.now();
    const result = spawnSync(PYTHON, [REAP, report, command, ...args], { cwd: options.cwd, encoding: "utf8", maxBuffer: 1 << 30 });
    const wallMs = performance.now() - started;
    if (result.error) throw cannotRun(result.error);
    const { userMs, systemMs, maxRssKb } = readReport(report);
    return { wallMs, cpuMs: userMs + systemMs, peakRssKb: maxRssKb, status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One file an ingest wrote: its folder (relative to the content folder), name and size. */
export interface IngestedFile {
  /** `papers` or `digests`. */
  folder: string;
  name: string;
  bytes: number;
}

/**
 * The files an ingest left in a content folder (`papers/*.md`, `digests/*.json`), each once, in
 * the order ingest creates them: oldest manifest first, the papers it lists that no older one did,
 * then the manifest itself. That is the file system work any ingest of these listings must do,
 * whatever it does besides (rewriting a paper a later listing adds a date to is its own choice).
 */
export function ingestedFiles(contentDir: string): IngestedFile[] {
  const sizes = (folder: string, extension: string) =>
    new Map(
      readdirSync(join(contentDir, folder))
        .filter((name) => name.endsWith(extension) && !name.startsWith("."))
        .sort()
        .map((name) => [name, statSync(join(contentDir, folder, name)).size]),
    );
  const papers = sizes("papers", ".md");
  const manifests = sizes("digests", ".json");
  const files: IngestedFile[] = [];
  const take = (folder: string, name: string, from: Map<string, number>) => {
    const bytes = from.get(name);
    if (bytes === undefined) return;
    from.delete(name);
    files.push({ folder, name, bytes });
  };
  for (const name of [...manifests.keys()]) {
    const manifest = JSON.parse(readFileSync(join(contentDir, "digests", name), "utf8")) as { papers: { slug: string }[] };
    for (const { slug } of manifest.papers) take("papers", `${slug}.md`, papers);
    take("digests", name, manifests);
  }
  for (const name of [...papers.keys()]) take("papers", name, papers);
  return files;
}

export interface FileFloor {
  files: number;
  /** All the files' bytes together. */
  bytes: number;
  /** Creating them all, ms: what an ingest of the same files is set against, time to time. */
  writeMs: number;
  /** Files created per second as ingest creates them: a temporary file, then a rename. */
  writesPerSecond: number;
  /** Reading them all back, ms. */
  readMs: number;
  /** The same files read back per second. */
  readsPerSecond: number;
}

/**
 * How fast this disk lets one thread do an ingest's file system work: create `files` (ingestedFiles)
 * in `dir`, under their folders and names and of their sizes, each the way `writeFileAtomicSync`
 * does (a temporary file `.<name>.<pid>.<n>.tmp` opened with "wx", then renamed over its name), then
 * read them back. Nothing else: no program that writes these files can beat it. `dir` is emptied
 * first and removed afterwards unless `remove` is false (the caller may want the removal to come later,
 * as the removal of a workspace comes before an ingest).
 */
export function measureFileFloor(dir: string, files: readonly IngestedFile[], options: { remove?: boolean } = {}): FileFloor {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const texts = new Map<number, string>();
    const text = (bytes: number) => {
      let t = texts.get(bytes);
      if (t === undefined) texts.set(bytes, (t = "x".repeat(Math.max(bytes - 1, 0)) + "\n"));
      return t;
    };
    const paths = files.map((f) => join(dir, f.folder, f.name));
    const folders = [...new Set(files.map((f) => join(dir, f.folder)))];
    let bytes = 0;
    for (const f of files) bytes += f.bytes;
    // The texts are made before the clock starts: ingest has its text in hand when it writes.
    for (const f of files) text(f.bytes);
    let started = performance.now();
    for (const folder of folders) mkdirSync(folder, { recursive: true });
    for (const [i, f] of files.entries()) {
      const path = paths[i]!;
      const temp = join(dir, f.folder, `.${f.name}.${process.pid}.${i + 1}.tmp`);
      writeFileSync(temp, text(f.bytes), { encoding: "utf8", flag: "wx" });
      renameSync(temp, path);
    }
    const writeMs = performance.now() - started;
    started = performance.now();
    for (const path of paths) readFileSync(path, "utf8");
    const readMs = performance.now() - started;
    const rate = (ms: number) => (files.length * 1000) / ms;
    return { files: files.length, bytes, writeMs, writesPerSecond: rate(writeMs), readMs, readsPerSecond: rate(readMs) };
  } finally {
    if (options.remove !== false) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Flushes the file system that holds `path` (`sync -f`, syncfs(2)), so that its pending writes and
 * removals are not left to whatever writes next: on ext4 with `discard`, a removal's cost lands at
 * the journal's next commit, seconds later, on whoever is creating files then.
 */
export function syncFileSystem(path: string): void {
  const run = spawnSync("sync", ["-f", path], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`sync -f ${path} failed: ${run.error?.message ?? run.stderr.trim()}`);
}

/** `git rev-parse HEAD` of a checkout, or null when it is not one: what a result was measured on. */
export function gitCommit(root: string): string | null {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** Milliseconds since the epoch, on the clock `BUILD_TIMINGS` uses, so that samples line up with another process's phases. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

/** The resident memory of a process tree at one moment, and the CPU time it had used by then. */
export interface MemorySample {
  /** Epoch milliseconds. */
  at: number;
  /** Sum of VmRSS over the processes, in KiB. */
  rssKb: number;
  /**
   * User + system CPU time, ms, of every process seen in the tree so far, each at its latest
   * sample (an exited process at its last): never more than the tree used by then.
   */
  cpuMs: number;
}

export interface TimeWindow {
  /** Epoch milliseconds. */
  start: number;
  end: number;
}

/** A process and all its descendants, the process first, from each process's parent. */
export function processTree(parents: ReadonlyMap<number, number>, root: number): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, parent] of parents) {
    const siblings = children.get(parent);
    if (siblings) siblings.push(pid);
    else children.set(parent, [pid]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/**
 * The largest sample taken in the window. A window shorter than the sampling interval may hold
 * none; it then gets the larger of the samples either side of it, the closest the samples come.
 */
export function peakInWindow(samples: readonly MemorySample[], window: TimeWindow): number {
  const inside = samples.filter((s) => s.at >= window.start && s.at <= window.end);
  if (inside.length > 0) return inside.reduce((peak, s) => Math.max(peak, s.rssKb), 0);
  const before = samples.findLast((s) => s.at < window.start);
  const after = samples.find((s) => s.at > window.end);
  if (before === undefined && after === undefined) throw new Error("no memory samples");
  return Math.max(before?.rssKb ?? 0, after?.rssKb ?? 0);
}

/** What /proc/<pid>/stat says of a process. */
export interface ProcStat {
  ppid: number;
  /** User + system time of the process itself (all its threads, not its children), clock ticks. */
  cpuTicks: number;
  /** Clock ticks after boot when it started: with the pid, tells a process from a later one given the same pid. */
  startTicks: number;
}

/** One /proc/<pid>/stat line. "pid (command) state ppid …": the command may hold spaces and parentheses. */
export function parseProcStat(line: string): ProcStat {
  const fields = line.slice(line.lastIndexOf(")") + 2).split(" ");
  // Fields 4, 14, 15 and 22 of proc(5), counted from the state.
  return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]), startTicks: Number(fields[19]) };
}

/** Every process, from /proc; a process that exits while it is read is left out. */
function readProcesses(): Map<number, ProcStat> {
  const processes = new Map<number, ProcStat>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      processes.set(Number(name), parseProcStat(readFileSync(`/proc/${name}/stat`, "utf8")));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return processes;
}

let clockTicks: number | undefined;
/** Clock ticks per second, the unit of /proc/<pid>/stat's times. */
function ticksPerSecond(): number {
  clockTicks ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return clockTicks;
}

/**
 * A tree's CPU time at a moment, ms, from the samples either side of it (linearly between them):
 * 0 at the command's start, the last sample's after it.
 */
export function cpuAt(samples: readonly MemorySample[], start: number, at: number): number {
  const after = samples.findIndex((s) => s.at >= at);
  if (after === -1) return samples.at(-1)?.cpuMs ?? 0;
  const next = samples[after]!;
  const previous = after > 0 ? samples[after - 1]! : { at: start, cpuMs: 0 };
  if (next.at === previous.at) return next.cpuMs;
  return previous.cpuMs + ((next.cpuMs - previous.cpuMs) * (Math.max(at, previous.at) - previous.at)) / (next.at - previous.at);
}

/**
 * A cross-check of reap.py's CPU figure: the samples saw each process's own CPU time, and when
 * they add up to more than the kernel counted, some process was not waited for (not a subreaper,
 * say): refuse the figure rather than report less than was used. The slack covers clock-tick rounding.
 */
export function checkCpuCounted(what: string, countedMs: number, sampledMs: number, processes: number): void {
  const slackMs = 0.01 * sampledMs + 10 * processes;
  if (countedMs + slackMs < sampledMs)
    throw new Error(
      `${what}: the kernel counted ${(countedMs / 1000).toFixed(2)} s of CPU, but its processes were seen using ${(sampledMs / 1000).toFixed(2)} s: ` +
        "a process outlived the command without being waited for, so its CPU time is not counted",
    );
}

/** VmRSS in KiB; 0 for a process that has exited or holds no memory of its own (a zombie). */
function residentKb(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export interface Sampled {
  /** Epoch milliseconds when the command was started and when it had exited. */
  start: number;
  end: number;
  wallMs: number;
  /**
   * User and system CPU time of the command and every process it started, from the kernel
   * (reap.py): exact, and checked against the samples (checkCpuCounted).
   */
  cpuMs: number;
  /** The CPU time the samples saw, a lower bound: see MemorySample.cpuMs. */
  sampledCpuMs: number;
  /** Processes seen in the tree. */
  processes: number;
  /** The kernel's peak: the largest resident set any single process of the command reached, KiB. */
  maxRssKb: number;
  /** The largest resident memory of the whole process tree, KiB. */
  peakRssKb: number;
  samples: MemorySample[];
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command under reap.py and samples the resident memory and CPU time of its whole process
 * tree every `intervalMs` while it runs.
 */
export function sampleCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; intervalMs?: number } = {},
): Promise<Sampled> {
  const dir = mkdtempSync(join(tmpdir(), "measure-"));
  const report = join(dir, "report.json");
  const samples: MemorySample[] = [];
  const start = epochMs();
  const child = spawn(PYTHON, [REAP, report, command, ...args], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  // reap.py's own process is not the command's: the tree is the processes below it, orphans included (reap.py adopts them).
  const seenTicks = new Map<string, number>();
  let ticks = 0;
  const sample = () => {
    const processes = readProcesses();
    const parents = new Map([...processes].map(([pid, stat]) => [pid, stat.ppid]));
    const pids = processTree(parents, child.pid!).slice(1);
    for (const pid of pids) {
      const stat = processes.get(pid)!;
      const key = `${pid}@${stat.startTicks}`;
      ticks += stat.cpuTicks - (seenTicks.get(key) ?? 0);
      seenTicks.set(key, stat.cpuTicks);
    }
    samples.push({ at: epochMs(), rssKb: pids.reduce((sum, pid) => sum + residentKb(pid), 0), cpuMs: (ticks * 1000) / ticksPerSecond() });
  };
  const timer = setInterval(sample, options.intervalMs ?? 50);
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => stdout.push(chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderr.push(chunk));
  return new Promise<Sampled>((resolve, reject) => {
    child.on("error", (error) => {
      clearInterval(timer);
      rmSync(dir, { recursive: true, force: true });
      reject(cannotRun(error));
    });
    child.on("close", (status) => {
      clearInterval(timer);
      const end = epochMs();
      try {
        const { userMs, systemMs, maxRssKb } = readReport(report);
        resolve({
          start,
          end,
          wallMs: end - start,
          cpuMs: userMs + systemMs,
          sampledCpuMs: (ticks * 1000) / ticksPerSecond(),
          processes: seenTicks.size,
          maxRssKb,
          // The tree never holds less than its largest process did, which a sample can miss.
          peakRssKb: samples.reduce((peak, s) => Math.max(peak, s.rssKb), maxRssKb),
          samples,
          status,
          stdout: stdout.join(""),
          stderr: stderr.join(""),
        });
      } catch (error) {
        reject(error);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
