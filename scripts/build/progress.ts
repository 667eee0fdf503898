/**
 * Progress for long runs, kept at the edge of a command (the CLI), out of the modules that do the
 * work. `StatusOutput` owns the command's output: permanent lines, and a status line that a
 * terminal redraws in place (`\r`, erase to end of line) or that becomes a plain line at most
 * every few seconds in a file or a CI log. Going through one object keeps a permanent line from
 * landing in the middle of a status line. Output and clock are injected, so tests can drive it.
 */
import type { IngestProgress, ListingSummary } from "../ingest/ingest.js";

const ERASE_LINE = "\x1b[K";
/** Permanent lines wait at most this long, or until this much is waiting: thousands of summary lines, few writes. */
const FLUSH_MS = 100;
const FLUSH_BYTES = 16 * 1024;

export interface StatusOutputOptions {
  write(text: string): void;
  /** True when the output is a terminal, where the status line is redrawn in place. */
  tty: boolean;
  /** Milliseconds, from any origin. */
  now(): number;
  /** Least time between two status updates: short on a terminal, long for plain lines. */
  ttyInterval?: number;
  plainInterval?: number;
}

export class StatusOutput {
  private readonly interval: number;
  private lastStatus: number;
  private lastWrite: number;
  /** Permanent lines not written yet. */
  private pending = "";
  /** The status line on the terminal now, "" when none. */
  private shown = "";

  constructor(private readonly options: StatusOutputOptions) {
    this.interval = options.tty ? (options.ttyInterval ?? 100) : (options.plainInterval ?? 5000);
    // A run shorter than one interval prints no status at all.
    this.lastStatus = this.lastWrite = options.now();
  }

  line(text: string): void {
    this.pending += `${text}\n`;
    const now = this.options.now();
    if (this.pending.length >= FLUSH_BYTES || now - this.lastWrite >= FLUSH_MS) this.write(this.shown, now);
  }

  /** Offers a status; `text` is only called when one is due, so offering often is cheap. */
  status(text: () => string): void {
    const now = this.options.now();
    if (now - this.lastStatus < this.interval) return;
    this.lastStatus = now;
    if (this.options.tty) return this.write(text(), now);
    this.pending += `${text()}\n`;
    this.write("", now);
  }

  /** Writes what waits and takes the status line off the terminal: before the closing lines, or an error. */
  clear(): void {
    this.write("", this.options.now());
  }

  /** Writes the waiting lines, then leaves `status` ("" for none) on the terminal's last line. */
  private write(status: string, now: number): void {
    if (this.pending === "" && status === this.shown) return;
    this.options.write(`${this.shown === "" ? "" : `\r${ERASE_LINE}`}${this.pending}${status}`);
    this.pending = "";
    this.shown = status;
    this.lastWrite = now;
  }
}

/** Below this many papers a run is quick, and prints what it always printed: no progress, no total. */
export const LARGE_INPUT_PAPERS = 1000;

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function perSecond(count: number, ms: number): string {
  return ms > 0 ? String(Math.round((count * 1000) / ms)) : "-";
}

/** A status, with a rate once the phase has run long enough for the rate to mean something. */
function withRate(text: string, count: number, unit: string, ms: number): string {
  return ms < 1000 ? text : `${text}, ${perSecond(count, ms)} ${unit}/s`;
}

/** Ingest's progress as status lines, and its closing total with timings. */
export class IngestReporter implements IngestProgress {
  private readonly started: number;
  private checkStarted: number | undefined;
  private writeStarted: number | undefined;

  constructor(
    private readonly output: StatusOutput,
    private readonly now: () => number,
    private readonly largeInput = LARGE_INPUT_PAPERS,
  ) {
    this.started = now();
  }

  reading(papers: number, listings: number, totalListings: number): void {
    if (papers < this.largeInput) return;
    this.output.status(() =>
      withRate(`reading listings: ${papers} papers, ${listings}/${totalListings} listings`, papers, "papers", this.now() - this.started),
    );
  }

  checking(files: number, totalFiles: number): void {
    this.checkStarted ??= this.now();
    if (totalFiles < this.largeInput) return;
    const started = this.checkStarted;
    this.output.status(() => withRate(`checking existing files: ${files}/${totalFiles}`, files, "files", this.now() - started));
  }

  writing(papers: number, listings: number, totalPapers: number, totalListings: number): void {
    this.writeStarted ??= this.now();
    if (totalPapers < this.largeInput) return;
    const started = this.writeStarted;
    this.output.status(() =>
      withRate(`writing papers: ${papers}/${totalPapers}, ${listings}/${totalListings} listings`, papers, "papers", this.now() - started),
    );
  }

