/**
 * Writes one listing file the way copies of the Daily Papers page come out: page chrome, the
 * listing date, then each paper as upvotes?, title, abstract paragraphs, metadata?. Every layout
 * variant the parser accepts shows up at some rate; none changes what the paper says.
 */
import type { Paper } from "../../content/paper.js";
import { readsBackWithoutYear, spellDate } from "./calendar.js";
import type { Random } from "./random.js";

const CRLF = 0.1;
const BOM = 0.05;
const TRAILING_SPACES = 0.02;

function chrome(rng: Random): string[] {
  const lines: string[] = [];
  if (rng.chance(0.8)) lines.push("new");
  lines.push(rng.chance(0.7) ? "Get trending papers in your email inbox!" : "Get trending papers in your email inbox once a day!");
  lines.push("Subscribe", "Daily Papers");
  lines.push(rng.chance(0.7) ? "byAK and the research community" : "by AK and the research community");
  if (rng.chance(0.3)) lines.push("Daily", "Weekly", "Monthly");
  return lines;
}

function upvoteLine(rng: Random, upvotes: number): string {
  return upvotes === 0 && rng.chance(0.8) ? "-" : String(upvotes);
}

function bullet(rng: Random): string {
  const roll = rng.float();
  return roll < 0.85 ? "•" : roll < 0.93 ? "*" : "-";
}

function byline(rng: Random, paper: Paper): string {
  if (paper.organization !== undefined) return paper.organization;
  if (paper.authors === 1) return rng.chance(0.5) ? "1 authors" : "1 author";
  return `${paper.authors} authors`;
}

/** `Sep 22, 2023`, or `Sep 22` when that reads back as the same day; then the comment count. */
function dateLine(rng: Random, published: string, listingDate: string, comments: number | undefined): string {
  const sameYear = published.slice(0, 4) === listingDate.slice(0, 4);
  const dropYear = readsBackWithoutYear(published, listingDate) && rng.chance(sameYear ? 0.85 : 0.5);
  const date = spellDate(published, !dropYear);
  return comments === undefined ? date : `${date} ${comments}`;
}

/** The metadata group, or nothing when the listing shows none. */
function metadata(rng: Random, paper: Paper, listingDate: string): string[] {
  if (paper.published === undefined) return [];
  const who = `  ${bullet(rng)} ${byline(rng, paper)}`;
  const when = dateLine(rng, paper.published, listingDate, paper.comments);
  return rng.chance(0.2) ? [`${who} · ${when}`] : [who, "·", when];
}

/** The exact bytes of one listing file; `date` is the listing's YYYY-MM-DD. */
export function renderListing(rng: Random, date: string, papers: readonly Paper[]): string {
  const blocks: string[][] = chrome(rng).map((line) => [line]);
  blocks.push([spellDate(date, rng.chance(0.25))]);
  for (const paper of papers) {
    if (paper.upvotes !== undefined) {
      const votes = upvoteLine(rng, paper.upvotes);
      if (rng.chance(0.8)) blocks.push([votes], [paper.title]);
      else blocks.push([votes, paper.title]);
    } else {
      blocks.push([paper.title]);
    }
    for (const paragraph of paper.abstract.split("\n\n")) blocks.push([paragraph]);
    const meta = metadata(rng, paper, date);
    if (meta.length > 0) blocks.push(meta);
  }
  const lines: string[] = [];
  for (const block of blocks) {
    if (lines.length > 0) lines.push("");
    lines.push(...block);
  }
  const eol = rng.chance(CRLF) ? "\r\n" : "\n";
  const text = lines.map((line) => (rng.chance(TRAILING_SPACES) ? line + " ".repeat(rng.int(1, 3)) : line)).join(eol);
  // The seed itself ends without a final newline; most saved files have one.
  return (rng.chance(BOM) ? "\uFEFF" : "") + text + (rng.chance(0.7) ? eol : "");
}
