/**
 * The search page: runs the URL's search with Pagefind's JavaScript API and keeps the URL in step
 * with the form, filters and order: typing replaces the current history entry, a submitted query, a
 * filter or an order adds one, and back/forward restore them. Everything from the index is inserted
 * as text; the excerpt's `<mark>` highlights are rebuilt as elements rather than trusted as HTML.
 */
import {
  FILTERS,
  type FilterName,
  filterLabel,
  hasCriteria,
  orderFilterValues,
  pagefindOptions,
  type PagefindSearchOptions,
  parseSearchState,
  type SearchState,
  serializeSearchState,
  type SortOrder,
  statusText,
} from "./search-state.js";

interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

interface Result {
  data(): Promise<ResultData>;
}

type FilterCounts = Record<string, Record<string, number> | undefined>;

interface Pagefind {
  init(): Promise<void>;
  filters(): Promise<FilterCounts>;
  search(term: string | null, options: PagefindSearchOptions): Promise<{ results: Result[]; filters: FilterCounts } | null>;
}

const RESULTS_PER_BATCH = 20;
const TYPING_DELAY_MS = 250;
const LEGENDS: Record<FilterName, string> = { year: "Year published", authors: "Number of authors", digest: "Digest" };

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`search page is missing #${id}`);
  return found as T;
}

/**
 * Text of escaped HTML. A textarea parses its content as plain text with character references, so
 * any markup that slipped through would show literally, and whitespace is kept.
 */
function decodeHtmlText(html: string): string {
  const decoder = document.createElement("textarea");
  decoder.innerHTML = html;
  return decoder.value;
}

function appendExcerpt(target: HTMLElement, excerpt: string): void {
  excerpt.split(/<mark>|<\/mark>/).forEach((part, i) => {
    const text = decodeHtmlText(part);
    if (i % 2 === 0) {
      target.append(text);
    } else {
      const mark = document.createElement("mark");
      mark.textContent = text;
      target.append(mark);
    }
  });
}

function renderResult(data: ResultData): HTMLLIElement {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  const facts = [data.meta.date ?? "Date unknown", data.meta.authors ?? "Authors unknown"];
  if (data.meta.upvotes !== undefined) facts.push(`${data.meta.upvotes} ${data.meta.upvotes === "1" ? "upvote" : "upvotes"}`);
  meta.textContent = facts.join(" · ");
  const excerpt = document.createElement("p");
  appendExcerpt(excerpt, data.excerpt);
  item.append(heading, meta, excerpt);
  return item;
}

/** Pagefind finds its index and result URLs relative to where its script is, so any base works. */
async function loadPagefind(): Promise<Pagefind> {
  // This script is <base>assets/search.js; Pagefind sits at <base>pagefind/.
  const pagefind = (await import(new URL("../pagefind/pagefind.js", import.meta.url).href)) as Pagefind;
  await pagefind.init();
  return pagefind;
}

