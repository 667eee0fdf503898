/**
 * Splits text into lines on LF, CRLF or a lone CR, chunk by chunk, so a file never has to be in
 * memory whole. A CR at the end of a chunk waits for the next one: it may be half of a CRLF.
 */
export class LineSplitter {
  private readonly lineBreak = /\r\n|\r|\n/g;
  private rest = "";
  private pendingCR = false;

  constructor(private readonly emit: (line: string) => void) {}

  push(chunk: string): void {
    let text = chunk;
    if (this.pendingCR) {
      this.pendingCR = false;
      if (text.startsWith("\n")) text = text.slice(1);
    }
    let start = 0;
    this.lineBreak.lastIndex = 0;
    for (let m = this.lineBreak.exec(text); m; m = this.lineBreak.exec(text)) {
      const line = this.rest + text.slice(start, m.index);
      this.rest = "";
      this.emit(line);
      start = this.lineBreak.lastIndex;
      if (m[0] === "\r" && start === text.length) this.pendingCR = true;
    }
    this.rest += text.slice(start);
  }

  /** Emits the last line; a final line ending does not start another (empty) line. */
  end(): void {
    if (this.rest === "") return;
    const line = this.rest;
    this.rest = "";
    this.emit(line);
  }
}
