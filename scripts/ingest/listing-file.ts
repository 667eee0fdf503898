/**
 * A listing read from disk in fixed-size chunks of UTF-8 fed to the line parser, papers handed to
 * a sink as they complete: nothing of the file is held but the chunk being split. When only the
 * page header can date the listing, the file is read twice: once to find the date, once to parse.
 * Reads are synchronous: a listing is a few chunks, and the callers handle one listing at a time.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { detectFormat, HEAD_BYTES } from "./formats/index.js";
import type { SourceFormat } from "./formats/source-format.js";
import { ListingError, listingDateAfterScan, listingDateBeforeReading, type ListingEnd, type ListingSink } from "./formats/text/listing-parser.js";
import { LineSplitter, LineTooLongError } from "./lines.js";

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "is a directory, not a listing file",
  EACCES: "permission denied",
  // O_NOFOLLOW: a link from a pull request (`sources/x.txt` → `.git/config`) could publish what it points at.
  ELOOP: "is a symbolic link; ingest reads only real files: copy the listing in instead",
};

/**
 * Opens a listing that is a regular file: not through a symbolic link, and without blocking on a
 * FIFO (which would wait for a writer for ever) or reading a device.
 */
function openListing(path: string): number {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  const stat = fstatSync(fd);
  if (stat.isFile()) return fd;
  closeSync(fd);
  throw Object.assign(new Error(stat.isDirectory() ? "is a directory" : "not a regular file"), {
    code: stat.isDirectory() ? "EISDIR" : "ENOTREGULAR",
  });
}

/** The size `createReadStream` reads in; large enough that a typical listing is one or two reads. */
const CHUNK_BYTES = 64 * 1024;

export interface ListingFileEnd {
  listingDate: string;
  /** Papers handed to the sink, repeats included. */
  papers: number;
  /** Bytes read: with `papers`, what tells a second reading that the file is still the same. */
  bytes: number;
}

function readError(error: unknown, line?: number): ListingError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ERR_ENCODING_INVALID_ENCODED_DATA") return new ListingError("binary input: not UTF-8 text", line);
  if (code === "ENOTREGULAR") return new ListingError("cannot read: not a regular file (a FIFO, socket or device), not a listing file");
  const reason = code === undefined ? undefined : READ_ERRORS[code];
  return new ListingError(`cannot read: ${reason ?? (error as Error).message}`);
}

/** The first bytes of a file, cut at its last line break (or whole when it is that short), for detection. */
export function readHead(path: string): string {
  let fd: number;
  try {
    fd = openListing(path);
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

/** Continuation bytes a UTF-8 lead byte announces; 0 for a byte that cannot start a sequence of several. */
function continuationBytes(lead: number): number {
  return lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
}

/** How many bytes at the end of `bytes` begin a character that the next chunk completes. */
export function incompleteTail(bytes: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const byte = bytes[bytes.length - k]!;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) return continuationBytes(byte) >= k ? k : 0;
  }
  return 0;
}

/**
 * How many bytes at the start of `bytes` are valid UTF-8 (as the decoder's fatal mode reads it).
 * A sequence cut off by the end of `bytes` counts as valid: the next chunk completes it.
 */
export function validUtf8Length(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const extra = continuationBytes(lead);
    if (extra === 0) return i;
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= extra; k++) {
      if (i + k >= bytes.length) return bytes.length;
      const byte = bytes[i + k]!;
      if (k === 1 ? byte < low || byte > high : (byte & 0xc0) !== 0x80) return i;
    }
    i += extra + 1;
  }
  return bytes.length;
}

function parseFile(
  path: string,
  format: SourceFormat,
  listingDate: string | undefined,
  sink: ListingSink,
  fromFileName = false,
): { end: ListingEnd; bytes: number } {
  const parser = format.createParser(sink, listingDate === undefined ? {} : { listingDate, listingDateFrom: fromFileName ? "file name" : "option" });
  const splitter = new LineSplitter((line) => parser.push(line));
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let fd: number;
  try {
    fd = openListing(path);
  } catch (error) {
    throw readError(error);
  }
  let bytes = 0;
  /** The end of the chunk before that begins a character, for the line of a decoding error. */
  let carry: Uint8Array = new Uint8Array(0);
  try {
    for (let read = -1; read !== 0;) {
      // Only the file system and the decoder "cannot read": the parser's and the sink's errors pass through.
      let text: string;
      try {
        read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
        bytes += read;
        text = read === 0 ? decoder.decode() : decoder.decode(buffer.subarray(0, read), { stream: true });
      } catch (error) {
        // The line of the first byte that is not UTF-8, for the message.
        const tail = Buffer.concat([carry, buffer.subarray(0, Math.max(read, 0))]);
        throw readError(error, splitter.lineAfter(new TextDecoder("utf-8").decode(tail.subarray(0, validUtf8Length(tail)))));
      }
      carry = Buffer.from(buffer.subarray(read - incompleteTail(buffer.subarray(0, read)), read));
      try {
        splitter.push(text);
      } catch (error) {
        if (error instanceof LineTooLongError) throw new ListingError(`${error.message}: no listing has lines that long`, error.line);
        throw error;
      }
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
