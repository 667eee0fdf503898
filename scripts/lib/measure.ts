/**
 * Measurements for the benchmark scripts, meant to be shared by all of them: a command's wall
 * time and peak memory, medians, and the floor a disk sets for writing and reading many small
 * files. Peak memory comes from GNU time (`/usr/bin/time`, Debian package `time`): the kernel
 * knows a child's maximum resident set, and Node has no way to ask it for one.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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
