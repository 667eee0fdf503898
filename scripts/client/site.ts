/**
 * Every page's deferred script: the theme toggle, the keyboard shortcuts (keyboard.ts) and, on a
 * paper page, the Save button (save-button.ts) and the contribution links (contribute.ts).
 * Pages work without it; there is no toggle then, since it could do nothing. The script makes the
 * button rather than finding a hidden one: 91 bytes less on every one of 100,000 paper pages (issue 17).
 */
import "./keyboard.js";
import { setUpContribution } from "./contribute.js";
import { paperSlugOf, siteBase } from "./saved-list.js";
import { setUpSaveButton } from "./save-button.js";
import { readTheme, saveTheme, type Theme } from "./theme-choice.js";

const root = document.documentElement;

function currentTheme(): Theme {
  return readTheme() ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
}

function setUpToggle(): void {
  const nav = document.querySelector(".site-header nav");
  if (!nav) return;
  const button = document.createElement("button");
  button.className = "theme-toggle";
  button.type = "button";
  button.textContent = "Dark theme";
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
  nav.after(button);
}

setUpToggle();
// Read now: document.currentScript is set only while this script first runs. The site's base is what precedes this script's route.
const base = siteBase((document.currentScript as HTMLScriptElement | null)?.src ?? location.href, "site.js");
const slug = paperSlugOf(location.pathname, base);
if (slug) {
  setUpSaveButton(base, slug);
  setUpContribution(slug);
}
