/** The home page's digest in numbers: how many papers, the span of their publication dates, the median author count. */
import type { CatalogPaper } from "./catalog.js";

export interface DigestSummary {
  papers: number;
  /** Oldest and newest publication dates (YYYY-MM-DD); absent when no paper is dated. */
  earliest?: string;
  latest?: string;
  undated: number;
  /** Median over the papers with a known author count; absent when none has one. */
  medianAuthors?: number;
  knownAuthors: number;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

export function summarize(papers: readonly CatalogPaper[]): DigestSummary {
  const dates = papers.flatMap((p) => (p.published ? [p.published] : [])).sort();
  const counts = papers.flatMap((p) => (p.authors === undefined ? [] : [p.authors]));
  const summary: DigestSummary = { papers: papers.length, undated: papers.length - dates.length, knownAuthors: counts.length };
  if (dates.length > 0) {
    summary.earliest = dates[0];
    summary.latest = dates.at(-1);
  }
  const middle = median(counts);
  if (middle !== undefined) summary.medianAuthors = middle;
  return summary;
}
