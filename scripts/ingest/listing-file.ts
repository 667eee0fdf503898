/**
 * A listing read from disk in fixed-size chunks of UTF-8 fed to the line parser, papers handed to
 * a sink as they complete: nothing of the file is held but the chunk being split. When only the
 * page header can date the listing, the file is read twice: once to find the date, once to parse.
 * Reads are synchronous: a listing is a few chunks, and the callers handle one listing at a time.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { detectFormat, HEAD_BYTES } from "./formats/index.js";
import type { SourceFormat } from "./formats/source-format.js";
import { ListingError, listingDateAfterScan, listingDateBeforeReading, type ListingEnd, type ListingSink } from "./formats/text/listing-parser.js";
import { LineSplitter } from "./lines.js";

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "is a directory, not a listing file",
  EACCES: "permission denied",
};

/** The size `createReadStream` reads in; large enough that a typical listing is one or two reads. */
const CHUNK_BYTES = 64 * 1024;

export interface ListingFileEnd {
  listingDate: string;
  /** Papers handed to the sink, repeats included. */
  papers: number;
  /** Bytes read: with `papers`, what tells a second reading that the file is still the same. */
  bytes: number;
}

function readError(error: unknown): ListingError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ERR_ENCODING_INVALID_ENCODED_DATA") return new ListingError("binary input: not UTF-8 text");
  const reason = code === undefined ? undefined : READ_ERRORS[code];
  return new ListingError(`cannot read: ${reason ?? (error as Error).message}`);
}

/** The first bytes of a file, cut at its last line break (or whole when it is that short), for detection. */
export function readHead(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw readError(error);
  }
  try {
    const buffer = Buffer.allocUnsafe(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    const text = new TextDecoder("utf-8").decode(buffer.subarray(0, read));
    if (read < HEAD_BYTES) return text;
    const cut = Math.max(text.lastIndexOf("\n"), 0);
    return text.slice(0, cut);
  } catch (error) {
    throw readError(error);
  } finally {
    closeSync(fd);
  }
}

function parseFile(path: string, format: SourceFormat, listingDate: string | undefined, sink: ListingSink, fromFileName = false): { end: ListingEnd; bytes: number } {
  const parser = format.createParser(sink, listingDate === undefined ? {} : { listingDate, listingDateFrom: fromFileName ? "file name" : "option" });
  const splitter = new LineSplitter((line) => parser.push(line));
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw readError(error);
  }
  let bytes = 0;
  try {
    for (let read = -1; read !== 0; ) {
      // Only the file system and the decoder "cannot read": the parser's and the sink's errors pass through.
      let text: string;
      try {
        read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
        bytes += read;
        text = read === 0 ? decoder.decode() : decoder.decode(buffer.subarray(0, read), { stream: true });
      } catch (error) {
        throw readError(error);
      }
      splitter.push(text);
    }
  } finally {
    closeSync(fd);
  }
  splitter.end();
  return { end: parser.end(), bytes };
}

/**
 * Streams one listing's papers and warnings into `sink`, each exactly once, in listed order.
 * Throws `ListingError` (one line, without the path) for input that is not a listing; by then
 * the sink may have been given the papers before the problem. Without `format`, the format is
 * detected from the file's head (formats/index.ts).
 */
export function readListingFile(path: string, date: string | undefined, sink: ListingSink, format: SourceFormat = listingFormat(path)): ListingFileEnd {
  const first = parseFile(path, format, listingDateBeforeReading({ date, fileName: path }), sink, date === undefined);
  const { end, bytes } = first.end.emitted ? first : parseFile(path, format, listingDateAfterScan(first.end), sink);
  return { listingDate: end.listingDate!, papers: end.papers, bytes };
}

/** The format of a listing file, detected from its head (formats/index.ts). */
export function listingFormat(path: string): SourceFormat {
  return detectFormat(readHead(path), path);
}
