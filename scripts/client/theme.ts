/**
 * Loaded as a classic, blocking script in <head>, before the page paints: puts the reader's saved
 * theme on <html> so the page never flashes the other theme. Without a saved choice the stylesheet
 * follows prefers-color-scheme. site.ts holds the toggle that saves the choice.
 */
import { readTheme } from "./theme-choice.js";

const theme = readTheme();
if (theme) document.documentElement.dataset.theme = theme;
