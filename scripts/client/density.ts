/**
 * The paper lists' density: `full` (title, badges, facts, excerpt) or `compact` (title and badges).
 * Without JavaScript the `#compact` fragment selects it (CSS `:target`), so a compact URL can be
 * bookmarked but is lost on the next page; this keeps the last choice in localStorage and puts it on
 * <html> as `data-density` on every page, before the first paint (theme.ts runs it).
 */
import { readStored, writeStored } from "./storage.js";

export type Density = "full" | "compact";

export const DENSITY_KEY = "paper-digest-density";

function fromHash(hash: string): Density | undefined {
  return hash === "#compact" ? "compact" : hash === "#full" ? "full" : undefined;
}

function saved(): Density | undefined {
  const value = readStored(DENSITY_KEY);
  return value === "compact" || value === "full" ? value : undefined;
}

/** A `#compact` or `#full` in the address is the reader's choice: saved, then applied; otherwise the saved one applies. */
export function applyDensity(): void {
  const chosen = fromHash(location.hash);
  // Refused (private modes), the fragment still shows the choice on this page.
  if (chosen) writeStored(DENSITY_KEY, chosen);
  const root = document.documentElement;
  if ((chosen ?? saved()) === "compact") root.dataset.density = "compact";
  else delete root.dataset.density;
}
