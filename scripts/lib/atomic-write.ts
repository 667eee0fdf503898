/**
 * Writes that never leave a half-written file behind: the text goes to a temporary file in the
 * same folder (so the rename cannot cross file systems) and is renamed over the target. A process
 * killed mid-write leaves at most a temporary file, named `.<file>.<pid>.<n>.tmp`: hidden, never
 * `*.md` or `*.json`, so nothing reads it as content, and removed by the next run.
 */
import { lstat, readdir, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

let counter = 0;

const TEMP_FILE = /^\..+\.(\d+)\.\d+\.tmp$/;

export function isTempFileName(name: string): boolean {
  return TEMP_FILE.test(name);
}

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  try {
    // "wx" fails on any existing entry, a planted symbolic link included, instead of writing through it.
    await writeFile(temp, text, { encoding: "utf8", flag: "wx" });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
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
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const owner = TEMP_FILE.exec(name)?.[1];
    if (owner === undefined || isRunning(Number(owner))) continue;
    const path = join(dir, name);
    if ((await lstat(path)).isDirectory()) continue;
    await unlink(path);
    removed.push(name);
  }
  return removed;
}
