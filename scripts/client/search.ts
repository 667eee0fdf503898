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
import { shardFolder } from "../search/search-shards.js";
import { type FilterCounts, MergedResults, mergeCounts, type ResultData, type ShardResult } from "./search-merge.js";

/** One Pagefind index: a search shard (scripts/search/search-shards.ts). */
interface PagefindInstance {
  init(): Promise<void>;
  filters(): Promise<FilterCounts>;
  search(term: string | null, options: PagefindSearchOptions): Promise<{ results: ShardResult[]; filters: FilterCounts } | null>;
}

interface PagefindModule {
  createInstance(options: { basePath: string }): PagefindInstance;
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

/**
 * One instance per shard, all from the first shard's script (one worker and one WebAssembly module
 * for all). Pagefind finds result URLs relative to an index's folder, so any base works.
 */
async function loadShards(count: number): Promise<{ shards: PagefindInstance[]; allFilters: FilterCounts }> {
  // This script is <base>assets/search.js; the shards sit at <base>pagefind/, <base>pagefind-1/, …
  const folder = (i: number) => new URL(`../${shardFolder(i)}/`, import.meta.url).href;
  const pagefind = (await import(`${folder(0)}pagefind.js`)) as PagefindModule;
  // One after another, each until its index has loaded (its filters need it): instances that load
  // at the same time in one page race, and one then reads another's index (seen with Pagefind 1.6).
  const shards: PagefindInstance[] = [];
  const filters: FilterCounts[] = [];
  for (let i = 0; i < count; i++) {
    const shard = pagefind.createInstance({ basePath: folder(i) });
    await shard.init();
    filters.push(await shard.filters());
    shards.push(shard);
  }
  return { shards, allFilters: mergeCounts(filters) };
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
  const ready = loadShards(Math.max(1, Number(list.dataset.shards) || 1))
    .then((loaded) => {
      renderFilters(loaded.allFilters);
      return loaded;
    })
    .catch(() => {
      status.textContent = "Search is unavailable: the search index could not be loaded.";
      return undefined;
    });

  let sequence = 0;
  let pending = new MergedResults([], "relevance");

  /** Fetches the next batch of results; undefined when a newer search has started meanwhile. */
  async function nextBatch(ticket: number): Promise<HTMLLIElement[] | undefined> {
    const results = pending;
    const data = await results.take(RESULTS_PER_BATCH);
    if (ticket !== sequence) return undefined;
    more.hidden = results.remaining === 0;
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
      pending = new MergedResults([], "relevance");
      list.replaceChildren();
      more.hidden = true;
      updateCounts(loaded.allFilters);
      status.textContent = "Type words to search titles and abstracts, or choose a filter.";
      return;
    }
    const options = pagefindOptions(state);
    const searches = await Promise.all(loaded.shards.map((shard) => shard.search(state.query || null, options)));
    if (ticket !== sequence || searches.some((search) => !search)) return;
    const answered = searches.filter((search) => search !== null);
    pending = new MergedResults(
      answered.map((search) => search.results),
      state.sort,
    );
    const items = await nextBatch(ticket);
    if (!items) return;
    // Results, counts and the announcement change together, once the first results are ready.
    list.replaceChildren(...items);
    updateCounts(mergeCounts(answered.map((search) => search.filters)));
    status.textContent = statusText(pending.total, state);
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
