/**
 * Loaded as a classic, blocking script in <head>, before the page paints: puts the reader's saved
 * theme and list density on <html> so the page never flashes the other one. Without a saved theme
 * the stylesheet follows prefers-color-scheme. site.ts holds the toggle that saves the theme; the
 * density links are plain fragment links (density.ts).
 */
import { applyDensity } from "./density.js";
import { readTheme } from "./theme-choice.js";

const theme = readTheme();
if (theme) document.documentElement.dataset.theme = theme;
applyDensity();
addEventListener("hashchange", applyDensity);
