/**
 * The Save button of a paper page: keeps the paper in the reading list (localStorage), with the
 * title, date and BibTeX entry read from the page, so the /saved/ page lists and exports it without
 * asking the server again. Part of every page's site.js (site.ts), which calls it on a paper page:
 * one script tag less on each of 100,000 paper pages (issue 17). It makes the button itself, after
 * the article: no byte of it in the page's HTML, and without JavaScript there is no button that
 * could do nothing.
 */
import { routes } from "../catalog/routes.js";
import { paperFromPage, withoutPaper, withPaper } from "./saved-list.js";
import { SavedStore } from "./saved-store.js";

/** On the page of the paper `slug`, on the site under `base`. */
export function setUpSaveButton(base: string, slug: string): void {
  const article = document.querySelector("article.paper");
  const paper = paperFromPage(document, slug);
  if (!article || !paper) return;
  const store = new SavedStore(base);

  const line = document.createElement("p");
  line.className = "save-line";
  const button = document.createElement("button");
  button.type = "button";
  const link = document.createElement("a");
  link.href = `${base}${routes.saved}`;
  link.textContent = "reading list";
  line.append(button, " to your ", link);

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
  article.after(line);
}
