/**
 * Author-count bands for the search filter. Exact counts would make a long list of rarely used values;
 * bands keep the filter short. Pagefind sorts filter values as strings, so clients order them with
 * `compareBands`, never alphabetically.
 */

const BANDS: readonly (readonly [number, number])[] = [
  [1, 1],
  [2, 3],
  [4, 6],
  [7, 10],
  [11, 20],
  [21, 50],
  [51, Number.POSITIVE_INFINITY],
];

const UNKNOWN_BAND = "unknown";

function bandName([low, high]: readonly [number, number]): string {
  if (high === Number.POSITIVE_INFINITY) return `${low}+`;
  return low === high ? String(low) : `${low}–${high}`;
}

/** Every band name in numeric order, unknown last. */
export const AUTHOR_BANDS: readonly string[] = [...BANDS.map(bandName), UNKNOWN_BAND];

export function authorBand(authors: number | undefined): string {
  if (authors === undefined) return UNKNOWN_BAND;
  const band = BANDS.find(([low, high]) => authors >= low && authors <= high);
  if (!band) throw new Error(`no author band for ${authors}`);
  return bandName(band);
}

/** Numeric order of band names; names that are not bands go last, in string order. */
export function compareBands(a: string, b: string): number {
  const rank = (name: string) => {
    const i = AUTHOR_BANDS.indexOf(name);
    return i === -1 ? AUTHOR_BANDS.length : i;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
