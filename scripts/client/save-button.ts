/**
 * The Save button of a paper page (layouts/paper.njk): keeps the paper in the reading list
 * (localStorage), with the title, date and BibTeX entry read from the page, so the /saved/ page
 * lists and exports it without asking the server again. Its line stays hidden without JavaScript.
 * Loaded by paper pages only (layouts/pages/papers.njk), deferred.
 */
import { paperFromPage, siteBase, withoutPaper, withPaper } from "./saved-list.js";
import { SavedStore } from "./saved-store.js";

function setUpSaveButton(scriptUrl: string): void {
  const line = document.querySelector<HTMLElement>(".save-line[data-slug]");
  const button = line?.querySelector<HTMLButtonElement>("button");
  const slug = line?.dataset.slug;
  if (!line || !button || !slug) return;
  const paper = paperFromPage(document, slug);
  if (!paper) return;
  const store = new SavedStore(siteBase(scriptUrl, "save.js"));
  const show = () => {
    const saved = store.read().some((p) => p.slug === slug);
    button.setAttribute("aria-pressed", String(saved));
    button.textContent = saved ? "Saved" : "Save";
  };
  button.addEventListener("click", () => {
    const list = store.read();
    const saved = list.some((p) => p.slug === slug);
    store.write(saved ? withoutPaper(list, slug) : withPaper(list, paper));
    show();
  });
  store.watch(show);
  show();
  line.hidden = false;
}

// Read now: document.currentScript is set only while this script first runs.
setUpSaveButton((document.currentScript as HTMLScriptElement | null)?.src ?? location.href);