  /** For a large input, prints the total and where the time went; writes all that waits, clears the status line. */
  finish(summaries: readonly ListingSummary[]): void {
    const sum = (count: (s: ListingSummary) => number) => summaries.reduce((total, s) => total + count(s), 0);
    const papers = sum((s) => s.papers);
    if (papers >= this.largeInput) this.output.line(this.total(summaries, papers, sum));
    this.output.clear();
  }

  private total(summaries: readonly ListingSummary[], papers: number, sum: (count: (s: ListingSummary) => number) => number): string {
    const end = this.now();
    const checkStarted = this.checkStarted ?? end;
    const writeStarted = this.writeStarted ?? end;
    const outcome = [`${sum((s) => s.new)} new`, `${sum((s) => s.updated)} updated`, `${sum((s) => s.unchanged)} unchanged`];
    const invalid = sum((s) => s.invalid);
    if (invalid > 0) outcome.push(`${invalid} invalid files left alone`);
    const phases = [
      `reading ${seconds(checkStarted - this.started)} s`,
      `checking ${seconds(writeStarted - checkStarted)} s`,
      `writing ${seconds(end - writeStarted)} s`,
    ];
    return (
      `ingested ${papers} papers from ${summaries.length} listings in ${seconds(end - this.started)} s ` +
      `(${perSecond(papers, end - this.started)} papers/s): ${outcome.join(", ")}; ${phases.join(", ")}`
    );
  }
}

export interface PhaseWindow {
  name: string;
  /** Milliseconds on the reporter's clock. */
  start: number;
  end: number;
}

/**
 * The build's progress: which phase runs, pages rendered with their rate, search shards indexed and
 * how long indexing has taken so far, and a closing line with each phase's time.
 */
export class BuildReporter {
  private current: { name: string; start: number } | undefined;
  private readonly done: PhaseWindow[] = [];
  private indexTimer: ReturnType<typeof setInterval> | undefined;
  private shardsDone = "";
  /** When Eleventy wrote its first page: it reads every template before writing any. */
  private firstPage: number | undefined;

  constructor(
    private readonly output: StatusOutput,
    private readonly now: () => number,
  ) {}

  /** Ends the phase running, if any, and starts `name`. */
  phase(name: string): void {
    this.endPhase();
    const start = this.now();
    this.current = { name, start };
    if (name === "index") {
      this.indexTimer = setInterval(() => this.output.status(() => `indexing for search: ${this.shardsDone}${seconds(this.now() - start)} s`), 1000);
      this.indexTimer.unref();
    }
  }

  /** Pagefind reports nothing while it builds a shard: the status counts shards, and the seconds tick. */
  indexed(pages: number, shard: number, shards: number): void {
    this.shardsDone = `${pages} pages in ${shard}/${shards} shards, `;
    const started = this.current?.start ?? this.now();
    this.output.status(() => withRate(`indexing for search: ${pages} pages in ${shard}/${shards} shards`, pages, "pages", this.now() - started));
  }

  rendered(pages: number): void {
    const started = (this.firstPage ??= this.now());
    this.output.status(() => withRate(`rendering pages: ${pages} written`, pages, "pages", this.now() - started));
  }

  /** The phases so far, the running one ended now. */
  finish(): readonly PhaseWindow[] {
    this.endPhase();
    this.output.clear();
    return this.done;
  }

  private endPhase(): void {
    if (this.indexTimer) clearInterval(this.indexTimer);
    this.indexTimer = undefined;
    if (this.current) this.done.push({ ...this.current, end: this.now() });
    this.current = undefined;
  }
}

/** `ingest 3.10 s, render 46.19 s, index 27.24 s`. */
export function phaseTimes(phases: readonly PhaseWindow[]): string {
  return phases.map((p) => `${p.name} ${seconds(p.end - p.start)} s`).join(", ");
}

/** A message per page cost more CPU than the page's own write; the build shows progress no finer than this. */
export const PROGRESS_INTERVAL_MS = 100;

/** Passes on a running count at most every `intervalMs`: the first, then the latest when due. */
export function throttled(report: (pages: number) => void, intervalMs: number, now: () => number = performance.now.bind(performance)): (pages: number) => void {
  let last = -Infinity;
  return (pages) => {
    const time = now();
    if (time - last < intervalMs) return;
    last = time;
    report(pages);
  };
}
