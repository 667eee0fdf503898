/** What Eleventy prints, read back by the benchmark and the dev server's runner. */

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
