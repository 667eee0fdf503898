/** The reader's theme choice, kept in localStorage; shared by theme.ts and site.ts. */

export type Theme = "light" | "dark";

export const THEME_KEY = "paper-digest-theme";

/** The saved choice, or undefined when there is none (or storage is blocked). */
export function readTheme(): Theme | undefined {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === "light" || value === "dark" ? value : undefined;
  } catch {
    return undefined;
  }
}

export function saveTheme(theme: Theme): void {
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Private modes may refuse storage: the choice then lasts for this page only.
  }
}
