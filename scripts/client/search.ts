/**
 * The search page: runs the URL's search with Pagefind's JavaScript API and keeps the URL in step
 * with the form, filters and order: typing replaces the current history entry, a submitted query, a
 * filter or an order adds one, and back/forward restore them. Words no paper has find nothing
 * (search-honest.ts), each filter box counts what ticking it would give (tickCounts), and excerpts
 * are cut from the page's text (search-excerpt.ts). Everything from the index is inserted as text.
 */
import { dayLabel } from "./day-label.js";
import {
  FILTERS,
  type FilterName,
  filterLabel,
  hasCriteria,
  hasFilters,
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
import { type FilterCounts, MergedResults, mergeCounts, type ResultData, type ShardResult, tickCounts } from "./search-merge.js";
import { beginsWith, matchedWords, nearestWords, queryWords } from "./search-honest.js";
import { excerptParts } from "./search-excerpt.js";
import { element } from "./dom.js";

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
/** How many pages of a missing word's stand-in matches are read for suggestions. */
const SUGGESTION_PAGES = 3;
const TYPING_DELAY_MS = 250;
const LEGENDS: Record<FilterName, string> = { year: "Year published", authors: "Number of authors", digest: "Digest" };

function renderResult(data: ResultData): HTMLLIElement {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  const facts = [data.meta.date ? dayLabel(data.meta.date) : "Date unknown", data.meta.authors ?? "Authors unknown"];
  if (data.meta.upvotes !== undefined) facts.push(`${data.meta.upvotes} ${data.meta.upvotes === "1" ? "upvote" : "upvotes"}`);
  meta.textContent = facts.join(" · ");
  const excerpt = document.createElement("p");
  for (const part of excerptParts(data.content, data.meta.title, data.locations)) {
    if (!part.mark) excerpt.append(part.text);
    else excerpt.append(Object.assign(document.createElement("mark"), { textContent: part.text }));
  }
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

/** Whether one shard has a word itself, and if not, the words Pagefind matched in its place. */
interface WordCheck {
  found: boolean;
  near: string[];
}

async function checkWord(shard: PagefindInstance, word: string): Promise<WordCheck> {
  // An exact search compares stems and never falls back to a prefix: "xylophone" finds "xylophonic".
  const exact = await shard.search(`"${word}"`, { filters: {} });
  if (exact && exact.results.length > 0) return { found: true, near: [] };
  const loose = await shard.search(word, { filters: {} });
  const pages = loose?.results ?? [];
  if (pages.length === 0) return { found: false, near: [] };
  const first = await pages[0]!.data();
  // A word the reader is still typing: its page has a word beginning with it.
  if (matchedWords(first.content, first.locations).some((w) => beginsWith(w, word))) return { found: true, near: [] };
  const more = await Promise.all(pages.slice(1, SUGGESTION_PAGES).map((page) => page.data()));
  return { found: false, near: [first, ...more].flatMap((data) => matchedWords(data.content, data.locations)) };
}

function main(): void {
  const form = element<HTMLFormElement>("search-form");
  const input = element<HTMLInputElement>("search-q");
  const sortSelect = element<HTMLSelectElement>("search-sort");
  const filterBox = element<HTMLDivElement>("search-filters");
  const status = element<HTMLParagraphElement>("search-status");
  const list = element<HTMLOListElement>("search-results");
  const more = element<HTMLButtonElement>("search-more");
  const clear = element<HTMLButtonElement>("search-clear");
  const panel = element<HTMLDetailsElement>("search-filters-panel");
  const panelCount = element<HTMLSpanElement>("search-filters-ticked");
  const suggestions = element<HTMLParagraphElement>("search-suggestions");

  let state: SearchState = parseSearchState(location.search);
  // Words typed before this script ran (or restored by the browser) count when the URL has none.
  if (!state.query && input.value.trim()) state = { ...state, query: input.value.trim() };
  /** Puts the state into the form: on load, and when back/forward bring another search. */
  function showState(): void {
    input.value = state.query;
    const ticked = FILTERS.reduce((sum, name) => sum + state.filters[name].length, 0);
    panelCount.textContent = ticked > 0 ? ` (${ticked} ticked)` : "";
    clear.hidden = !hasFilters(state);
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
      // Open beside the results on wide screens; on a phone a closed panel keeps the results in view.
      panel.open = matchMedia("(min-width: 60rem)").matches;
      panel.hidden = false;
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

  /** Each shard's answer per word, kept: the reader types, ticks and pages through the same words. */
  const wordChecks = new Map<string, Promise<WordCheck>>();
  function wordCheck(shardIndex: number, shard: PagefindInstance, word: string): Promise<WordCheck> {
    const id = `${shardIndex}\u0000${word}`;
    let check = wordChecks.get(id);
    if (!check) wordChecks.set(id, (check = checkWord(shard, word)));
    return check;
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
      showSuggestions([], []);
      return;
    }
    const words = queryWords(state.query);
    const checks = await Promise.all(loaded.shards.map((shard, i) => Promise.all(words.map((word) => wordCheck(i, shard, word)))));
    if (ticket !== sequence) return;
    // A shard without one of the words has no paper with all of them: it is left out.
    const live = loaded.shards.filter((_, i) => checks[i]!.every((check) => check.found));
    const missing = words.filter((_, w) => checks.every((shardChecks) => !shardChecks[w]!.found));
    const term = state.query || null;
    const ask = (filtersOf: SearchState, sort: boolean) => {
      const options = pagefindOptions(filtersOf);
      return Promise.all(live.map((shard) => shard.search(term, sort ? options : { filters: options.filters })));
    };
    const searches = await ask(state, true);
    if (ticket !== sequence || searches.some((search) => !search)) return;
    const answered = searches.filter((search) => search !== null);
    // The counts a further value of a ticked filter would add: the search without that filter.
    const without: Partial<Record<FilterName, FilterCounts>> = {};
    for (const name of FILTERS) {
      if (state.filters[name].length === 0) continue;
      const wider = { ...state, filters: { ...state.filters, [name]: [] } };
      without[name] = hasCriteria(wider) ? mergeCounts((await ask(wider, false)).map((search) => search?.filters ?? {})) : loaded.allFilters;
    }
    if (ticket !== sequence) return;
    pending = new MergedResults(
      answered.map((search) => search.results),
      state.sort,
    );
    const items = await nextBatch(ticket);
    if (!items) return;
    // Results, counts and the announcement change together, once the first results are ready.
    list.replaceChildren(...items);
    updateCounts(tickCounts(state.filters, pending.total, mergeCounts(answered.map((search) => search.filters)), without));
    status.textContent = statusText(pending.total, state, missing);
    showSuggestions(missing, checks);
  }

  /** Links to searches with a missing word replaced by a real one near it. */
  function showSuggestions(missing: readonly string[], checks: readonly (readonly WordCheck[])[]): void {
    suggestions.replaceChildren();
    const words = queryWords(state.query);
    for (const word of missing) {
      const near = nearestWords(
        word,
        checks.flatMap((shardChecks) => shardChecks[words.indexOf(word)]?.near ?? []),
      );
      if (near.length === 0) continue;
      if (suggestions.childNodes.length > 0) suggestions.append(" ");
      suggestions.append(`Instead of “${word}”, try `);
      near.forEach((real, i) => {
        if (i > 0) suggestions.append(i === near.length - 1 ? " or " : ", ");
        const query = state.query
          .split(/\s+/)
          .map((token) => (queryWords(token)[0] === word ? real : token))
          .join(" ");
        const link = Object.assign(document.createElement("a"), { textContent: real });
        link.href = `${location.pathname}${serializeSearchState({ ...state, query })}`;
        suggestions.append(link);
      });
      suggestions.append(".");
    }
    suggestions.hidden = suggestions.childNodes.length === 0;
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
    showState();
    void run("push");
  });
  more.addEventListener("click", () => void showMore());
  clear.addEventListener("click", () => {
    state = { ...state, filters: Object.fromEntries(FILTERS.map((name) => [name, []])) as unknown as SearchState["filters"] };
    showState();
    // The button hides itself: the reader goes on from the search box.
    input.focus();
    void run("push");
  });
  window.addEventListener("popstate", () => {
    clearTimeout(typing);
    state = parseSearchState(location.search);
    showState();
    void run("none");
  });

  void run();
}

main();
