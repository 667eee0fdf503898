/**
 * The seam between ingest and the ways people capture a Daily Papers listing. Each format reads
 * its input line by line and hands complete papers (with the line they start on) and warnings to
 * a sink; ingest does the rest (slugs, files, manifests) the same way for every format. A new
 * format is a folder under `formats/` and one line in `formats/index.ts`.
 */
import type { ListingEnd, ListingParserOptions, ListingSink } from "./text/listing-parser.js";

export type { ListedPaper, ListingEnd, ListingParserOptions, ListingSink, ListingWarning } from "./text/listing-parser.js";

/** A streaming parser of one listing: every line in order (without its line break), then `end`. */
export interface FormatParser {
  push(line: string): void;
  /** Throws `ListingError` for input that is not a listing of this format. */
  end(): ListingEnd;
}

export interface SourceFormat {
  /** What `--format` takes and the summary line prints, e.g. `text`. */
  readonly name: string;
  /** For messages, e.g. `select-all text copy`. */
  readonly label: string;
  /**
   * How sure the format is that a listing beginning with `head` (up to the first 64 KiB, cut at a
   * line break) is one of its own: 0 for certainly not, up to 1. Pure and cheap.
   */
  detect(head: string, fileName: string): number;
  createParser(sink: ListingSink, options: ListingParserOptions): FormatParser;
}
