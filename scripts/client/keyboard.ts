/**
 * Keyboard triage on every page: `j` and `k` move to the next and previous paper of a list (the
 * title link of an `ol.paper-list > li`, search results included), `o` opens the paper whose link
 * has focus (Enter does too, as on any link), and `/` goes to the search box. Moving focus to the
 * link is what screen readers announce; Tab and Escape are left alone, so focus is never trapped.
 * Keys are ignored while the reader types into a field, and with Ctrl, Alt or Meta held.
 */

const TEXT_INPUTS = new Set(["text", "search", "email", "url", "tel", "password", "number", "date", "month", "week", "time", "datetime-local"]);

/** True when a key press belongs to what the reader is typing into. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUTS.has(target.type);
}

function titleLinks(): HTMLAnchorElement[] {
  return [...document.querySelectorAll<HTMLLIElement>("ol.paper-list > li")]
    .map((item) => item.querySelector<HTMLAnchorElement>("a[href]"))
    .filter((link): link is HTMLAnchorElement => link !== null);
}

/** The list entry holding the focus, by its title link's position; -1 when focus is elsewhere. */
function currentIndex(links: readonly HTMLAnchorElement[]): number {
  const item = document.activeElement?.closest("ol.paper-list > li");
  return item ? links.findIndex((link) => link.closest("li") === item) : -1;
}

function move(step: 1 | -1): boolean {
  const links = titleLinks();
  if (links.length === 0) return false;
  const current = currentIndex(links);
  const next = current === -1 ? (step === 1 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, current + step));
  links[next]!.focus();
  return true;
}

function open(): boolean {
  const links = titleLinks();
  const current = currentIndex(links);
  if (current === -1) return false;
  links[current]!.click();
  return true;
}

function focusSearch(): boolean {
  const box = document.querySelector<HTMLInputElement>("#search-q, #site-search-q");
  if (!box) return false;
  box.focus();
  box.select();
  return true;
}

const ACTIONS: Record<string, () => boolean> = { j: () => move(1), k: () => move(-1), o: open, "/": focusSearch };

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || isTyping(event.target)) return;
  // Shift is part of "/" on some keyboard layouts, never of j, k or o.
  if (event.shiftKey && event.key !== "/") return;
  const action = ACTIONS[event.key];
  if (action?.()) event.preventDefault();
});
