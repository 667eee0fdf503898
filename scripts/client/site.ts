/**
 * Every page's small deferred script: the theme toggle, and the keyboard shortcuts (keyboard.ts).
 * Pages work without it; the toggle stays hidden then, since it could do nothing.
 */
import "./keyboard.js";
import { readTheme, saveTheme, type Theme } from "./theme-choice.js";

const root = document.documentElement;

function currentTheme(): Theme {
  return readTheme() ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
}

function setUpToggle(): void {
  const button = document.querySelector<HTMLButtonElement>(".theme-toggle");
  if (!button) return;
  const show = () => button.setAttribute("aria-pressed", String(currentTheme() === "dark"));
  button.addEventListener("click", () => {
    const next: Theme = currentTheme() === "dark" ? "light" : "dark";
    saveTheme(next);
    root.dataset.theme = next;
    show();
  });
  // Follows the system setting while the reader has not chosen.
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", show);
  show();
  button.hidden = false;
}

setUpToggle();
