/**
 * What must hold for any parse of any text: output in range and in order, every paper storable and
 * read back exactly, its body rendering to exactly its abstract, and nothing lost: each non-blank
 * input line is in a paper, is page chrome or the header date, or is reported (directly, or as part
 * of a block whose first line is reported). Failures throw with a message that names the line.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { parseListedDate, placeDate } from "../../ingest/listing-date.js";
import { cleanLine, isBareSeparator, isPageChrome, parseMetaLine, parseUpvotes } from "../../ingest/formats/text/listing-lines.js";
import type { ListedPaper, ParsedListing } from "../../ingest/formats/text/listing-parser.js";
import { createMarkdown } from "../../content/markdown.js";
import type { Paper } from "../../content/paper.js";
import { parsePaperFile, serializePaper } from "../../content/paper-file.js";

/** Lines as the format defines them: LF, CRLF or a lone CR; a final line break ends the last line. */
export function physicalLines(text: string): string[] {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

const md = createMarkdown();

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The file written for a paper reads back as the same record, and its body renders to exactly the abstract. */
export function checkStorable(paper: Paper): void {
  const file = serializePaper(paper);
  const back = parsePaperFile(file);
  if (!back.ok) throw new Error(`written file does not read back: ${back.problems.join("; ")}\n${file}`);
  deepStrictEqual(back.paper, paper);
  const html = paper.abstract
    .split("\n\n")
    .map((p) => `<p>${escapeHtml(p)}</p>\n`)
    .join("");
  strictEqual(md.render(back.body), html, "the body renders to exactly the abstract");
}

const CLEAN = /^(?!\s)(?:(?![\p{Cc}\t]| {2}).)*(?<!\s)$/su;

function checkClean(text: string, what: string): void {
  if (text === "" || !CLEAN.test(text)) throw new Error(`${what} is not clean text: ${JSON.stringify(text)}`);
}

const CONTROL_WARNING = /^removed \d+ control character\(s\)$/;
const STARTS_SKIP = /belongs to no paper|entry and its metadata skipped/;

/** Reports of text that may be a paper's and is in no paper: the ones that fail an ingest. */
const SKIP_REPORT = /belongs to no paper|has no abstract; entry and its metadata skipped|has no title|is followed by no abstract/;

/** Shape of the output, independent of the input: ranges, order, clean text, storable records, skips marked. */
export function checkOutput(parsed: ParsedListing, lineCount: number): void {
  let last = 0;
  for (const w of parsed.warnings) {
    if (SKIP_REPORT.test(w.message) !== (w.skipped === true)) throw new Error(`warning marked skipped wrongly: ${JSON.stringify(w)}`);
    if (!(Number.isInteger(w.line) && w.line >= 1 && w.line <= lineCount)) throw new Error(`warning outside the file: ${JSON.stringify(w)}`);
    if (w.line < last) throw new Error(`warnings out of line order at ${JSON.stringify(w)}`);
    last = w.line;
  }
  last = 0;
  for (const p of parsed.papers) {
    if (!(p.line > last && p.line <= lineCount)) throw new Error(`paper line ${p.line} out of order or outside the file`);
    last = p.line;
    checkClean(p.title, "title");
    for (const para of p.abstract.split("\n\n")) checkClean(para, "abstract paragraph");
    const { line: _line, ...paper } = p;
    checkStorable(paper);
  }
}

/**
 * Nothing dropped silently. Within each paper's span (its first line up to the next paper's), the
 * lines must be, in order: its vote line, its title, its paragraphs, then metadata whose values
 * the paper carries; anything else there, and anything before the first paper that is not page
 * chrome or the first date line, must be reported, or follow a report that skips a block.
 */
export function checkNothingLost(text: string, parsed: ParsedListing): void {
  const lines = physicalLines(text).map((raw, i) => cleanLine(i === 0 ? raw.replace(/^\uFEFF/, "") : raw).text);
  const placement = new Map<number, string[]>();
  for (const w of parsed.warnings) {
    if (CONTROL_WARNING.test(w.message)) continue;
    placement.set(w.line, [...(placement.get(w.line) ?? []), w.message]);
  }
  /** Whether the line before was reported as the start of a skipped block, or skipped with one. */
  let skipping = false;
  const fail = (i: number, why: string) => {
    throw new Error(`line ${i} ${JSON.stringify(lines[i - 1]!.slice(0, 80))} is lost: ${why}`);
  };

  const papers = parsed.papers;
  let headerDateSeen = false;
  let k = -1;
  let cursor: Cursor | undefined;
  for (let i = 1; i <= lines.length; i++) {
    const t = lines[i - 1]!;
    if (t === "") continue;
    while (k + 1 < papers.length && papers[k + 1]!.line === i) {
      if (cursor) checkComplete(cursor);
      k++;
      const paper = papers[k]!;
      cursor = { paper, step: paper.upvotes === undefined ? "title" : "votes", paragraph: 0, paragraphs: paper.abstract.split("\n\n") };
    }
    const messages = placement.get(i);
    if (messages) {
      skipping = messages.some((m) => STARTS_SKIP.test(m));
      // A reported line may still be part of a paper (a metadata line with an unreadable part).
      if (cursor) placeInPaper(cursor, i, t, parsed.listingDate, true);
      continue;
    }
    if (skipping && parseMetaLine(t) !== undefined) continue;
    skipping = false;
    const placed = cursor ? placeInPaper(cursor, i, t, parsed.listingDate, false) : placeInHeader(t, headerDateSeen);
    if (!cursor && placed && parseListedDate(t)) headerDateSeen = true;
    if (!placed)
      fail(i, cursor ? `not part of the paper on line ${cursor.paper.line} and not reported` : "before the first paper, not page chrome, not reported");
  }
  if (cursor) checkComplete(cursor);
  if (k !== papers.length - 1) throw new Error(`paper on line ${papers[k + 1]!.line} starts on no non-blank line`);
}

type Cursor = { paper: ListedPaper; step: "votes" | "title" | "paragraphs" | "meta" | "done"; paragraph: number; paragraphs: string[] };

/** The paper's title and every paragraph came from its own lines, in order. */
function checkComplete(c: Cursor): void {
  if (c.step === "votes" || c.step === "title" || c.paragraph < c.paragraphs.length) {
    throw new Error(`paper on line ${c.paper.line}: ${c.step === "paragraphs" ? `paragraph ${c.paragraph + 1}` : c.step} is not the text of its lines`);
  }
}

function placeInHeader(t: string, headerDateSeen: boolean): boolean {
  if (isPageChrome(t)) return true;
  const date = parseUpvotes(t) === undefined ? parseListedDate(t) : undefined;
  return date !== undefined && date.comments === undefined && !headerDateSeen;
}

/**
 * True when line `t` is the next part of the paper the cursor walks through. A reported line that
 * is not part of it does not end the paper: the parser skips it and goes on with the paper.
 */
function placeInPaper(c: Cursor, i: number, t: string, listingDate: string, reported: boolean): boolean {
  const p = c.paper;
  if (c.step === "votes") {
    if (i !== p.line || parseUpvotes(t) !== p.upvotes) throw new Error(`paper on line ${p.line} has upvotes ${p.upvotes} that line ${i} does not show`);
    c.step = "title";
    return true;
  }
  if (c.step === "title") {
    if (t !== p.title) throw new Error(`paper on line ${p.line}: title ${JSON.stringify(p.title)} is not the text of line ${i}`);
    c.step = "paragraphs";
    return true;
  }
  if (c.step === "paragraphs") {
    if (c.paragraph < c.paragraphs.length) {
      if (t !== c.paragraphs[c.paragraph]) return false;
      c.paragraph++;
      return true;
    }
    c.step = "meta";
  }
  if (c.step === "meta") {
    const meta = parseMetaLine(t);
    if (meta && metaReflected(meta, p, listingDate)) return true;
    if (!reported) c.step = "done";
  }
  return false;
}

function metaReflected(meta: NonNullable<ReturnType<typeof parseMetaLine>>, p: ListedPaper, listingDate: string): boolean {
  if (isBareSeparator(meta)) return true;
  if (meta.authors !== undefined && p.authors !== meta.authors) return false;
  if (meta.organization !== undefined && p.organization !== meta.organization) return false;
  if (meta.unreadable.length > 0) return false;
  if (meta.date) {
    if (meta.date.comments !== undefined && p.comments !== meta.date.comments) return false;
    const placed = placeDate(meta.date, listingDate);
    // A date the parser could not keep is reported on its line; the caller sees the report.
    if (placed === undefined || placed > listingDate) return false;
    if (p.published !== placed) return false;
  }
  return true;
}
