/**
 * What a slug is, in a module of its own with no imports, so that the browser's scripts
 * (scripts/client/saved-list.ts) check slugs from a URL with the very rule the content check uses.
 */

/** Lowercase ASCII letters and digits in words joined by single hyphens: never `/`, `.` or `%`. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A file name holds at most 255 bytes on common file systems: a paper's `<slug>.md` leaves 252 for the slug. */
export const LONGEST_SLUG = 252;

export function isSlug(text: string): boolean {
  return text.length <= LONGEST_SLUG && SLUG_PATTERN.test(text);
}
