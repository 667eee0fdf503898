/**
 * How search results can be ordered, and the sort keys each paper page gives Pagefind. Pagefind
 * leaves every page that lacks a sort's key out of a sorted search, so every paper carries every key,
 * with values that put unknowns last: undated papers after dated ones in both date orders, papers
 * without an upvote count after those with one (even 0). Upvotes are zero-padded so that they also
 * order correctly as text.
 */

export const SORT_ORDERS = {
  newest: { key: "published", direction: "desc" },
  oldest: { key: "oldest", direction: "asc" },
  upvotes: { key: "upvotes", direction: "desc" },
} as const;

export type SortKey = (typeof SORT_ORDERS)[keyof typeof SORT_ORDERS]["key"];

/** Below every zero-padded count, as text or as a number. */
const NO_UPVOTES = "-";

export function sortValues(paper: { published?: string; upvotes?: number }): Record<SortKey, string> {
  return {
    published: paper.published ?? "0000-00-00",
    oldest: paper.published ?? "9999-99-99",
    upvotes: paper.upvotes === undefined ? NO_UPVOTES : String(paper.upvotes).padStart(9, "0"),
  };
}
