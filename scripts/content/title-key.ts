/**
 * The identity of a paper: its title with the differences a copy or a retyping introduces removed
 * (Unicode composition, runs of whitespace, letter case). Two listings showing the same key show
 * the same paper and share one file.
 */
export function titleKey(title: string): string {
  // Upper then lower folds what lower alone misses (ß and SS, ﬁ and FI).
  return title.normalize("NFC").replace(/\s+/g, " ").trim().toUpperCase().toLowerCase();
}
