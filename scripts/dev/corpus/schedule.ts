/**
 * Which listing shows which papers, decided up front from counts alone (a few numbers per listing),
 * so that a paper's truth record can list every listing it will appear in before any text exists,
 * and the last listing still holds 20–50 papers.
 */
import type { Random } from "./random.js";

export const MIN_LISTING = 20;
export const MAX_LISTING = 50;
/** Share of papers shown again in a later listing, and of those, shown a third time. */
const REPEAT = 0.03;
const REPEAT_AGAIN = 0.2;
/** A paper comes back within a week; a listing holds at most this many comebacks. */
const MAX_LAG = 7;
const MAX_REPEATS_PER_LISTING = 5;

export interface ListingPlan {
  /** Papers shown for the first time, taking the next ordinals in creation order. */
  fresh: number;
  /** Ordinals of papers first shown in an earlier listing. */
  repeats: number[];
}

export interface CorpusPlan {
  listings: ListingPlan[];
  /** For each paper shown more than once: the indexes of its later listings, ascending. */
  laterListings: Map<number, number[]>;
}

export function planListings(papers: number, rng: Random): CorpusPlan {
  if (!Number.isInteger(papers) || papers < 1) throw new Error(`papers must be a positive integer, got ${papers}`);
  const listings: ListingPlan[] = [];
  const laterListings = new Map<number, number[]>();
  const pending = new Map<number, number[]>();
  const scheduleRepeat = (ordinal: number, after: number): number | undefined => {
    for (let target = after + rng.int(1, MAX_LAG); target <= after + MAX_LAG; target++) {
      const queue = pending.get(target) ?? [];
      if (queue.length >= MAX_REPEATS_PER_LISTING) continue;
      queue.push(ordinal);
      pending.set(target, queue);
      laterListings.set(ordinal, [...(laterListings.get(ordinal) ?? []), target]);
      return target;
    }
    return undefined;
  };

  let remaining = papers;
  let ordinal = 0;
  for (let index = 0; remaining > 0; index++) {
    const repeats = pending.get(index) ?? [];
    pending.delete(index);
    let fresh = rng.int(MIN_LISTING, MAX_LISTING) - repeats.length;
    if (remaining - fresh < MIN_LISTING) {
      // Close out: take everything if it fits, else leave exactly enough for one more listing.
      fresh = remaining + repeats.length <= MAX_LISTING ? remaining : remaining - MIN_LISTING;
    }
    for (let i = 0; i < fresh; i++, ordinal++) {
      if (!rng.chance(REPEAT)) continue;
      const first = scheduleRepeat(ordinal, index);
      if (first !== undefined && rng.chance(REPEAT_AGAIN)) scheduleRepeat(ordinal, first);
    }
    listings.push({ fresh, repeats });
    remaining -= fresh;
  }

  // Comebacks planned past the last listing never happen.
  for (const [ordinal, targets] of laterListings) {
    const kept = targets.filter((t) => t < listings.length);
    if (kept.length === 0) laterListings.delete(ordinal);
    else laterListings.set(ordinal, kept);
  }
  return { listings, laterListings };
}
