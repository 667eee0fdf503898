/**
 * Pulls the prose out of the bundled listing to train the language model on. This is not the
 * ingest parser: it only needs titles and abstract paragraphs, so it keeps lines that are neither
 * page chrome nor metadata and tells the two apart the way a reader does (abstracts are long
 * sentences ending in a period).
 */

export interface SeedText {
  titles: string[];
  paragraphs: string[];
}

const LISTING_DATE = /^[A-Z][a-z]{2} \d{1,2}(, \d{4})?$/;
const METADATA = /^([•*-]\s|·$|[A-Z][a-z]{2} \d{1,2}(, \d{4})?( \d+)?$|(\d+|-)$)/;

export function readSeedText(listing: string): SeedText {
  const lines = listing
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((line) => line.trim());
  const start = lines.findIndex((line) => LISTING_DATE.test(line));
  if (start < 0) throw new Error("seed listing: no listing date line found");
  const titles: string[] = [];
  const paragraphs: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === "" || METADATA.test(line)) continue;
    if (line.endsWith(".") && line.split(" ").length > 12) paragraphs.push(line);
    else titles.push(line);
  }
  if (paragraphs.length === 0) throw new Error("seed listing: no abstract paragraphs found");
  return { titles, paragraphs };
}
