/**
 * Measurements for the benchmark scripts, meant to be shared by all of them: a command's wall
 * time and peak memory, medians, and the floor a disk sets for writing and reading many small
 * files. Peak memory comes from GNU time (`/usr/bin/time`, Debian package `time`): the kernel
 * knows a child's maximum resident set, and Node has no way to ask it for one. That is one
 * process's peak, though; `sampleCommand` also samples the resident memory of the command's whole
 * process tree from /proc, which is what the machine must hold while a command runs a helper
 * binary (Pagefind) beside itself.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const GNU_TIME = "/usr/bin/time";

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
  const report = join(dir, "time.txt");
  try {
    const started = performance.now();
    const result = spawnSync(GNU_TIME, ["-f", "%M %U %S", "-o", report, command, ...args], {
      cwd: options.cwd,
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    const wallMs = performance.now() - started;
    if (result.error) throw new Error(`cannot run ${GNU_TIME} (install GNU time, Debian package "time"): ${result.error.message}`);
    // A failing command adds a "Command exited with non-zero status" line first.
    const [peakRssKb, user, system] = readFileSync(report, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
    return { wallMs, cpuMs: (user! + system!) * 1000, peakRssKb: peakRssKb!, status: result.status, stdout: result.stdout, stderr: result.stderr };
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

export interface FileFloor {
  files: number;
  bytes: number;
  /** Files created per second as ingest creates them: a temporary file, then a rename. */
  writesPerSecond: number;
  /** The same files read back per second. */
  readsPerSecond: number;
}

/**
 * How fast this disk lets one thread create `files` files of `bytes` bytes each, the way
 * `writeFileAtomicSync` does, and read them back: no program that writes one file per paper can
 * beat it. Measured in `dir`, which is emptied first and removed after.
 */
export function measureFileFloor(dir: string, files: number, bytes: number): FileFloor {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const text = "x".repeat(Math.max(bytes - 1, 0)) + "\n";
    const paths = Array.from({ length: files }, (_, i) => join(dir, `file-${i}.md`));
    let started = performance.now();
    for (const [i, path] of paths.entries()) {
      const temp = join(dir, `.file-${i}.md.tmp`);
      writeFileSync(temp, text, "utf8");
      renameSync(temp, path);
    }
    const writeMs = performance.now() - started;
    started = performance.now();
    for (const path of paths) readFileSync(path, "utf8");
    const readMs = performance.now() - started;
    return { files, bytes, writesPerSecond: (files * 1000) / writeMs, readsPerSecond: (files * 1000) / readMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

/** The resident memory of a process tree at one moment. */
export interface MemorySample {
  /** Epoch milliseconds. */
  at: number;
  /** Sum of VmRSS over the processes, in KiB. */
  rssKb: number;
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

/** Every process's parent, from /proc; a process that exits while it is read is left out. */
function readParents(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // "pid (command) state ppid ...": the command may hold spaces and parentheses.
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return parents;
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
  /** User and system CPU time of the command and its descendants. */
  cpuMs: number;
  /** GNU time's peak: the largest resident set any single process of the command reached, KiB. */
  maxRssKb: number;
  /** The largest resident memory of the whole process tree, KiB. */
  peakRssKb: number;
  samples: MemorySample[];
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command under GNU time and samples the resident memory of its whole process tree every
 * `intervalMs` while it runs.
 */
export function sampleCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; intervalMs?: number } = {},
): Promise<Sampled> {
  const dir = mkdtempSync(join(tmpdir(), "measure-"));
  const report = join(dir, "time.txt");
  const samples: MemorySample[] = [];
  const start = epochMs();
  const child = spawn(GNU_TIME, ["-f", "%M %U %S", "-o", report, command, ...args], { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  // GNU time's own process is not the command's: the tree is the processes below it.
  const sample = () => {
    const pids = processTree(readParents(), child.pid!).slice(1);
    samples.push({ at: epochMs(), rssKb: pids.reduce((sum, pid) => sum + residentKb(pid), 0) });
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
      reject(new Error(`cannot run ${GNU_TIME} (install GNU time, Debian package "time"): ${error.message}`));
    });
    child.on("close", (status) => {
      clearInterval(timer);
      const end = epochMs();
      try {
        // A failing command adds a "Command exited with non-zero status" line first.
        const [maxRssKb, user, system] = readFileSync(report, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
        resolve({
          start,
          end,
          wallMs: end - start,
          cpuMs: (user! + system!) * 1000,
          maxRssKb: maxRssKb!,
          // The tree never holds less than its largest process did, which a sample can miss.
          peakRssKb: samples.reduce((peak, s) => Math.max(peak, s.rssKb), maxRssKb!),
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
