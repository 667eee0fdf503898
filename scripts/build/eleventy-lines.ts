/** What Eleventy and the dev server print, read back by the benchmark and the dev server's runner. */

/** Eleventy's colour codes, which come even through a pipe when FORCE_COLOR is set. */
export function plainText(line: string): string {
  return line.replace(/\x1b\[[0-9;]*m/g, "");
}

/** The line the dev server prints once it listens, after its first build. */
export const SERVER_AT = /^\[11ty\] Server at https?:\/\/[^:/]+:(\d+)\//;

/** The port of the dev server's "[11ty] Server at http://localhost:8080/" line; undefined for any other line. */
export function serverPort(line: string): number | undefined {
  const match = SERVER_AT.exec(plainText(line));
  return match ? Number(match[1]) : undefined;
}

const ELEVENTY_WROTE = /Wrote (\d+) files? in (\d+(?:\.\d+)?) seconds?/;

/** Files written and seconds taken, from the line Eleventy prints after every build, even when quiet. */
export function parseEleventyLine(output: string): { files: number; ms: number } {
  const match = ELEVENTY_WROTE.exec(plainText(output));
  if (match === null) throw new Error(`Eleventy printed no "Wrote N files in S seconds" line: ${output.trim().slice(0, 200)}`);
  return { files: Number(match[1]), ms: Number(match[2]) * 1000 };
}

/** The line that ends every build, a failed one too ("Wrote 0 files"); the dev server prints one per rebuild. */
export const BUILD_ENDED = /^\[11ty\] .*Wrote \d+ files? in /;

/** What a search indexing run of the dev server did. */
export interface Indexed {
  pages: number;
  ms: number;
  /** Shards indexed again, of all the site's shards (the others had not changed). */
  written: number;
  shards: number;
}

/** The line the dev server prints when a search indexing run succeeds. */
export function indexedLine({ pages, ms, written, shards }: Indexed): string {
  return `[search] Indexed ${pages} papers in ${(ms / 1000).toFixed(2)} s (${written} of ${shards} shard${shards === 1 ? "" : "s"} indexed again)`;
}

const INDEXED = /^\[search\] Indexed (\d+) papers in (\d+(?:\.\d+)?) s \((\d+) of (\d+) shards? indexed again\)$/;
/** Either way a search indexing run of the dev server ends. */
export const INDEXING_ENDED = /^\[search\] Index(?:ed |ing failed)/;

/** An `indexedLine` read back; its error for "[search] Indexing failed". */
export function parseIndexedLine(line: string): Indexed {
  const match = INDEXED.exec(line);
  if (match === null) throw new Error(`the dev server's search indexing did not succeed: ${line}`);
  return { pages: Number(match[1]), ms: Number(match[2]) * 1000, written: Number(match[3]), shards: Number(match[4]) };
}