function main(): void {
  const form = element<HTMLFormElement>("search-form");
  const input = element<HTMLInputElement>("search-q");
  const sortSelect = element<HTMLSelectElement>("search-sort");
  const filterBox = element<HTMLDivElement>("search-filters");
  const status = element<HTMLParagraphElement>("search-status");
  const list = element<HTMLOListElement>("search-results");
  const more = element<HTMLButtonElement>("search-more");

  let state: SearchState = parseSearchState(location.search);
  // Words typed before this script ran (or restored by the browser) count when the URL has none.
  if (!state.query && input.value.trim()) state = { ...state, query: input.value.trim() };
  /** Puts the state into the form: on load, and when back/forward bring another search. */
  function showState(): void {
    input.value = state.query;
    sortSelect.value = state.sort === "relevance" ? "" : state.sort;
    for (const box of filterBox.querySelectorAll<HTMLInputElement>("input[type=checkbox]")) {
      box.checked = state.filters[box.name as FilterName].includes(box.value);
    }
  }
  showState();

  const countSpans = new Map<string, HTMLSpanElement>();
  const key = (name: FilterName, value: string) => `${name}\u0000${value}`;
  function renderFilters(all: FilterCounts): void {
    filterBox.replaceChildren();
    for (const name of FILTERS) {
      const values = orderFilterValues(name, Object.keys(all[name] ?? {}));
      if (values.length === 0) continue;
      const fieldset = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = LEGENDS[name];
      fieldset.append(legend);
      for (const value of values) {
        const label = document.createElement("label");
        const box = Object.assign(document.createElement("input"), { type: "checkbox", name, value });
        box.checked = state.filters[name].includes(value);
        const count = document.createElement("span");
        count.className = "count";
        countSpans.set(key(name, value), count);
        label.append(box, ` ${filterLabel(name, value)} `, count);
        fieldset.append(label);
      }
      filterBox.append(fieldset);
    }
  }
  function updateCounts(counts: FilterCounts): void {
    for (const [id, span] of countSpans) {
      const [name, value] = id.split("\u0000") as [FilterName, string];
      span.textContent = `(${counts[name]?.[value] ?? 0})`;
    }
  }

  // Listeners go on before the index has loaded, so nothing a fast reader does is lost.
  status.textContent = "Loading the search index…";
  const ready = loadPagefind()
    .then(async (pagefind) => {
      const allFilters = await pagefind.filters();
      renderFilters(allFilters);
      return { pagefind, allFilters };
    })
    .catch(() => {
      status.textContent = "Search is unavailable: the search index could not be loaded.";
      return undefined;
    });

  let sequence = 0;
  let pending: Result[] = [];
  let shown = 0;

  /** Fetches the next batch of results; false when a newer search has started meanwhile. */
  async function nextBatch(ticket: number): Promise<HTMLLIElement[] | undefined> {
    const batch = pending.slice(shown, shown + RESULTS_PER_BATCH);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (ticket !== sequence) return undefined;
    shown += batch.length;
    more.hidden = shown >= pending.length;
    return data.map(renderResult);
  }

  async function showMore(): Promise<void> {
    const items = await nextBatch(sequence);
    if (!items || items.length === 0) return;
    list.append(...items);
    // The button may have just hidden itself: keyboard users continue at the first new result.
    items[0]?.querySelector("a")?.focus();
  }

  type HistoryStep = "push" | "replace" | "none";

  async function run(step: HistoryStep = "replace"): Promise<void> {
    const ticket = ++sequence;
    const url = `${location.pathname}${serializeSearchState(state)}`;
    if (step === "push" && url !== `${location.pathname}${location.search}`) history.pushState(null, "", url);
    else if (step !== "none") history.replaceState(null, "", url);
    const loaded = await ready;
    if (!loaded || ticket !== sequence) return;
    if (!hasCriteria(state)) {
      pending = [];
      list.replaceChildren();
      more.hidden = true;
      updateCounts(loaded.allFilters);
      status.textContent = "Type words to search titles and abstracts, or choose a filter.";
      return;
    }
    const search = await loaded.pagefind.search(state.query || null, pagefindOptions(state));
    if (ticket !== sequence || !search) return;
    pending = search.results;
    shown = 0;
    const items = await nextBatch(ticket);
    if (!items) return;
    // Results, counts and the announcement change together, once the first results are ready.
    list.replaceChildren(...items);
    updateCounts(search.filters);
    status.textContent = statusText(pending.length, state);
  }

  let typing: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state = { ...state, query: input.value.trim() };
      void run();
    }, TYPING_DELAY_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    state = { ...state, query: input.value.trim() };
    void run("push");
  });
  sortSelect.addEventListener("change", () => {
    state = { ...state, sort: (sortSelect.value || "relevance") as SortOrder };
    void run("push");
  });
  filterBox.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement)) return;
    const name = box.name as FilterName;
    const others = state.filters[name].filter((v) => v !== box.value);
    state = { ...state, filters: { ...state.filters, [name]: box.checked ? [...others, box.value] : others } };
    void run("push");
  });
  more.addEventListener("click", () => void showMore());
  window.addEventListener("popstate", () => {
    clearTimeout(typing);
    state = parseSearchState(location.search);
    showState();
    void run("none");
  });

  void run();
}

main();
