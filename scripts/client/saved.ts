/**
 * The /saved/ page (layouts/pages/saved.njk): the reading list kept in localStorage, its BibTeX as
 * one downloaded file, and a link that carries the list to another browser. A link's slugs are
 * checked (saved-list.ts) before anything is fetched, and only the site's own paper pages are asked,
 * from this origin; what they hold is read from a parsed copy and inserted as text, never as HTML.
 */
import { routes } from "../catalog/routes.js";
import { bibtexFileName, joinBibtex, mergeLists, paperFromPage, parseShareHash, type SavedPaper, shareHash, siteBase, withoutPaper } from "./saved-list.js";
import { SavedStore } from "./saved-store.js";
import { element } from "./dom.js";

/** Requests at a time when a shared list is opened: enough to be quick, few enough to spare a small host. */
const FETCHES_AT_ONCE = 4;

function countOf(n: number): string {
  return `${n} ${n === 1 ? "paper" : "papers"}`;
}

const base = siteBase((document.currentScript as HTMLScriptElement | null)?.src ?? location.href, "saved.js");
const store = new SavedStore(base);
const paperUrl = (slug: string) => `${base}${routes.paper(slug)}`;

/** A paper as its page shows it now, or undefined when the page is missing or not a paper page. */
async function fetchPaper(slug: string): Promise<SavedPaper | undefined> {
  try {
    const response = await fetch(paperUrl(slug), { credentials: "same-origin", redirect: "error" });
    if (!response.ok || !(response.headers.get("content-type") ?? "").startsWith("text/html")) return undefined;
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    return paperFromPage(doc, slug);
  } catch {
    return undefined;
  }
}

