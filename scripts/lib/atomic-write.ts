/**
 * Writes that never leave a half-written file behind: the text goes to a temporary file in the
 * same folder (so the rename cannot cross file systems) and is renamed over the target.
 * Synchronous on purpose: ingest writes many small files one after another, and Node's promise
 * API spends more time per file on its thread-pool round trips than the write itself takes
 * (docs/ingest.md, "Speed").
 */
import { renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

let counter = 0;

export function writeFileAtomicSync(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${++counter}.tmp`);
  try {
    writeFileSync(temp, text, "utf8");
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
