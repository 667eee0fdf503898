/**
 * Splits text into lines on LF, CRLF or a lone CR, chunk by chunk, so a file never has to be in
 * memory whole. A CR at the end of a chunk waits for the next one: it may be half of a CRLF.
 * A line may not grow past a limit: without one, a file with no line break (a 500 MB dump, a binary
 * file without NUL bytes) would be gathered into one string until the engine refuses it.
 */

/**
 * No listing in any format has a line this long: the longest line of a select-all copy is an
 * abstract (arXiv caps them at 1,920 characters), and a day's listing as one line of JSON is far
 * below a megabyte.
 */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

/** A line longer than the splitter's limit; `line` is its 1-based number. */
export class LineTooLongError extends Error {
  override name = "LineTooLongError";
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(`line longer than ${limit.toLocaleString("en-US")} characters`);
  }
}

const LINE_BREAKS = /\r\n|\r|\n/g;

export class LineSplitter {
  private readonly lineBreak = /\r\n|\r|\n/g;
  private rest = "";
  private pendingCR = false;
  /** Lines emitted so far. */
  private lines = 0;

  constructor(
    private readonly emit: (line: string) => void,
    private readonly maxLength = MAX_LINE_CHARS,
  ) {}

  push(chunk: string): void {
    let text = chunk;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (text.startsWith("\n")) text = text.slice(1);
    }
    let start = 0;
    this.lineBreak.lastIndex = 0;
    for (let m = this.lineBreak.exec(text); m; m = this.lineBreak.exec(text)) {
      if (this.rest.length + m.index - start > this.maxLength) throw new LineTooLongError(this.lines + 1, this.maxLength);
      const line = this.rest + text.slice(start, m.index);
      this.rest = "";
      this.lines++;
      this.emit(line);
      start = this.lineBreak.lastIndex;
      if (m[0] === "\r" && start === text.length) this.pendingCR = true;
    }
    if (this.rest.length + text.length - start > this.maxLength) throw new LineTooLongError(this.lines + 1, this.maxLength);
    this.rest += text.slice(start);
  }

  /** Emits the last line; a final line ending does not start another (empty) line. */
  end(): void {
    if (this.rest === "") return;
    const line = this.rest;
    this.rest = "";
    this.lines++;
    this.emit(line);
  }

  /** The 1-based line the end of `text` would fall on were it pushed now: where a problem inside the next chunk is. */
  lineAfter(text: string): number {
    const body = this.pendingCR && text.startsWith("\n") ? text.slice(1) : text;
    return this.lines + 1 + (body.match(LINE_BREAKS)?.length ?? 0);
  }
}
