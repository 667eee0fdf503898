/**
 * The registry of source formats, and how a listing's format is chosen: `--format NAME`, else the
 * format most sure of the listing's first 64 KiB. A tie between the two surest is refused rather
 * than settled silently.
 */
import type { SourceFormat } from "./source-format.js";
import { hfJsonFormat } from "./hf-json/index.js";
import { linkLinesFormat } from "./linklines/index.js";
import { markdownFormat } from "./markdown/index.js";
import { refsFormat } from "./refs/index.js";
import { textFormat } from "./text/index.js";
import { ListingError } from "./text/listing-parser.js";

export type { SourceFormat } from "./source-format.js";

/** Every format ingest reads. */
export const FORMATS: readonly SourceFormat[] = [textFormat, markdownFormat, refsFormat, linkLinesFormat, hfJsonFormat];

export const HEAD_BYTES = 64 * 1024;

export function formatNamed(name: string): SourceFormat {
  const format = FORMATS.find((f) => f.name === name);
  if (!format) throw new ListingError(`unknown format ${JSON.stringify(name)}; the formats are ${FORMATS.map((f) => f.name).join(", ")}`);
  return format;
}

/** The format of a listing that begins with `head`; throws ListingError when none or two at once fit. */
export function detectFormat(head: string, fileName: string, formats: readonly SourceFormat[] = FORMATS): SourceFormat {
  const scored = formats.map((format) => ({ format, score: format.detect(head, fileName) })).sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best || best.score <= 0)
    throw new ListingError(`this does not look like a Daily Papers listing: no format ingest reads (${formats.map((f) => f.name).join(", ")}) recognises it`);
  if (second && second.score === best.score) {
    throw new ListingError(`could be a ${best.format.label} or a ${second.format.label}; pass --format ${best.format.name} or --format ${second.format.name}`);
  }
  return best.format;
}
