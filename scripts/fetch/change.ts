/**
 * What a fresh answer does to a day's file. Identical bytes change nothing (not even the file's
 * time), so a run with nothing new leaves the tree as it was; a changed answer (counts grow, papers
 * join) replaces the file. An answer that lacks papers the file holds keeps the file: the papers
 * stay listed, nothing is lost, and the command says which are missing.
 */
export type Change = { kind: "new" } | { kind: "unchanged" } | { kind: "replaced" } | { kind: "kept"; missing: string[] };

export function compareDay(saved: { bytes: Uint8Array; ids: string[] | undefined } | undefined, fresh: { bytes: Uint8Array; ids: string[] }): Change {
  if (saved === undefined) return { kind: "new" };
  if (Buffer.from(saved.bytes).equals(Buffer.from(fresh.bytes))) return { kind: "unchanged" };
  // A file that is not a list of papers (damaged, or hand-made) is replaced by one that is.
  const freshIds = new Set(fresh.ids);
  const missing = (saved.ids ?? []).filter((id) => !freshIds.has(id));
  return missing.length > 0 ? { kind: "kept", missing } : { kind: "replaced" };
}
