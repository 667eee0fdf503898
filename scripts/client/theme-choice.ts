/** The reader's theme choice, kept in localStorage; shared by theme.ts and site.ts. */

import { readStored, writeStored } from "./storage.js";

export type Theme = "light" | "dark";

export const THEME_KEY = "paper-digest-theme";

/** The saved choice, or undefined when there is none (or storage is blocked). */
export function readTheme(): Theme | undefined {
  const value = readStored(THEME_KEY);
  return value === "light" || value === "dark" ? value : undefined;
}

export function saveTheme(theme: Theme): void {
  // Refused (private modes), the choice lasts for this page only.
  writeStored(THEME_KEY, theme);
}
