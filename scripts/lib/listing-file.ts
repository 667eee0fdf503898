/**
 * A listing read from disk as a stream of UTF-8 chunks fed to the line parser. When only the page
 * header can date the listing, the file is read twice: once to find the date, once to parse.
 */
import { createReadStream } from "node:fs";
import { LineSplitter } from "./lines.js";
import {
  ListingError,
  ListingParser,
  listingDateAfterScan,
  listingDateBeforeReading,
  type ListingEnd,
  type ParsedListing,
} from "./listing-parser.js";

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "is a directory, not a listing file",
  EACCES: "permission denied",
};

async function parseStream(path: string, listingDate: string | undefined): Promise<{ listing: ParsedListing; end: ListingEnd }> {
  const listing: ParsedListing = { listingDate: "", papers: [], warnings: [] };
  const parser = new ListingParser(
    { paper: (p) => listing.papers.push(p), warning: (w) => listing.warnings.push(w) },
    listingDate === undefined ? {} : { listingDate },
  );
  const splitter = new LineSplitter((line) => parser.push(line));
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) splitter.push(decoder.decode(chunk as Buffer, { stream: true }));
    splitter.push(decoder.decode());
  } catch (error) {
    if (error instanceof ListingError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ERR_ENCODING_INVALID_ENCODED_DATA") throw new ListingError("binary input: not UTF-8 text");
    const reason = code === undefined ? undefined : READ_ERRORS[code];
    throw new ListingError(`cannot read: ${reason ?? (error as Error).message}`);
  }
  splitter.end();
  const end = parser.end();
  listing.listingDate = end.listingDate ?? "";
  return { listing, end };
}

/** Throws `ListingError` (one line, without the path) for input that is not a listing. */
export async function readListingFile(path: string, date: string | undefined): Promise<ParsedListing> {
  const first = await parseStream(path, listingDateBeforeReading({ date, fileName: path }));
  if (first.end.emitted) return first.listing;
  return (await parseStream(path, listingDateAfterScan(first.end))).listing;
}