/** Each slug's paper, in order (undefined for those that could not be read), a few requests at a time. */
async function fetchPapers(slugs: readonly string[]): Promise<(SavedPaper | undefined)[]> {
  const out: (SavedPaper | undefined)[] = new Array(slugs.length);
  let next = 0;
  const worker = async () => {
    while (next < slugs.length) {
      const i = next++;
      out[i] = await fetchPaper(slugs[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(FETCHES_AT_ONCE, slugs.length) }, worker));
  return out;
}

/** One list entry: the title linking to its page, the date, and (for the reader's own list) a Remove button. */
function renderPaper(paper: SavedPaper, onRemove?: (paper: SavedPaper) => void): HTMLLIElement {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = paperUrl(paper.slug);
  link.textContent = paper.title;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  if (paper.date) {
    const time = document.createElement("time");
    time.dateTime = paper.date;
    time.textContent = paper.dateLabel ?? paper.date;
    meta.append(time);
  } else {
    meta.textContent = "Date unknown";
  }
  item.append(heading, meta);
  if (onRemove) {
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.textContent = "Remove";
    // Each button says which paper it removes; the visible word starts the name, as it should.
    remove.setAttribute("aria-label", `Remove: ${paper.title}`);
    remove.addEventListener("click", () => onRemove(paper));
    const actions = document.createElement("p");
    actions.append(remove);
    item.append(actions);
  }
  return item;
}

function main(): void {
  const status = element<HTMLParagraphElement>("saved-status");
  const list = element<HTMLOListElement>("saved-list");
  const exportSection = element<HTMLElement>("saved-export");
  const bibtexButton = element<HTMLButtonElement>("saved-bibtex");
  const bibtexStatus = element<HTMLSpanElement>("saved-bibtex-status");
  const shareInput = element<HTMLInputElement>("saved-share");
  const copyButton = element<HTMLButtonElement>("saved-copy");
  const copyStatus = element<HTMLSpanElement>("saved-copy-status");

  function render(): void {
    const papers = store.read();
    list.replaceChildren(...papers.map((paper) => renderPaper(paper, remove)));
    status.textContent =
      papers.length === 0 ? "No papers saved yet: the Save button on a paper's page adds it here." : `${countOf(papers.length)} saved in this browser.`;
    exportSection.hidden = papers.length === 0;
    shareInput.value = new URL(`${base}${routes.saved}${shareHash(papers.map((p) => p.slug))}`, location.href).href;
    bibtexStatus.textContent = copyStatus.textContent = "";
  }

  function remove(paper: SavedPaper): void {
    const index = store.read().findIndex((p) => p.slug === paper.slug);
    store.write(withoutPaper(store.read(), paper.slug));
    render();
    // Focus stays in the list: on the entry that took the removed one's place, else the status.
    const next = list.querySelectorAll<HTMLButtonElement>("button.remove")[Math.min(index, list.children.length - 1)];
    if (next) next.focus();
    else status.focus();
  }

  bibtexButton.addEventListener("click", () => {
    void (async () => {
      const papers = store.read();
      const missing = papers.filter((p) => p.bibtex === undefined);
      if (missing.length > 0) {
        bibtexStatus.textContent = `Fetching ${countOf(missing.length)}…`;
        const fetched = new Map((await fetchPapers(missing.map((p) => p.slug))).flatMap((p) => (p?.bibtex ? [[p.slug, p] as const] : [])));
        // Into the list as it is now: a paper removed meanwhile stays removed.
        store.write(store.read().map((p) => fetched.get(p.slug) ?? p));
      }
      const entries = store.read().flatMap((p) => (p.bibtex ? [p.bibtex] : []));
      const lacking = papers.length - entries.length;
      if (entries.length === 0) {
        bibtexStatus.textContent = `No entry could be fetched for ${countOf(lacking)}: try again when online.`;
        return;
      }
      const file = new Blob([joinBibtex(entries)], { type: "application/x-bibtex" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(file);
      link.download = bibtexFileName(entries.length);
      link.click();
      // The download has started once click() returns; the URL is no longer needed after it.
      setTimeout(() => URL.revokeObjectURL(link.href), 0);
      bibtexStatus.textContent =
        lacking === 0 ? `${countOf(entries.length)} in ${link.download}.` : `${countOf(entries.length)}; ${lacking} could not be fetched.`;
    })();
  });

  copyButton.addEventListener("click", () => {
    shareInput.select();
    const failed = () => (copyStatus.textContent = "Select the link and copy it.");
    // Browsers offer the clipboard to secure pages only (https, or this machine).
    if (!navigator.clipboard) failed();
    else navigator.clipboard.writeText(shareInput.value).then(() => (copyStatus.textContent = "Copied."), failed);
  });

  store.watch(render);
  render();
  element<HTMLDivElement>("saved").hidden = false;
  void offerShared(render);
  // A shared link pasted into the address bar while this page is open changes only the fragment.
  window.addEventListener("hashchange", () => void offerShared(render));
}

/** When the page was opened from a shared link: shows its papers and lets the reader add them or replace the list. */
async function offerShared(render: () => void): Promise<void> {
  const slugs = parseShareHash(location.hash);
  const section = element<HTMLElement>("saved-shared");
  if (slugs.length === 0) {
    section.hidden = true;
    return;
  }
  const status = element<HTMLParagraphElement>("saved-shared-status");
  const list = element<HTMLOListElement>("saved-shared-list");
  const [add, replace, ignore] = ["saved-shared-add", "saved-shared-replace", "saved-shared-ignore"].map((id) => element<HTMLButtonElement>(id)) as [
    HTMLButtonElement,
    HTMLButtonElement,
    HTMLButtonElement,
  ];
  add.disabled = replace.disabled = ignore.disabled = true;
  list.replaceChildren();
  section.hidden = false;
  status.textContent = `Reading ${countOf(slugs.length)}…`;
  const hash = location.hash;
  const found = (await fetchPapers(slugs)).filter((p) => p !== undefined);
  // Another link was opened meanwhile: its own call shows it.
  if (location.hash !== hash) return;
  const lost = slugs.length - found.length;
  list.replaceChildren(...found.map((paper) => renderPaper(paper)));
  const have = new Set(store.read().map((p) => p.slug));
  const fresh = found.filter((p) => !have.has(p.slug)).length;
  status.textContent = [
    `The link lists ${countOf(found.length)}${found.length > 0 ? `, ${fresh} of them not in your list` : ""}.`,
    lost > 0 ? `${countOf(lost)} could not be found on this site.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const close = (next?: SavedPaper[]) => {
    if (next) store.write(next);
    section.hidden = true;
    // Reloading the page should not offer the same list again.
    history.replaceState(null, "", location.pathname + location.search);
    render();
    element<HTMLParagraphElement>("saved-status").focus();
  };
  // Properties, not listeners: a link opened while on this page replaces the offer and its handlers.
  add.onclick = () => close(mergeLists(store.read(), found));
  replace.onclick = () => close(found);
  ignore.onclick = () => close();
  add.disabled = replace.disabled = found.length === 0;
  ignore.disabled = false;
}

main();
