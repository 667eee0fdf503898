/** The reading list in localStorage, for the save button (save-button.ts) and the /saved/ page (saved.ts). */
import { parseStoredList, type SavedPaper, storageKey } from "./saved-list.js";
import { readStored, writeStored } from "./storage.js";

export class SavedStore {
  readonly key: string;

  constructor(base: string) {
    this.key = storageKey(base);
  }

  read(): SavedPaper[] {
    return parseStoredList(readStored(this.key));
  }

  /** False when the browser refuses storage (some private modes, a full quota). */
  write(list: readonly SavedPaper[]): boolean {
    return writeStored(this.key, JSON.stringify(list));
  }

  /** Calls `changed` when another tab or page of the site changes the list. */
  watch(changed: () => void): void {
    window.addEventListener("storage", (event) => {
      if (event.key === this.key || event.key === null) changed();
    });
    // A page restored from the back-forward cache may show a list changed meanwhile.
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) changed();
    });
  }
}
