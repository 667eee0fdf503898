/**
 * A strict reader of the listing format, written from issue 2 §2 independently of the generator, to
 * prove every generated paper can be recovered. It throws on anything it cannot place, where the
 * real parser would warn: here that means the generator emitted something outside the format.
 */
import type { Paper } from "../../scripts/lib/paper.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const CHROME = new Set([
  "new",
  "Get trending papers in your email inbox!",
  "Get trending papers in your email inbox once a day!",
  "Subscribe",
  "Daily Papers",
  "byAK and the research community",
  "by AK and the research community",
  "Daily",
  "Weekly",
  "Monthly",
]);
const DATE = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2})(?:, (\d{4}))?(?: (\d+))?$/;
const BYLINE = /^[•*-] (.+)$/;
const UPVOTES = /^(\d+|-)$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function resolveDate(line: string, listingDate: string): { published: string; comments?: number } {
  const m = DATE.exec(line);
  if (!m) throw new Error(`not a date line: ${JSON.stringify(line)}`);
  const month = MONTHS.indexOf(m[1]!) + 1;
  const day = Number(m[2]);
  let year = m[3] === undefined ? Number(listingDate.slice(0, 4)) : Number(m[3]);
  let published = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (m[3] === undefined && published > listingDate) {
    year -= 1;
    published = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  }
  const check = new Date(`${published}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== published) throw new Error(`no such day: ${line}`);
  return m[4] === undefined ? { published } : { published, comments: Number(m[4]) };
}

export function readListing(text: string, listingDate: string): Paper[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/).map((line) => line.trim());
  return parseBlocks(splitBlocks(lines), listingDate);
}

function splitBlocks(lines: string[]): string[][] {
  const blocks: string[][] = [];
  let block: string[] = [];
  for (const line of lines) {
    if (line !== "") {
      block.push(line);
    } else if (block.length > 0) {
      blocks.push(block);
      block = [];
    }
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}

function parseBlocks(blocks: string[][], listingDate: string): Paper[] {
  let i = 0;
  for (; i < blocks.length; i++) {
    const [line, ...rest] = blocks[i]!;
    if (rest.length > 0) throw new Error(`chrome block of several lines: ${blocks[i]!.join(" | ")}`);
    if (DATE.test(line!)) break;
    if (!CHROME.has(line!)) throw new Error(`unknown page chrome: ${JSON.stringify(line)}`);
  }
  if (i === blocks.length) throw new Error("no listing date line");
  const papers: Paper[] = [];
  let paper: Paper | undefined;
  let paragraphs: string[] = [];
  let upvotes: number | undefined;
  let closed = true;
  const finish = () => {
    if (paper === undefined) return;
    if (paragraphs.length === 0) throw new Error(`paper without abstract: ${paper.title}`);
    paper.abstract = paragraphs.join("\n\n");
    papers.push(paper);
    paper = undefined;
    paragraphs = [];
  };
  const startPaper = (title: string) => {
    if (paper !== undefined && paragraphs.length === 0) throw new Error(`title without abstract: ${paper.title}`);
    if (title.endsWith(".")) throw new Error(`title reads as prose: ${title}`);
    finish();
    paper = { title, digests: [listingDate], abstract: "" };
    if (upvotes !== undefined) paper.upvotes = upvotes;
    upvotes = undefined;
    closed = false;
  };
  for (i += 1; i < blocks.length; i++) {
    const block = blocks[i]!;
    const head = block[0]!;
    if (BYLINE.test(head)) {
      if (paper === undefined || closed || paragraphs.length === 0) throw new Error(`metadata out of place: ${head}`);
      const inline = head.split(" · ");
      const parts = block.length === 1 && inline.length === 2 ? [inline[0]!, "·", inline[1]!] : block;
      const who = BYLINE.exec(parts[0]!)![1]!.trim();
      if (parts.length !== 3 || parts[1] !== "·") throw new Error(`malformed metadata: ${block.join(" | ")}`);
      const count = /^(\d+) authors?$/.exec(who);
      if (count) paper.authors = Number(count[1]);
      else paper.organization = who;
      Object.assign(paper, resolveDate(parts[2]!, listingDate));
      closed = true;
      continue;
    }
    if (block.length === 2 && UPVOTES.test(head)) {
      upvotes = head === "-" ? 0 : Number(head);
      startPaper(block[1]!);
      continue;
    }
    if (block.length !== 1) throw new Error(`unexpected block: ${block.join(" | ")}`);
    if (UPVOTES.test(head)) {
      if (upvotes !== undefined) throw new Error(`two upvote lines in a row: ${head}`);
      upvotes = head === "-" ? 0 : Number(head);
    } else if (!closed && paper !== undefined && head.endsWith(".")) {
      paragraphs.push(head);
    } else {
      startPaper(head);
    }
  }
  if (upvotes !== undefined) throw new Error("upvote line at the end");
  finish();
  return papers;
}
