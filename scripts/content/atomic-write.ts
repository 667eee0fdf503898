/**
 * Writes that never leave a half-written file behind: the text goes to a temporary file in the
 * same folder (so the rename cannot cross file systems) and is renamed over the target. A process
 * killed mid-write leaves at most a temporary file, named `.<file>.<pid>.<n>.tmp`: hidden, never
 * `*.md` or `*.json`, so nothing reads it as content, and removed by the next run.
 *
 * Synchronous on purpose: ingest writes many small files one after another, and Node's promise
 * API spends more time per file on its thread-pool round trips than the write itself takes
 * (docs/ingest.md, "Speed and memory").
 */
import { lstatSync, readdirSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

let counter = 0;

const TEMP_FILE = /^\..+\.(\d+)\.\d+\.tmp$/;

export function isTempFileName(name: string): boolean {
  return TEMP_FILE.test(name);
}

/** `text` as UTF-8, or bytes as they are. */
export function writeFileAtomicSync(path: string, text: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  try {
    // "wx" fails on any existing entry, a planted symbolic link included, instead of writing through it.
    writeFileSync(temp, text, typeof text === "string" ? { encoding: "utf8", flag: "wx" } : { flag: "wx" });
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never created, or is already gone: nothing to clean up.
    }
    throw error;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary files that killed runs left in `dir`, and returns their names. A file of
 * a process still running may be about to be renamed into place and is left alone.
 */
export function removeStaleTempFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const owner = TEMP_FILE.exec(name)?.[1];
    if (owner === undefined || isRunning(Number(owner))) continue;
    const path = join(dir, name);
    if (lstatSync(path).isDirectory()) continue;
    unlinkSync(path);
    removed.push(name);
  }
  return removed;
}
