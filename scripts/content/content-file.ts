/**
 * Reading one content file (a paper or a digest manifest) as text, for the content check and for
 * ingest alike. Only a regular file is read, never through a link, with a size limit far above any
 * real paper or listing, so that a FIFO, a device, a folder with a paper's name or a huge file is
 * refused with a message instead of hanging, crashing or filling memory. The text must be UTF-8
 * without NUL characters: a decoder would silently turn a bad byte into U+FFFD, and markdown-it a
 * NUL, which is changing a contributor's text rather than showing it.
 */
import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

interface Position {
  line: number;
  column: number;
}

/** A paper of 1 MiB is a thousand abstracts; ingest writes a few kilobytes. */
export const MAX_PAPER_BYTES = 1024 * 1024;
/**
 * A manifest entry is about 150 bytes: 4 MiB holds 25,000 papers in one listing (a day lists a
 * few dozen), and a hand-edited one, read again as YAML for positions, in seconds.
 */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export type ContentText = { ok: true; text: string } | ({ ok: false; message: string } & Position);

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
const FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MiB`;
}

/** The text of a regular file of at most `maxBytes`, or why it cannot be content. */
export function readContentFile(file: string, maxBytes: number): ContentText {
  const start = { line: 1, column: 1 };
  let fd: number;
  try {
    fd = openSync(file, FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { ok: false, ...start, message: "is a symbolic link; the build does not follow links in content: put the file itself here" };
    return { ok: false, ...start, message: `cannot be read (${code ?? (error as Error).message})` };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { ok: false, ...start, message: "is a folder, not a file; content holds files only" };
    if (!stats.isFile()) return { ok: false, ...start, message: "is neither a file nor a folder (a pipe, socket or device); content holds files only" };
    if (stats.size > maxBytes) return { ok: false, ...start, message: `is ${megabytes(stats.size)}; a content file may hold at most ${megabytes(maxBytes)}` };
    // One byte more than allowed, so that a file grown since fstat is caught too.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    for (let read; length < buffer.length && (read = readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += read;
    if (length > maxBytes) return { ok: false, ...start, message: `is larger than ${megabytes(maxBytes)}; a content file may hold at most that` };
    return decodeContent(buffer.subarray(0, length));
  } catch (error) {
    return { ok: false, ...start, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  } finally {
    closeSync(fd);
  }
}

/** Bytes as text: UTF-8 (a leading byte-order mark is kept for the reader to skip) without NUL characters. */
export function decodeContent(bytes: Uint8Array): ContentText {
  if (!isUtf8(bytes)) {
    const offset = firstInvalidUtf8(bytes);
    return { ok: false, ...positionOfByte(bytes, offset), message: `is not UTF-8 text: byte 0x${bytes[offset]!.toString(16).padStart(2, "0")} at byte ${offset} starts no character; save the file as UTF-8` };
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  const nul = text.indexOf("\0");
  if (nul !== -1) return { ok: false, ...positionOfChar(text, nul), message: "holds a NUL character (U+0000): content is text; remove it" };
  return { ok: true, text };
}

/** Offset of the first byte that does not begin or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    if (!isUtf8(bytes.subarray(i, i + length))) return i;
    i += length;
  }
  return 0;
}

function positionOfByte(bytes: Uint8Array, offset: number): Position {
  const before = Buffer.from(bytes.buffer, bytes.byteOffset, offset).toString("utf8");
  return positionOfChar(before, before.length);
}

/** Line and column (in UTF-16 code units, as editors and the YAML positions count) of an offset. */
function positionOfChar(text: string, offset: number): Position {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return { line, column: offset - lineStart + 1 };
}
