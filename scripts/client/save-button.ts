/**
 * The Save button of a paper page: keeps the paper in the reading list (localStorage), with the
 * title, date and BibTeX entry read from the page, so the /saved/ page lists and exports it without
 * asking the server again. Paper pages load this script (layouts/pages/papers.njk), and it makes
 * the button itself, after the article: no byte of it in the page's HTML, and without JavaScript
 * there is no button that could do nothing.
 */
import { routes } from "../catalog/routes.js";
import { paperFromPage, paperSlugOf, siteBase, withoutPaper, withPaper } from "./saved-list.js";
import { SavedStore } from "./saved-store.js";

function setUpSaveButton(scriptUrl: string): void {
  const base = siteBase(scriptUrl, "save.js");
  const slug = paperSlugOf(location.pathname, base);
  const article = document.querySelector("article.paper");
  const paper = slug === undefined ? undefined : paperFromPage(document, slug);
  if (!slug || !article || !paper) return;
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

// Read now: document.currentScript is set only while this script first runs.
setUpSaveButton((document.currentScript as HTMLScriptElement | null)?.src ?? location.href);
