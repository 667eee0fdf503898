/**
 * The file edge: `<out>/YYYY-MM-DD.json`, read as bytes and written atomically, so that a run
 * killed at any moment leaves each day's file whole, old or new.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomicSync } from "../content/atomic-write.js";
import type { DayStore } from "./fetch-days.js";

export function folderStore(dir: string): DayStore {
  const path = (day: string) => join(dir, `${day}.json`);
  return {
    path,
    read(day) {
      try {
        return readFileSync(path(day));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    write(day, bytes) {
      writeFileAtomicSync(path(day), bytes);
    },
  };
}
